import { describe, expect, it } from 'vitest';
import { noticeSchema } from '../../../../src/core/answer.js';
import { usageStatus } from '../../../../src/core/usage/create-usage-meter.js';
import type { UsageLimits } from '../../../../src/core/usage/usage-meter.js';
import {
  settingName,
  usageExhaustedNotice,
  usagePercent,
  usageWarningNotice,
} from '../../../../src/core/usage/usage-notices.js';

const amounts = (tokens: number, toolCalls = 0) => ({ tokens, toolCalls, questions: 1, modelQuestions: 1 });

/** A status where the analyst and the tenant used the same amounts today and this month, unless given. */
function statusOf(
  limits: UsageLimits,
  usage: { day: number; month?: number; toolCalls?: number; userDay?: number },
) {
  const month = usage.month ?? usage.day;
  return usageStatus(
    {
      day: {
        user: amounts(usage.userDay ?? usage.day, usage.toolCalls),
        tenant: amounts(usage.day, usage.toolCalls),
      },
      month: {
        user: amounts(usage.userDay ?? month, usage.toolCalls),
        tenant: amounts(month, usage.toolCalls),
      },
    },
    limits,
  );
}

describe('usage warning notice', () => {
  it('names the limit, the exact counts and the reset', () => {
    const notice = usageWarningNotice(statusOf({ 'tenant.day.tokens': 100_000 }, { day: 84_120 }));
    expect(notice).toEqual({
      kind: 'usage',
      text: "Model usage: 84% of this tenant's daily token limit (84,120 of 100,000). Resets at 00:00 UTC.",
    });
    expect(noticeSchema.safeParse(notice).success).toBe(true);
  });

  it('speaks to the analyst about their own limit, monthly, and rounds down', () => {
    const notice = usageWarningNotice(
      statusOf({ 'user.month.tokens': 2_000_000 }, { day: 1, userDay: 1_999_999 }),
    );
    expect(notice.text).toBe(
      'Model usage: 99% of your monthly token limit (1,999,999 of 2,000,000). Resets on the 1st of next month at 00:00 UTC.',
    );
  });

  it('says tool usage for a tool-call limit', () => {
    const notice = usageWarningNotice(statusOf({ 'user.day.toolCalls': 500 }, { day: 0, toolCalls: 450 }));
    expect(notice.text).toBe(
      'Tool usage: 90% of your daily tool-call limit (450 of 500). Resets at 00:00 UTC.',
    );
  });
});

describe('usage exhausted notice', () => {
  it('says why the rules answered, when it resets and which setting raises it', () => {
    const notice = usageExhaustedNotice(statusOf({ 'tenant.day.tokens': 100_000 }, { day: 100_000 }));
    expect(notice).toEqual({
      kind: 'fallback',
      text: "This tenant's daily model token limit is reached (100,000 of 100,000), so Ward answered with its rules, without the model. It resets at 00:00 UTC; an admin can raise USAGE_TENANT_DAILY_TOKENS.",
    });
    expect(noticeSchema.safeParse(notice).success).toBe(true);
  });

  it('shows the real count when one answer went past the limit', () => {
    const notice = usageExhaustedNotice(statusOf({ 'user.day.tokens': 10_000 }, { day: 0, userDay: 12_345 }));
    expect(notice.text).toMatch(/^Your daily model token limit is reached \(12,345 of 10,000\)/);
    expect(notice.text).toContain('USAGE_USER_DAILY_TOKENS');
  });

  it('says the model is back only with the new month when the monthly limit is reached too', () => {
    const status = statusOf(
      { 'tenant.day.tokens': 10_000, 'tenant.month.tokens': 50_000 },
      { day: 12_000, month: 50_000 },
    );
    expect(status.worst).toMatchObject({ period: 'day' });
    const notice = usageExhaustedNotice(status);
    expect(notice.text).toBe(
      "This tenant's daily model token limit is reached (12,000 of 10,000), so Ward answered with its rules, without the model. This tenant's monthly token limit is reached too (50,000 of 50,000), so the model is back when it resets on the 1st of next month at 00:00 UTC; an admin can raise USAGE_TENANT_DAILY_TOKENS or USAGE_TENANT_MONTHLY_TOKENS.",
    );
    expect(noticeSchema.safeParse(notice).success).toBe(true);
  });
});

describe('usage helpers', () => {
  it('names every setting as config.ts reads it', () => {
    expect(settingName({ scope: 'tenant', period: 'month', metric: 'toolCalls' })).toBe(
      'USAGE_TENANT_MONTHLY_TOOL_CALLS',
    );
    expect(settingName({ scope: 'user', period: 'day', metric: 'tokens' })).toBe('USAGE_USER_DAILY_TOKENS');
  });

  it('gives whole percentages, 0 when unlimited', () => {
    expect(
      usagePercent({ scope: 'user', period: 'day', metric: 'tokens', used: 899, limit: 1000, ratio: 0.899 }),
    ).toBe(89);
    expect(usagePercent({ scope: 'user', period: 'day', metric: 'tokens', used: 899, ratio: 0 })).toBe(0);
  });
});
