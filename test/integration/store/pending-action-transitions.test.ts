import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/store/create-store.js';
import { type Database, openDatabase } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import {
  approveAndClaim,
  cancelPendingAction,
  claimForExecution,
  finishExecution,
  getPendingAction,
  insertPendingActions,
  listPendingActionsForAnswer,
  markExpired,
  type NewPendingAction,
  type PendingActionRow,
  requestApproval,
  setCardActivityId,
} from '../../../src/store/pending-actions.js';
import {
  randomTestSchema,
  testDatabaseUrl,
  testEngines,
  withSchemaDroppedOnClose,
} from '../../support/test-database.js';
import { proposal } from './fixtures/proposal.js';
import { storeSampleAnswer } from './fixtures/sample-answer.js';

const adele = { aadObjectId: 'aad-adele', name: 'Adele Vance' };
const megan = { aadObjectId: 'aad-megan', name: 'Megan Bowen' };
const timings = process.env.WARD_TEST_TIMINGS === '1';

describe.each(testEngines)('pending action transitions on $kind', ({ open }) => {
  let db: Database;
  let answerId: string;
  beforeAll(async () => {
    db = await open();
    answerId = await storeSampleAnswer(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function propose(overrides: Partial<NewPendingAction> = {}): Promise<string> {
    const [id] = await insertPendingActions(db, [proposal(answerId, overrides)]);
    return id!;
  }
  const key = () => `ward:${randomUUID()}`;

  it('runs the single-person path: proposed → executing → succeeded, recording who, when and the result', async () => {
    const id = await propose();
    const started = new Date('2030-01-01T10:00:00.123Z');
    const claimed = await claimForExecution(db, id, adele, 'key-single-1', new Date());
    expect(claimed).toMatchObject({
      id,
      status: 'executing',
      requestedBy: adele,
      executedBy: adele,
      approvedBy: null,
      idempotencyKey: 'key-single-1',
    });
    expect(claimed?.startedAt).toBeInstanceOf(Date);
    const result = { ok: true, message: 'Password reset.', requestIds: ['r-1', 'r-2'] };
    const finished = await finishExecution(db, id, result, started);
    expect(finished).toMatchObject({ status: 'succeeded', result });
    expect(finished?.finishedAt?.toISOString()).toBe('2030-01-01T10:00:00.123Z');
    expect(finished?.updatedAt.toISOString()).toBe('2030-01-01T10:00:00.123Z');
    expect(await getPendingAction(db, id)).toEqual(finished);
  });

  it('records a failed execution as failed, and finishes only once, only from executing', async () => {
    const id = await propose();
    const failure = { ok: false, message: 'Graph answered 403.', requestIds: ['r-9'] };
    expect(await finishExecution(db, id, failure, new Date())).toBeUndefined();
    await claimForExecution(db, id, adele, key(), new Date());
    expect(await finishExecution(db, id, failure, new Date())).toMatchObject({
      status: 'failed',
      result: failure,
    });
    expect(await finishExecution(db, id, { ...failure, ok: true }, new Date())).toBeUndefined();
    expect((await getPendingAction(db, id))?.status).toBe('failed');
  });

  it('runs the four-eyes path: requested by one analyst, approved and claimed by another', async () => {
    const id = await propose();
    const requested = await requestApproval(db, id, adele, new Date());
    expect(requested).toMatchObject({ status: 'awaiting-approval', requestedBy: adele, approvedBy: null });
    expect(requested?.requestedAt).toBeInstanceOf(Date);
    // Once awaiting approval, the single-person path and a second request are closed.
    expect(await claimForExecution(db, id, megan, key(), new Date())).toBeUndefined();
    expect(await requestApproval(db, id, megan, new Date())).toBeUndefined();
    const approved = await approveAndClaim(db, id, megan, 'key-approved-1', new Date());
    expect(approved).toMatchObject({
      status: 'executing',
      requestedBy: adele,
      approvedBy: megan,
      executedBy: megan,
      idempotencyKey: 'key-approved-1',
    });
    expect(approved?.approvedAt).toBeInstanceOf(Date);
    expect(await approveAndClaim(db, id, { aadObjectId: 'aad-third' }, key(), new Date())).toBeUndefined();
  });

  it('refuses, in SQL, an approval by the requester, whatever the case of the object id', async () => {
    const id = await propose();
    await requestApproval(db, id, adele, new Date());
    expect(await approveAndClaim(db, id, adele, key(), new Date())).toBeUndefined();
    expect(
      await approveAndClaim(db, id, { aadObjectId: 'AAD-ADELE', name: 'someone else' }, key(), new Date()),
    ).toBeUndefined();
    expect((await getPendingAction(db, id))?.status).toBe('awaiting-approval');
    // And the table itself refuses a row approved by its requester, whoever writes it.
    await expect(
      db.query(`UPDATE pending_actions SET approved_by = requested_by WHERE id = $1`, [id]),
    ).rejects.toMatchObject({ sqlState: '23514', constraint: 'pending_actions_approver_check' });
  });

  it('approves only what awaits approval', async () => {
    const id = await propose();
    expect(await approveAndClaim(db, id, megan, key(), new Date())).toBeUndefined();
    expect((await getPendingAction(db, id))?.status).toBe('proposed');
  });

  it('refuses every transition out of a finished state', async () => {
    const id = await propose();
    await claimForExecution(db, id, adele, key(), new Date());
    await finishExecution(db, id, { ok: true, message: 'done', requestIds: [] }, new Date());
    expect(await claimForExecution(db, id, adele, key(), new Date())).toBeUndefined();
    expect(await requestApproval(db, id, adele, new Date())).toBeUndefined();
    expect(await approveAndClaim(db, id, megan, key(), new Date())).toBeUndefined();
    expect(await cancelPendingAction(db, id, adele, new Date())).toBeUndefined();
    expect((await getPendingAction(db, id))?.status).toBe('succeeded');
  });

  it('refuses every transition once the action has expired, and marks it expired', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const later = new Date(expiresAt.getTime() + 1);
    const proposed = await propose({ expiresAt });
    const awaiting = await propose({ expiresAt });
    await requestApproval(db, awaiting, adele, new Date());
    expect(await claimForExecution(db, proposed, adele, key(), later)).toBeUndefined();
    expect(await requestApproval(db, proposed, adele, later)).toBeUndefined();
    expect(await approveAndClaim(db, awaiting, megan, key(), later)).toBeUndefined();
    expect(await cancelPendingAction(db, proposed, adele, later)).toBeUndefined();
    // Exactly at expires_at it has expired.
    expect(await claimForExecution(db, proposed, adele, key(), expiresAt)).toBeUndefined();

    const running = await propose({ expiresAt });
    await claimForExecution(db, running, adele, key(), new Date());
    const expired = await markExpired(db, later);
    expect(expired).toBeGreaterThanOrEqual(2);
    expect((await getPendingAction(db, proposed))?.status).toBe('expired');
    expect((await getPendingAction(db, awaiting))?.status).toBe('expired');
    // An execution claimed in time is not expired, and may still finish.
    expect((await getPendingAction(db, running))?.status).toBe('executing');
    expect(
      await finishExecution(db, running, { ok: true, message: 'late but done', requestIds: [] }, later),
    ).toMatchObject({ status: 'succeeded' });
    expect(await markExpired(db, later)).toBe(0);
  });

  it('cancels what is proposed or awaiting approval, recording who', async () => {
    const proposed = await propose();
    const awaiting = await propose();
    await requestApproval(db, awaiting, adele, new Date());
    expect(await cancelPendingAction(db, proposed, megan, new Date())).toMatchObject({
      status: 'cancelled',
      cancelledBy: megan,
    });
    expect(await cancelPendingAction(db, awaiting, adele, new Date())).toMatchObject({ status: 'cancelled' });
    expect(await claimForExecution(db, proposed, adele, key(), new Date())).toBeUndefined();
    expect(await approveAndClaim(db, awaiting, megan, key(), new Date())).toBeUndefined();
    const executing = await propose();
    await claimForExecution(db, executing, adele, key(), new Date());
    expect(await cancelPendingAction(db, executing, adele, new Date())).toBeUndefined();
  });

  it('never lets two actions claim one idempotency key', async () => {
    const first = await propose();
    const second = await propose();
    await claimForExecution(db, first, adele, 'key-shared', new Date());
    await expect(claimForExecution(db, second, adele, 'key-shared', new Date())).rejects.toMatchObject({
      name: 'StorageError',
      sqlState: '23505',
      constraint: 'pending_actions_idempotency_key_key',
    });
    expect((await getPendingAction(db, second))?.status).toBe('proposed');
    await requestApproval(db, second, adele, new Date());
    await expect(approveAndClaim(db, second, megan, 'key-shared', new Date())).rejects.toMatchObject({
      sqlState: '23505',
    });
    expect((await getPendingAction(db, second))?.status).toBe('awaiting-approval');
  });

  it('records the card that shows the action, in any state', async () => {
    const id = await propose();
    expect(await setCardActivityId(db, id, '1712345678901')).toMatchObject({
      cardActivityId: '1712345678901',
    });
    await claimForExecution(db, id, adele, key(), new Date());
    expect(await setCardActivityId(db, id, 'activity-2')).toMatchObject({
      status: 'executing',
      cardActivityId: 'activity-2',
    });
    expect(await setCardActivityId(db, randomUUID(), 'x')).toBeUndefined();
  });

  it('answers undefined for unknown and forged ids, and refuses a nameless actor or an empty key', async () => {
    for (const id of [randomUUID(), 'x" OR 1=1']) {
      expect(await claimForExecution(db, id, adele, key(), new Date())).toBeUndefined();
      expect(await requestApproval(db, id, adele, new Date())).toBeUndefined();
      expect(await approveAndClaim(db, id, megan, key(), new Date())).toBeUndefined();
      expect(
        await finishExecution(db, id, { ok: true, message: '', requestIds: [] }, new Date()),
      ).toBeUndefined();
      expect(await cancelPendingAction(db, id, adele, new Date())).toBeUndefined();
    }
    const id = await propose();
    await expect(claimForExecution(db, id, { aadObjectId: ' ' }, key(), new Date())).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    await expect(claimForExecution(db, id, adele, '', new Date())).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    expect((await getPendingAction(db, id))?.status).toBe('proposed');
  });

  it('still lists an answer’s actions, with their new state', async () => {
    const answer = await storeSampleAnswer(db);
    const ids = await insertPendingActions(db, [
      proposal(answer),
      proposal(answer, { action: 'entra.revokeSessions' }),
    ]);
    await claimForExecution(db, ids[0]!, adele, key(), new Date());
    const listed = await listPendingActionsForAnswer(db, answer);
    expect(listed.map((row) => [row.id, row.status]).sort()).toEqual(
      [
        [ids[0], 'executing'],
        [ids[1], 'proposed'],
      ].sort(),
    );
  });

  it('is offered on the store, bound to the database and to a transaction', async () => {
    const store = createStore(db);
    const id = await propose();
    expect(await store.pendingActions.requestApproval(id, adele, new Date())).toMatchObject({
      status: 'awaiting-approval',
    });
    const approved = await store.transaction(async (tx) => {
      const row = await tx.pendingActions.approveAndClaim(id, megan, key(), new Date());
      await tx.audit.append({
        event: 'approved',
        pendingActionId: id,
        actor: { ...megan, roles: ['responder'] },
      });
      return row;
    });
    expect(approved?.status).toBe('executing');
    expect((await store.audit.list({ pendingActionId: id })).map((entry) => entry.event)).toEqual([
      'approved',
    ]);
  });

  it('gives exactly one of 50 concurrent claims the action', async () => {
    const id = await propose();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        claimForExecution(db, id, { aadObjectId: `aad-${index}` }, `key-${id}-${index}`, new Date()),
      ),
    );
    if (timings)
      console.info(`${db.kind}: 50 concurrent claims in ${Math.round(performance.now() - started)} ms`);
    const winners = results.filter((row): row is PendingActionRow => row !== undefined);
    expect(winners).toHaveLength(1);
    expect((await getPendingAction(db, id))?.idempotencyKey).toBe(winners[0]!.idempotencyKey);
  });

  it('gives exactly one of 50 concurrent approvals the action', async () => {
    const id = await propose();
    await requestApproval(db, id, adele, new Date());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        approveAndClaim(db, id, index % 5 === 0 ? adele : { aadObjectId: `aad-${index}` }, key(), new Date()),
      ),
    );
    const winners = results.filter((row) => row !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.approvedBy?.aadObjectId).not.toBe(adele.aadObjectId);
  });
});

describe.skipIf(testDatabaseUrl() === undefined)(
  'exactly once across two Ward processes on one PostgreSQL',
  () => {
    let first: Database;
    let second: Database;
    let answerId: string;
    beforeAll(async () => {
      const url = testDatabaseUrl()!;
      const schema = randomTestSchema();
      // Two pools are two replicas of Ward: separate connections, one database.
      first = withSchemaDroppedOnClose(await openDatabase({ url, schema }), schema);
      await runMigrations(first);
      second = await openDatabase({ url, schema });
      answerId = await storeSampleAnswer(first);
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    async function race<T>(
      attempt: (db: Database, index: number) => Promise<T | undefined>,
    ): Promise<{ winners: T[]; ms: number }> {
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) => attempt(index % 2 === 0 ? first : second, index)),
      );
      return {
        winners: results.filter((result): result is Awaited<T> => result !== undefined),
        ms: Math.round(performance.now() - started),
      };
    }

    it('gives exactly one of 50 concurrent claims from two pools the action, several rounds', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [id] = await insertPendingActions(first, [proposal(answerId)]);
        const { winners, ms } = await race((db, index) =>
          claimForExecution(db, id!, { aadObjectId: `aad-${index}` }, `claim-${id}-${index}`, new Date()),
        );
        if (timings) console.info(`postgres, two pools: 50 concurrent claims in ${ms} ms`);
        expect(winners).toHaveLength(1);
        const stored = await getPendingAction(second, id!);
        expect(stored?.status).toBe('executing');
        expect(stored?.idempotencyKey).toBe(winners[0]!.idempotencyKey);
        expect(stored?.executedBy).toEqual(winners[0]!.executedBy);
      }
    });

    it('gives exactly one of 50 concurrent claims with the same idempotency key the action, without a key error', async () => {
      const [id] = await insertPendingActions(first, [proposal(answerId)]);
      const { winners } = await race((db, index) =>
        claimForExecution(db, id!, { aadObjectId: `aad-${index}` }, `claim-${id}`, new Date()),
      );
      expect(winners).toHaveLength(1);
    });

    it('gives exactly one of 50 concurrent approvals from two pools the action, and never the requester', async () => {
      for (let round = 0; round < 5; round += 1) {
        const [id] = await insertPendingActions(first, [proposal(answerId)]);
        await requestApproval(first, id!, adele, new Date());
        const { winners, ms } = await race((db, index) =>
          approveAndClaim(
            db,
            id!,
            index % 7 === 0 ? adele : { aadObjectId: `aad-${index}` },
            `approve-${id}-${index}`,
            new Date(),
          ),
        );
        if (timings) console.info(`postgres, two pools: 50 concurrent approvals in ${ms} ms`);
        expect(winners).toHaveLength(1);
        expect(winners[0]!.approvedBy?.aadObjectId).not.toBe(adele.aadObjectId);
        expect((await getPendingAction(second, id!))?.approvedBy).toEqual(winners[0]!.approvedBy);
      }
    });

    it('lets exactly one of racing claims and a cancel win, and of racing approvals and a cancel', async () => {
      for (let round = 0; round < 10; round += 1) {
        const [proposed, awaiting] = await insertPendingActions(first, [
          proposal(answerId),
          proposal(answerId),
        ]);
        await requestApproval(first, awaiting!, adele, new Date());
        const results = await Promise.all([
          claimForExecution(first, proposed!, adele, `mixed-${proposed}`, new Date()),
          cancelPendingAction(second, proposed!, megan, new Date()),
          claimForExecution(second, proposed!, megan, `mixed-${proposed}-2`, new Date()),
          approveAndClaim(first, awaiting!, megan, `mixed-${awaiting}`, new Date()),
          cancelPendingAction(second, awaiting!, adele, new Date()),
          approveAndClaim(second, awaiting!, { aadObjectId: 'aad-third' }, `mixed-${awaiting}-2`, new Date()),
        ]);
        expect(results.slice(0, 3).filter((row) => row !== undefined)).toHaveLength(1);
        expect(results.slice(3).filter((row) => row !== undefined)).toHaveLength(1);
      }
    });
  },
);
