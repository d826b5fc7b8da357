/**
 * Seeds the background of Identity Protection: a dozen ordinary staff with low or medium risk of varied kinds
 * (unfamiliar sign-ins, anonymizer and malicious addresses, odd browsers, travel, a new country, leaked
 * credentials, threat-intel hits), most still at risk, some dismissed by an admin or remediated by a secure
 * password change, each detection tied to the sign-in it was raised on.
 * It never picks named people: their risk is told by the stories.
 */
import type { DemoDevice, DemoPlace, DemoRiskDetection, DemoSignIn, DemoUser } from '../demo-tenant-state.js';
import { APPLICATIONS } from './applications.js';
import { buildRiskDetection, buildRiskyUser } from './build-risk.js';
import { buildSignIn, type SignInOutcome } from './build-sign-in.js';
import { SOC_TEAM, STORY_PEOPLE } from './people.js';
import { HOSTILE_IPS, HOSTILE_PLACES, near, residentialIp, TRAVEL_PLACES } from './places.js';
import type { SeedContext, SeededRecords } from './seed-context.js';
import { SIGN_IN_FAILURES } from './sign-in-failures.js';
import { TIME } from './story-timeline.js';

/** How many background people have a risk record. */
export const BACKGROUND_RISKY_USER_COUNT = 12;

interface DetectionKind {
  riskEventType: string;
  levels: readonly ('low' | 'medium')[];
  timing: 'realtime' | 'offline';
  source: string;
  /** Where the risky sign-in came from; absent for user-activity detections. */
  origin?: 'hostile' | 'travel' | 'home';
  outcome?: SignInOutcome;
}

const KINDS: readonly DetectionKind[] = [
  {
    riskEventType: 'unfamiliarFeatures',
    levels: ['low', 'medium'],
    timing: 'realtime',
    source: 'IdentityProtection',
    origin: 'travel',
  },
  {
    riskEventType: 'anonymizedIPAddress',
    levels: ['low', 'medium'],
    timing: 'realtime',
    source: 'IdentityProtection',
    origin: 'hostile',
    outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.mfaDenied },
  },
  {
    riskEventType: 'maliciousIPAddress',
    levels: ['medium'],
    timing: 'offline',
    source: 'IdentityProtection',
    origin: 'hostile',
    outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.invalidPassword },
  },
  {
    riskEventType: 'suspiciousBrowser',
    levels: ['low'],
    timing: 'offline',
    source: 'IdentityProtection',
    origin: 'home',
  },
  {
    riskEventType: 'unlikelyTravel',
    levels: ['low', 'medium'],
    timing: 'offline',
    source: 'IdentityProtection',
    origin: 'travel',
  },
  {
    riskEventType: 'newCountry',
    levels: ['low'],
    timing: 'offline',
    source: 'MicrosoftCloudAppSecurity',
    origin: 'travel',
  },
  { riskEventType: 'leakedCredentials', levels: ['medium'], timing: 'offline', source: 'IdentityProtection' },
  {
    riskEventType: 'investigationsThreatIntelligence',
    levels: ['low', 'medium'],
    timing: 'offline',
    source: 'IdentityProtection',
    origin: 'hostile',
    outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.invalidPassword },
  },
];

/** How the user's risk ended, by position in the list: most open, two dismissed, two remediated. */
const RESOLUTIONS: readonly (readonly [string, string])[] = [
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['atRisk', 'none'],
  ['dismissed', 'adminDismissedAllRiskForUser'],
  ['dismissed', 'adminDismissedAllRiskForUser'],
  ['remediated', 'userPerformedSecuredPasswordChange'],
  ['remediated', 'userPerformedSecuredPasswordChange'],
];

const UNMANAGED_BROWSER: DemoDevice = {
  deviceId: '',
  displayName: null,
  operatingSystem: 'Windows10',
  browser: 'Chrome 109.0.0',
  isCompliant: false,
  isManaged: false,
  trustType: null,
  complianceIssues: [],
};

function origin(
  context: SeedContext,
  kind: DetectionKind,
  person: DemoUser,
): { where: DemoPlace; ip: string } {
  const { random } = context;
  if (kind.origin === 'hostile') {
    const places = Object.values(HOSTILE_PLACES).filter((p) => p !== HOSTILE_PLACES.bucharest);
    return { where: random.pick(places), ip: random.pick(HOSTILE_IPS.others) };
  }
  if (kind.origin === 'travel') {
    const far = TRAVEL_PLACES.filter(
      (p) => p.countryOrRegion !== person.home.countryOrRegion || kind.riskEventType === 'unfamiliarFeatures',
    );
    return { where: random.pick(far.filter((p) => p.city !== person.home.city)), ip: residentialIp(random) };
  }
  return { where: near(random, person.home), ip: residentialIp(random) };
}

/** Risky background users, their detections and the sign-ins the detections were raised on. */
export function seedBackgroundRisk(context: SeedContext): SeededRecords {
  const { random, anchorMs } = context;
  const named = new Set([...Object.values(STORY_PEOPLE), ...Object.values(SOC_TEAM)].map((p) => p.id));
  const candidates = context.people.filter((p) => p.user.accountEnabled && !named.has(p.user.id));
  const chosen = random.shuffle(candidates).slice(0, BACKGROUND_RISKY_USER_COUNT);
  const records: SeededRecords = { signIns: [], riskDetections: [], riskyUsers: [] };

  chosen.forEach((person, index) => {
    const [riskState, riskDetail] = RESOLUTIONS[index % RESOLUTIONS.length]!;
    const detections: DemoRiskDetection[] = [];
    const count = random.chance(0.35) ? 2 : 1;
    for (let n = 0; n < count; n++) {
      const kind = random.pick(KINDS);
      const level = random.pick(kind.levels);
      const activityAt = anchorMs - random.int(1, 13) * TIME.DAY - random.int(0, 23) * TIME.HOUR;
      const detectedAt =
        kind.timing === 'realtime' ? activityAt : activityAt + random.int(20, 240) * TIME.MINUTE;
      const lastUpdatedAt =
        riskState === 'atRisk'
          ? detectedAt
          : Math.min(anchorMs - TIME.HOUR, detectedAt + random.int(4, 30) * TIME.HOUR);
      let signIn: DemoSignIn | undefined;
      if (kind.origin !== undefined) {
        const { where, ip } = origin(context, kind, person);
        const device =
          kind.riskEventType === 'suspiciousBrowser' || kind.origin === 'hostile'
            ? UNMANAGED_BROWSER
            : person.devices[0]!;
        signIn = buildSignIn({
          id: random.guid(),
          correlationId: random.guid(),
          at: activityAt,
          person,
          app: random.pick([APPLICATIONS.officeHome, APPLICATIONS.outlookWeb, APPLICATIONS.sharePoint]),
          ipAddress: ip,
          where,
          device,
          outcome: kind.outcome ?? {
            kind: 'success',
            mfa: person.excludedFromMfaPolicy ? 'none' : 'completed',
          },
          risk: {
            levelDuringSignIn: kind.timing === 'realtime' ? level : 'none',
            levelAggregated: level,
            state: riskState,
            detail: riskDetail,
            eventTypes: [kind.riskEventType],
          },
        });
        records.signIns.push(signIn);
      }
      detections.push(
        buildRiskDetection({
          id: random.hex(64),
          person,
          riskEventType: kind.riskEventType,
          riskLevel: level,
          riskState,
          riskDetail,
          source: kind.source,
          detectionTimingType: kind.timing,
          signIn,
          activityAt,
          detectedAt,
          lastUpdatedAt,
          additionalInfo:
            kind.riskEventType === 'investigationsThreatIntelligence'
              ? [{ Key: 'riskReasons', Value: ['suspiciousIP'] }]
              : signIn === undefined
                ? undefined
                : [
                    {
                      Key: 'userAgent',
                      Value:
                        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
                    },
                  ],
        }),
      );
    }
    records.riskDetections.push(...detections);
    records.riskyUsers.push(buildRiskyUser(person, detections));
  });
  return records;
}
