/**
 * The daily retention purge on the real engines, with a fixed clock: text past RETENTION_ANSWER_DAYS and
 * RETENTION_FEEDBACK_DAYS goes (answers' text, source snapshots, dead actions' inputs, comments, labelled
 * cases), ratings, ids and targets stay, answer rows stay while anything needs them, the audit log is never
 * touched, every step works in bounded batches, a second run finds nothing to do, and a replica that finds
 * another purging gives way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAnswerSources } from '../../../src/store/answer-sources.js';
import { getAnswer, insertAnswer } from '../../../src/store/answers.js';
import { appendAudit, verifyAuditChain } from '../../../src/store/audit-log.js';
import type { Database } from '../../../src/store/database.js';
import { recordFeedback } from '../../../src/store/feedback.js';
import { recordLabelledCase } from '../../../src/store/labelled-cases.js';
import {
  claimForExecution,
  finishExecution,
  getPendingAction,
  insertPendingActions,
} from '../../../src/store/pending-actions.js';
import {
  ACTION_TEXT_NOT_KEPT,
  type PurgeExpiredOptions,
  purgeExpired,
} from '../../../src/store/purge-expired.js';
import { testEngines } from '../../support/test-database.js';
import { proposal } from './fixtures/proposal.js';
import { sampleAnswer } from './fixtures/sample-answer.js';

const NOW = new Date('2026-06-01T02:41:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const options = (overrides: Partial<PurgeExpiredOptions> = {}): PurgeExpiredOptions => ({
  retention: { answerDays: 90, feedbackDays: 30 },
  actionTtlMs: 24 * HOUR,
  now: NOW,
  ...overrides,
});

const QUESTION = 'is adele@contoso.example compromised? she said her password is Bavo7731';

describe.each(testEngines)('the retention purge on $kind', ({ kind, open }) => {
  let db: Database;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await db?.close();
  });

  /** Stores an answer (with one source snapshot) created `days` ago. */
  async function answerFrom(days: number): Promise<string> {
    const row = await insertAnswer(db, {
      conversationId: '19:soc@thread.tacv2',
      turnId: `activity-${days}`,
      user: { aadObjectId: 'aad-patti', name: 'Patti Fernandez' },
      question: QUESTION,
      answer: sampleAnswer(),
    });
    await insertAnswerSources(db, row.id, [
      {
        sourceId: 'S1',
        plugin: 'entra',
        skill: 'riskyUser',
        ok: true,
        input: { userId: 'adele' },
        data: { riskLevel: 'high' },
      },
    ]);
    await db.query('UPDATE answers SET created_at = $2 WHERE id = $1', [row.id, daysAgo(days)]);
    return row.id;
  }

  /** Stores a pending action of `answerId` expiring at `expiresAt`, with a ticket-like input. */
  async function actionOf(answerId: string, expiresAt: Date): Promise<string> {
    const [id] = await insertPendingActions(db, [
      proposal(answerId, {
        action: 'servicenow.createIncident',
        destructive: false,
        input: { shortDescription: 'Ward: Adele Vance is at high risk', description: 'Two risky sign-ins.' },
        expiresAt,
      }),
    ]);
    return id!;
  }

  async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return result.rows[0]!.n;
  }

  it('removes the text of answers past RETENTION_ANSWER_DAYS and keeps what is not text', async () => {
    const old = await answerFrom(100);
    const recent = await answerFrom(10);
    await recordFeedback(db, { answerId: old, userId: 'aad-megan', rating: 'looks-right' });

    const report = await purgeExpired(db, options());
    expect(report).toMatchObject({
      answerTexts: 1,
      answerSources: 1,
      answers: 0,
      complete: true,
      yielded: false,
    });

    const purged = await getAnswer(db, old);
    expect(purged).toMatchObject({ question: '', intent: 'user-risk', planner: 'rules', partial: true });
    expect(purged?.textRemovedAt).toEqual(NOW);
    expect(purged?.answer).toMatchObject({
      title: 'Answer text not kept',
      riskLevel: 'high',
      subject: { kind: 'user', id: 'adele@contoso.example' },
      findings: [],
      evidence: [],
      proposedActions: [
        { action: 'entra.resetPassword', target: { id: 'adele@contoso.example' }, destructive: true },
      ],
      sources: [
        { id: 'S1', plugin: 'entra', skill: 'riskyUser', requests: [], ok: true },
        { id: 'S2', plugin: 'defender-xdr', skill: 'alerts', requests: [], ok: false },
      ],
    });
    expect(purged?.answer.summary).toMatch(/removed after 90 days \(RETENTION_ANSWER_DAYS\)/);
    expect(purged?.answer.sources[1]).not.toHaveProperty('error');
    const raw = await db.query<{ row: string }>(
      'SELECT row_to_json(a)::text AS row FROM answers a WHERE id = $1',
      [old],
    );
    expect(raw.rows[0]!.row).not.toMatch(/Bavo7731|risky sign-ins|Anonymous IP|identityProtection/);
    expect(await count('answer_sources', 'answer_id = $1', [old])).toBe(0);
    expect(await count('feedback', 'answer_id = $1', [old])).toBe(1);

    const kept = await getAnswer(db, recent);
    expect(kept).toMatchObject({
      question: 'is adele@contoso.example compromised? she said her password is [redacted]',
    });
    expect(kept?.textRemovedAt).toBeNull();
    expect(kept?.answer.title).toBe('Adele Vance is at high risk');
    expect(await count('answer_sources', 'answer_id = $1', [recent])).toBe(1);
  });

  it('does nothing the second time', async () => {
    const old = await answerFrom(100);
    await recordFeedback(db, { answerId: old, userId: 'aad-megan', rating: 'looks-right', comment: 'ok' });
    await db.query('UPDATE feedback SET updated_at = $1', [daysAgo(40)]);
    await purgeExpired(db, options());
    const before = await db.query('SELECT * FROM answers ORDER BY id');
    const again = await purgeExpired(db, options({ now: new Date(NOW.getTime() + DAY) }));
    expect(again).toEqual({
      answerTexts: 0,
      answerSources: 0,
      actionTexts: 0,
      answers: 0,
      pendingActions: 0,
      feedbackComments: 0,
      labelledCases: 0,
      complete: true,
      yielded: false,
    });
    expect((await db.query('SELECT * FROM answers ORDER BY id')).rows).toEqual(before.rows);
  });

  it('deletes an old answer nothing refers to, and keeps those with feedback, an audit record or a live action', async () => {
    const unused = await answerFrom(100);
    const unusedAction = await actionOf(unused, daysAgo(99));
    const rated = await answerFrom(100);
    const audited = await answerFrom(100);
    await appendAudit(db, {
      event: 'clicked',
      answerId: audited,
      reason: 'Credentials are likely compromised.',
    });
    const live = await answerFrom(100);
    await actionOf(live, new Date(NOW.getTime() + HOUR));
    const running = await answerFrom(100);
    const runningAction = await actionOf(running, daysAgo(99));
    await claimForExecution(db, runningAction, { aadObjectId: 'aad-patti' }, 'key-running', daysAgo(99.5));
    await recordFeedback(db, { answerId: rated, userId: 'aad-megan', rating: 'inappropriate' });

    const report = await purgeExpired(db, options());
    expect(report).toMatchObject({ answerTexts: 5, answers: 1, pendingActions: 1 });
    expect(await getAnswer(db, unused)).toBeUndefined();
    expect(await getPendingAction(db, unusedAction)).toBeUndefined();
    for (const id of [rated, audited, live, running]) {
      expect((await getAnswer(db, id))?.textRemovedAt).toEqual(NOW);
    }
    expect(await count('feedback', "answer_id = $1 AND rating = 'inappropriate'", [rated])).toBe(1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 1 });
  });

  it('removes the input and reasoning of actions that can no longer run, never of a live or running one', async () => {
    const answer = await answerFrom(100);
    await recordFeedback(db, { answerId: answer, userId: 'aad-megan', rating: 'looks-right' });
    const expired = await actionOf(answer, daysAgo(99));
    const done = await actionOf(answer, daysAgo(99));
    await claimForExecution(db, done, { aadObjectId: 'aad-patti' }, 'key-done', daysAgo(99.9));
    await finishExecution(
      db,
      done,
      { ok: true, message: 'Opened INC0010099', requestIds: ['r-1'] },
      daysAgo(99.8),
    );
    const running = await actionOf(answer, daysAgo(99));
    await claimForExecution(db, running, { aadObjectId: 'aad-patti' }, 'key-running', daysAgo(99.9));
    const live = await actionOf(answer, new Date(NOW.getTime() + HOUR));

    expect((await purgeExpired(db, options())).actionTexts).toBe(2);
    for (const id of [expired, done]) {
      expect(await getPendingAction(db, id)).toMatchObject({ input: {}, why: ACTION_TEXT_NOT_KEPT });
    }
    expect((await getPendingAction(db, done))?.result).toMatchObject({
      ok: true,
      message: 'Opened INC0010099',
    });
    for (const id of [running, live]) {
      expect((await getPendingAction(db, id))?.input).toMatchObject({
        shortDescription: 'Ward: Adele Vance is at high risk',
      });
    }
  });

  it('clears feedback comments past RETENTION_FEEDBACK_DAYS and keeps every rating', async () => {
    const answer = await answerFrom(10);
    await recordFeedback(db, {
      answerId: answer,
      userId: 'aad-old',
      rating: 'needs-improvement',
      comment: 'wrong user',
    });
    await recordFeedback(db, {
      answerId: answer,
      userId: 'aad-new',
      rating: 'inappropriate',
      comment: 'unsafe',
    });
    await db.query("UPDATE feedback SET updated_at = $1 WHERE user_aad_object_id = 'aad-old'", [daysAgo(31)]);
    await db.query("UPDATE feedback SET updated_at = $1 WHERE user_aad_object_id = 'aad-new'", [daysAgo(29)]);

    expect((await purgeExpired(db, options())).feedbackComments).toBe(1);
    const rows = await db.query(
      'SELECT user_aad_object_id, rating, comment FROM feedback ORDER BY user_aad_object_id',
    );
    expect(rows.rows).toEqual([
      { user_aad_object_id: 'aad-new', rating: 'inappropriate', comment: 'unsafe' },
      { user_aad_object_id: 'aad-old', rating: 'needs-improvement', comment: null },
    ]);
    expect((await getAnswer(db, answer))?.textRemovedAt).toBeNull();
  });

  it('deletes labelled cases past RETENTION_FEEDBACK_DAYS or built on an answer without text', async () => {
    const old = await answerFrom(100);
    const recent = await answerFrom(10);
    const label = { rating: 'needs-improvement' as const, comment: 'missed the sign-ins', expected: {} };
    await recordLabelledCase(db, {
      answerId: old,
      kind: 'negative-feedback',
      source: 'feedback:aad-1',
      label,
    });
    await recordLabelledCase(db, {
      answerId: recent,
      kind: 'negative-feedback',
      source: 'feedback:aad-1',
      label,
    });
    await recordLabelledCase(db, {
      answerId: recent,
      kind: 'negative-feedback',
      source: 'feedback:aad-2',
      label,
    });
    await db.query("UPDATE labelled_cases SET updated_at = $1 WHERE source = 'feedback:aad-2'", [
      daysAgo(31),
    ]);

    const report = await purgeExpired(db, options());
    expect(report.labelledCases).toBe(2);
    const left = await db.query<{ answer_id: string; source: string }>(
      'SELECT answer_id, source FROM labelled_cases',
    );
    expect(left.rows).toEqual([{ answer_id: recent, source: 'feedback:aad-1' }]);
    // The old answer had nothing else: with its case gone, it goes too.
    expect(await getAnswer(db, old)).toBeUndefined();
  });

  it('with 0 days removes all text at once but keeps a row until its buttons expire (ACTION_TTL_HOURS)', async () => {
    const fresh = await answerFrom(0.5);
    const zero = options({ retention: { answerDays: 0, feedbackDays: 0 } });
    expect(await purgeExpired(db, zero)).toMatchObject({ answerTexts: 1, answers: 0 });
    expect((await getAnswer(db, fresh))?.answer.summary).toMatch(/removed after 0 days/);
    expect(await purgeExpired(db, { ...zero, now: new Date(NOW.getTime() + 13 * HOUR) })).toMatchObject({
      answers: 1,
    });
    expect(await getAnswer(db, fresh)).toBeUndefined();
  });

  it('works in bounded batches and finishes what a run left over', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await answerFrom(100 + i));
    for (const id of ids)
      await recordFeedback(db, { answerId: id, userId: 'aad-megan', rating: 'looks-right' });

    const first = await purgeExpired(db, options({ batchSize: 5, maxBatches: 2 }));
    expect(first).toMatchObject({ answerTexts: 10, complete: false });
    const second = await purgeExpired(db, options({ batchSize: 5 }));
    expect(second).toMatchObject({ answerTexts: 13, complete: true });
    expect(await count('answers', 'text_removed_at IS NULL')).toBe(0);
  });

  it('never changes the audit log', async () => {
    const answer = await answerFrom(100);
    const action = await actionOf(answer, daysAgo(99));
    for (const event of ['proposed', 'clicked', 'executing', 'succeeded'] as const) {
      await appendAudit(db, {
        event,
        answerId: answer,
        pendingActionId: action,
        reason: 'why',
        inputs: { note: 'x' },
      });
    }
    const before = await db.query('SELECT * FROM audit_log ORDER BY seq');
    await purgeExpired(db, options());
    expect((await db.query('SELECT * FROM audit_log ORDER BY seq')).rows).toEqual(before.rows);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 4 });
    expect(await getAnswer(db, answer)).toBeDefined();
  });

  it.skipIf(kind === 'pglite')('gives way to another replica that is purging', async () => {
    await answerFrom(100);
    // Another replica's purge: a transaction holding the purge lock, on another connection of the pool.
    let release = () => {};
    let locked = () => {};
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const other = db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ward.retention_purge:' || current_schema()))`);
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await holding;
    const report = await purgeExpired(db, options());
    release();
    await other;
    expect(report).toMatchObject({ answerTexts: 0, yielded: true, complete: false });
    expect(await purgeExpired(db, options())).toMatchObject({ answerTexts: 1, yielded: false });
  });

  it.skipIf(kind === 'pglite')('purges each row once when replicas run at the same time', async () => {
    for (let i = 0; i < 30; i++) {
      const id = await answerFrom(100 + i);
      await recordFeedback(db, { answerId: id, userId: 'aad-megan', rating: 'looks-right' });
    }
    const reports = await Promise.all([1, 2, 3].map(() => purgeExpired(db, options({ batchSize: 4 }))));
    const total = reports.reduce((sum, report) => sum + report.answerTexts, 0);
    // Runs that gave way leave the rest to the others or the next run; nothing is done twice.
    const rest = await purgeExpired(db, options());
    expect(total + rest.answerTexts).toBe(30);
    expect(await count('answers', 'text_removed_at IS NULL')).toBe(0);
  });
});
