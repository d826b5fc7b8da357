/**
 * Usage counters: model tokens, tool calls and questions per tenant, analyst and UTC day (`usage_daily`).
 * Adding is one upsert that increments in place, so concurrent answers on any number of replicas never lose a
 * count; months are sums of days. Days are passed and returned as `YYYY-MM-DD` text, never as `Date`, so no
 * driver or server time zone can shift them. It never enforces limits (that is `core/usage`) and never
 * decrements.
 */
import { z } from 'zod/v4';
import { InvalidInputError } from '../core/errors.js';
import type { UsageAmounts, UsageCounters, UsageDay, UsageSums } from '../core/usage/create-usage-meter.js';
import type { UsageSubject } from '../core/usage/usage-meter.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/** What {@link incrementUsage} adds to one (tenant, analyst, day) row. */
export interface IncrementUsageInput extends UsageSubject, UsageAmounts {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
}

/** Whose sums to read, and for which UTC day (the month is the one the day is in). */
export interface UsageSumsQuery extends UsageSubject {
  /** `YYYY-MM-DD`. */
  day: string;
}

/** Whose days to list, and in which UTC month. */
export interface UsageDaysQuery extends UsageSubject {
  /** `YYYY-MM`. */
  month: string;
}

const identifier = (name: string) =>
  z
    .string()
    .min(1, { error: `${name} must not be empty` })
    .max(512, { error: `${name} is longer than 512 characters` });

const count = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .nonnegative({ error: `${name} must not be negative` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${name} is too large` });

/** A real calendar day: `2026-02-30` is refused. */
const daySchema = z.iso.date({ error: 'day must be a date written YYYY-MM-DD' });
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month must be written YYYY-MM' });

const subjectShape = { tenantId: identifier('tenantId'), userId: identifier('userId') };

const incrementUsageInputSchema = z.object({
  ...subjectShape,
  day: daySchema,
  tokens: count('tokens'),
  toolCalls: count('toolCalls'),
  questions: count('questions'),
  modelQuestions: count('modelQuestions'),
});
const usageSumsQuerySchema = z.object({ ...subjectShape, day: daySchema });
const usageDaysQuerySchema = z.object({ ...subjectShape, month: monthSchema });

/**
 * Adds to the analyst's counters for a UTC day, creating the row on first use. Atomic: many concurrent calls
 * for the same row all count. Throws `InvalidInputError` for a bad id, day or count; `StorageError` when the
 * database fails.
 */
export async function incrementUsage(db: Queryable, input: IncrementUsageInput): Promise<void> {
  const value = parse(incrementUsageInputSchema, input, 'usage to record');
  await db.query(
    `INSERT INTO usage_daily AS u (tenant_id, user_id, day, tokens, tool_calls, questions, model_questions)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, user_id, day) DO UPDATE SET
       tokens = u.tokens + EXCLUDED.tokens,
       tool_calls = u.tool_calls + EXCLUDED.tool_calls,
       questions = u.questions + EXCLUDED.questions,
       model_questions = u.model_questions + EXCLUDED.model_questions`,
    [
      value.tenantId,
      value.userId,
      value.day,
      value.tokens,
      value.toolCalls,
      value.questions,
      value.modelQuestions,
    ],
  );
}

/**
 * The analyst's and the tenant's sums for a UTC day and for the month it is in; zeros where nothing was
 * counted. Throws `InvalidInputError` for a bad id or day; `StorageError` when the database fails.
 */
export async function usageSums(
  db: Queryable,
  query: UsageSumsQuery,
): Promise<{ day: UsageSums; month: UsageSums }> {
  const value = parse(usageSumsQuerySchema, query, 'usage query');
  const { start, end } = monthRange(value.day.slice(0, 7));
  const columns = {
    tokens: 'tokens',
    toolCalls: 'tool_calls',
    questions: 'questions',
    modelQuestions: 'model_questions',
  };
  const sums = (prefix: string, filter: string) =>
    Object.values(columns)
      .map((column) => `COALESCE(sum(${column}) FILTER (WHERE ${filter}), 0)::text AS ${prefix}_${column}`)
      .join(',\n       ');
  const result = await db.query<Record<string, unknown>>(
    `SELECT
       ${sums('user_day', 'user_id = $2 AND day = $3::date')},
       ${sums('tenant_day', 'day = $3::date')},
       ${sums('user_month', 'user_id = $2')},
       ${sums('tenant_month', 'true')}
     FROM usage_daily
     WHERE tenant_id = $1 AND day >= $4::date AND day < $5::date`,
    [value.tenantId, value.userId, value.day, start, end],
  );
  const row = result.rows[0] ?? {};
  const amounts = (prefix: string): UsageAmounts => ({
    tokens: toCount(row[`${prefix}_${columns.tokens}`]),
    toolCalls: toCount(row[`${prefix}_${columns.toolCalls}`]),
    questions: toCount(row[`${prefix}_${columns.questions}`]),
    modelQuestions: toCount(row[`${prefix}_${columns.modelQuestions}`]),
  });
  return {
    day: { user: amounts('user_day'), tenant: amounts('tenant_day') },
    month: { user: amounts('user_month'), tenant: amounts('tenant_month') },
  };
}

/**
 * Each day of a UTC month on which anyone in the tenant used Ward, oldest first, with the analyst's and the
 * tenant's amounts (the analyst's are zero on days only others asked). Throws `InvalidInputError` for a bad
 * id or month; `StorageError` when the database fails.
 */
export async function usageDays(db: Queryable, query: UsageDaysQuery): Promise<UsageDay[]> {
  const value = parse(usageDaysQuerySchema, query, 'usage query');
  const { start, end } = monthRange(value.month);
  const result = await db.query<Record<string, unknown>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day,
       COALESCE(sum(tokens) FILTER (WHERE user_id = $2), 0)::text AS user_tokens,
       COALESCE(sum(tool_calls) FILTER (WHERE user_id = $2), 0)::text AS user_tool_calls,
       COALESCE(sum(questions) FILTER (WHERE user_id = $2), 0)::text AS user_questions,
       COALESCE(sum(model_questions) FILTER (WHERE user_id = $2), 0)::text AS user_model_questions,
       sum(tokens)::text AS tenant_tokens,
       sum(tool_calls)::text AS tenant_tool_calls,
       sum(questions)::text AS tenant_questions,
       sum(model_questions)::text AS tenant_model_questions
     FROM usage_daily
     WHERE tenant_id = $1 AND day >= $3::date AND day < $4::date
     GROUP BY day
     ORDER BY day`,
    [value.tenantId, value.userId, start, end],
  );
  return result.rows.map((row) => ({
    day: String(row.day),
    user: {
      tokens: toCount(row.user_tokens),
      toolCalls: toCount(row.user_tool_calls),
      questions: toCount(row.user_questions),
      modelQuestions: toCount(row.user_model_questions),
    },
    tenant: {
      tokens: toCount(row.tenant_tokens),
      toolCalls: toCount(row.tenant_tool_calls),
      questions: toCount(row.tenant_questions),
      modelQuestions: toCount(row.tenant_model_questions),
    },
  }));
}

/** The core's {@link UsageCounters} over `usage_daily` in `db`: what the composition root hands the usage meter. */
export function usageCountersFor(db: Queryable): UsageCounters {
  return {
    add: (subject, day, amounts) =>
      incrementUsage(db, { tenantId: subject.tenantId, userId: subject.userId, day, ...amounts }),
    sums: (subject, day) => usageSums(db, { tenantId: subject.tenantId, userId: subject.userId, day }),
    days: (subject, month) => usageDays(db, { tenantId: subject.tenantId, userId: subject.userId, month }),
  };
}

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(
      `Invalid ${what}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** `[first day, first day of next month)` of a `YYYY-MM` month, as `YYYY-MM-DD`. */
function monthRange(month: string): { start: string; end: string } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return {
    start: `${month}-01`,
    end: new Date(Date.UTC(year, index + 1, 1)).toISOString().slice(0, 10),
  };
}

/** A sum as the database returned it (text, to survive int8/numeric on both drivers) as a safe integer. */
function toCount(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value ?? 0);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new StorageError(`A usage counter holds a value Ward cannot read (${String(value)}).`);
  }
  return number;
}
