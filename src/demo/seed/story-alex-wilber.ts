/**
 * Alex Wilber's story: nine days ago Alex's credentials turned up in a leak (leakedCredentials, high); six days
 * ago Alex reset the password with self-service password reset after MFA, which remediates the risk:
 * riskState remediated, riskDetail userPerformedSecuredPasswordReset, riskLevel none.
 * It never touches anyone but Alex.
 */
import { buildRiskDetection, buildRiskyUser } from './build-risk.js';
import { STORY_PEOPLE } from './people.js';
import { personById, type SeedContext, type SeededRecords } from './seed-context.js';
import { STORY_TIMELINE } from './story-timeline.js';

/** Alex's remediated leaked-credentials detection and risky-user record. */
export function seedAlexWilberStory(context: SeedContext): SeededRecords {
  const { random, anchorMs } = context;
  const t = STORY_TIMELINE.alex;
  const alex = personById(context, STORY_PEOPLE.alex.id);
  const detection = buildRiskDetection({
    id: random.hex(64),
    person: alex,
    riskEventType: 'leakedCredentials',
    riskLevel: 'high',
    riskState: 'remediated',
    riskDetail: 'userPerformedSecuredPasswordReset',
    source: 'IdentityProtection',
    detectionTimingType: 'offline',
    activityAt: anchorMs - t.leakActivity,
    detectedAt: anchorMs - t.leakDetected,
    lastUpdatedAt: anchorMs - t.passwordReset,
  });
  return { signIns: [], riskDetections: [detection], riskyUsers: [buildRiskyUser(alex, [detection])] };
}
