/**
 * Placeholder: the rules planner's answer to device questions, replaced by the plugin work of issue 7.
 */
import type { PlanInput, PlanOutcome } from './planner.js';

/** Answers a device question from the plugins' read skills. */
export async function planDevice(_input: PlanInput): Promise<PlanOutcome> {
  return {
    kind: 'help',
    reason: 'Device questions (Intune compliance) are not available in this deployment yet.',
  };
}
