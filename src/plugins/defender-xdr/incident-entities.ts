/**
 * Collects what an incident's alerts are about from their evidence: the users and devices affected, and the
 * indicators (IP addresses, URLs, processes with their command lines, files, mailboxes), each with the alerts
 * that mention it and the worst verdict Defender gave it. Encoded PowerShell command lines are decoded (see
 * decode-powershell.ts). Pure: no I/O, no clock; it never decides what matters, it only gathers and merges.
 */
import {
  type DefenderAlert,
  type DefenderEvidence,
  EVIDENCE_TYPES,
} from '../../clients/graph-security-resources.js';
import { type DecodedPowerShell, decodeEncodedPowerShell } from '../decode-powershell.js';

/** A user named in evidence (user, process or mailbox evidence). */
export interface AffectedUser {
  id?: string;
  userPrincipalName?: string;
  name: string;
  /** Evidence roles, e.g. `compromised`. */
  roles: string[];
  verdict?: string;
  alertIds: string[];
}

/** A device named in device evidence. */
export interface AffectedDevice {
  /** Host name as analysts and Intune write it (Windows names in capitals: `DESKTOP-ADELE01`). */
  name: string;
  mdeDeviceId?: string;
  azureAdDeviceId?: string;
  platform?: string;
  osBuild?: number;
  riskScore?: string;
  healthStatus?: string;
  /** The device's own (internal) addresses. */
  addresses: string[];
  roles: string[];
  verdict?: string;
  alertIds: string[];
}

/** An IP address in evidence (an attacker's, or context such as the user's usual address). */
export interface IpIndicator {
  address: string;
  country?: string;
  roles: string[];
  verdict?: string;
  alertIds: string[];
}

/** A URL in evidence. */
export interface UrlIndicator {
  url: string;
  verdict?: string;
  alertIds: string[];
}

/** A process Defender saw, with where, as whom, and what its encoded command hides. */
export interface ProcessSighting {
  commandLine: string;
  fileName?: string;
  parentFileName?: string;
  device?: string;
  user?: string;
  verdict?: string;
  detectionStatus?: string;
  when?: string;
  alertId: string;
  decoded?: DecodedPowerShell;
}

/** A file in `fileEvidence` (process images are part of their process, not listed here). */
export interface FileSighting {
  name: string;
  path?: string;
  sha256?: string;
  sha1?: string;
  verdict?: string;
  alertIds: string[];
}

/** A mailbox in evidence. */
export interface MailboxSighting {
  address: string;
  name?: string;
  alertIds: string[];
}

/** Everything the evidence of an incident's alerts names, merged across alerts. */
export interface IncidentEntities {
  users: AffectedUser[];
  devices: AffectedDevice[];
  ips: IpIndicator[];
  urls: UrlIndicator[];
  processes: ProcessSighting[];
  files: FileSighting[];
  mailboxes: MailboxSighting[];
  /** Evidence types Ward does not read fields of (`#microsoft.graph.security.registryKeyEvidence`, ...). */
  otherTypes: string[];
}

const VERDICT_RANK: Readonly<Record<string, number>> = {
  malicious: 3,
  suspicious: 2,
  unknown: 1,
  noThreatsFound: 0,
};

/** The worse of two verdicts (`malicious` over `suspicious` over `unknown`). */
export function worseVerdict(a: string | undefined, b: string | null | undefined): string | undefined {
  if (!b) return a;
  if (!a) return b;
  const rank = (v: string) => (Object.hasOwn(VERDICT_RANK, v) ? (VERDICT_RANK[v] ?? 0) : 0);
  return rank(b) > rank(a) ? b : a;
}

/** How a device evidence record is named: the host part of its DNS name (Windows names in capitals). */
export function deviceName(evidence: Pick<DefenderEvidence, 'deviceDnsName' | 'osPlatform' | 'mdeDeviceId'>) {
  const host = evidence.deviceDnsName?.trim().split('.')[0];
  if (!host) return evidence.mdeDeviceId ?? 'unknown device';
  // Windows computer names are NetBIOS names, shown in capitals by Windows, Intune and Entra ID.
  return /^windows/i.test(evidence.osPlatform ?? '') ? host.toUpperCase() : host;
}

function push(list: string[], value: string | null | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

function userKey(account: NonNullable<DefenderEvidence['userAccount']>): string | undefined {
  if (account.azureAdUserId) return `id:${account.azureAdUserId.toLowerCase()}`;
  if (account.userPrincipalName) return `upn:${account.userPrincipalName.toLowerCase()}`;
  if (account.accountName)
    return `account:${(account.domainName ?? '').toLowerCase()}\\${account.accountName.toLowerCase()}`;
  return undefined;
}

function userName(account: NonNullable<DefenderEvidence['userAccount']>): string {
  return (
    account.displayName ||
    account.userPrincipalName ||
    [account.domainName, account.accountName].filter(Boolean).join('\\') ||
    'unknown user'
  );
}

/** Gathers the entities of `alerts` (in the order given; callers pass them in time order). */
export function collectIncidentEntities(alerts: readonly DefenderAlert[]): IncidentEntities {
  const users = new Map<string, AffectedUser>();
  const devices = new Map<string, AffectedDevice>();
  const ips = new Map<string, IpIndicator>();
  const urls = new Map<string, UrlIndicator>();
  const files = new Map<string, FileSighting>();
  const mailboxes = new Map<string, MailboxSighting>();
  const processes: ProcessSighting[] = [];
  const otherTypes: string[] = [];
  const deviceByMdeId = new Map<string, string>();

  const addUser = (
    account: DefenderEvidence['userAccount'],
    evidence: DefenderEvidence,
    alertId: string,
  ): string | undefined => {
    if (!account) return undefined;
    const key = userKey(account);
    if (!key) return undefined;
    const user = users.get(key) ?? {
      name: userName(account),
      roles: [],
      alertIds: [],
      ...(account.azureAdUserId ? { id: account.azureAdUserId } : {}),
      ...(account.userPrincipalName ? { userPrincipalName: account.userPrincipalName.toLowerCase() } : {}),
    };
    // Only the user an evidence record is about carries its roles; a process's account is context.
    if (
      evidence['@odata.type'] === EVIDENCE_TYPES.user ||
      evidence['@odata.type'] === EVIDENCE_TYPES.mailbox
    ) {
      for (const role of evidence.roles ?? []) push(user.roles, role);
      user.verdict = worseVerdict(user.verdict, evidence.verdict);
    }
    push(user.alertIds, alertId);
    users.set(key, user);
    return user.name;
  };

  // Devices first, so processes can name the device they ran on.
  for (const alert of alerts) {
    for (const evidence of alert.evidence ?? []) {
      if (evidence['@odata.type'] !== EVIDENCE_TYPES.device) continue;
      const name = deviceName(evidence);
      const key = (evidence.mdeDeviceId ?? evidence.azureAdDeviceId ?? name).toLowerCase();
      const device = devices.get(key) ?? { name, addresses: [], roles: [], alertIds: [] };
      if (evidence.mdeDeviceId) device.mdeDeviceId = evidence.mdeDeviceId;
      if (evidence.azureAdDeviceId) device.azureAdDeviceId = evidence.azureAdDeviceId;
      if (evidence.osPlatform) device.platform = evidence.osPlatform;
      if (typeof evidence.osBuild === 'number') device.osBuild = evidence.osBuild;
      if (evidence.riskScore) device.riskScore = evidence.riskScore;
      if (evidence.healthStatus) device.healthStatus = evidence.healthStatus;
      for (const address of evidence.ipInterfaces ?? []) push(device.addresses, address);
      for (const role of evidence.roles ?? []) push(device.roles, role);
      device.verdict = worseVerdict(device.verdict, evidence.verdict);
      push(device.alertIds, alert.id);
      devices.set(key, device);
      if (evidence.mdeDeviceId) deviceByMdeId.set(evidence.mdeDeviceId.toLowerCase(), name);
    }
  }

  for (const alert of alerts) {
    for (const evidence of alert.evidence ?? []) {
      switch (evidence['@odata.type']) {
        case EVIDENCE_TYPES.device:
          break;
        case EVIDENCE_TYPES.user:
          addUser(evidence.userAccount, evidence, alert.id);
          break;
        case EVIDENCE_TYPES.mailbox: {
          addUser(evidence.userAccount, evidence, alert.id);
          const address = evidence.primaryAddress?.toLowerCase();
          if (address) {
            const mailbox = mailboxes.get(address) ?? {
              address,
              alertIds: [],
              ...(evidence.displayName ? { name: evidence.displayName } : {}),
            };
            push(mailbox.alertIds, alert.id);
            mailboxes.set(address, mailbox);
          }
          break;
        }
        case EVIDENCE_TYPES.ip: {
          if (!evidence.ipAddress) break;
          const ip = ips.get(evidence.ipAddress) ?? { address: evidence.ipAddress, roles: [], alertIds: [] };
          if (evidence.countryLetterCode) ip.country = evidence.countryLetterCode;
          for (const role of evidence.roles ?? []) push(ip.roles, role);
          ip.verdict = worseVerdict(ip.verdict, evidence.verdict);
          push(ip.alertIds, alert.id);
          ips.set(evidence.ipAddress, ip);
          break;
        }
        case EVIDENCE_TYPES.url: {
          if (!evidence.url) break;
          const url = urls.get(evidence.url) ?? { url: evidence.url, alertIds: [] };
          url.verdict = worseVerdict(url.verdict, evidence.verdict);
          push(url.alertIds, alert.id);
          urls.set(evidence.url, url);
          break;
        }
        case EVIDENCE_TYPES.process: {
          const user = addUser(evidence.userAccount, evidence, alert.id);
          if (!evidence.processCommandLine) break;
          const decoded = decodeEncodedPowerShell(evidence.processCommandLine);
          const device = evidence.mdeDeviceId
            ? deviceByMdeId.get(evidence.mdeDeviceId.toLowerCase())
            : undefined;
          processes.push({
            commandLine: evidence.processCommandLine,
            alertId: alert.id,
            ...(evidence.imageFile?.fileName ? { fileName: evidence.imageFile.fileName } : {}),
            ...(evidence.parentProcessImageFile?.fileName
              ? { parentFileName: evidence.parentProcessImageFile.fileName }
              : {}),
            ...(device ? { device } : {}),
            ...(user ? { user } : {}),
            ...(evidence.verdict ? { verdict: evidence.verdict } : {}),
            ...(evidence.detectionStatus ? { detectionStatus: evidence.detectionStatus } : {}),
            ...(evidence.processCreationDateTime ? { when: evidence.processCreationDateTime } : {}),
            ...(decoded ? { decoded } : {}),
          });
          break;
        }
        case EVIDENCE_TYPES.file: {
          const details = evidence.fileDetails;
          if (!details?.fileName && !details?.sha256) break;
          const key = (
            details.sha256 ??
            details.sha1 ??
            `${details.filePath}\\${details.fileName}`
          ).toLowerCase();
          const file = files.get(key) ?? {
            name: details.fileName ?? details.sha256 ?? 'unknown file',
            alertIds: [],
            ...(details.filePath ? { path: details.filePath } : {}),
            ...(details.sha256 ? { sha256: details.sha256 } : {}),
            ...(details.sha1 ? { sha1: details.sha1 } : {}),
          };
          file.verdict = worseVerdict(file.verdict, evidence.verdict);
          push(file.alertIds, alert.id);
          files.set(key, file);
          break;
        }
        default:
          push(otherTypes, evidence['@odata.type']);
      }
    }
  }

  return {
    users: [...users.values()],
    devices: [...devices.values()],
    ips: [...ips.values()],
    urls: [...urls.values()],
    processes,
    files: [...files.values()],
    mailboxes: [...mailboxes.values()],
    otherTypes,
  };
}
