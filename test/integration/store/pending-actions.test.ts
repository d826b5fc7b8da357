import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.js';
import {
  getPendingAction,
  insertPendingActions,
  type NewPendingAction,
} from '../../../src/store/pending-actions.js';
import { testEngines } from '../../support/test-database.js';
import { storeSampleAnswer } from './fixtures/sample-answer.js';

describe.each(testEngines)('pending actions on $kind', ({ open }) => {
  let db: Database;
  let answerId: string;
  beforeAll(async () => {
    db = await open();
    answerId = await storeSampleAnswer(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  function proposal(overrides: Partial<NewPendingAction> = {}): NewPendingAction {
    return {
      answerId,
      conversationId: '19:abc@thread.tacv2',
      action: 'entra.resetPassword',
      target: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
      why: 'Credentials are likely compromised.',
      destructive: true,
      expiresAt: new Date(Date.now() + 15 * 60_000),
      ...overrides,
    };
  }

  it('stores several actions at once and returns their ids in order', async () => {
    const expiresAt = new Date('2031-01-02T03:04:05.678Z');
    const ids = await insertPendingActions(db, [
      proposal({ expiresAt }),
      proposal({
        action: 'entra.revokeSessions',
        destructive: false,
        input: { reason: 'incident 4411' },
        why: 'End active sessions.',
      }),
    ]);
    expect(ids).toHaveLength(2);
    const first = await getPendingAction(db, ids[0]!);
    expect(first).toMatchObject({
      id: ids[0],
      answerId,
      action: 'entra.resetPassword',
      target: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
      input: {},
      destructive: true,
      status: 'proposed',
    });
    expect(first?.expiresAt.toISOString()).toBe('2031-01-02T03:04:05.678Z');
    expect(first?.createdAt).toBeInstanceOf(Date);
    expect(await getPendingAction(db, ids[1]!)).toMatchObject({
      action: 'entra.revokeSessions',
      input: { reason: 'incident 4411' },
      destructive: false,
    });
  });

  it('stores nothing, and asks nothing of the database, for an empty list', async () => {
    expect(await insertPendingActions(db, [])).toEqual([]);
  });

  it('stores all or none: one bad action (unknown answer) rejects the batch', async () => {
    const before = await db.query('SELECT 1 FROM pending_actions');
    await expect(
      insertPendingActions(db, [proposal(), proposal({ answerId: crypto.randomUUID() })]),
    ).rejects.toMatchObject({ name: 'StorageError', sqlState: '23503' });
    const after = await db.query('SELECT 1 FROM pending_actions');
    expect(after.rowCount).toBe(before.rowCount);
  });

  it('refuses an action name that is not plugin.action', async () => {
    await expect(insertPendingActions(db, [proposal({ action: 'resetPassword' })])).rejects.toMatchObject({
      name: 'StorageError',
      sqlState: '23514',
      constraint: 'pending_actions_action_check',
    });
  });

  it('accepts only the known statuses', async () => {
    const [id] = await insertPendingActions(db, [proposal()]);
    await db.query(`UPDATE pending_actions SET status = 'executing' WHERE id = $1`, [id]);
    expect((await getPendingAction(db, id!))?.status).toBe('executing');
    await expect(
      db.query(`UPDATE pending_actions SET status = 'done' WHERE id = $1`, [id]),
    ).rejects.toMatchObject({
      sqlState: '23514',
      constraint: 'pending_actions_status_check',
    });
  });

  it('answers undefined for an unknown id and for a forged one', async () => {
    expect(await getPendingAction(db, crypto.randomUUID())).toBeUndefined();
    expect(await getPendingAction(db, 'x" OR 1=1')).toBeUndefined();
  });
});
