import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import {
  createUsageMeter,
  type UsageAmounts,
  type UsageCounters,
  type UsageDay,
  usageResetsAt,
  utcDay,
} from '../../../../src/core/usage/create-usage-meter.js';
import type { UsageLimits, UsageSubject } from '../../../../src/core/usage/usage-meter.js';

const zero = (): UsageAmounts => ({ tokens: 0, toolCalls: 0, questions: 0, modelQuestions: 0 });
const plus = (a: UsageAmounts, b: UsageAmounts): UsageAmounts => ({
  tokens: a.tokens + b.tokens,
  toolCalls: a.toolCalls + b.toolCalls,
  questions: a.questions + b.questions,
  modelQuestions: a.modelQuestions + b.modelQuestions,
});

/** Counters kept in memory, summed the way the store sums `usage_daily`. */
function memoryCounters() {
  const rows = new Map<string, { subject: UsageSubject; day: string; amounts: UsageAmounts }>();
  const adds: { subject: UsageSubject; day: string; amounts: UsageAmounts }[] = [];
  const counters: UsageCounters = {
    async add(subject, day, amounts) {
      adds.push({ subject, day, amounts });
      const key = `${subject.tenantId}|${subject.userId}|${day}`;
      const row = rows.get(key) ?? { subject, day, amounts: zero() };
      rows.set(key, { ...row, amounts: plus(row.amounts, amounts) });
    },
    async sums(subject, day) {
      const sum = (keep: (row: { subject: UsageSubject; day: string }) => boolean) =>
        [...rows.values()].filter(keep).reduce((total, row) => plus(total, row.amounts), zero());
      const tenant = (row: { subject: UsageSubject }) => row.subject.tenantId === subject.tenantId;
      const user = (row: { subject: UsageSubject }) => tenant(row) && row.subject.userId === subject.userId;
      const sameMonth = (row: { day: string }) => row.day.slice(0, 7) === day.slice(0, 7);
      return {
        day: {
          user: sum((row) => user(row) && row.day === day),
          tenant: sum((row) => tenant(row) && row.day === day),
        },
        month: {
          user: sum((row) => user(row) && sameMonth(row)),
          tenant: sum((row) => tenant(row) && sameMonth(row)),
        },
      };
    },
    async days(subject, month) {
      const byDay = new Map<string, UsageDay>();
      for (const row of rows.values()) {
        if (row.subject.tenantId !== subject.tenantId || row.day.slice(0, 7) !== month) continue;
        const entry = byDay.get(row.day) ?? { day: row.day, user: zero(), tenant: zero() };
        entry.tenant = plus(entry.tenant, row.amounts);
        if (row.subject.userId === subject.userId) entry.user = plus(entry.user, row.amounts);
        byDay.set(row.day, entry);
      }
      return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    },
  };
  return { counters, adds };
}

const megan: UsageSubject = { tenantId: 'contoso', userId: 'megan' };
const adele: UsageSubject = { tenantId: 'contoso', userId: 'adele' };
const now = new Date('2026-11-24T16:07:00Z');

async function meterWith(
  limits: UsageLimits,
  usage: { subject: UsageSubject; tokens: number; toolCalls?: number; at?: Date }[],
) {
  const { counters, adds } = memoryCounters();
  const meter = createUsageMeter({ counters, limits });
  for (const item of usage) {
    await meter.record(
      item.subject,
      { tokens: item.tokens, toolCalls: item.toolCalls ?? 0, modelAnswered: true },
      item.at ?? now,
    );
  }
  return { meter, adds };
}

describe('usage meter', () => {
  it.each([
    [79_999, 'ok'],
    [80_000, 'warn-80'],
    [89_999, 'warn-80'],
    [90_000, 'warn-90'],
    [99_999, 'warn-90'],
    [100_000, 'exhausted'],
    [130_000, 'exhausted'],
  ] as const)('puts %i of 100,000 tokens at level %s', async (tokens, level) => {
    const { meter } = await meterWith({ 'tenant.day.tokens': 100_000 }, [{ subject: megan, tokens }]);
    const status = await meter.status(megan, now);
    expect(status.level).toBe(level);
    expect(status.worst).toEqual({
      scope: 'tenant',
      period: 'day',
      metric: 'tokens',
      used: tokens,
      limit: 100_000,
      ratio: tokens / 100_000,
    });
  });

  it('treats a limit of 0 or none as unlimited: always ok, no worst line, every counter still listed', async () => {
    const { meter } = await meterWith({ 'tenant.day.tokens': 0 }, [
      { subject: megan, tokens: 9_999_999, toolCalls: 500 },
    ]);
    const status = await meter.status(megan, now);
    expect(status.level).toBe('ok');
    expect(status.worst).toBeUndefined();
    expect(status.lines).toHaveLength(8);
    expect(status.lines.every((line) => line.limit === undefined && line.ratio === 0)).toBe(true);
    expect(
      status.lines.find(
        (line) => line.scope === 'user' && line.period === 'month' && line.metric === 'toolCalls',
      )?.used,
    ).toBe(500);
  });

  it('takes the level from the line with the highest ratio, across scopes, periods and metrics', async () => {
    const { meter } = await meterWith(
      {
        'tenant.day.tokens': 1_000_000,
        'user.day.toolCalls': 10,
        'user.month.tokens': 50_000,
      },
      [
        { subject: megan, tokens: 20_000, toolCalls: 5 },
        { subject: megan, tokens: 21_000, toolCalls: 4, at: new Date('2026-11-02T10:00:00Z') },
      ],
    );
    const status = await meter.status(megan, now);
    // user.month.tokens 41,000 / 50,000 = 82 % beats user.day.toolCalls 5 / 10 = 50 % and tenant.day.tokens 2 %.
    expect(status.level).toBe('warn-80');
    expect(status.worst).toMatchObject({
      scope: 'user',
      period: 'month',
      metric: 'tokens',
      used: 41_000,
      limit: 50_000,
    });
  });

  it('counts only the asker against user limits and everyone against tenant limits', async () => {
    const { meter } = await meterWith({ 'user.day.tokens': 10_000, 'tenant.day.tokens': 100_000 }, [
      { subject: adele, tokens: 9_500 },
      { subject: megan, tokens: 1_000 },
    ]);
    expect((await meter.status(adele, now)).level).toBe('warn-90');
    const meganStatus = await meter.status(megan, now);
    expect(meganStatus.level).toBe('ok');
    expect(
      meganStatus.lines.find(
        (line) => line.scope === 'tenant' && line.period === 'day' && line.metric === 'tokens',
      )?.used,
    ).toBe(10_500);
  });

  it('prefers, on a tie, the monthly line over the daily and the tenant’s over the analyst’s', async () => {
    const { meter } = await meterWith(
      { 'user.day.tokens': 1_000, 'tenant.day.tokens': 1_000, 'tenant.month.tokens': 1_000 },
      [{ subject: megan, tokens: 1_000 }],
    );
    const status = await meter.status(megan, now);
    expect(status.level).toBe('exhausted');
    expect(status.worst).toMatchObject({ scope: 'tenant', period: 'month' });
  });

  it('starts each UTC day from zero and each UTC month from zero', async () => {
    const lastSecond = new Date('2026-11-30T23:59:59.999Z');
    const { meter } = await meterWith({ 'user.day.tokens': 1_000, 'user.month.tokens': 2_000 }, [
      { subject: megan, tokens: 1_000, at: lastSecond },
    ]);
    expect((await meter.status(megan, lastSecond)).level).toBe('exhausted');
    const nextMonth = await meter.status(megan, new Date('2026-12-01T00:00:00Z'));
    expect(nextMonth.level).toBe('ok');
    expect(nextMonth.lines.every((line) => line.used === 0)).toBe(true);
  });

  it('records one question per answer, a model question only when the model answered, and whole counts', async () => {
    const { counters, adds } = memoryCounters();
    const meter = createUsageMeter({ counters, limits: {} });
    await meter.record(megan, { tokens: 1234.6, toolCalls: 3, modelAnswered: true }, now);
    await meter.record(megan, { tokens: Number.NaN, toolCalls: -2, modelAnswered: false }, now);
    expect(adds).toEqual([
      {
        subject: megan,
        day: '2026-11-24',
        amounts: { tokens: 1235, toolCalls: 3, questions: 1, modelQuestions: 1 },
      },
      {
        subject: megan,
        day: '2026-11-24',
        amounts: { tokens: 0, toolCalls: 0, questions: 1, modelQuestions: 0 },
      },
    ]);
  });

  it('reports today and this month for the analyst and the tenant, with limits, resets and the days', async () => {
    const { meter } = await meterWith({ 'tenant.day.tokens': 100_000, 'user.month.toolCalls': 200 }, [
      { subject: megan, tokens: 84_120, toolCalls: 12 },
      { subject: adele, tokens: 5_000, toolCalls: 3, at: new Date('2026-11-03T09:00:00Z') },
      { subject: megan, tokens: 70, toolCalls: 1, at: new Date('2026-10-31T09:00:00Z') },
    ]);
    const report = await meter.usageReport(megan, now);
    expect(report.subject).toEqual(megan);
    expect(report.at).toBe(now);
    expect(report.status.level).toBe('warn-80');
    expect(report.day).toMatchObject({
      period: 'day',
      label: '2026-11-24',
      resetsAt: new Date('2026-11-25T00:00:00Z'),
      user: { tokens: { used: 84_120, ratio: 0 }, questions: 1, modelQuestions: 1 },
      tenant: { tokens: { used: 84_120, limit: 100_000, ratio: 0.8412 }, questions: 1 },
    });
    expect(report.month).toMatchObject({
      period: 'month',
      label: '2026-11',
      resetsAt: new Date('2026-12-01T00:00:00Z'),
      user: { toolCalls: { used: 12, limit: 200, ratio: 0.06 }, questions: 1 },
      tenant: { tokens: { used: 89_120 }, toolCalls: { used: 15, ratio: 0 }, questions: 2 },
    });
    expect(report.day.user.tokens.limit).toBeUndefined();
    expect(report.month.tenant.toolCalls.limit).toBeUndefined();
    expect(report.days.map((day) => [day.day, day.user.tokens, day.tenant.tokens])).toEqual([
      ['2026-11-03', 0, 5_000],
      ['2026-11-24', 84_120, 84_120],
    ]);
  });

  it.each([
    [{ 'tenant.day.tokens': -1 }],
    [{ 'tenant.day.tokens': 1.5 }],
    [{ 'tenant.weekly.tokens': 10 } as unknown as UsageLimits],
  ])('refuses bad limits at construction with ConfigError: %j', (limits) => {
    expect(() => createUsageMeter({ counters: memoryCounters().counters, limits })).toThrow(ConfigError);
  });
});

describe('usage periods', () => {
  it('names the UTC day, whatever the local time zone', () => {
    expect(utcDay(new Date('2026-11-24T23:59:59.999Z'))).toBe('2026-11-24');
    expect(utcDay(new Date('2026-11-25T00:00:00Z'))).toBe('2026-11-25');
  });

  it('resets days at the next 00:00 UTC and months on the 1st, across a year end', () => {
    expect(usageResetsAt('day', new Date('2026-12-31T18:00:00Z'))).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(usageResetsAt('month', new Date('2026-12-31T18:00:00Z'))).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(usageResetsAt('month', new Date('2026-02-01T00:00:00Z'))).toEqual(
      new Date('2026-03-01T00:00:00Z'),
    );
  });
});
