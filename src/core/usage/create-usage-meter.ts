/**
 * The usage meter: reads the counters of an analyst and their tenant for today and this month (UTC), sets
 * them against the configured limits, and adds each question's cost. The counters themselves live behind
 * {@link UsageCounters} (the store implements it over `usage_daily`), so this module stays host- and
 * engine-neutral. It must never import the store, never read the clock (every call takes `now`), and never
 * decide what the orchestrator does with a level: it only measures.
 */
import { z } from 'zod/v4';
import { ConfigError } from '../errors.js';
import type {
  UsageLimits,
  UsageLine,
  UsageMeter,
  UsageMetric,
  UsagePeriod,
  UsageScope,
  UsageStatus,
  UsageSubject,
} from './usage-meter.js';

/** What one row of counters holds (and what sums of rows add up to). */
export interface UsageAmounts {
  /** Model tokens (prompt + completion). */
  tokens: number;
  /** Tool (plugin skill) calls. */
  toolCalls: number;
  /** Questions answered, by the model or by the rules. */
  questions: number;
  /** Questions the model took part in. */
  modelQuestions: number;
}

/** An analyst's and their tenant's sums over one period. */
export interface UsageSums {
  user: UsageAmounts;
  tenant: UsageAmounts;
}

/** One UTC day of a month, for the analyst and the whole tenant. */
export interface UsageDay {
  /** `YYYY-MM-DD`. */
  day: string;
  user: UsageAmounts;
  tenant: UsageAmounts;
}

/**
 * Where the counts are kept: per tenant, analyst and UTC day. Implemented by the store
 * (`usageCountersFor(db)` in `src/store/usage-counters.ts`); tests may pass an in-memory one.
 */
export interface UsageCounters {
  /** Adds `amounts` to the subject's counters for `day` (`YYYY-MM-DD`), atomically: concurrent adds all count. */
  add(subject: UsageSubject, day: string, amounts: UsageAmounts): Promise<void>;
  /** The subject's and the tenant's sums for `day` and for the calendar month `day` is in. */
  sums(subject: UsageSubject, day: string): Promise<{ day: UsageSums; month: UsageSums }>;
  /** The days of `month` (`YYYY-MM`) with any usage in the tenant, oldest first. */
  days(subject: UsageSubject, month: string): Promise<UsageDay[]>;
}

/** One scope's figures for one period, as `@Ward usage` shows them. */
export interface UsageReportFigures {
  tokens: UsageLine;
  toolCalls: UsageLine;
  questions: number;
  modelQuestions: number;
}

/** Today or this month, for the analyst and the tenant. */
export interface UsageReportPeriod {
  period: UsagePeriod;
  /** `2026-11-24` for a day, `2026-11` for a month. */
  label: string;
  /** When the period's counters start again from zero (the next 00:00 UTC, or the 1st of next month). */
  resetsAt: Date;
  user: UsageReportFigures;
  tenant: UsageReportFigures;
}

/** Everything `@Ward usage` shows: where the analyst and tenant stand, and this month day by day. */
export interface UsageReport {
  subject: UsageSubject;
  /** The time the report was read. */
  at: Date;
  status: UsageStatus;
  day: UsageReportPeriod;
  month: UsageReportPeriod;
  /** This month's days with any usage in the tenant, oldest first. */
  days: UsageDay[];
}

/** A meter that can also report, for `@Ward usage`. */
export interface ReportingUsageMeter extends UsageMeter {
  /** Today's and this month's tokens, tool calls and questions for the analyst and the tenant, with limits. */
  usageReport(subject: UsageSubject, now: Date): Promise<UsageReport>;
}

/** Options of {@link createUsageMeter}. */
export interface CreateUsageMeterOptions {
  counters: UsageCounters;
  /** From `config.usage.limits`; `0` or absent means unlimited. */
  limits: UsageLimits;
}

const scopes: readonly UsageScope[] = ['tenant', 'user'];
const periods: readonly UsagePeriod[] = ['day', 'month'];
const metrics: readonly UsageMetric[] = ['tokens', 'toolCalls'];

/** Every limit key, in the order lines are listed. */
export const usageLimitKeys: readonly (keyof UsageLimits)[] = metrics.flatMap((metric) =>
  scopes.flatMap((scope) => periods.map((period) => `${scope}.${period}.${metric}` as const)),
);

const limitsSchema = z.partialRecord(
  z.enum(usageLimitKeys as [keyof UsageLimits, ...(keyof UsageLimits)[]]),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
);

/**
 * Builds the meter. Levels: `ok` below 80 % of every limit, `warn-80` from 80 %, `warn-90` from 90 %,
 * `exhausted` from 100 % of any one; the worst line is the one with the highest ratio.
 * @throws ConfigError when a limit is not a whole number ≥ 0 or names a counter that does not exist.
 */
export function createUsageMeter(options: CreateUsageMeterOptions): ReportingUsageMeter {
  const parsed = limitsSchema.safeParse(options.limits);
  if (!parsed.success) {
    throw new ConfigError(
      `Usage limits must be whole numbers, 0 for unlimited: ${parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'limits'}: ${issue.message}`)
        .join('; ')}.`,
      { cause: parsed.error },
    );
  }
  const limits: UsageLimits = parsed.data;
  const { counters } = options;

  return {
    async status(subject, now) {
      const sums = await counters.sums(subject, utcDay(now));
      return usageStatus(sums, limits);
    },

    async record(subject, cost, now) {
      await counters.add(subject, utcDay(now), {
        tokens: wholeCount(cost.tokens),
        toolCalls: wholeCount(cost.toolCalls),
        questions: 1,
        modelQuestions: cost.modelAnswered ? 1 : 0,
      });
    },

    async usageReport(subject, now) {
      const day = utcDay(now);
      const [sums, days] = await Promise.all([
        counters.sums(subject, day),
        counters.days(subject, day.slice(0, 7)),
      ]);
      const status = usageStatus(sums, limits);
      const period = (which: UsagePeriod): UsageReportPeriod => {
        const figures = (scope: UsageScope): UsageReportFigures => ({
          tokens: findLine(status, scope, which, 'tokens'),
          toolCalls: findLine(status, scope, which, 'toolCalls'),
          questions: sums[which][scope].questions,
          modelQuestions: sums[which][scope].modelQuestions,
        });
        return {
          period: which,
          label: which === 'day' ? day : day.slice(0, 7),
          resetsAt: usageResetsAt(which, now),
          user: figures('user'),
          tenant: figures('tenant'),
        };
      };
      return { subject, at: now, status, day: period('day'), month: period('month'), days };
    },
  };
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** When a period's counters next start from zero: the next 00:00 UTC, or 00:00 UTC on the 1st of next month. */
export function usageResetsAt(period: UsagePeriod, now: Date): Date {
  return period === 'day'
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/**
 * Sets sums against limits: one line per counter (unlimited ones included, ratio 0), the level of the worst.
 * Thresholds compare whole numbers (`used × 100 ≥ limit × 80`), so 80 of 100 is exactly `warn-80`.
 */
export function usageStatus(sums: { day: UsageSums; month: UsageSums }, limits: UsageLimits): UsageStatus {
  const lines: UsageLine[] = usageLimitKeys.map((key) => {
    const [scope, period, metric] = key.split('.') as [UsageScope, UsagePeriod, UsageMetric];
    const used = sums[period][scope][metric];
    const limit = limits[key] || undefined;
    return limit === undefined
      ? { scope, period, metric, used, ratio: 0 }
      : { scope, period, metric, used, limit, ratio: used / limit };
  });
  let worst: UsageLine | undefined;
  for (const line of lines) {
    if (line.limit === undefined) continue;
    if (worst === undefined || outranks(line, worst)) worst = line;
  }
  return { level: worst ? levelOf(worst) : 'ok', worst, lines };
}

function levelOf(line: UsageLine): UsageStatus['level'] {
  const limit = line.limit ?? 0;
  if (limit === 0) return 'ok';
  if (line.used >= limit) return 'exhausted';
  if (line.used * 100 >= limit * 90) return 'warn-90';
  if (line.used * 100 >= limit * 80) return 'warn-80';
  return 'ok';
}

/**
 * The higher ratio wins; on a tie the line that holds longer does (a month over a day), then the tenant's
 * (it stops everyone) over the analyst's, then tokens over tool calls: the notice then names what binds.
 */
function outranks(line: UsageLine, other: UsageLine): boolean {
  if (line.ratio !== other.ratio) return line.ratio > other.ratio;
  if (line.period !== other.period) return line.period === 'month';
  if (line.scope !== other.scope) return line.scope === 'tenant';
  return false;
}

function findLine(
  status: UsageStatus,
  scope: UsageScope,
  period: UsagePeriod,
  metric: UsageMetric,
): UsageLine {
  const line = status.lines.find(
    (candidate) => candidate.scope === scope && candidate.period === period && candidate.metric === metric,
  );
  return line ?? { scope, period, metric, used: 0, ratio: 0 };
}

/** A count to add: a whole number ≥ 0 (a model that reports nothing, or nonsense, costs nothing). */
function wholeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
