import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { createUsageMeter } from '../../../src/core/usage/create-usage-meter.js';
import type { Database } from '../../../src/store/database.js';
import { incrementUsage, usageCountersFor, usageDays, usageSums } from '../../../src/store/usage-counters.js';
import { testEngines } from '../../support/test-database.js';

const zero = { tokens: 0, toolCalls: 0, questions: 0, modelQuestions: 0 };

/** A tenant no other test touches, so sums are this test's alone. */
const freshTenant = () => `tenant-${randomUUID()}`;

describe.each(testEngines)('usage counters on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates a day’s row on first use and adds to it afterwards', async () => {
    const tenantId = freshTenant();
    const day = '2026-11-24';
    await incrementUsage(db, {
      tenantId,
      userId: 'megan',
      day,
      tokens: 1200,
      toolCalls: 3,
      questions: 1,
      modelQuestions: 1,
    });
    await incrementUsage(db, {
      tenantId,
      userId: 'megan',
      day,
      tokens: 800,
      toolCalls: 2,
      questions: 1,
      modelQuestions: 0,
    });
    const rows = await db.query<{ tokens: string; questions: number }>(
      'SELECT tokens, questions FROM usage_daily WHERE tenant_id = $1',
      [tenantId],
    );
    expect(rows.rows).toEqual([{ tokens: '2000', questions: 2 }]);
    const sums = await usageSums(db, { tenantId, userId: 'megan', day });
    expect(sums.day.user).toEqual({ tokens: 2000, toolCalls: 5, questions: 2, modelQuestions: 1 });
  });

  it('loses no count when many answers add to the same rows at once', async () => {
    const tenantId = freshTenant();
    const day = '2026-11-24';
    const users = ['megan', 'adele', 'patti'];
    const perUser = 40;
    await Promise.all(
      users.flatMap((userId) =>
        Array.from({ length: perUser }, (_, index) =>
          incrementUsage(db, {
            tenantId,
            userId,
            day,
            tokens: 100 + index,
            toolCalls: 1,
            questions: 1,
            modelQuestions: index % 2,
          }),
        ),
      ),
    );
    const tokensPerUser = Array.from({ length: perUser }, (_, index) => 100 + index).reduce((a, b) => a + b);
    const sums = await usageSums(db, { tenantId, userId: 'adele', day });
    expect(sums.day.user).toEqual({
      tokens: tokensPerUser,
      toolCalls: perUser,
      questions: perUser,
      modelQuestions: perUser / 2,
    });
    expect(sums.day.tenant).toEqual({
      tokens: tokensPerUser * users.length,
      toolCalls: perUser * users.length,
      questions: perUser * users.length,
      modelQuestions: (perUser / 2) * users.length,
    });
    const count = await db.query<{ rows: number }>(
      'SELECT count(*)::int AS rows FROM usage_daily WHERE tenant_id = $1',
      [tenantId],
    );
    expect(count.rows[0]?.rows).toBe(users.length);
  });

  it('sums the analyst and the tenant for a day and for its UTC month, and nothing of other tenants or months', async () => {
    const tenantId = freshTenant();
    const add = (userId: string, day: string, tokens: number, toolCalls = 1) =>
      incrementUsage(db, { tenantId, userId, day, tokens, toolCalls, questions: 1, modelQuestions: 1 });
    await add('megan', '2026-11-01', 100);
    await add('megan', '2026-11-24', 1000);
    await add('adele', '2026-11-24', 50, 4);
    await add('adele', '2026-11-30', 7);
    await add('megan', '2026-10-31', 100_000);
    await add('megan', '2026-12-01', 100_000);
    await incrementUsage(db, {
      tenantId: freshTenant(),
      userId: 'megan',
      day: '2026-11-24',
      tokens: 5_000_000,
      toolCalls: 9,
      questions: 1,
      modelQuestions: 1,
    });

    const sums = await usageSums(db, { tenantId, userId: 'megan', day: '2026-11-24' });
    expect(sums).toEqual({
      day: {
        user: { tokens: 1000, toolCalls: 1, questions: 1, modelQuestions: 1 },
        tenant: { tokens: 1050, toolCalls: 5, questions: 2, modelQuestions: 2 },
      },
      month: {
        user: { tokens: 1100, toolCalls: 2, questions: 2, modelQuestions: 2 },
        tenant: { tokens: 1157, toolCalls: 7, questions: 4, modelQuestions: 4 },
      },
    });
  });

  it('reads zeros for a tenant or analyst with no usage', async () => {
    const sums = await usageSums(db, { tenantId: freshTenant(), userId: 'nobody', day: '2026-02-28' });
    expect(sums).toEqual({ day: { user: zero, tenant: zero }, month: { user: zero, tenant: zero } });
    expect(await usageDays(db, { tenantId: freshTenant(), userId: 'nobody', month: '2026-02' })).toEqual([]);
  });

  it('lists the month’s days with usage, oldest first, with the analyst’s share (zero on days only others asked)', async () => {
    const tenantId = freshTenant();
    const add = (userId: string, day: string, tokens: number) =>
      incrementUsage(db, { tenantId, userId, day, tokens, toolCalls: 2, questions: 1, modelQuestions: 0 });
    await add('adele', '2026-12-31', 300);
    await add('megan', '2026-12-02', 10);
    await add('adele', '2026-12-02', 20);
    await add('megan', '2027-01-01', 999);
    await add('megan', '2026-11-30', 999);
    expect(await usageDays(db, { tenantId, userId: 'megan', month: '2026-12' })).toEqual([
      {
        day: '2026-12-02',
        user: { tokens: 10, toolCalls: 2, questions: 1, modelQuestions: 0 },
        tenant: { tokens: 30, toolCalls: 4, questions: 2, modelQuestions: 0 },
      },
      {
        day: '2026-12-31',
        user: zero,
        tenant: { tokens: 300, toolCalls: 2, questions: 1, modelQuestions: 0 },
      },
    ]);
  });

  it('keeps counts beyond 32 bits exact', async () => {
    const tenantId = freshTenant();
    const big = 3_000_000_000;
    for (let index = 0; index < 2; index++) {
      await incrementUsage(db, {
        tenantId,
        userId: 'megan',
        day: '2026-11-24',
        tokens: big,
        toolCalls: 0,
        questions: 1,
        modelQuestions: 1,
      });
    }
    const sums = await usageSums(db, { tenantId, userId: 'megan', day: '2026-11-24' });
    expect(sums.month.tenant.tokens).toBe(2 * big);
  });

  it.each([
    ['an empty tenant id', { tenantId: '' }, 'tenantId must not be empty'],
    ['a day that does not exist', { day: '2026-02-29' }, 'day must be a date written YYYY-MM-DD'],
    ['a time instead of a day', { day: '2026-11-24T10:00:00Z' }, 'day must be a date written YYYY-MM-DD'],
    ['a negative count', { tokens: -5 }, 'tokens must not be negative'],
    ['a fractional count', { toolCalls: 1.5 }, 'toolCalls must be a whole number'],
  ])('refuses %s with InvalidInputError and records nothing', async (_name, change, message) => {
    const tenantId = freshTenant();
    const input = {
      tenantId,
      userId: 'megan',
      day: '2026-11-24',
      tokens: 10,
      toolCalls: 1,
      questions: 1,
      modelQuestions: 0,
      ...change,
    };
    const failure = await incrementUsage(db, input).catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain(message);
    const rows = await db.query('SELECT 1 FROM usage_daily WHERE tenant_id = $1', [tenantId]);
    expect(rows.rowCount).toBe(0);
  });

  it('refuses a malformed month or day on reads', async () => {
    await expect(usageDays(db, { tenantId: 't', userId: 'u', month: '2026-13' })).rejects.toThrow(
      'month must be written YYYY-MM',
    );
    await expect(usageSums(db, { tenantId: 't', userId: 'u', day: '24/11/2026' })).rejects.toThrow(
      'day must be a date written YYYY-MM-DD',
    );
  });

  it('meters a tenant end to end: answers are recorded, and the limit is reached exactly at 100 %', async () => {
    const subject = { tenantId: freshTenant(), userId: 'megan' };
    const meter = createUsageMeter({
      counters: usageCountersFor(db),
      limits: { 'tenant.day.tokens': 10_000, 'user.month.toolCalls': 0 },
    });
    const morning = new Date('2026-11-24T08:00:00Z');
    expect((await meter.status(subject, morning)).level).toBe('ok');
    await meter.record(subject, { tokens: 8_000, toolCalls: 4, modelAnswered: true }, morning);
    expect((await meter.status(subject, morning)).level).toBe('warn-80');
    await meter.record(subject, { tokens: 2_000, toolCalls: 1, modelAnswered: true }, morning);
    const status = await meter.status(subject, new Date('2026-11-24T23:59:59.999Z'));
    expect(status.level).toBe('exhausted');
    expect(status.worst).toEqual({
      scope: 'tenant',
      period: 'day',
      metric: 'tokens',
      used: 10_000,
      limit: 10_000,
      ratio: 1,
    });
    // A new UTC day starts from zero; the month keeps counting.
    const nextDay = new Date('2026-11-25T00:00:00Z');
    expect((await meter.status(subject, nextDay)).level).toBe('ok');
    const report = await meter.usageReport(subject, nextDay);
    expect(report.month.user).toMatchObject({ questions: 2, modelQuestions: 2 });
    expect(report.month.user.tokens.used).toBe(10_000);
    expect(report.month.user.toolCalls).toMatchObject({ used: 5, ratio: 0 });
    expect(report.days.map((day) => day.day)).toEqual(['2026-11-24']);
  });
});
