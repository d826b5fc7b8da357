/**
 * Placeholder: the rules planner's answer to cloud posture questions (Defender for Cloud), filled in by the
 * Defender for Cloud work of issue 7.
 */
import type { PlanInput, PlanOutcome } from './planner.js';

/** Answers a cloud posture question from the Defender for Cloud skills. */
export async function planCloudPosture(_input: PlanInput): Promise<PlanOutcome> {
  return {
    kind: 'help',
    reason: 'Cloud posture questions (Defender for Cloud) are not available in this deployment yet.',
  };
}
