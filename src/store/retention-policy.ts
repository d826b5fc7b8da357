/**
 * How long Ward keeps the text people and tenants give it (RETENTION_ANSWER_DAYS, RETENTION_FEEDBACK_DAYS).
 * The store applies it twice: at write time (0 days: the text is never written, a text-free form is) and in the
 * daily purge (`purge-expired.ts`: text older than its days is removed). Ids, ratings, risk levels, action
 * targets and timestamps are not text and are not governed by it; the audit log is never purged.
 */

/** Retention of stored text, in whole days; 0 = the text is never stored. */
export interface RetentionPolicy {
  /** Questions and answers' text, their source snapshots (`answer_sources`) and labelled cases built on them. */
  answerDays: number;
  /** Feedback comments and labelled cases (ratings and reasons are kept). */
  feedbackDays: number;
}

const DAY_MS = 86_400_000;

/** The time before which text kept for `days` is due for removal. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
