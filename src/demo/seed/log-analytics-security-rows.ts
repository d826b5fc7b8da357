/**
 * Turns Defender XDR alerts and incidents (as the demo tenant serves them in Graph's `/security`) into the
 * rows the Microsoft Defender XDR connector writes to Sentinel's `SecurityAlert` and `SecurityIncident`
 * tables: same alerts, same times and evidence, in Sentinel's columns (legacy provider and product names,
 * entities as JSON text, `IncidentNumber` = Defender's incident id so "incident 4211" means one thing).
 * It never invents an event: every row restates a Graph record; ids Sentinel adds are derived from it.
 */

import type { DynamicValue, LogAnalyticsRow } from '../../clients/log-analytics-schema.js';
import type {
  DemoAlertEvidence,
  DemoSecurityAlert,
  DemoSecurityIncident,
} from '../state/security-incident.js';
import { SeededRandom } from './seeded-random.js';

/** Sentinel's provider and product names for each Defender service. */
const PROVIDERS: Readonly<Record<string, { provider: string; product: string }>> = {
  microsoftDefenderForEndpoint: {
    provider: 'MDATP',
    product: 'Microsoft Defender Advanced Threat Protection',
  },
  azureAdIdentityProtection: { provider: 'IPC', product: 'Azure Active Directory Identity Protection' },
  microsoftDefenderForOffice365: { provider: 'OATP', product: 'Office 365 Advanced Threat Protection' },
  microsoftDefenderForCloudApps: { provider: 'MCAS', product: 'Microsoft Cloud App Security' },
  microsoftDefenderForIdentity: {
    provider: 'Azure Advanced Threat Protection',
    product: 'Azure Advanced Threat Protection',
  },
};

const STATUS: Readonly<Record<string, string>> = {
  new: 'New',
  inProgress: 'InProgress',
  resolved: 'Resolved',
};
const CLASSIFICATION: Readonly<Record<string, [string, string]>> = {
  truePositive: ['TruePositive', 'SuspiciousActivity'],
  falsePositive: ['FalsePositive', 'IncorrectAlertLogic'],
  informationalExpectedActivity: ['BenignPositive', 'SuspiciousButExpected'],
};

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Sentinel's `SystemAlertId` for a Defender alert: a GUID that depends on the alert's id only. */
export function sentinelAlertId(alert: DemoSecurityAlert): string {
  return SeededRandom.stream(0, `sentinel-alert:${alert.id}`).guid();
}

function entityOf(evidence: DemoAlertEvidence, index: number): DynamicValue {
  const $id = String(index + 2);
  switch (evidence['@odata.type']) {
    case '#microsoft.graph.security.userEvidence': {
      const account = evidence.userAccount;
      return {
        $id,
        Name: account.accountName,
        NTDomain: account.domainName,
        Sid: account.userSid,
        AadUserId: account.azureAdUserId,
        UPNSuffix: account.userPrincipalName?.split('@')[1] ?? null,
        DisplayName: account.displayName,
        Type: 'account',
      };
    }
    case '#microsoft.graph.security.deviceEvidence':
      return {
        $id,
        HostName: evidence.deviceDnsName.split('.')[0] ?? evidence.deviceDnsName,
        OSFamily: evidence.osPlatform,
        MdatpDeviceId: evidence.mdeDeviceId,
        AzureID: evidence.azureAdDeviceId,
        RiskScore: evidence.riskScore,
        Type: 'host',
      };
    case '#microsoft.graph.security.ipEvidence':
      return {
        $id,
        Address: evidence.ipAddress,
        Location: { CountryCode: evidence.countryLetterCode },
        Type: 'ip',
      };
    case '#microsoft.graph.security.processEvidence':
      return {
        $id,
        ProcessId: String(evidence.processId),
        CommandLine: evidence.processCommandLine,
        CreationTimeUtc: evidence.processCreationDateTime,
        ImageFile: {
          Name: evidence.imageFile.fileName,
          Directory: evidence.imageFile.filePath,
          FileHashes: [
            { Algorithm: 'SHA1', Value: evidence.imageFile.sha1 },
            { Algorithm: 'SHA256', Value: evidence.imageFile.sha256 },
          ],
          Type: 'file',
        },
        Type: 'process',
      };
    case '#microsoft.graph.security.urlEvidence':
      return { $id, Url: evidence.url, Type: 'url' };
    case '#microsoft.graph.security.mailboxEvidence':
      return {
        $id,
        MailboxPrimaryAddress: evidence.primaryAddress,
        DisplayName: evidence.displayName,
        Type: 'mailbox',
      };
  }
}

function compromisedEntity(alert: DemoSecurityAlert): string {
  for (const evidence of alert.evidence) {
    if (evidence['@odata.type'] === '#microsoft.graph.security.deviceEvidence') return evidence.deviceDnsName;
  }
  for (const evidence of alert.evidence) {
    if (evidence['@odata.type'] === '#microsoft.graph.security.userEvidence') {
      return evidence.userAccount.userPrincipalName ?? evidence.userAccount.accountName;
    }
  }
  return '';
}

/** The `SecurityAlert` row for a Defender XDR alert. */
export function securityAlertRow(alert: DemoSecurityAlert): LogAnalyticsRow<'SecurityAlert'> {
  const source = PROVIDERS[alert.serviceSource] ?? {
    provider: alert.serviceSource,
    product: alert.productName,
  };
  return {
    TimeGenerated: alert.createdDateTime,
    TenantId: alert.tenantId,
    DisplayName: alert.title,
    AlertName: alert.title,
    AlertSeverity: capitalize(alert.severity),
    Description: alert.description,
    ProviderName: source.provider,
    VendorName: 'Microsoft',
    VendorOriginalId: alert.providerAlertId,
    SystemAlertId: sentinelAlertId(alert),
    ProductName: source.product,
    ProductComponentName: '',
    AlertType: alert.detectorId,
    StartTime: alert.firstActivityDateTime,
    EndTime: alert.lastActivityDateTime,
    ProcessingEndTime: alert.lastUpdateDateTime,
    Status: STATUS[alert.status] ?? capitalize(alert.status),
    CompromisedEntity: compromisedEntity(alert),
    RemediationSteps: JSON.stringify(
      alert.recommendedActions.split('\n').filter((line) => line.trim() !== ''),
    ),
    ExtendedProperties: JSON.stringify({
      IncidentId: alert.incidentId,
      Category: alert.category,
      DetectionSource: alert.detectionSource,
      MitreTechniques: alert.mitreTechniques.join(', '),
      ...alert.additionalData,
    }),
    Entities: JSON.stringify(alert.evidence.map(entityOf)),
    Tactics: alert.category,
    Techniques: JSON.stringify(alert.mitreTechniques),
    AlertLink: alert.alertWebUrl,
    IsIncident: false,
    Type: 'SecurityAlert',
  };
}

/** The `SecurityIncident` row for a Defender XDR incident and its alerts. */
export function securityIncidentRow(
  incident: DemoSecurityIncident,
  alerts: readonly DemoSecurityAlert[],
): LogAnalyticsRow<'SecurityIncident'> {
  const resolved = incident.status === 'resolved';
  const [classification, reason] = CLASSIFICATION[incident.classification] ?? ['', ''];
  const first = alerts.reduce<string | undefined>(
    (min, a) => (min === undefined || a.firstActivityDateTime < min ? a.firstActivityDateTime : min),
    undefined,
  );
  const last = alerts.reduce<string | undefined>(
    (max, a) => (max === undefined || a.lastActivityDateTime > max ? a.lastActivityDateTime : max),
    undefined,
  );
  return {
    TimeGenerated: incident.lastUpdateDateTime,
    TenantId: incident.tenantId,
    IncidentName: SeededRandom.stream(0, `sentinel-incident:${incident.id}`).guid(),
    IncidentNumber: Number.parseInt(incident.id, 10),
    Title: incident.displayName,
    Description: incident.description ?? '',
    Severity: capitalize(incident.severity),
    // Sentinel: New until someone owns it, Active while worked, Closed when resolved.
    Status: resolved
      ? 'Closed'
      : incident.status === 'inProgress' || incident.assignedTo !== null
        ? 'Active'
        : 'New',
    Classification: resolved ? classification : '',
    ClassificationReason: resolved ? reason : '',
    Owner: {
      objectId: null,
      email: incident.assignedTo,
      assignedTo: incident.assignedTo,
      userPrincipalName: incident.assignedTo,
    },
    ProviderName: 'Microsoft XDR',
    ProviderIncidentId: incident.id,
    FirstActivityTime: first ?? incident.createdDateTime,
    LastActivityTime: last ?? incident.lastUpdateDateTime,
    FirstModifiedTime: incident.createdDateTime,
    LastModifiedTime: incident.lastUpdateDateTime,
    CreatedTime: incident.createdDateTime,
    ClosedTime: resolved ? incident.lastUpdateDateTime : null,
    AlertIds: alerts.map(sentinelAlertId),
    Labels: incident.customTags.map((labelName) => ({ labelName, labelType: 'User' })),
    IncidentUrl: incident.incidentWebUrl,
    AdditionalData: {
      alertsCount: alerts.length,
      bookmarksCount: 0,
      commentsCount: incident.comments.length,
      alertProductNames: [
        ...new Set(alerts.map((a) => PROVIDERS[a.serviceSource]?.product ?? a.productName)),
      ],
      tactics: [...new Set(alerts.map((a) => a.category))],
      techniques: [...new Set(alerts.flatMap((a) => a.mitreTechniques))],
      providerIncidentUrl: incident.incidentWebUrl,
    },
    Type: 'SecurityIncident',
  };
}
