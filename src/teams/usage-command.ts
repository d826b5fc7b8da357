/**
 * `@Ward usage`: recognises the command (`usage`, `my usage`, `show usage`, in any case, with punctuation)
 * and renders the usage report as a card. The host calls the meter's `usageReport` with
 * `usageSubjectOf` the turn (core/usage/usage-subject.ts, the subject the orchestrator charges) and posts
 * {@link usageReplyCard}. It never reads counters itself and never treats a question that merely mentions
 * usage ("usage of PowerShell by megan") as the command.
 */
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import { toUsageCardView } from '../cards/usage-card-view.js';
import type { UsageReport } from '../core/usage/create-usage-meter.js';
import { usagePercent } from '../core/usage/usage-notices.js';

/**
 * The whole message, once lower-cased and stripped of punctuation: an optional verb ("show", "check",
 * "what is" ...), an optional "me", an optional owner ("my", "our", "the", "ward", "tenant") and "usage",
 * optionally followed by "please" or "today".
 */
const USAGE_COMMAND =
  /^(?:(?:show|display|check|get|see|view|whats|what is|how is|hows)\s+)?(?:me\s+)?(?:(?:my|our|the|ward|wards|tenant|tenants|model)\s+)?usage(?:\s+(?:please|today|now|status))?$/;

/** True when the message asks for Ward's usage report (`usage`, `My usage?`, `/usage`, `show usage please`). */
export function parseUsageCommand(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return USAGE_COMMAND.test(words);
}

/**
 * The usage card for a report. `analystName` heads the analyst's column (default "You"); pass the asker's
 * name in a channel, where others read the card too.
 */
export function usageReplyCard(
  report: UsageReport,
  now: Date,
  options?: { analystName?: string },
): AdaptiveCard {
  return renderCard('usage', toUsageCardView({ report, now, analystName: options?.analystName }));
}

/** A one-line text summary of the report, for the activity's `summary` (notifications, screen readers). */
export function usageReplySummary(report: UsageReport): string {
  const line = report.status.worst;
  if (line?.limit === undefined) return 'Ward usage: no limits are set';
  const level =
    report.status.level === 'exhausted'
      ? 'a limit is reached'
      : report.status.level === 'ok'
        ? 'within limits'
        : 'near a limit';
  return `Ward usage: ${level} (${usagePercent(line)}% of ${line.scope === 'tenant' ? "the tenant's" : 'your'} ${
    line.period === 'day' ? 'daily' : 'monthly'
  } ${line.metric === 'tokens' ? 'token' : 'tool-call'} limit)`;
}
