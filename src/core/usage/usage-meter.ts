/**
 * Usage metering, Ward's equivalent of Security Compute Units: model tokens and tool (skill) calls, counted
 * per tenant and per analyst per day, summed per month, against limits from the settings. Near a limit (80 %,
 * 90 %) the answer card's footer warns; at a limit Ward stops calling the model and answers with its rules,
 * saying why. `@Ward usage` shows the counts.
 */

/** What is counted. */
export type UsageMetric = 'tokens' | 'toolCalls';
/** Whose usage: the whole tenant's, or one analyst's. */
export type UsageScope = 'tenant' | 'user';
/** Calendar day or month, in UTC. */
export type UsagePeriod = 'day' | 'month';

/** A configured limit; `0` or absent means unlimited. */
export type UsageLimits = Partial<Record<`${UsageScope}.${UsagePeriod}.${UsageMetric}`, number>>;

/** Who a question is charged to. */
export interface UsageSubject {
  tenantId: string;
  /** Entra object id (or the host user id when there is none). */
  userId: string;
}

/** One counter against its limit. */
export interface UsageLine {
  scope: UsageScope;
  period: UsagePeriod;
  metric: UsageMetric;
  used: number;
  /** Undefined when unlimited. */
  limit?: number;
  /** used / limit, 0 when unlimited. */
  ratio: number;
}

/** Where a subject stands before a question. */
export interface UsageStatus {
  /** `ok` below 80 % of every limit; `warn-80` / `warn-90` at or past those; `exhausted` at 100 % of any. */
  level: 'ok' | 'warn-80' | 'warn-90' | 'exhausted';
  /** The line that set the level (the highest ratio), when any limit is set. */
  worst?: UsageLine;
  lines: UsageLine[];
}

export interface UsageMeter {
  /** Reads the subject's counters for today and this month against the limits. */
  status(subject: UsageSubject, now: Date): Promise<UsageStatus>;
  /** Adds one question's cost to today's counters. */
  record(
    subject: UsageSubject,
    cost: { tokens: number; toolCalls: number; modelAnswered: boolean },
    now: Date,
  ): Promise<void>;
}
