/**
 * Seeds `DeviceProcessEvents`: the ordinary day of Contoso's managed Windows laptops over the last 24 hours
 * (Edge, Teams, Outlook, OneDrive, Intune's own PowerShell: the benign noise a hunt has to see through), and
 * one row for every process Defender XDR alerts name as evidence (the encoded PowerShell of incident 4211 on
 * DESKTOP-ADELE01 among them), with the same device, ids, hashes, command line and times as the alert.
 * It never reads the clock: every time is relative to `anchorMs` or comes from the alerts.
 */

import type { LogAnalyticsRow } from '../../clients/log-analytics-schema.js';
import type { DemoUser } from '../demo-tenant-state.js';
import type { DemoFileDetails, DemoSecurityAlert } from '../state/security-incident.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

type ProcessRow = LogAnalyticsRow<'DeviceProcessEvents'>;

interface Binary {
  fileName: string;
  folder: string;
  commandLine: string;
  parent: { fileName: string; commandLine: string; parentFileName: string };
}

const EXPLORER = {
  fileName: 'explorer.exe',
  commandLine: 'C:\\Windows\\Explorer.EXE',
  parentFileName: 'userinit.exe',
};
const SERVICES = {
  fileName: 'svchost.exe',
  commandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p',
  parentFileName: 'services.exe',
};

/** What an ordinary workday starts. */
const EVERYDAY: readonly Binary[] = [
  {
    fileName: 'msedge.exe',
    folder: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    commandLine: '"msedge.exe" --no-startup-window',
    parent: EXPLORER,
  },
  {
    fileName: 'ms-teams.exe',
    folder: 'C:\\Program Files\\WindowsApps\\MSTeams_24152.405.2925.6762_x64__8wekyb3d8bbwe\\ms-teams.exe',
    commandLine: '"ms-teams.exe" msteams:system-initiated',
    parent: EXPLORER,
  },
  {
    fileName: 'OUTLOOK.EXE',
    folder: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
    commandLine: '"OUTLOOK.EXE" ',
    parent: EXPLORER,
  },
  {
    fileName: 'OneDrive.exe',
    folder: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe',
    commandLine: '"OneDrive.exe" /background',
    parent: EXPLORER,
  },
  {
    fileName: 'powershell.exe',
    folder: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    commandLine:
      '"powershell.exe" -NoProfile -ExecutionPolicy Bypass -File "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\compliance-check.ps1"',
    parent: {
      fileName: 'AgentExecutor.exe',
      commandLine:
        '"C:\\Program Files (x86)\\Microsoft Intune Management Extension\\AgentExecutor.exe" -powershell',
      parentFileName: 'Microsoft.Management.Services.IntuneWindowsAgent.exe',
    },
  },
  {
    fileName: 'MpCmdRun.exe',
    folder: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24050.7-0\\MpCmdRun.exe',
    commandLine: '"MpCmdRun.exe" -SignatureUpdate -ScheduleJob',
    parent: SERVICES,
  },
];

/** How many background devices report, and how many processes each. */
const BACKGROUND_DEVICES = 45;
const PROCESSES_PER_DEVICE = 5;

type Account = { name: string; domain: string; sid: string; upn: string; objectId: string };
type Device = { deviceId: string; deviceName: string };

/** The `DeviceProcessEvents` rows, newest first. */
export function seedDeviceProcessEvents(
  random: SeededRandom,
  anchorMs: number,
  people: readonly DemoUser[],
  alerts: readonly DemoSecurityAlert[],
  tenantId: string,
): ProcessRow[] {
  const hashes = new Map<string, { sha1: string; sha256: string; md5: string; size: number }>();
  const hashOf = (fileName: string) => {
    let known = hashes.get(fileName);
    if (known === undefined) {
      known = {
        sha1: random.hex(40),
        sha256: random.hex(64),
        md5: random.hex(32),
        size: random.int(40_000, 4_000_000),
      };
      hashes.set(fileName, known);
    }
    return known;
  };
  let reportId = random.int(10_000, 90_000);
  const row = (
    at: number,
    device: Device,
    account: Account,
    binary: Binary,
    initiatingProcessId: number,
  ): ProcessRow => {
    const time = new Date(at).toISOString();
    const hash = hashOf(binary.fileName);
    return {
      TimeGenerated: time,
      Timestamp: time,
      TenantId: tenantId,
      DeviceId: device.deviceId,
      DeviceName: device.deviceName,
      ActionType: 'ProcessCreated',
      FileName: binary.fileName,
      FolderPath: binary.folder,
      SHA1: hash.sha1,
      SHA256: hash.sha256,
      MD5: hash.md5,
      FileSize: hash.size,
      ProcessId: random.int(1_000, 30_000),
      ProcessCommandLine: binary.commandLine,
      ProcessCreationTime: time,
      ProcessIntegrityLevel: 'Medium',
      AccountDomain: account.domain,
      AccountName: account.name,
      AccountSid: account.sid,
      AccountUpn: account.upn,
      AccountObjectId: account.objectId,
      InitiatingProcessFileName: binary.parent.fileName,
      InitiatingProcessFolderPath: '',
      InitiatingProcessCommandLine: binary.parent.commandLine,
      InitiatingProcessId: initiatingProcessId,
      InitiatingProcessParentFileName: binary.parent.parentFileName,
      InitiatingProcessAccountName: account.name,
      InitiatingProcessAccountUpn: account.upn,
      ReportId: reportId++,
      Type: 'DeviceProcessEvents',
    };
  };

  const rows: ProcessRow[] = [];
  const laptops = people.filter(
    (p) => p.devices[0]?.operatingSystem === 'Windows10' && p.devices[0].displayName,
  );
  for (const person of random.shuffle(laptops).slice(0, BACKGROUND_DEVICES)) {
    const laptop = person.devices[0]!;
    // Defender for Endpoint names devices by its own 40-hex id and their FQDN.
    const device = {
      deviceId: random.hex(40),
      deviceName: `${laptop.displayName!.toLowerCase()}.contoso.com`,
    };
    const account: Account = {
      name: person.user.mailNickname,
      domain: 'azuread',
      sid: `S-1-12-1-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e8, 4e9)}`,
      upn: person.user.userPrincipalName,
      objectId: person.user.id,
    };
    for (let i = 0; i < PROCESSES_PER_DEVICE; i++) {
      const at = anchorMs - random.int(5, 24 * 60) * TIME.MINUTE - random.int(0, 59_000);
      rows.push(row(at, device, account, random.pick(EVERYDAY), random.int(1_000, 30_000)));
    }
  }
  rows.push(...evidenceRows(alerts, tenantId, () => reportId++));
  rows.sort((a, b) => (a.TimeGenerated < b.TimeGenerated ? 1 : a.TimeGenerated > b.TimeGenerated ? -1 : 0));
  return rows;
}

function folderPath(file: DemoFileDetails): string {
  return `${file.filePath.replace(/\\+$/, '')}\\${file.fileName}`;
}

/** One row per distinct process that alerts name as evidence, on the device the same alert names. */
function evidenceRows(
  alerts: readonly DemoSecurityAlert[],
  tenantId: string,
  nextReportId: () => number,
): ProcessRow[] {
  const rows: ProcessRow[] = [];
  const seen = new Set<string>();
  for (const alert of alerts) {
    const device = alert.evidence.find(
      (e) => e['@odata.type'] === '#microsoft.graph.security.deviceEvidence',
    );
    for (const evidence of alert.evidence) {
      if (evidence['@odata.type'] !== '#microsoft.graph.security.processEvidence') continue;
      const key = `${evidence.mdeDeviceId}/${evidence.processId}/${evidence.processCreationDateTime}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const account = evidence.userAccount;
      const parent = evidence.parentProcessImageFile;
      rows.push({
        TimeGenerated: evidence.processCreationDateTime,
        Timestamp: evidence.processCreationDateTime,
        TenantId: tenantId,
        DeviceId: evidence.mdeDeviceId,
        DeviceName:
          device?.['@odata.type'] === '#microsoft.graph.security.deviceEvidence' ? device.deviceDnsName : '',
        ActionType: 'ProcessCreated',
        FileName: evidence.imageFile.fileName,
        FolderPath: folderPath(evidence.imageFile),
        SHA1: evidence.imageFile.sha1 ?? '',
        SHA256: evidence.imageFile.sha256 ?? '',
        MD5: '',
        FileSize: evidence.imageFile.fileSize ?? 0,
        ProcessId: evidence.processId,
        ProcessCommandLine: evidence.processCommandLine,
        ProcessCreationTime: evidence.processCreationDateTime,
        ProcessIntegrityLevel: 'Medium',
        AccountDomain: (account.domainName ?? '').toLowerCase(),
        AccountName: account.accountName,
        AccountSid: account.userSid ?? '',
        AccountUpn: account.userPrincipalName ?? '',
        AccountObjectId: account.azureAdUserId ?? '',
        InitiatingProcessFileName: parent.fileName,
        InitiatingProcessFolderPath: folderPath(parent),
        InitiatingProcessCommandLine: folderPath(parent),
        InitiatingProcessId: evidence.parentProcessId,
        InitiatingProcessParentFileName: '',
        InitiatingProcessAccountName: account.accountName,
        InitiatingProcessAccountUpn: account.userPrincipalName ?? '',
        ReportId: nextReportId(),
        Type: 'DeviceProcessEvents',
      });
    }
  }
  return rows;
}
