/**
 * Placeholder replaced by the usage work: the card notices for a usage status.
 */
import type { AnswerNotice } from '../answer.js';
import type { UsageStatus } from './usage-meter.js';

/** The footer warning at 80 % / 90 % of a limit. */
export function usageWarningNotice(status: UsageStatus): AnswerNotice {
  return {
    kind: 'usage',
    text: `Model usage is at ${Math.round((status.worst?.ratio ?? 0) * 100)}% of a limit.`,
  };
}

/** Why the rules answered instead of the model: a limit is reached. */
export function usageExhaustedNotice(status: UsageStatus): AnswerNotice {
  return {
    kind: 'fallback',
    text: `The model usage limit is reached (${status.worst?.used ?? 0}); Ward answered with its rules.`,
  };
}
