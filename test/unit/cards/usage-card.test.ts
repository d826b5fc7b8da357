import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../src/cards/render-card.js';
import { toUsageCardView } from '../../../src/cards/usage-card-view.js';
import {
  type UsageAmounts,
  type UsageDay,
  type UsageReport,
  usageResetsAt,
  usageStatus,
} from '../../../src/core/usage/create-usage-meter.js';
import type { UsageLimits, UsageLine, UsagePeriod, UsageScope } from '../../../src/core/usage/usage-meter.js';
import { allObjects, type CardObject, ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const now = new Date('2026-11-24T16:07:00Z');
const amounts = (
  tokens: number,
  toolCalls: number,
  questions: number,
  modelQuestions = questions,
): UsageAmounts => ({
  tokens,
  toolCalls,
  questions,
  modelQuestions,
});

/** A report as the meter builds it, from sums, limits and days. */
function reportOf(
  sums: {
    day: { user: UsageAmounts; tenant: UsageAmounts };
    month: { user: UsageAmounts; tenant: UsageAmounts };
  },
  limits: UsageLimits,
  days: UsageDay[] = [],
): UsageReport {
  const status = usageStatus(sums, limits);
  const line = (scope: UsageScope, period: UsagePeriod, metric: UsageLine['metric']) =>
    status.lines.find(
      (candidate) => candidate.scope === scope && candidate.period === period && candidate.metric === metric,
    )!;
  const period = (which: UsagePeriod) => ({
    period: which,
    label: which === 'day' ? '2026-11-24' : '2026-11',
    resetsAt: usageResetsAt(which, now),
    user: {
      tokens: line('user', which, 'tokens'),
      toolCalls: line('user', which, 'toolCalls'),
      questions: sums[which].user.questions,
      modelQuestions: sums[which].user.modelQuestions,
    },
    tenant: {
      tokens: line('tenant', which, 'tokens'),
      toolCalls: line('tenant', which, 'toolCalls'),
      questions: sums[which].tenant.questions,
      modelQuestions: sums[which].tenant.modelQuestions,
    },
  });
  return {
    subject: { tenantId: 'contoso', userId: 'megan' },
    at: now,
    status,
    day: period('day'),
    month: period('month'),
    days,
  };
}

const busyDay = {
  day: { user: amounts(60_000, 40, 9, 7), tenant: amounts(84_120, 95, 14, 11) },
  month: { user: amounts(400_000, 300, 80, 60), tenant: amounts(1_250_000, 900, 210, 170) },
};
const limits: UsageLimits = {
  'tenant.day.tokens': 100_000,
  'tenant.month.tokens': 2_000_000,
  'user.day.toolCalls': 50,
};
const days: UsageDay[] = [
  { day: '2026-11-02', user: amounts(0, 0, 0), tenant: amounts(5_000, 12, 3) },
  { day: '2026-11-24', user: amounts(60_000, 40, 9, 7), tenant: amounts(84_120, 95, 14, 11) },
];

/** The table of a period section, as rows of cell texts. */
function periodTable(card: unknown, heading: string): string[][] {
  const section = ofType(card, 'Container').find((container) => texts(container)[0] === heading);
  const table = ofType(section, 'Table')[0];
  return ((table?.rows as CardObject[]) ?? []).map((row) =>
    (row.cells as CardObject[]).map((cell) => texts(cell).join(' | ')),
  );
}

describe('usage card', () => {
  const card = renderCard('usage', toUsageCardView({ report: reportOf(busyDay, limits, days), now }));

  it('is a valid Adaptive Card 1.5 for Teams with nothing left of the template', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/\$\{|\$when|\$data/);
  });

  it('leads with the worst limit in the colour of its level', () => {
    const status = card.body[1] as CardObject;
    expect(status).toMatchObject({ type: 'Container', style: 'warning' });
    expect(ofType(status, 'TextBlock')[0]).toMatchObject({
      text: "Near a limit: 84% of this tenant's daily token limit (84,120 of 100,000).",
      color: 'warning',
    });
  });

  it('shows today for the analyst and the tenant: counts, limits, percentage bars and questions', () => {
    expect(texts(card)).toContain('Resets 2026-11-25 00:00 UTC · in 7 h');
    expect(periodTable(card, 'Today (2026-11-24)')).toEqual([
      [' ', 'You', 'This tenant'],
      ['Model tokens', '60,000 (no limit)', '84,120 of 100,000 | ▰▰▰▰▰▰▰▰▱▱ 84%'],
      ['Tool calls', '40 of 50 | ▰▰▰▰▰▰▰▰▱▱ 80%', '95 (no limit)'],
      ['Questions', '9 (7 with the model)', '14 (11 with the model)'],
    ]);
    const bars = ofType(card, 'TextBlock').filter((block) => String(block.text).includes('▰'));
    expect(bars.map((bar) => bar.color)).toEqual(['warning', 'warning', 'good']);
  });

  it('shows this month with its own limits and reset', () => {
    expect(texts(card)).toContain('Resets 2026-12-01 00:00 UTC · in 6 d');
    expect(periodTable(card, 'This month (2026-11)')).toEqual([
      [' ', 'You', 'This tenant'],
      ['Model tokens', '400,000 (no limit)', '1,250,000 of 2,000,000 | ▰▰▰▰▰▰▱▱▱▱ 62%'],
      ['Tool calls', '300 (no limit)', '900 (no limit)'],
      ['Questions', '80 (60 with the model)', '210 (170 with the model)'],
    ]);
  });

  it('lists this month day by day, newest first, behind a toggle', () => {
    const toggle = ofType(card, 'Action.ToggleVisibility')[0];
    expect(toggle).toMatchObject({ title: 'This month by day (2 days)', targetElements: ['wardUsageDays'] });
    const container = allObjects(card).find((object) => object.id === 'wardUsageDays');
    expect(container?.isVisible).toBe(false);
    const rows = ((ofType(container, 'Table')[0]?.rows ?? []) as CardObject[]).map((row) => texts(row));
    expect(rows).toEqual([
      ['Day (UTC)', 'Tokens, you / tenant', 'Tool calls, you / tenant', 'Questions, you / tenant'],
      ['2026-11-24', '60,000 / 84,120', '40 / 95', '9 / 14'],
      ['2026-11-02', '0 / 5,000', '0 / 12', '0 / 3'],
    ]);
  });

  it('says a limit is reached in attention colour, with a full bar past 100 %', () => {
    const over = reportOf(
      { ...busyDay, day: { user: busyDay.day.user, tenant: amounts(103_450, 95, 14) } },
      limits,
    );
    const reached = renderCard('usage', toUsageCardView({ report: over, now }));
    expect(adaptiveCardProblems(reached)).toEqual([]);
    expect(reached.body[1]).toMatchObject({ style: 'attention' });
    expect(texts(reached)).toContain(
      "Limit reached: this tenant's daily token limit (103,450 of 100,000). Ward answers with its rules, without the model, until 00:00 UTC.",
    );
    const bar = ofType(reached, 'TextBlock').find((block) => String(block.text).endsWith('103%'));
    expect(bar).toMatchObject({ text: '▰▰▰▰▰▰▰▰▰▰ 103%', color: 'attention' });
  });

  it('says so when no limits are set, shows no bars and no day toggle without usage', () => {
    const quiet = reportOf(
      {
        day: { user: amounts(0, 0, 0), tenant: amounts(0, 0, 0) },
        month: { user: amounts(0, 0, 0), tenant: amounts(0, 0, 0) },
      },
      {},
    );
    const view = toUsageCardView({ report: quiet, now });
    expect(view.status).toEqual({
      text: 'No usage limits are set for this tenant.',
      color: 'default',
      style: 'emphasis',
    });
    const empty = renderCard('usage', view);
    expect(adaptiveCardProblems(empty)).toEqual([]);
    expect(texts(empty).some((text) => text.includes('▰'))).toBe(false);
    expect(ofType(empty, 'Action.ToggleVisibility')).toEqual([]);
    expect(allObjects(empty).some((object) => object.id === 'wardUsageDays')).toBe(false);
    expect(JSON.stringify(empty)).not.toMatch(/\[\]|null/);
  });

  it('heads the analyst’s column with their name, escaped', () => {
    const named = renderCard(
      'usage',
      toUsageCardView({
        report: reportOf(busyDay, limits, days),
        now,
        analystName: 'Megan [Admin](https://evil.example)',
      }),
    );
    const heading = 'Megan \\[Admin\\](hxxps://evil.example)';
    expect(periodTable(named, 'Today (2026-11-24)')[0]).toEqual([' ', heading, 'This tenant']);
    expect(texts(named)).toContain(`Tokens, ${heading} / tenant`);
  });
});
