/**
 * The answer card's words for a usage status: a short footer warning at 80 % and 90 % of a limit, and the
 * notice that says why the rules answered when a limit is reached. Each names whose limit (the analyst's or
 * the tenant's), which one (daily or monthly, tokens or tool calls), the exact counts, when it resets and,
 * when reached, which setting raises it. Plain text: the card escapes it. It must never read the clock (resets
 * are said as "00:00 UTC" and "the 1st"), nor decide anything: the orchestrator chooses when to add them.
 */
import type { AnswerNotice } from '../answer.js';
import type { UsageLine, UsageStatus } from './usage-meter.js';

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * The footer warning at 80 % / 90 % of a limit, e.g. "Model usage: 84% of this tenant's daily token limit
 * (84,120 of 100,000). Resets at 00:00 UTC." The percentage is rounded down, so 99.9 % never reads as 100 %.
 */
export function usageWarningNotice(status: UsageStatus): AnswerNotice {
  const line = status.worst;
  if (line?.limit === undefined) {
    return { kind: 'usage', text: 'Model usage is near a limit set for this tenant.' };
  }
  const what = line.metric === 'tokens' ? 'Model usage' : 'Tool usage';
  return {
    kind: 'usage',
    text: `${what}: ${usagePercent(line)}% of ${owner(line)} ${limitName(line)} (${counts(line)}). ${capitalise(resets(line))}.`,
  };
}

/**
 * Why the rules answered instead of the model, e.g. "This tenant's daily model token limit is reached
 * (100,000 of 100,000), so Ward answered with its rules, without the model. It resets at 00:00 UTC; an admin
 * can raise USAGE_TENANT_DAILY_TOKENS." When a monthly limit is reached as well as the daily one, it says
 * the model is back only when the month resets.
 */
export function usageExhaustedNotice(status: UsageStatus): AnswerNotice {
  const line = status.worst;
  if (line?.limit === undefined) {
    return {
      kind: 'fallback',
      text: 'A model usage limit is reached, so Ward answered with its rules, without the model.',
    };
  }
  const reached = status.lines.filter(
    (candidate) => candidate.limit !== undefined && candidate.used >= candidate.limit,
  );
  const monthly = reached.find((candidate) => candidate.period === 'month');
  const holding = line.period === 'day' && monthly !== undefined ? monthly : line;
  const whenBack =
    holding === line
      ? `It ${resets(line)}`
      : `${capitalise(owner(holding))} ${limitName(holding)} is reached too (${counts(holding)}), so the model is back when it ${resets(holding)}`;
  const settings = [...new Set([line, holding].map(settingName))].join(' or ');
  return {
    kind: 'fallback',
    text: `${capitalise(owner(line))} ${limitName(line, 'model')} is reached (${counts(line)}), so Ward answered with its rules, without the model. ${whenBack}; an admin can raise ${settings}.`,
  };
}

/** used / limit in whole percent, rounded down (0 when unlimited). */
export function usagePercent(line: UsageLine): number {
  if (line.limit === undefined || line.limit === 0) return 0;
  return Math.floor((line.used * 100) / line.limit);
}

/** The setting that holds a line's limit, e.g. `USAGE_TENANT_DAILY_TOKENS`. */
export function settingName(line: Pick<UsageLine, 'scope' | 'period' | 'metric'>): string {
  const period = line.period === 'day' ? 'DAILY' : 'MONTHLY';
  const metric = line.metric === 'tokens' ? 'TOKENS' : 'TOOL_CALLS';
  return `USAGE_${line.scope.toUpperCase()}_${period}_${metric}`;
}

function owner(line: UsageLine): string {
  return line.scope === 'tenant' ? "this tenant's" : 'your';
}

/** `daily token limit`, `monthly tool-call limit`; `daily model token limit` when the model is the point. */
function limitName(line: UsageLine, qualifier?: 'model'): string {
  const period = line.period === 'day' ? 'daily' : 'monthly';
  const metric = line.metric === 'tokens' ? `${qualifier ? `${qualifier} ` : ''}token` : 'tool-call';
  return `${period} ${metric} limit`;
}

function counts(line: UsageLine): string {
  return `${numbers.format(line.used)} of ${numbers.format(line.limit ?? 0)}`;
}

function resets(line: UsageLine): string {
  return line.period === 'day' ? 'resets at 00:00 UTC' : 'resets on the 1st of next month at 00:00 UTC';
}

function capitalise(text: string): string {
  return text === '' ? text : `${text[0]!.toUpperCase()}${text.slice(1)}`;
}
