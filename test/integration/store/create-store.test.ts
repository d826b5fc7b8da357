import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';
import { sampleAnswer } from './fixtures/sample-answer.js';

describe.each(testEngines)('the store on $kind', ({ open }) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await open();
    store = createStore(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('offers every repository with the database bound', async () => {
    await store.conversations.save({
      conversationId: 'a:1',
      tenantId: 't',
      kind: 'personal',
      reference: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } },
    });
    expect((await store.conversations.get('a:1'))?.kind).toBe('personal');
    expect(await store.conversations.list({ tenantId: 't' })).toHaveLength(1);

    const answer = await store.answers.insert({
      conversationId: 'a:1',
      turnId: 't1',
      question: 'q',
      answer: sampleAnswer(),
    });
    expect((await store.answers.get(answer.id))?.question).toBe('q');

    const [actionId] = await store.pendingActions.insert([
      {
        answerId: answer.id,
        conversationId: 'a:1',
        action: 'entra.revokeSessions',
        target: { kind: 'user', id: 'u1' },
        why: 'why',
        destructive: false,
        expiresAt: new Date(Date.now() + 60_000),
      },
    ]);
    expect((await store.pendingActions.get(actionId!))?.status).toBe('proposed');

    expect(
      await store.feedback.record({ answerId: answer.id, userId: 'aad-1', rating: 'looks-right' }),
    ).toEqual({
      created: true,
    });
    expect(await store.feedback.list(answer.id)).toHaveLength(1);
    expect((await store.feedback.tally(answer.id))['looks-right']).toBe(1);
  });

  it('stores an answer and its pending actions together, or neither', async () => {
    const answer = sampleAnswer();
    const stored = await store.transaction(async (tx) => {
      const row = await tx.answers.insert({ conversationId: 'a:2', turnId: 't2', question: 'q', answer });
      const ids = await tx.pendingActions.insert(
        answer.proposedActions.map((proposed) => ({
          answerId: row.id,
          conversationId: 'a:2',
          action: proposed.action,
          target: proposed.target,
          why: proposed.why,
          destructive: proposed.destructive,
          expiresAt: new Date(Date.now() + 60_000),
        })),
      );
      return { row, ids };
    });
    expect(stored.ids).toHaveLength(1);
    expect(await store.answers.get(stored.row.id)).toBeDefined();

    let failedAnswerId = '';
    await expect(
      store.transaction(async (tx) => {
        const row = await tx.answers.insert({ conversationId: 'a:3', turnId: 't3', question: 'q', answer });
        failedAnswerId = row.id;
        await tx.pendingActions.insert([
          {
            answerId: row.id,
            conversationId: 'a:3',
            action: 'not an action',
            target: { kind: 'user', id: 'u1' },
            why: 'why',
            destructive: true,
            expiresAt: new Date(),
          },
        ]);
      }),
    ).rejects.toMatchObject({ name: 'StorageError', sqlState: '23514' });
    expect(failedAnswerId).not.toBe('');
    expect(await store.answers.get(failedAnswerId)).toBeUndefined();
  });
});
