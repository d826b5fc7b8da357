/**
 * Builds Defender XDR records: alert evidence (user, device, IP, process, URL, mailbox), alerts
 * (`microsoft.graph.security.alert`) from a template of `alert-catalog.ts`, and incidents named the way
 * Defender names them ("Multi-stage incident involving Initial access & Credential access on one endpoint").
 * Used by Adele's incident and by the background alike, so both have the same shape.
 * It never decides what happened: callers say who, what and when.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import type {
  DemoAlertEvidence,
  DemoFileDetails,
  DemoSecurityAlert,
  DemoSecurityIncident,
  DemoSecurityUserAccount,
} from '../state/security-incident.js';
import { ALERT_ID_PREFIXES, type AlertTemplate, CATEGORY_WORDS } from './alert-catalog.js';
import { objectSid } from './object-sid.js';
import type { SeededRandom } from './seeded-random.js';

const PORTAL = 'https://security.microsoft.com';
const iso = (ms: number) => new Date(ms).toISOString();

/** What every evidence record carries. */
function evidenceBase(at: number, roles: string[], verdict = 'suspicious') {
  return {
    createdDateTime: iso(at),
    verdict,
    remediationStatus: 'none',
    remediationStatusDetails: null,
    roles,
    detailedRoles: [] as string[],
    tags: [] as string[],
  };
}

/** `processEvidence`: a process on a device, its image, its parent and the account it ran as. */
export function processEvidence(
  process: {
    processId: number;
    parentProcessId: number;
    commandLine: string;
    createdAt: number;
    parentCreatedAt: number;
    mdeDeviceId: string;
    imageFile: DemoFileDetails;
    parentImageFile: DemoFileDetails;
    account: DemoUser;
  },
  at: number,
): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.processEvidence',
    ...evidenceBase(at, [], 'malicious'),
    processId: process.processId,
    parentProcessId: process.parentProcessId,
    processCommandLine: process.commandLine,
    processCreationDateTime: iso(process.createdAt),
    parentProcessCreationDateTime: iso(process.parentCreatedAt),
    detectionStatus: 'detected',
    mdeDeviceId: process.mdeDeviceId,
    imageFile: process.imageFile,
    parentProcessImageFile: process.parentImageFile,
    userAccount: securityUserAccount(process.account),
  };
}

/** The account as Defender describes it (Entra-joined devices log users in under the `AzureAD` domain). */
export function securityUserAccount(person: DemoUser): DemoSecurityUserAccount {
  const user = person.user;
  return {
    accountName: user.mailNickname,
    domainName: 'AzureAD',
    userSid: objectSid(user.id),
    azureAdUserId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
  };
}

/** `userEvidence` for `person`. */
export function userEvidence(
  person: DemoUser,
  at: number,
  roles: string[] = ['compromised'],
): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.userEvidence',
    ...evidenceBase(at, roles),
    userAccount: securityUserAccount(person),
  };
}

/** `ipEvidence` for an address (`countryLetterCode` as Defender reports it). */
export function ipEvidence(
  ipAddress: string,
  countryLetterCode: string | null,
  at: number,
  roles: string[] = ['attacker'],
): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.ipEvidence',
    ...evidenceBase(at, roles, roles.includes('attacker') ? 'malicious' : 'suspicious'),
    ipAddress,
    countryLetterCode,
  };
}

/** `urlEvidence` */
export function urlEvidence(url: string, at: number): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.urlEvidence',
    ...evidenceBase(at, [], 'malicious'),
    url,
  };
}

/** `mailboxEvidence` for `person`'s mailbox. */
export function mailboxEvidence(person: DemoUser, at: number): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.mailboxEvidence',
    ...evidenceBase(at, ['compromised']),
    primaryAddress: person.user.mail ?? person.user.userPrincipalName,
    displayName: person.user.displayName,
    userAccount: securityUserAccount(person),
  };
}

/** What a device looks like to Defender for Endpoint. */
export interface EndpointDevice {
  mdeDeviceId: string;
  azureAdDeviceId: string | null;
  deviceDnsName: string;
  osBuild: number;
  ipInterfaces: string[];
  firstSeenAt: number;
  riskScore: string;
  loggedOn: DemoUser | null;
}

/** `deviceEvidence` for `device`. */
export function deviceEvidence(device: EndpointDevice, at: number): DemoAlertEvidence {
  return {
    '@odata.type': '#microsoft.graph.security.deviceEvidence',
    ...evidenceBase(at, ['compromised']),
    firstSeenDateTime: iso(device.firstSeenAt),
    mdeDeviceId: device.mdeDeviceId,
    azureAdDeviceId: device.azureAdDeviceId,
    deviceDnsName: device.deviceDnsName,
    osPlatform: 'Windows11',
    osBuild: device.osBuild,
    version: '23H2',
    healthStatus: 'active',
    riskScore: device.riskScore,
    rbacGroupId: 0,
    rbacGroupName: 'UnassignedGroup',
    onboardingStatus: 'onboarded',
    defenderAvStatus: 'updated',
    ipInterfaces: device.ipInterfaces,
    loggedOnUsers:
      device.loggedOn === null
        ? []
        : [{ accountName: device.loggedOn.user.mailNickname, domainName: 'AzureAD' }],
    vmMetadata: null,
  };
}

/** Everything an alert is made of besides its template. */
export interface AlertEvent {
  template: AlertTemplate;
  incidentId: string;
  tenantId: string;
  /** Overrides the template's severity. */
  severity?: string;
  status: 'new' | 'inProgress' | 'resolved';
  classification: string | null;
  determination: string | null;
  assignedTo: string | null;
  /** Epoch ms on the seeded timeline. */
  firstActivityAt: number;
  lastActivityAt: number;
  createdAt: number;
  lastUpdateAt: number;
  resolvedAt: number | null;
  evidence: DemoAlertEvidence[];
  /** Overrides the template's description (a story's own wording). */
  description?: string;
}

/** An alert id as Defender writes them: a product prefix, 18 digits, `_`, a signed 32-bit number. */
export function alertId(random: SeededRandom, serviceSource: string): string {
  const prefix = ALERT_ID_PREFIXES[serviceSource] ?? 'da';
  let digits = String(random.int(6, 6));
  while (digits.length < 18) digits += String(random.int(0, 9));
  const tail = random.int(0, 2_147_483_647) * (random.chance(0.5) ? -1 : 1);
  return `${prefix}${digits}_${tail}`;
}

/** The alert record for `event`, with id `id`. */
export function buildSecurityAlert(id: string, event: AlertEvent): DemoSecurityAlert {
  const t = event.template;
  return {
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    providerAlertId: id,
    incidentId: event.incidentId,
    status: event.status,
    severity: event.severity ?? t.severity,
    classification: event.classification,
    determination: event.determination,
    serviceSource: t.serviceSource,
    detectionSource: t.detectionSource,
    productName: t.productName,
    detectorId: t.detectorId,
    tenantId: event.tenantId,
    title: t.title,
    description: event.description ?? t.description,
    recommendedActions: t.recommendedActions,
    category: t.category,
    assignedTo: event.assignedTo,
    alertWebUrl: `${PORTAL}/alerts/${id}?tid=${event.tenantId}`,
    incidentWebUrl: `${PORTAL}/incidents/${event.incidentId}?tid=${event.tenantId}`,
    actorDisplayName: null,
    threatDisplayName: null,
    threatFamilyName: null,
    mitreTechniques: [...t.mitreTechniques],
    createdDateTime: iso(event.createdAt),
    lastUpdateDateTime: iso(event.lastUpdateAt),
    resolvedDateTime: event.resolvedAt === null ? null : iso(event.resolvedAt),
    firstActivityDateTime: iso(event.firstActivityAt),
    lastActivityDateTime: iso(event.lastActivityAt),
    comments: [],
    evidence: event.evidence,
    systemTags: [],
    alertPolicyId: null,
    additionalData: {},
  };
}

/** "… on one endpoint" when a device is involved, "… involving one user" otherwise; multi-stage across tactics. */
export function incidentDisplayName(alerts: readonly DemoSecurityAlert[]): string {
  const onDevice = alerts.some((a) =>
    a.evidence.some((e) => e['@odata.type'] === '#microsoft.graph.security.deviceEvidence'),
  );
  const scope = onDevice ? 'on one endpoint' : 'involving one user';
  const byTime = [...alerts].sort((a, b) => (a.firstActivityDateTime < b.firstActivityDateTime ? -1 : 1));
  const categories = [...new Set(byTime.map((a) => a.category))];
  if (categories.length < 2) return `${byTime[0]!.title} ${scope}`;
  const words = categories.slice(0, 2).map((c) => CATEGORY_WORDS[c] ?? c);
  return `Multi-stage incident involving ${words.join(' & ')} ${scope}`;
}

/** Everything an incident is made of besides its alerts. */
export interface IncidentEvent {
  id: string;
  tenantId: string;
  status: 'active' | 'inProgress' | 'resolved';
  classification: string;
  determination: string;
  assignedTo: string | null;
  displayName?: string;
  resolvingComment?: string | null;
}

/** The incident record over `alerts` (created with its first alert, updated with its last, worst severity). */
export function buildSecurityIncident(
  event: IncidentEvent,
  alerts: readonly DemoSecurityAlert[],
): DemoSecurityIncident {
  const rank: Readonly<Record<string, number>> = { informational: 0, low: 1, medium: 2, high: 3 };
  const severity = alerts.reduce(
    (worst, a) => ((rank[a.severity] ?? 0) > (rank[worst] ?? 0) ? a.severity : worst),
    'informational',
  );
  const created = alerts.map((a) => a.createdDateTime).sort()[0]!;
  const updated = alerts
    .map((a) => a.lastUpdateDateTime)
    .sort()
    .at(-1)!;
  return {
    '@odata.type': '#microsoft.graph.security.incident',
    id: event.id,
    incidentWebUrl: `${PORTAL}/incidents/${event.id}?tid=${event.tenantId}`,
    tenantId: event.tenantId,
    redirectIncidentId: null,
    displayName: event.displayName ?? incidentDisplayName(alerts),
    createdDateTime: created,
    lastUpdateDateTime: updated,
    assignedTo: event.assignedTo,
    classification: event.classification,
    determination: event.determination,
    status: event.status,
    severity,
    customTags: [],
    systemTags: [],
    description: null,
    resolvingComment: event.resolvingComment ?? null,
    summary: null,
    comments: [],
  };
}
