/**
 * Placeholder: the rules planner's answer to incident questions, replaced by the plugin work of issue 7.
 */
import type { PlanInput, PlanOutcome } from './planner.js';

/** Answers a incident question from the plugins' read skills. */
export async function planIncident(_input: PlanInput): Promise<PlanOutcome> {
  return {
    kind: 'help',
    reason: 'Incident questions (Microsoft Defender XDR) are not available in this deployment yet.',
  };
}
