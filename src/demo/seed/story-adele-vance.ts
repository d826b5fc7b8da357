/**
 * Adele Vance's story: a password spray from 192.0.2.45 (Bucharest, RO) sweeps ~45 Contoso accounts and
 * finds Adele's password (MFA stops it: 50074); an hour and a half ago she is at her desk in Seattle; then the
 * attacker, on the Tor exit 192.0.2.66 (Amsterdam, NL), pushes MFA prompts until she approves the third, and
 * opens her mailbox; she is back in Teams from Seattle 20 minutes ago. Identity Protection raises
 * passwordSpray, anonymizedIPAddress and unlikelyTravel: riskLevel high, riskState atRisk.
 * It never touches anyone but Adele and the spray's targets.
 */
import type { DemoDevice, DemoSignIn } from '../demo-tenant-state.js';
import { APPLICATIONS } from './applications.js';
import { buildRiskDetection, buildRiskyUser } from './build-risk.js';
import { buildSignIn } from './build-sign-in.js';
import { STORY_PEOPLE } from './people.js';
import { HOSTILE_IPS, HOSTILE_PLACES, officeByKey } from './places.js';
import { personById, type SeedContext, type SeededRecords } from './seed-context.js';
import { SIGN_IN_FAILURES } from './sign-in-failures.js';
import { STORY_TIMELINE } from './story-timeline.js';

/** How many other accounts the spray tries (one wrong password each). */
export const SPRAY_TARGET_COUNT = 44;

const USER_AGENTS = {
  tor: 'Mozilla/5.0 (Windows NT 10.0; rv:115.0) Gecko/20100101 Firefox/115.0',
  outlookDesktop: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)',
  spray: 'python-requests/2.31.0',
};

const SPRAY_TOOL: DemoDevice = {
  deviceId: '',
  displayName: null,
  operatingSystem: 'Linux',
  browser: 'Python Requests 2.31',
  isCompliant: false,
  isManaged: false,
  trustType: null,
  complianceIssues: [],
};
const TOR_BROWSER: DemoDevice = {
  deviceId: '',
  displayName: null,
  operatingSystem: 'Windows10',
  browser: 'Firefox 115.0',
  isCompliant: false,
  isManaged: false,
  trustType: null,
  complianceIssues: [],
};

/** Adele's sign-ins, detections and risky-user record, plus the spray's failed attempts on others. */
export function seedAdeleVanceStory(context: SeedContext): SeededRecords {
  const { random, anchorMs } = context;
  const t = STORY_TIMELINE.adele;
  const adele = personById(context, STORY_PEOPLE.adele.id);
  const desktop = adele.devices[0]!;
  const seattle = officeByKey('seattle');
  const at = (agoMs: number) => anchorMs - agoMs;
  const ids = () => ({ id: random.guid(), correlationId: random.guid() });
  const signIns: DemoSignIn[] = [];

  // The spray: one wrong password per account, from one address, over fourteen minutes.
  const named = new Set([...Object.values(STORY_PEOPLE)].map((p) => p.id));
  const candidates = context.people.filter(
    (p) => p.user.accountEnabled && !named.has(p.user.id) && p.user.department !== 'Security Operations',
  );
  for (const target of random.shuffle(candidates).slice(0, SPRAY_TARGET_COUNT)) {
    signIns.push(
      buildSignIn({
        ...ids(),
        at: at(t.sprayEnd + random.int(0, t.sprayStart - t.sprayEnd)),
        person: target,
        app: APPLICATIONS.azureAdPowerShell,
        ipAddress: HOSTILE_IPS.spraySource,
        where: HOSTILE_PLACES.bucharest,
        device: SPRAY_TOOL,
        outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.invalidPassword },
      }),
    );
  }
  const sprayHit = buildSignIn({
    ...ids(),
    at: at(t.sprayHit),
    person: adele,
    app: APPLICATIONS.azureAdPowerShell,
    ipAddress: HOSTILE_IPS.spraySource,
    where: HOSTILE_PLACES.bucharest,
    device: SPRAY_TOOL,
    outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.mfaRequired },
    risk: {
      levelDuringSignIn: 'none',
      levelAggregated: 'high',
      state: 'atRisk',
      detail: 'none',
      eventTypes: ['passwordSpray'],
    },
  });

  const seattleSignIn = buildSignIn({
    ...ids(),
    at: at(t.seattleSignIn),
    person: adele,
    app: APPLICATIONS.office,
    ipAddress: seattle.egressIps[0]!,
    where: seattle.place,
    device: desktop,
    browser: 'Rich Client 4.61.0.0',
    outcome: { kind: 'success', mfa: 'claimInToken' },
  });

  const anonymized = {
    levelDuringSignIn: 'medium',
    levelAggregated: 'medium',
    state: 'atRisk',
    detail: 'none',
    eventTypes: ['anonymizedIPAddress'],
  } as const;
  const denied = t.deniedPushes.map((ago) =>
    buildSignIn({
      ...ids(),
      at: at(ago),
      person: adele,
      app: APPLICATIONS.officeHome,
      ipAddress: HOSTILE_IPS.torExit,
      where: HOSTILE_PLACES.amsterdam,
      device: TOR_BROWSER,
      outcome: { kind: 'failure', failure: SIGN_IN_FAILURES.mfaDenied },
      risk: { ...anonymized, eventTypes: [...anonymized.eventTypes] },
    }),
  );
  const torSignIn = buildSignIn({
    ...ids(),
    at: at(t.torSignIn),
    person: adele,
    app: APPLICATIONS.officeHome,
    ipAddress: HOSTILE_IPS.torExit,
    where: HOSTILE_PLACES.amsterdam,
    device: TOR_BROWSER,
    outcome: { kind: 'success', mfa: 'completed' },
    risk: { ...anonymized, levelAggregated: 'high', eventTypes: ['anonymizedIPAddress', 'unlikelyTravel'] },
  });
  const torMailbox = buildSignIn({
    ...ids(),
    at: at(t.torMailbox),
    person: adele,
    app: APPLICATIONS.outlookWeb,
    ipAddress: HOSTILE_IPS.torExit,
    where: HOSTILE_PLACES.amsterdam,
    device: TOR_BROWSER,
    outcome: { kind: 'success', mfa: 'claimInToken' },
    risk: { ...anonymized, eventTypes: [...anonymized.eventTypes] },
  });
  const seattleTeams = buildSignIn({
    ...ids(),
    at: at(t.seattleTeams),
    person: adele,
    app: APPLICATIONS.teams,
    ipAddress: seattle.egressIps[0]!,
    where: seattle.place,
    device: desktop,
    browser: 'Rich Client 5.2.0.0',
    outcome: { kind: 'success', mfa: 'claimInToken' },
  });
  signIns.push(sprayHit, seattleSignIn, ...denied, torSignIn, torMailbox, seattleTeams);

  const common = {
    person: adele,
    riskState: 'atRisk',
    riskDetail: 'none',
    source: 'IdentityProtection',
  } as const;
  const riskDetections = [
    buildRiskDetection({
      ...common,
      id: random.hex(64),
      riskEventType: 'passwordSpray',
      riskLevel: 'high',
      detectionTimingType: 'offline',
      signIn: sprayHit,
      activityAt: at(t.sprayHit),
      detectedAt: at(t.sprayDetected),
      lastUpdatedAt: at(t.sprayDetected),
      additionalInfo: [{ Key: 'userAgent', Value: USER_AGENTS.spray }],
    }),
    buildRiskDetection({
      ...common,
      id: random.hex(64),
      riskEventType: 'anonymizedIPAddress',
      riskLevel: 'medium',
      detectionTimingType: 'realtime',
      signIn: torSignIn,
      activityAt: at(t.torSignIn),
      detectedAt: at(t.torSignIn),
      lastUpdatedAt: at(t.torSignIn),
      additionalInfo: [{ Key: 'userAgent', Value: USER_AGENTS.tor }],
    }),
    buildRiskDetection({
      ...common,
      id: random.hex(64),
      riskEventType: 'unlikelyTravel',
      riskLevel: 'high',
      detectionTimingType: 'offline',
      signIn: torSignIn,
      activityAt: at(t.torSignIn),
      detectedAt: at(t.travelDetected),
      lastUpdatedAt: at(t.travelDetected),
      additionalInfo: [
        { Key: 'userAgent', Value: USER_AGENTS.tor },
        { Key: 'relatedEventTimeInUtc', Value: seattleSignIn.createdDateTime },
        { Key: 'relatedUserAgent', Value: USER_AGENTS.outlookDesktop },
        {
          Key: 'relatedLocation',
          Value: { clientCity: 'Seattle', clientState: 'Washington', clientCountryCode: 'US' },
        },
      ],
    }),
  ];
  return { signIns, riskDetections, riskyUsers: [buildRiskyUser(adele, riskDetections)] };
}
