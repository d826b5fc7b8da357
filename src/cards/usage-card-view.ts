/**
 * View-model for the usage card (`adaptiveCards/usage.json`), the reply to `@Ward usage`: where the analyst
 * and their tenant stand today and this month (tokens, tool calls, questions), each limited counter with a
 * percentage bar coloured by level, when each period resets, and this month day by day behind a toggle.
 * It must never build card JSON, read the clock (`now` is a parameter) or show an unescaped name.
 */
import type { UsageDay, UsageReport, UsageReportFigures } from '../core/usage/create-usage-meter.js';
import type { UsageLine, UsageStatus } from '../core/usage/usage-meter.js';
import { usagePercent } from '../core/usage/usage-notices.js';
import type { CardColor, CardContainerStyle } from './answer-card-view.js';
import { escapeCardText } from './escape-card-text.js';
import { formatCardTime, formatUtc } from './format-card-time.js';

/** One cell of a period table: the count, and (when limited) a bar with the percentage. */
export interface UsageCellView {
  /** `84,120 of 100,000`, or `84,120 (no limit)`. */
  amount: string;
  /** `▰▰▰▰▰▰▰▰▱▱ 84%`; empty when unlimited. */
  bar: string;
  color: CardColor;
}

/** Today or this month. */
export interface UsagePeriodView {
  /** `Today (2026-11-24)` or `This month (2026-11)`. */
  heading: string;
  /** `Resets 2026-11-25 00:00 UTC · in 7 h`. */
  resets: string;
  rows: { metric: string; user: UsageCellView; tenant: UsageCellView }[];
}

/** What `adaptiveCards/usage.json` binds to. */
export interface UsageCardView {
  status: { text: string; color: CardColor; style: CardContainerStyle };
  /** Column heading of the analyst's figures, escaped. */
  analyst: string;
  periods: UsagePeriodView[];
  /** This month day by day, newest first; empty `rows` hides the toggle and the table. */
  days: { toggleTitle: string; columns: { title: string }[]; rows: { cells: { text: string }[] }[] };
  /** `As of 2026-11-24 16:07 UTC`. */
  asOf: string;
}

/** Input of {@link toUsageCardView}. */
export interface UsageCardInput {
  report: UsageReport;
  /** The time the card is drawn; reset times are told relative to it. */
  now: Date;
  /** Who asked, for the column heading; default "You". */
  analystName?: string;
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const barSegments = 10;

/** Builds the usage card's view-model. Pure: the same input always gives the same view. */
export function toUsageCardView(input: UsageCardInput): UsageCardView {
  const { report, now } = input;
  const name = input.analystName?.trim() ? escapeCardText(input.analystName, { maxLength: 60 }) : '';
  const who = name === '' ? 'you' : name;
  return {
    status: describeStatus(report.status),
    analyst: name === '' ? 'You' : name,
    periods: [report.day, report.month].map((period) => ({
      heading: period.period === 'day' ? `Today (${period.label})` : `This month (${period.label})`,
      resets: `Resets ${formatCardTime(period.resetsAt, now)}`,
      rows: [
        {
          metric: 'Model tokens',
          user: lineCell(period.user.tokens),
          tenant: lineCell(period.tenant.tokens),
        },
        {
          metric: 'Tool calls',
          user: lineCell(period.user.toolCalls),
          tenant: lineCell(period.tenant.toolCalls),
        },
        { metric: 'Questions', user: questionsCell(period.user), tenant: questionsCell(period.tenant) },
      ],
    })),
    days: {
      toggleTitle: `This month by day (${report.days.length} ${report.days.length === 1 ? 'day' : 'days'})`,
      columns: [
        { title: 'Day (UTC)' },
        { title: `Tokens, ${who} / tenant` },
        { title: `Tool calls, ${who} / tenant` },
        { title: `Questions, ${who} / tenant` },
      ],
      rows: [...report.days].reverse().map((day) => ({ cells: dayCells(day) })),
    },
    asOf: `As of ${formatUtc(report.at)}`,
  };
}

/** The headline: the worst limit, said plainly, in the colour of its level. */
function describeStatus(status: UsageStatus): UsageCardView['status'] {
  const line = status.worst;
  if (line?.limit === undefined) {
    return { text: 'No usage limits are set for this tenant.', color: 'default', style: 'emphasis' };
  }
  const which = `${line.scope === 'tenant' ? "this tenant's" : 'your'} ${line.period === 'day' ? 'daily' : 'monthly'} ${
    line.metric === 'tokens' ? 'token' : 'tool-call'
  } limit (${numbers.format(line.used)} of ${numbers.format(line.limit)})`;
  const resets = line.period === 'day' ? '00:00 UTC' : 'the 1st of next month, 00:00 UTC';
  switch (status.level) {
    case 'exhausted':
      return {
        text: `Limit reached: ${which}. Ward answers with its rules, without the model, until ${resets}.`,
        color: 'attention',
        style: 'attention',
      };
    case 'warn-90':
    case 'warn-80':
      return {
        text: `Near a limit: ${usagePercent(line)}% of ${which}.`,
        color: 'warning',
        style: 'warning',
      };
    case 'ok':
      return {
        text: `Within limits. Highest: ${usagePercent(line)}% of ${which}.`,
        color: 'good',
        style: 'good',
      };
  }
}

function lineCell(line: UsageLine): UsageCellView {
  if (line.limit === undefined) {
    return { amount: `${numbers.format(line.used)} (no limit)`, bar: '', color: 'default' };
  }
  const percent = usagePercent(line);
  const filled = Math.min(barSegments, Math.floor(percent / (100 / barSegments)));
  return {
    amount: `${numbers.format(line.used)} of ${numbers.format(line.limit)}`,
    bar: `${'▰'.repeat(filled)}${'▱'.repeat(barSegments - filled)} ${percent}%`,
    color: percent >= 100 ? 'attention' : percent >= 80 ? 'warning' : 'good',
  };
}

function questionsCell(figures: UsageReportFigures): UsageCellView {
  return {
    amount: `${numbers.format(figures.questions)} (${numbers.format(figures.modelQuestions)} with the model)`,
    bar: '',
    color: 'default',
  };
}

/** `2026-11-24`, then tokens, tool calls and questions as `you / tenant`. */
function dayCells(day: UsageDay): { text: string }[] {
  const pair = (user: number, tenant: number) => ({
    text: `${numbers.format(user)} / ${numbers.format(tenant)}`,
  });
  return [
    { text: day.day },
    pair(day.user.tokens, day.tenant.tokens),
    pair(day.user.toolCalls, day.tenant.toolCalls),
    pair(day.user.questions, day.tenant.questions),
  ];
}
