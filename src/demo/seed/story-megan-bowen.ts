/**
 * Megan Bowen's story: four hours ago she signs in from a MacBook never seen before, from a home broadband
 * address in Portland, Oregon, and completes MFA; Identity Protection flags unfamiliar sign-in properties in
 * real time: riskLevel medium, riskState atRisk.
 * It never touches anyone but Megan.
 */
import type { DemoDevice } from '../demo-tenant-state.js';
import { APPLICATIONS } from './applications.js';
import { buildRiskDetection, buildRiskyUser } from './build-risk.js';
import { buildSignIn } from './build-sign-in.js';
import { STORY_PEOPLE } from './people.js';
import { TRAVEL_PLACES } from './places.js';
import { personById, type SeedContext, type SeededRecords } from './seed-context.js';
import { STORY_TIMELINE } from './story-timeline.js';

/** The address of Megan's unfamiliar sign-in. */
export const MEGAN_NEW_DEVICE_IP = '198.51.100.77';

const NEW_MACBOOK: DemoDevice = {
  deviceId: '',
  displayName: null,
  operatingSystem: 'MacOs',
  browser: 'Safari 17.4',
  isCompliant: false,
  isManaged: false,
  trustType: null,
  complianceIssues: [],
};
const SAFARI_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

/** Megan's sign-ins from the new device, the unfamiliarFeatures detection and her risky-user record. */
export function seedMeganBowenStory(context: SeedContext): SeededRecords {
  const { random, anchorMs } = context;
  const t = STORY_TIMELINE.megan;
  const megan = personById(context, STORY_PEOPLE.megan.id);
  const portland = TRAVEL_PLACES.find((p) => p.city === 'Portland')!;
  const newDevice = buildSignIn({
    id: random.guid(),
    correlationId: random.guid(),
    at: anchorMs - t.newDeviceSignIn,
    person: megan,
    app: APPLICATIONS.officeHome,
    ipAddress: MEGAN_NEW_DEVICE_IP,
    where: portland,
    device: NEW_MACBOOK,
    outcome: { kind: 'success', mfa: 'completed' },
    risk: {
      levelDuringSignIn: 'medium',
      levelAggregated: 'medium',
      state: 'atRisk',
      detail: 'none',
      eventTypes: ['unfamiliarFeatures'],
    },
  });
  const mail = buildSignIn({
    id: random.guid(),
    correlationId: random.guid(),
    at: anchorMs - t.newDeviceMail,
    person: megan,
    app: APPLICATIONS.outlookWeb,
    ipAddress: MEGAN_NEW_DEVICE_IP,
    where: portland,
    device: NEW_MACBOOK,
    outcome: { kind: 'success', mfa: 'claimInToken' },
  });
  const detection = buildRiskDetection({
    id: random.hex(64),
    person: megan,
    riskEventType: 'unfamiliarFeatures',
    riskLevel: 'medium',
    riskState: 'atRisk',
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: 'realtime',
    signIn: newDevice,
    activityAt: anchorMs - t.newDeviceSignIn,
    detectedAt: anchorMs - t.newDeviceSignIn,
    lastUpdatedAt: anchorMs - t.newDeviceSignIn,
    additionalInfo: [{ Key: 'userAgent', Value: SAFARI_USER_AGENT }],
  });
  return {
    signIns: [newDevice, mail],
    riskDetections: [detection],
    riskyUsers: [buildRiskyUser(megan, [detection])],
  };
}
