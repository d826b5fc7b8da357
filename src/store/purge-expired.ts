/**
 * The daily retention purge: removes stored text older than its retention (see `retention-policy.ts`), in
 * this order, each step in bounded batches (at most `batchSize` rows per statement, each batch its own short
 * transaction, so PGlite's single backend and a server's row locks are never held for long):
 *
 * 1. answers older than RETENTION_ANSWER_DAYS lose their text (the text-free form of `answer-without-text.ts`,
 *    an empty question, `text_removed_at` set) and their source snapshots (`answer_sources`);
 * 2. pending actions of answers without text that can no longer run (done, refused, cancelled or expired;
 *    never one still live or executing) lose their input and reasoning;
 * 3. feedback comments older than RETENTION_FEEDBACK_DAYS are cleared (ratings and reasons stay); labelled
 *    cases older than that, or built on an answer without text (their question and context are gone), are
 *    deleted;
 * 4. answers without text that nothing needs any more are deleted, with their dead pending actions: none
 *    is kept while it has feedback (ratings are kept), a labelled case, an audit record (the audit log names
 *    it) or a pending action still live or executing, nor before ACTION_TTL_HOURS have passed (its card's
 *    buttons must still find it).
 *
 * Idempotent: every step selects only rows it has not done yet, so a run cut short is finished by the next.
 * Safe with several replicas: each batch takes a transaction-scoped advisory try-lock and locks its rows with
 * `FOR UPDATE SKIP LOCKED`; a replica that finds another purging stops and says so. It never touches the
 * audit log (append-only, hash-chained), conversation memory (MEMORY_HOURS, swept hourly) or usage counters.
 */
import { answerSchema } from '../core/answer.js';
import { answerWithoutText, type TextRemoval } from './answer-without-text.js';
import type { Database, Queryable } from './database.js';
import { type RetentionPolicy, retentionCutoff } from './retention-policy.js';

/** Options of one purge run. */
export interface PurgeExpiredOptions {
  retention: RetentionPolicy;
  /** How long proposed actions stay clickable (ACTION_TTL_HOURS): no answer row goes sooner. */
  actionTtlMs: number;
  /** The time the run purges as of. */
  now: Date;
  /** Rows per statement; default 500. */
  batchSize?: number;
  /** Batches per step in one run; default 200. What is left is done by the next run. */
  maxBatches?: number;
}

/** What one run did. */
export interface PurgeReport {
  /** Answers whose text was removed. */
  answerTexts: number;
  /** Source snapshot rows (`answer_sources`) deleted with that text. */
  answerSources: number;
  /** Pending actions whose input and reasoning were removed. */
  actionTexts: number;
  /** Text-free answers deleted, and their dead pending actions with them. */
  answers: number;
  pendingActions: number;
  /** Feedback comments cleared. */
  feedbackComments: number;
  /** Labelled cases deleted (too old, or their answer's text is gone). */
  labelledCases: number;
  /** False when a step stopped at `maxBatches` or gave way to another replica: the next run continues. */
  complete: boolean;
  /** True when another replica was purging and this run stopped. */
  yielded: boolean;
}

/** What a pending action keeps of its reasoning once its text is removed. */
export const ACTION_TEXT_NOT_KEPT = 'Not kept (retention).';

// One purge per schema at a time; test schemas do not wait on each other.
const lockSql = `SELECT pg_try_advisory_xact_lock(hashtext('ward.retention_purge:' || current_schema())) AS locked`;

/** Runs the purge once and reports what it removed. Throws a `StorageError` when the database fails. */
export async function purgeExpired(db: Database, options: PurgeExpiredOptions): Promise<PurgeReport> {
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? 500));
  const maxBatches = Math.max(1, Math.trunc(options.maxBatches ?? 200));
  const { now, retention } = options;
  const answerCutoff = retentionCutoff(now, retention.answerDays);
  const recordCutoff = new Date(Math.min(answerCutoff.getTime(), now.getTime() - options.actionTtlMs));
  const feedbackCutoff = retentionCutoff(now, retention.feedbackDays);
  const removal: TextRemoval = { kind: 'expired', days: retention.answerDays };
  const tables = await presentTables(db);
  const report: PurgeReport = {
    answerTexts: 0,
    answerSources: 0,
    actionTexts: 0,
    answers: 0,
    pendingActions: 0,
    feedbackComments: 0,
    labelledCases: 0,
    complete: true,
    yielded: false,
  };

  /** Runs `batch` until it does less than a full batch, another replica holds the lock, or `maxBatches`. */
  async function step(batch: (tx: Queryable) => Promise<number>): Promise<void> {
    if (report.yielded) return;
    for (let done = 0; done < maxBatches; done++) {
      const rows = await db.transaction(async (tx) => {
        const lock = await tx.query<{ locked: boolean }>(lockSql);
        return lock.rows[0]?.locked === true ? batch(tx) : undefined;
      });
      if (rows === undefined) {
        report.yielded = true;
        report.complete = false;
        return;
      }
      if (rows < batchSize) return;
    }
    report.complete = false;
  }

  // 1. The text of answers past retention, with their source snapshots.
  await step(async (tx) => {
    const due = await tx.query<{ id: string; answer: unknown; intent: string; planner: string }>(
      `SELECT id, answer, intent, planner FROM answers
       WHERE text_removed_at IS NULL AND created_at < $1
       ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [answerCutoff, batchSize],
    );
    if (due.rows.length === 0) return 0;
    const ids = due.rows.map((row) => row.id);
    const textFree = due.rows.map((row) => {
      const parsed = answerSchema.safeParse(row.answer);
      // An answer stored in a shape Ward no longer reads still loses its text: keep what the columns say.
      const answer = parsed.success
        ? parsed.data
        : answerSchema.parse({
            intent: row.intent,
            planner: row.planner,
            title: '-',
            summary: '-',
            riskLevel: 'unknown',
          });
      return { id: row.id, answer: answerWithoutText(answer, removal) };
    });
    await tx.query(
      `UPDATE answers a SET question = '', answer = x.answer, sources = x.answer -> 'sources', text_removed_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, answer jsonb)
       WHERE a.id = x.id`,
      [JSON.stringify(textFree), now],
    );
    if (tables.answerSources) {
      const deleted = await tx.query('DELETE FROM answer_sources WHERE answer_id = ANY($1::uuid[])', [ids]);
      report.answerSources += deleted.rowCount;
    }
    report.answerTexts += due.rows.length;
    return due.rows.length;
  });

  // 2. The input and reasoning of pending actions that can no longer run, on answers without text.
  await step(async (tx) => {
    const cleared = await tx.query(
      `UPDATE pending_actions SET input = '{}'::jsonb, why = $3
       WHERE id IN (
         SELECT p.id FROM pending_actions p JOIN answers a ON a.id = p.answer_id
         WHERE a.text_removed_at IS NOT NULL
           AND (p.input <> '{}'::jsonb OR p.why <> $3)
           AND p.status <> 'executing'
           AND NOT (p.status IN ('proposed', 'awaiting-approval') AND p.expires_at > $1)
         LIMIT $2 FOR UPDATE OF p SKIP LOCKED)`,
      [now, batchSize, ACTION_TEXT_NOT_KEPT],
    );
    report.actionTexts += cleared.rowCount;
    return cleared.rowCount;
  });

  // 3. Feedback comments past their retention (the rating stays); labelled cases too old or without a question.
  await step(async (tx) => {
    const cleared = await tx.query(
      `UPDATE feedback SET comment = NULL
       WHERE id IN (
         SELECT id FROM feedback WHERE comment IS NOT NULL AND updated_at < $1
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [feedbackCutoff, batchSize],
    );
    report.feedbackComments += cleared.rowCount;
    return cleared.rowCount;
  });
  if (tables.labelledCases) {
    await step(async (tx) => {
      const deleted = await tx.query(
        `DELETE FROM labelled_cases
         WHERE id IN (
           SELECT c.id FROM labelled_cases c JOIN answers a ON a.id = c.answer_id
           WHERE c.updated_at < $1 OR a.text_removed_at IS NOT NULL
           LIMIT $2 FOR UPDATE OF c SKIP LOCKED)`,
        [feedbackCutoff, batchSize],
      );
      report.labelledCases += deleted.rowCount;
      return deleted.rowCount;
    });
  }
  // 4. Answers without text that nothing refers to any more.
  const unreferenced = `
    a.text_removed_at IS NOT NULL AND a.created_at < $1
    AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = a.id)
    AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.answer_id = a.id)
    AND NOT EXISTS (
      SELECT 1 FROM pending_actions p WHERE p.answer_id = a.id
        AND (p.status = 'executing' OR (p.status IN ('proposed', 'awaiting-approval') AND p.expires_at > $2)))
    ${tables.labelledCases ? 'AND NOT EXISTS (SELECT 1 FROM labelled_cases c WHERE c.answer_id = a.id)' : ''}`;
  await step(async (tx) => {
    const locked = await tx.query<{ id: string }>(
      `SELECT a.id FROM answers a WHERE ${unreferenced}
       ORDER BY a.created_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [recordCutoff, now, batchSize],
    );
    if (locked.rows.length === 0) return 0;
    // Checked again now the rows are locked: feedback given since the first look keeps its answer.
    const still = await tx.query<{ id: string }>(
      `SELECT a.id FROM answers a WHERE ${unreferenced} AND a.id = ANY($3::uuid[])`,
      [recordCutoff, now, locked.rows.map((row) => row.id)],
    );
    const ids = still.rows.map((row) => row.id);
    if (ids.length > 0) {
      const actions = await tx.query('DELETE FROM pending_actions WHERE answer_id = ANY($1::uuid[])', [ids]);
      const answers = await tx.query('DELETE FROM answers WHERE id = ANY($1::uuid[])', [ids]);
      report.pendingActions += actions.rowCount;
      report.answers += answers.rowCount;
    }
    return locked.rows.length;
  });

  return report;
}

/** Tables other features add: the purge handles them when this database has them. */
async function presentTables(db: Queryable): Promise<{ answerSources: boolean; labelledCases: boolean }> {
  const result = await db.query<{ answer_sources: boolean; labelled_cases: boolean }>(
    `SELECT to_regclass('answer_sources') IS NOT NULL AS answer_sources,
       to_regclass('labelled_cases') IS NOT NULL AS labelled_cases`,
  );
  const row = result.rows[0];
  return { answerSources: row?.answer_sources === true, labelledCases: row?.labelled_cases === true };
}
