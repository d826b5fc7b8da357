/**
 * Placeholder: the rules planner's answer to indicator questions, replaced by the plugin work of issue 7.
 */
import type { PlanInput, PlanOutcome } from './planner.js';

/** Answers a indicator question from the plugins' read skills. */
export async function planIndicator(_input: PlanInput): Promise<PlanOutcome> {
  return {
    kind: 'help',
    reason: 'IP, hash and CVE lookups (threat intelligence) are not available in this deployment yet.',
  };
}
