/**
 * The Intune device assessment: from a managed device, its compliance policy states and (when an OS version
 * setting fails) the OS versions the rest of the tenant runs, to a verdict, a summary, the facts, findings
 * that say WHY the device is or is not compliant, the settings table, ordered remediation and guidance.
 * Computed from the data, never per device; every statement names the evidence it rests on. A source that
 * failed (`undefined`) is reasoned about as unknown, never as "nothing wrong". Pure: no I/O, no clock.
 */
import type { DeviceCompliancePolicyState, ManagedDevice } from '../../clients/graph-device-resources.js';
import { formatAgo, formatWhen } from '../format-when.js';
import { compareOsVersions, osVersionLine } from './compare-os-versions.js';
import { describeComplianceSetting, type SettingDescription } from './describe-compliance-setting.js';
import { deviceForm } from './device-form.js';
import { checkInLabel, deviceLabel, encryptedLabel, osLabel, ownerLabel } from './device-table.js';
import { intuneInstant } from './intune-instant.js';
import type { Level } from './level.js';
import type { OsVersionCounts } from './skills/os-versions.js';

/** Which piece of evidence a statement rests on; the planner maps these to citations. */
export type DeviceEvidenceKey = 'device' | 'compliance' | 'fleet';

/** What the assessment reads. */
export interface DeviceComplianceEvidence {
  device: ManagedDevice;
  /** The device's compliance policy states; `undefined` when the source failed. */
  policies: DeviceCompliancePolicyState[] | undefined;
  /** OS versions across the tenant for the device's OS; `undefined` when not read or the source failed. */
  fleet?: OsVersionCounts;
  now: Date;
}

/** A setting that keeps the device from being compliant, with every policy that reports it. */
export interface FailingSetting {
  name: string;
  /** `nonCompliant`, `error` or `conflict`. */
  state: string;
  currentValue?: string;
  policies: string[];
  description: SettingDescription;
}

/** The device's assessment. */
export interface DeviceComplianceAssessment {
  /** Intune's `complianceState` as reported (`compliant`, `noncompliant`, `inGracePeriod`, ...). */
  complianceState: string;
  riskLevel: Level;
  /** One line: "Non-compliant — BitLocker off, OS out of date". */
  verdict: string;
  summary: string;
  /** The failing settings, most severe first. */
  failing: FailingSetting[];
  facts: { label: string; value: string; source: DeviceEvidenceKey }[];
  findings: {
    title: string;
    detail?: string;
    severity: Level;
    when?: string;
    sources: DeviceEvidenceKey[];
  }[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: DeviceEvidenceKey }[];
  remediation: { title: string; detail?: string }[];
  guidance: string[];
  followUps: string[];
}

const FAILING_STATES = new Set(['noncompliant', 'error', 'conflict']);
const SEVERITY_ORDER: Record<Level, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  unknown: 4,
  none: 5,
};
const LEVEL_RANK: Record<Level, number> = { none: 0, unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };
const THREAT_LEVELS: Readonly<Record<string, { level: Level; words: string }>> = {
  lowseverity: { level: 'low', words: 'a low-severity threat' },
  mediumseverity: { level: 'medium', words: 'a medium-severity threat' },
  highseverity: { level: 'high', words: 'a high-severity threat' },
  compromised: { level: 'high', words: 'the device as compromised' },
};
const STALE_DAYS = 7;
/** An answer holds at most 30 findings and 12 remediation steps: long lists are summed up, never cut silently. */
const MAX_FINDINGS = 30;
const MAX_FIX_STEPS = 10;
/** Intune's default compliance status validity period: a device silent this long is marked non-compliant. */
const VALIDITY_DAYS = 30;
const DAY_MS = 86_400_000;

/** True when a failing setting of these policies compares the OS version (the fleet's versions then help). */
export function osVersionFailing(policies: readonly DeviceCompliancePolicyState[] | undefined): boolean {
  return failingSettings(policies).some((setting) => setting.description.osVersion === true);
}

/** The settings that keep a device from being compliant, merged across policies, most severe first. */
export function failingSettings(
  policies: readonly DeviceCompliancePolicyState[] | undefined,
): FailingSetting[] {
  const byKey = new Map<string, FailingSetting>();
  for (const policy of policies ?? []) {
    const policyName = policy.displayName?.trim() || policy.id;
    for (const setting of policy.settingStates ?? []) {
      if (!FAILING_STATES.has(setting.state.toLowerCase())) continue;
      const name = settingName(setting);
      const key = `${name.toLowerCase()}|${setting.state.toLowerCase()}`;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.policies.includes(policyName)) existing.policies.push(policyName);
        continue;
      }
      const currentValue = setting.currentValue?.trim() || undefined;
      byKey.set(key, {
        name,
        state: setting.state,
        currentValue,
        policies: [policyName],
        description:
          setting.state.toLowerCase() === 'noncompliant'
            ? describeComplianceSetting({ name, state: setting.state, currentValue, policy: policyName })
            : unevaluated(name, setting.state, setting.errorCode, policyName),
      });
    }
  }
  return [...byKey.values()].sort(
    (left, right) => SEVERITY_ORDER[left.description.severity] - SEVERITY_ORDER[right.description.severity],
  );
}

/** Assesses one managed device's compliance from the evidence gathered. */
export function assessDeviceCompliance(evidence: DeviceComplianceEvidence): DeviceComplianceAssessment {
  const { device, policies, fleet, now } = evidence;
  const name = deviceLabel(device);
  const state = device.complianceState?.trim() || 'unknown';
  const stateKey = state.toLowerCase();
  const nonCompliant = stateKey === 'noncompliant' || stateKey === 'ingraceperiod';
  const owner = ownerLabel(device);
  const failing = failingSettings(policies);
  const findings: DeviceComplianceAssessment['findings'] = [];
  const facts: DeviceComplianceAssessment['facts'] = [];
  const remediation: DeviceComplianceAssessment['remediation'] = [];
  const guidance: string[] = [];

  const hardware = [device.manufacturer, device.model].filter(Boolean).join(' ');
  facts.push({ label: 'Device', value: hardware ? `${name} · ${hardware}` : name, source: 'device' });
  facts.push({
    label: 'Owner',
    value: `${owner ?? 'shared device (no user)'}${ownership(device) ? ` · ${ownership(device)}` : ''}`,
    source: 'device',
  });
  facts.push({ label: 'Operating system', value: osLabel(device), source: 'device' });
  const grace = graceWords(device, now);
  facts.push({
    label: 'Compliance',
    value: nonCompliant && grace ? `${state} (grace period ${grace})` : state,
    source: 'device',
  });
  facts.push({ label: 'Encrypted', value: encryptedLabel(device), source: 'device' });
  const lastSync = intuneInstant(device.lastSyncDateTime);
  facts.push({
    label: 'Last check-in',
    value: lastSync === undefined ? 'never' : formatWhen(new Date(lastSync).toISOString(), now),
    source: 'device',
  });
  const enrolled = intuneInstant(device.enrolledDateTime);
  if (enrolled !== undefined) {
    facts.push({
      label: 'Enrolled',
      value: formatWhen(new Date(enrolled).toISOString(), now),
      source: 'device',
    });
  }
  if (device.serialNumber?.trim()) {
    facts.push({ label: 'Serial number', value: device.serialNumber.trim(), source: 'device' });
  }

  // Why: the failing settings, each with the policy that checks it and what the device reports.
  const fleetNote = fleetComparison(device, fleet);
  for (const setting of failing) {
    const usesFleet = setting.description.osVersion === true && fleetNote !== undefined;
    const policyWords = `${setting.policies.length > 1 ? 'Policies' : 'Policy'} ${setting.policies.map((p) => `“${p}”`).join(', ')}`;
    findings.push({
      title: setting.description.problem,
      detail: [
        setting.description.risk,
        `${policyWords}: setting ${setting.name} is ${setting.state}${setting.currentValue ? `, the device reports ${setting.currentValue}` : ''}.`,
        usesFleet ? fleetNote.sentence : undefined,
      ]
        .filter(Boolean)
        .join(' '),
      severity: setting.description.severity,
      sources: usesFleet ? ['compliance', 'fleet'] : ['compliance'],
    });
  }
  if (policies) {
    for (const policy of policies) {
      const failingHere = (policy.settingStates ?? []).some((s) => FAILING_STATES.has(s.state.toLowerCase()));
      if (policy.state.toLowerCase() === 'noncompliant' && !failingHere) {
        findings.push({
          title: `Policy “${policy.displayName?.trim() || policy.id}” reports the device non-compliant`,
          detail: 'Intune did not say which setting fails: open the device’s compliance report in Intune.',
          severity: 'low',
          sources: ['compliance'],
        });
      }
    }
  }

  // What the device record itself says.
  const jailbrokenSetting = failing.some((s) => s.name.toLowerCase() === 'securityblockjailbrokendevices');
  if (device.jailBroken?.toLowerCase() === 'true' && !jailbrokenSetting) {
    findings.push({
      title: 'The device is jailbroken or rooted',
      detail: 'The operating system’s protections no longer hold: apps and data on it cannot be trusted.',
      severity: 'high',
      sources: ['device'],
    });
  }
  const threat = lookupThreat(device.partnerReportedThreatState);
  if (threat) {
    findings.push({
      title: `The threat defense partner reports ${threat.words}`,
      detail: `partnerReportedThreatState is ${device.partnerReportedThreatState}: look at the device in Microsoft Defender for Endpoint (or the partner's console).`,
      severity: threat.level,
      sources: ['device'],
    });
  }
  const encryptionSetting = failing.some((s) => s.description.encryption === true);
  if (device.isEncrypted === false && !encryptionSetting && deviceForm(device) !== 'other') {
    findings.push({
      title: 'Intune reports the device unencrypted',
      detail: policies
        ? 'No compliance setting flags it, but a lost or stolen device gives up its data.'
        : 'A lost or stolen device gives up its data.',
      severity: 'low',
      sources: ['device'],
    });
  }
  if (lastSync === undefined) {
    findings.push({
      title: 'The device has never checked in with Intune',
      detail: 'Its compliance state is not based on anything the device reported.',
      severity: 'medium',
      sources: ['device'],
    });
  } else if (now.getTime() - lastSync >= STALE_DAYS * DAY_MS) {
    const days = Math.floor((now.getTime() - lastSync) / DAY_MS);
    findings.push({
      title: `No check-in with Intune for ${days} days`,
      detail:
        days >= VALIDITY_DAYS
          ? 'Past the usual 30-day compliance validity period: the device may be lost, off, or no longer managed.'
          : 'Its compliance state is only as recent as its last check-in.',
      severity: days >= VALIDITY_DAYS ? 'medium' : 'low',
      when: new Date(lastSync).toISOString(),
      sources: ['device'],
    });
  }
  if (stateKey === 'noncompliant' && policies && failing.length === 0 && findings.length === 0) {
    findings.push({
      title: 'Intune marks the device non-compliant without a failing setting',
      detail:
        'No assigned policy reports a failing setting: the state may be stale until the device checks in.',
      severity: 'low',
      sources: ['device', 'compliance'],
    });
  }

  // Risk and verdict.
  const base: Level =
    stateKey === 'noncompliant'
      ? 'medium'
      : stateKey === 'ingraceperiod'
        ? 'low'
        : stateKey === 'compliant'
          ? 'none'
          : 'unknown';
  const worst = findings.reduce<Level>(
    (level, finding) => (LEVEL_RANK[finding.severity] > LEVEL_RANK[level] ? finding.severity : level),
    'none',
  );
  const riskLevel: Level =
    base === 'unknown'
      ? LEVEL_RANK[worst] >= LEVEL_RANK.high
        ? worst
        : 'unknown'
      : nonCompliant && LEVEL_RANK[worst] > LEVEL_RANK[base]
        ? worst
        : base === 'none' && LEVEL_RANK[worst] >= LEVEL_RANK.medium
          ? worst
          : base;
  const shorts = [...new Set(failing.map((s) => s.description.short))];
  const reasons =
    shorts.length > 3 ? `${shorts.slice(0, 3).join(', ')} and ${shorts.length - 3} more` : shorts.join(', ');
  let verdict: string;
  if (stateKey === 'noncompliant' || stateKey === 'ingraceperiod') {
    const head = stateKey === 'noncompliant' ? 'Non-compliant' : 'Non-compliant (in grace period)';
    verdict = reasons ? `${head} — ${reasons}` : policies ? head : `${head} — reasons unavailable`;
  } else if (stateKey === 'compliant') {
    verdict = findings.some((f) => LEVEL_RANK[f.severity] >= LEVEL_RANK.medium)
      ? 'Compliant, with findings'
      : 'Compliant';
  } else {
    verdict = `Compliance ${state}`;
  }

  // Summary in plain words.
  const parts: string[] = [];
  const about = [hardware, osLabel(device)].filter(Boolean).join(', ');
  const whose = owner
    ? `${device.userDisplayName?.trim() || owner}'s${ownership(device) ? ` ${ownership(device)}` : ''} device`
    : 'a shared device';
  const stateWords =
    stateKey === 'noncompliant'
      ? 'not compliant'
      : stateKey === 'ingraceperiod'
        ? 'not compliant (still in its grace period)'
        : stateKey === 'compliant'
          ? 'compliant'
          : `in compliance state “${state}”`;
  parts.push(`${name} (${about}), ${whose}, is ${stateWords} with its Intune compliance policies.`);
  const problems = failing.filter((s) => s.state.toLowerCase() === 'noncompliant');
  if (problems.length) {
    parts.push(`Why: ${listWords(problems.map((s) => lowerFirst(s.description.problem)))}.`);
  }
  if (fleetNote && problems.some((s) => s.description.osVersion)) parts.push(fleetNote.sentence);
  if (lastSync !== undefined) {
    const checkIn = `It last checked in with Intune ${formatAgo(new Date(lastSync).toISOString(), now)}`;
    const graceEnded = nonCompliant && grace?.startsWith('ended');
    parts.push(
      graceEnded
        ? `${checkIn}; its grace period ${grace}, so Conditional Access policies that require a compliant device refuse it.`
        : `${checkIn}.`,
    );
  }
  if (policies === undefined) {
    parts.push(
      'Its compliance policy states could not be read (source unavailable), so the reasons are unknown.',
    );
  }

  // Remediation, most severe first.
  if (nonCompliant) {
    const seen = new Set<string>();
    for (const setting of failing) {
      const { fix } = setting.description;
      if (seen.has(fix.title)) continue;
      seen.add(fix.title);
      if (seen.size > MAX_FIX_STEPS) {
        remediation.push({
          title: 'Fix the remaining failing settings',
          detail: `${failing.length} settings fail in all: the compliance settings table lists them.`,
        });
        break;
      }
      const newest =
        setting.description.osVersion && fleetNote?.newest
          ? ` The newest build in the tenant is ${fleetNote.newest}.`
          : '';
      remediation.push({ title: fix.title, detail: `${fix.detail}${newest}` });
    }
    remediation.push({
      title: 'Sync the device, then check it again',
      detail: `Intune re-evaluates compliance when the device checks in (last check-in ${checkInLabel(device, now)}): ${
        owner ? `have ${device.userDisplayName?.trim() || owner} sync it from Company Portal` : 'sync it'
      } or sync it from the Intune admin center, then ask again.`,
    });
  } else if (stateKey === 'compliant') {
    remediation.push({
      title: 'No remediation needed',
      detail: `Intune reports the device compliant with its assigned policies (last check-in ${checkInLabel(device, now)}).`,
    });
  } else {
    remediation.push({
      title: 'Check the device in the Intune admin center',
      detail: `Intune reports compliance state “${state}”: open the device's compliance report to see which policy needs attention.`,
    });
  }

  // Prevention guidance, from what the evidence shows.
  if (nonCompliant) {
    guidance.push(
      'Require a compliant device in Conditional Access for corporate apps, so a device like this one is kept away from data until it is fixed.',
    );
  }
  if (problems.some((s) => s.description.encryption)) {
    guidance.push(
      'Enforce encryption with an Intune endpoint security disk encryption policy (silent BitLocker on Entra-joined devices) instead of relying on users.',
    );
  }
  if (problems.some((s) => s.description.osVersion)) {
    guidance.push(
      'Use update rings (or Windows Autopatch) with deadlines, so devices cannot fall months behind on quality updates.',
    );
  }

  const followUps: string[] = [];
  const upn = device.userPrincipalName?.trim();
  if (upn) followUps.push(`show ${upn}'s devices`, `is ${upn} compromised?`);
  followUps.push('show non-compliant devices');

  if (findings.length > MAX_FINDINGS) {
    const rest = findings.splice(MAX_FINDINGS - 1);
    findings.push({
      title: `${rest.length} more findings`,
      detail: listWords(rest.map((finding) => finding.title).slice(0, 10)),
      severity: rest.reduce<Level>(
        (level, finding) => (LEVEL_RANK[finding.severity] > LEVEL_RANK[level] ? finding.severity : level),
        'low',
      ),
      sources: [...new Set(rest.flatMap((finding) => finding.sources))],
    });
  }

  return {
    complianceState: state,
    riskLevel,
    verdict,
    summary: parts.join(' '),
    failing,
    facts,
    findings,
    evidence: settingsTable(policies),
    remediation,
    guidance,
    followUps,
  };
}

function settingName(setting: { settingName?: string | null; setting?: string | null }): string {
  const explicit = setting.settingName?.trim();
  if (explicit) return explicit;
  const full = setting.setting?.trim();
  if (full) return full.slice(full.lastIndexOf('.') + 1) || full;
  return 'unnamed setting';
}

function unevaluated(
  name: string,
  state: string,
  errorCode: number | null | undefined,
  policy: string,
): SettingDescription {
  const conflict = state.toLowerCase() === 'conflict';
  return {
    short: `${name} ${conflict ? 'in conflict' : 'not evaluated'}`,
    problem: conflict
      ? `Setting ${name} is in conflict between policies`
      : `Setting ${name} could not be evaluated${errorCode ? ` (error ${errorCode})` : ''}`,
    risk: conflict
      ? 'Two assigned policies set it differently, so Intune cannot say the device meets it.'
      : 'Intune could not tell whether the device meets it.',
    severity: 'low',
    fix: {
      title: conflict ? `Resolve the conflict on ${name}` : `Find out why ${name} cannot be evaluated`,
      detail: conflict
        ? `Make the policies assigned to this device agree on ${name} (one of them is “${policy}”).`
        : `Check the device's compliance report for “${policy}” in the Intune admin center.`,
    },
  };
}

function settingsTable(
  policies: readonly DeviceCompliancePolicyState[] | undefined,
): DeviceComplianceAssessment['evidence'] {
  const rows: { failing: boolean; cells: string[] }[] = [];
  for (const policy of policies ?? []) {
    const policyName = policy.displayName?.trim() || policy.id;
    const settings = policy.settingStates ?? [];
    if (settings.length === 0)
      rows.push({ failing: false, cells: [policyName, '(policy)', policy.state, ''] });
    for (const setting of settings) {
      rows.push({
        failing: FAILING_STATES.has(setting.state.toLowerCase()),
        cells: [policyName, settingName(setting), setting.state, setting.currentValue?.trim() ?? ''],
      });
    }
  }
  if (rows.length === 0) return [];
  const ordered = [...rows.filter((row) => row.failing), ...rows.filter((row) => !row.failing)];
  return [
    {
      title: 'Compliance settings',
      columns: ['Policy', 'Setting', 'State', 'Device reports'],
      rows: ordered.slice(0, 25).map((row) => row.cells),
      source: 'compliance',
    },
  ];
}

/** How the device's OS version compares with the fleet's, within its release line. */
function fleetComparison(
  device: ManagedDevice,
  fleet: OsVersionCounts | undefined,
): { sentence: string; newest: string } | undefined {
  const version = device.osVersion?.trim();
  if (!fleet || !version) return undefined;
  const line = osVersionLine(version);
  if (line === undefined) return undefined;
  const sameLine = fleet.versions.filter((entry) => osVersionLine(entry.version) === line);
  const total = sameLine.reduce((sum, entry) => sum + entry.count, 0);
  const newer = sameLine.filter((entry) => compareOsVersions(entry.version, version) === 1);
  const newerCount = newer.reduce((sum, entry) => sum + entry.count, 0);
  const newest = [...sameLine].sort((a, b) => compareOsVersions(b.version, a.version) ?? 0)[0];
  if (!newest || total === 0) return undefined;
  const os = fleet.operatingSystem;
  const read = fleet.truncated ? ` (of the first ${fleet.devicesRead} read)` : '';
  if (newerCount === 0) {
    return {
      sentence: `No ${os} ${line} device in the tenant runs a newer version than ${version}${read}.`,
      newest: newest.version,
    };
  }
  return {
    sentence: `${newerCount} of ${total} ${os} ${line} devices in the tenant${read} run a newer version; the newest is ${newest.version} (on ${newest.count} ${newest.count === 1 ? 'device' : 'devices'}).`,
    newest: newest.version,
  };
}

function graceWords(device: ManagedDevice, now: Date): string | undefined {
  const end = intuneInstant(device.complianceGracePeriodExpirationDateTime);
  if (end === undefined) return undefined;
  const ago = formatAgo(new Date(end).toISOString(), now);
  return end <= now.getTime() ? `ended ${ago}` : `ends ${ago}`;
}

function ownership(device: ManagedDevice): string | undefined {
  const type = device.managedDeviceOwnerType?.toLowerCase();
  return type === 'company' ? 'company-owned' : type === 'personal' ? 'personal' : undefined;
}

function lookupThreat(state: string | null | undefined): { level: Level; words: string } | undefined {
  const key = state?.toLowerCase();
  return key && Object.hasOwn(THREAT_LEVELS, key) ? THREAT_LEVELS[key] : undefined;
}

function lowerFirst(text: string): string {
  // "OS version…" and "BitLocker…" keep their capitals; plain words do not.
  return /^[A-Z][a-z]/.test(text) && !/^(BitLocker|Secure|Microsoft|System|Setting|Policy)\b/.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}
