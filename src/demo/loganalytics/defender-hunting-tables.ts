/**
 * The demo tenant's Defender XDR advanced hunting tables, derived from what the tenant already holds so every
 * source tells the same story: `DeviceProcessEvents` from the workspace's process events (incident 4211's
 * encoded PowerShell on DESKTOP-ADELE01 among them) with advanced hunting's columns and no `TimeGenerated`;
 * `DeviceInfo`, one row per device those events name; `IdentityLogonEvents` from Entra sign-ins (Adele's
 * password spray from 192.0.2.45 among them), as Defender for Cloud Apps reports them; `AlertInfo` and
 * `AlertEvidence` from the Defender XDR alerts and their evidence. `DeviceNetworkEvents`, `DeviceLogonEvents`,
 * `DeviceFileEvents` and `EmailEvents` exist and are empty: a valid query over them matches nothing.
 * Every column of the schema is present on every row (an absent string is `""`, any other absent value null);
 * datetimes stay on the seeded timeline for `run-kql.ts` to slide. It never changes the state it reads.
 */
import {
  DEFENDER_HUNTING_TABLES,
  type DefenderHuntingTableName,
} from '../../clients/kql/defender-hunting-schema.js';
import type { DemoTenantState } from '../demo-tenant-state.js';
import type { DemoAlertEvidence, DemoSecurityAlert } from '../state/security-incident.js';

/** Every advanced hunting table's rows, newest first. */
export type DefenderHuntingTables = Record<DefenderHuntingTableName, Record<string, unknown>[]>;

type Source = Record<string, unknown>;

/** A row of `table` with every column: the value `source` gives, or `""` / null. */
function row(table: DefenderHuntingTableName, source: Source): Record<string, unknown> {
  return Object.fromEntries(
    DEFENDER_HUNTING_TABLES[table].map((column) => [
      column.name,
      source[column.name] ?? (column.type === 'string' ? '' : null),
    ]),
  );
}

const newestFirst = (rows: Record<string, unknown>[]) =>
  rows.sort((a, b) => String(b.Timestamp).localeCompare(String(a.Timestamp)));

/** The advanced hunting tables for the tenant's current state. */
export function defenderHuntingTables(state: DemoTenantState): DefenderHuntingTables {
  const processes = state.logAnalytics.tables.DeviceProcessEvents;
  return {
    DeviceProcessEvents: processes.map((event) => row('DeviceProcessEvents', event as unknown as Source)),
    DeviceNetworkEvents: [],
    DeviceLogonEvents: [],
    DeviceFileEvents: [],
    DeviceInfo: deviceInfo(state),
    EmailEvents: [],
    IdentityLogonEvents: newestFirst(
      state.signIns.map((signIn) => {
        const [name = '', domain = ''] = signIn.userPrincipalName.split('@');
        const failed = signIn.status.errorCode !== 0;
        return row('IdentityLogonEvents', {
          Timestamp: signIn.createdDateTime,
          ActionType: failed ? 'LogonFailed' : 'LogonSuccess',
          Application: signIn.appDisplayName,
          LogonType: signIn.isInteractive ? 'Interactive' : 'Non-interactive',
          FailureReason: failed ? (signIn.status.failureReason ?? `Error ${signIn.status.errorCode}`) : '',
          AccountName: name,
          AccountDomain: domain,
          AccountUpn: signIn.userPrincipalName,
          AccountObjectId: signIn.userId,
          AccountDisplayName: signIn.userDisplayName,
          DeviceName: signIn.deviceDetail.displayName ?? '',
          OSPlatform: signIn.deviceDetail.operatingSystem,
          IPAddress: signIn.ipAddress,
          Location: signIn.location.countryOrRegion ?? '',
          ReportId: signIn.id,
          AdditionalFields: { ClientAppUsed: signIn.clientAppUsed, CorrelationId: signIn.correlationId },
        });
      }),
    ),
    AlertInfo: newestFirst(state.securityAlerts.map((alert) => row('AlertInfo', alertColumns(alert)))),
    AlertEvidence: newestFirst(
      state.securityAlerts.flatMap((alert) =>
        alert.evidence.map((evidence) =>
          row('AlertEvidence', {
            ...alertColumns(alert),
            Categories: JSON.stringify([alert.category]),
            ...evidenceColumns(evidence),
          }),
        ),
      ),
    ),
  };
}

/** The columns `AlertInfo` and `AlertEvidence` share, from an alert. */
function alertColumns(alert: DemoSecurityAlert): Source {
  return {
    Timestamp: alert.createdDateTime,
    AlertId: alert.id,
    Title: alert.title,
    Category: alert.category,
    Severity: alert.severity.charAt(0).toUpperCase() + alert.severity.slice(1),
    ServiceSource: alert.productName,
    DetectionSource: alert.detectionSource,
    AttackTechniques: JSON.stringify(alert.mitreTechniques),
  };
}

/** What one evidence entity adds to its `AlertEvidence` row. */
function evidenceColumns(evidence: DemoAlertEvidence): Source {
  const role = evidence.roles.length > 0 ? 'Impacted' : 'Related';
  switch (evidence['@odata.type']) {
    case '#microsoft.graph.security.userEvidence':
      return { EntityType: 'User', EvidenceRole: 'Impacted', ...account(evidence.userAccount) };
    case '#microsoft.graph.security.deviceEvidence':
      return {
        EntityType: 'Machine',
        EvidenceRole: 'Impacted',
        DeviceId: evidence.mdeDeviceId,
        DeviceName: evidence.deviceDnsName,
        LocalIP: evidence.ipInterfaces[0] ?? '',
      };
    case '#microsoft.graph.security.ipEvidence':
      return { EntityType: 'Ip', EvidenceRole: role, RemoteIP: evidence.ipAddress };
    case '#microsoft.graph.security.processEvidence':
      return {
        EntityType: 'Process',
        EvidenceRole: role,
        FileName: evidence.imageFile.fileName,
        FolderPath: evidence.imageFile.filePath,
        SHA1: evidence.imageFile.sha1 ?? '',
        SHA256: evidence.imageFile.sha256 ?? '',
        FileSize: evidence.imageFile.fileSize,
        ProcessCommandLine: evidence.processCommandLine,
        DeviceId: evidence.mdeDeviceId,
        ...account(evidence.userAccount),
      };
    case '#microsoft.graph.security.urlEvidence':
      return { EntityType: 'Url', EvidenceRole: role, RemoteUrl: evidence.url };
    case '#microsoft.graph.security.mailboxEvidence':
      return {
        EntityType: 'Mailbox',
        EvidenceRole: role,
        ...account(evidence.userAccount),
        AccountUpn: evidence.primaryAddress,
      };
  }
}

function account(user: {
  accountName: string;
  domainName: string | null;
  userSid: string | null;
  azureAdUserId: string | null;
  userPrincipalName: string | null;
}): Source {
  return {
    AccountName: user.accountName,
    AccountDomain: user.domainName ?? '',
    AccountSid: user.userSid ?? '',
    AccountObjectId: user.azureAdUserId ?? '',
    AccountUpn: user.userPrincipalName ?? '',
  };
}

/** One `DeviceInfo` report per device the process events name, as of its latest event. */
function deviceInfo(state: DemoTenantState): Record<string, unknown>[] {
  const evidence = new Map(
    state.securityAlerts.flatMap((alert) =>
      alert.evidence.flatMap((e) =>
        e['@odata.type'] === '#microsoft.graph.security.deviceEvidence' ? [[e.mdeDeviceId, e] as const] : [],
      ),
    ),
  );
  const managed = new Map(
    state.managedDevices.map(({ device }) => [device.deviceName.toLowerCase(), device] as const),
  );
  const latest = new Map<string, Source>();
  for (const event of state.logAnalytics.tables.DeviceProcessEvents) {
    const known = latest.get(event.DeviceId);
    if (known === undefined || String(known.Timestamp) < event.Timestamp) {
      latest.set(event.DeviceId, event as unknown as Source);
    }
  }
  return newestFirst(
    [...latest.values()].map((event, index) => {
      const deviceId = String(event.DeviceId);
      const deviceName = String(event.DeviceName);
      const seen = evidence.get(deviceId);
      const intune = managed.get(deviceName.split('.')[0] ?? '');
      return row('DeviceInfo', {
        Timestamp: event.Timestamp,
        DeviceId: deviceId,
        DeviceName: deviceName,
        ClientVersion: seen?.version ?? '10.8760.26100.1000',
        OSArchitecture: '64-bit',
        OSPlatform: seen?.osPlatform ?? windowsPlatform(intune?.osVersion),
        OSBuild: seen?.osBuild ?? null,
        IsAzureADJoined: true,
        JoinType: 'Microsoft Entra joined',
        AadDeviceId: seen?.azureAdDeviceId ?? intune?.azureADDeviceId ?? '',
        LoggedOnUsers: JSON.stringify([
          { UserName: event.AccountName, DomainName: event.AccountDomain, Sid: event.AccountSid },
        ]),
        OSVersion: intune?.osVersion ?? '',
        MachineGroup: seen?.rbacGroupName ?? '',
        ReportId: index + 1,
        OnboardingStatus: seen?.onboardingStatus ?? 'Onboarded',
        DeviceCategory: 'Endpoint',
        DeviceType: 'Workstation',
        SensorHealthState: 'Active',
        IsInternetFacing: false,
        IsExcluded: false,
        ExposureLevel: seen ? 'High' : 'Low',
        AssetValue: 'Normal',
      });
    }),
  );
}

/** `Windows11` for a Windows 11 build (22000 and later), `Windows10` otherwise, as advanced hunting names them. */
function windowsPlatform(osVersion: string | undefined): string {
  const build = Number(osVersion?.split('.')[2]);
  return Number.isFinite(build) && build < 22_000 ? 'Windows10' : 'Windows11';
}
