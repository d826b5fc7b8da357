/**
 * The rules planner's answer to device questions, from the Intune plugin's read skills: a device named in the
 * question (or the device of the previous answer) with why it is or is not compliant; a person's devices
 * ("is Diego's laptop compliant?": one laptop is answered about, several are a table); otherwise the tenant's
 * non-compliant devices. Every statement cites the skill call it rests on; a source that fails makes the answer
 * say what failed (never an exception), and an unknown device or person gets help that says what to try.
 * A device question naming CVEs is about whether the device is affected (`plan-device-exposure.ts`).
 * It proposes no actions: device actions (sync, wipe, retire) are not Ward's to offer.
 */
import type { DeviceCompliancePolicyState, ManagedDevice } from '../../clients/graph-device-resources.js';
import type { GraphUser } from '../../clients/graph-resources.js';
import {
  assessDeviceCompliance,
  type DeviceEvidenceKey,
  failingSettings,
  osVersionFailing,
} from '../../plugins/intune/assess-device-compliance.js';
import {
  type DeviceForm,
  type DevicePlatform,
  deviceForm,
  devicePlatform,
} from '../../plugins/intune/device-form.js';
import {
  checkInLabel,
  DEVICE_TABLE_COLUMNS,
  deviceLabel,
  deviceTableRow,
  osLabel,
} from '../../plugins/intune/device-table.js';
import { intuneInstant } from '../../plugins/intune/intune-instant.js';
import type { DeviceLookup } from '../../plugins/intune/skills/device.js';
import type { NonCompliantDevices } from '../../plugins/intune/skills/non-compliant-devices.js';
import type { OsVersionCounts } from '../../plugins/intune/skills/os-versions.js';
import type { AnswerDraft, RiskLevel, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { WardError } from '../errors.js';
import { followUpSubject } from '../memory/follow-up-subject.js';
import { askedCves, lookUpCveIntel } from './cve-exposure.js';
import { planDeviceExposure } from './plan-device-exposure.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

/** How many non-compliant devices of a person's several get their reasons read. */
const MAX_REASONS_READ = 3;
/** Rows in the non-compliant devices table. */
const LIST_TOP = 25;
const STALE_MS = 7 * 86_400_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Words that ask about one kind of device: "Diego's laptop", "Megan's phone". */
const FORM_WORDS: ReadonlyMap<string, DeviceForm> = new Map([
  ...[
    'laptop',
    'laptops',
    'notebook',
    'notebooks',
    'computer',
    'computers',
    'pc',
    'pcs',
    'desktop',
    'desktops',
    'workstation',
    'workstations',
    'macbook',
    'mac',
  ].map((word) => [word, 'computer'] as const),
  ...['phone', 'phones', 'iphone', 'iphones', 'smartphone', 'mobile', 'android', 'cellphone'].map(
    (word) => [word, 'phone'] as const,
  ),
  ...['tablet', 'tablets', 'ipad', 'ipads'].map((word) => [word, 'tablet'] as const),
]);

/**
 * Words that only make sense on one platform: "is BitLocker on?" is about a Windows device, "FileVault" a Mac,
 * "jailbroken" an iPhone or iPad, "rooted" an Android device. With several devices, they pick the one meant.
 */
const PLATFORM_WORDS: ReadonlyMap<string, DevicePlatform> = new Map([
  ...['bitlocker', 'tpm', 'windows', 'win10', 'win11', 'wdac'].map((word) => [word, 'windows'] as const),
  ...['filevault', 'gatekeeper', 'macos', 'macbook', 'mac', 'imac'].map((word) => [word, 'macos'] as const),
  ...['ios', 'ipados', 'iphone', 'iphones', 'ipad', 'ipads', 'jailbroken', 'jailbreak'].map(
    (word) => [word, 'ios'] as const,
  ),
  ...['android', 'rooted', 'knox'].map((word) => [word, 'android'] as const),
  ...['linux', 'ubuntu'].map((word) => [word, 'linux'] as const),
]);

/** Answers a device question from the plugins' read skills. */
export async function planDevice(input: PlanInput): Promise<PlanOutcome> {
  const named = input.entities.devices[0];
  const remembered =
    named === undefined ? followUpSubject(input.turn.text, input.entities, input.history) : undefined;
  const rememberedDevice =
    remembered?.kind === 'device'
      ? {
          reference: GUID.test(remembered.id) ? remembered.id : remembered.displayName,
          label: remembered.displayName ?? remembered.id,
        }
      : undefined;

  // "and is it vulnerable to CVE-2024-3400?" about a device: whether it is affected, not its compliance.
  const asked = askedCves(input);
  const deviceName = named ?? (rememberedDevice?.reference ? rememberedDevice.label : undefined);
  if (asked.cves.length > 0 && deviceName !== undefined) {
    return planDeviceExposure(input, {
      name: deviceName,
      ...asked,
      intel: await lookUpCveIntel(input, asked.cves),
    });
  }

  if (named !== undefined) return planNamedDevice(input, named, named);
  if (rememberedDevice?.reference) {
    return planNamedDevice(input, rememberedDevice.reference, rememberedDevice.label);
  }

  const resolution = await input.resolveUser();
  switch (resolution.kind) {
    case 'none':
      return planNonCompliantDevices(input);
    case 'not-found':
      return userNotFoundHelp(resolution.query);
    case 'ambiguous':
      return ambiguousUserHelp(resolution);
    case 'failed':
      return {
        kind: 'answer',
        draft: {
          intent: 'device',
          title: `Could not look up ${resolution.query}`,
          summary: `${resolution.error.message} Ward could not find whose devices to check without the directory; try again in a minute.`,
          riskLevel: 'unknown',
          planner: 'rules',
          sources: input.ledger.sources(),
        },
      };
    case 'resolved':
      return planUserDevices(input, resolution.user);
  }
}

/** A device by name or id: one answer about it, a table when several share the name, help when none does. */
async function planNamedDevice(input: PlanInput, reference: string, label: string): Promise<PlanOutcome> {
  const lookup = await input.ledger.call<DeviceLookup>('intune.device', { device: reference });
  if (!lookup.ok) {
    if (lookup.error.code === 'invalid_input') {
      return {
        kind: 'help',
        reason: `"${label}" doesn't look like a device name I can look up in Intune. Use the name Intune shows (DESKTOP-ADELE01).`,
      };
    }
    return unavailable(input, `${label}: Intune unavailable`, lookup.error, `look up device ${label}`);
  }
  const { devices } = lookup.data;
  const [only] = devices;
  if (only === undefined) {
    return {
      kind: 'help',
      reason: `Intune manages no device named "${label}". Check the name, or ask for a person's devices ("show adele.vance@contoso.com's devices"); a device Intune does not manage may still appear in that person's sign-ins.`,
    };
  }
  if (devices.length === 1)
    return { kind: 'answer', draft: await deviceAnswer(input, only, lookup.sourceId) };
  return {
    kind: 'answer',
    draft: await deviceListAnswer(input, devices, lookup.sourceId, {
      title: `${devices.length}${lookup.data.truncated ? '+' : ''} devices named ${boundedText(label, 80)}`,
      lead: `Intune manages ${devices.length}${lookup.data.truncated ? '+' : ''} devices named ${label}`,
    }),
  };
}

/** A person's devices: the one asked about ("laptop") in detail, or all of them in a table. */
async function planUserDevices(input: PlanInput, user: GraphUser): Promise<PlanOutcome> {
  const who = user.displayName ?? user.userPrincipalName ?? user.id;
  const upn = user.userPrincipalName ?? user.mail ?? undefined;
  const call = await input.ledger.call<{ devices: ManagedDevice[]; truncated: boolean }>(
    'intune.userDevices',
    {
      user: user.id,
    },
  );
  if (!call.ok)
    return unavailable(input, `${who}'s devices: Intune unavailable`, call.error, `read ${who}'s devices`);
  const all = call.data.devices;
  const subject: Target = { kind: 'user', id: user.id, displayName: upn ? `${who} (${upn})` : who };
  if (all.length === 0) {
    return {
      kind: 'answer',
      draft: {
        intent: 'device',
        title: `${boundedText(who, 100)}: no managed devices`,
        summary: `Intune manages no device for ${who}${upn ? ` (${upn})` : ''}. Any device ${who} signs in from is unmanaged: no compliance policy checks it.`,
        riskLevel: 'unknown',
        subject,
        facts: [{ label: 'User', value: upn ? `${who} · ${upn}` : who }],
        findings: [
          {
            title: 'No device enrolled in Intune',
            detail:
              'Sign-ins from unmanaged devices cannot be held to compliance policies or Conditional Access device checks.',
            severity: 'low',
            citations: [call.sourceId],
          },
        ],
        followUps: upn
          ? [`show sign-ins for ${upn}`, 'show non-compliant devices']
          : ['show non-compliant devices'],
        sources: input.ledger.sources(),
        planner: 'rules',
      },
    };
  }
  const form = formAsked(input.turn.text);
  const platform = platformAsked(input.turn.text);
  const matching = all.filter(
    (device) =>
      (form === undefined || deviceForm(device) === form) &&
      (platform === undefined || devicePlatform(device) === platform),
  );
  const [only] = matching;
  if (matching.length === 1 && only !== undefined) {
    const asked = askedCves(input);
    if (asked.cves.length > 0) {
      return planDeviceExposure(input, {
        name: deviceLabel(only),
        ...asked,
        intel: await lookUpCveIntel(input, asked.cves),
        device: { device: only, sourceId: call.sourceId },
      });
    }
    return { kind: 'answer', draft: await deviceAnswer(input, only, call.sourceId) };
  }
  const shown = matching.length > 0 ? matching : all;
  const wanted = [platform ? PLATFORM_NAMES[platform] : '', form ? FORM_NAMES[form] : 'device']
    .filter(Boolean)
    .join(' ');
  const noneOfForm =
    (form || platform) && matching.length === 0 ? `Intune manages no ${wanted} for ${who}. ` : '';
  return {
    kind: 'answer',
    draft: await deviceListAnswer(input, shown, call.sourceId, {
      title: `${boundedText(who, 100)}'s devices`,
      lead: `${noneOfForm}Intune manages ${shown.length}${call.data.truncated ? '+' : ''} ${
        form && matching.length > 0 ? FORM_PLURALS[form] : 'devices'
      } for ${who}${upn ? ` (${upn})` : ''}`,
      subject,
      user: { label: upn ? `${who} · ${upn}` : who, upn },
    }),
  };
}

/** One device in detail: compliance policy states setting by setting, and the fleet's OS versions when behind. */
async function deviceAnswer(
  input: PlanInput,
  device: ManagedDevice,
  deviceSourceId: string,
): Promise<AnswerDraft> {
  const { ledger } = input;
  const compliance = await ledger.call<DeviceCompliancePolicyState[]>('intune.deviceCompliance', {
    deviceId: device.id,
  });
  const policies = compliance.ok ? compliance.data : undefined;
  let fleet: OsVersionCounts | undefined;
  let fleetSourceId: string | undefined;
  if (osVersionFailing(policies) && device.operatingSystem) {
    const call = await ledger.call<OsVersionCounts>('intune.osVersions', {
      operatingSystem: device.operatingSystem,
    });
    fleetSourceId = call.sourceId;
    if (call.ok) fleet = call.data;
  }
  const assessment = assessDeviceCompliance({ device, policies, fleet, now: input.now });
  const cite: Record<DeviceEvidenceKey, string> = {
    device: deviceSourceId,
    compliance: compliance.sourceId,
    fleet: fleetSourceId ?? compliance.sourceId,
  };
  const name = deviceLabel(device);
  return {
    intent: 'device',
    title: `${boundedText(name, 100)}: ${assessment.verdict}`,
    summary: assessment.summary,
    riskLevel: assessment.riskLevel,
    subject: { kind: 'device', id: device.id, displayName: name },
    facts: assessment.facts.map(({ label, value }) => ({ label, value })),
    findings: assessment.findings.map((finding) => ({
      title: finding.title,
      detail: finding.detail,
      severity: finding.severity,
      when: finding.when,
      citations: [...new Set(finding.sources.map((key) => cite[key]))],
    })),
    evidence: assessment.evidence.map((table) => ({
      title: table.title,
      columns: table.columns,
      rows: table.rows,
      citations: [cite[table.source]],
    })),
    remediation: assessment.remediation,
    guidance: assessment.guidance,
    followUps: assessment.followUps,
    sources: ledger.sources(),
    planner: 'rules',
  };
}

interface ListOptions {
  title: string;
  /** The summary's first sentence, without its full stop. */
  lead: string;
  subject?: Target;
  user?: { label: string; upn?: string };
}

/** Several devices (a person's, or several sharing a name): a table, and why the non-compliant ones fail. */
async function deviceListAnswer(
  input: PlanInput,
  devices: readonly ManagedDevice[],
  listSourceId: string,
  options: ListOptions,
): Promise<AnswerDraft> {
  const nonCompliant = devices.filter((device) => device.complianceState === 'noncompliant');
  const reasons = await Promise.all(
    nonCompliant.slice(0, MAX_REASONS_READ).map(async (device) => ({
      device,
      call: await input.ledger.call<DeviceCompliancePolicyState[]>('intune.deviceCompliance', {
        deviceId: device.id,
      }),
    })),
  );
  const findings: NonNullable<AnswerDraft['findings']> = [];
  const remediation: NonNullable<AnswerDraft['remediation']> = [];
  const described: string[] = [];
  for (const { device, call } of reasons) {
    const name = deviceLabel(device);
    const failing = call.ok
      ? failingSettings(call.data).filter((s) => s.state.toLowerCase() === 'noncompliant')
      : [];
    const shorts = [...new Set(failing.map((setting) => setting.description.short))];
    described.push(shorts.length ? `${name} (${shorts.join(', ')})` : name);
    findings.push({
      title: shorts.length ? `${name} is non-compliant: ${shorts.join(', ')}` : `${name} is non-compliant`,
      detail: failing.length
        ? `${failing.map((setting) => setting.description.problem).join('; ')}. Last check-in ${checkInLabel(device, input.now)}.`
        : `Last check-in ${checkInLabel(device, input.now)}.${call.ok ? '' : ' Its compliance details could not be read.'}`,
      severity: 'medium',
      citations: call.ok ? [listSourceId, call.sourceId] : [listSourceId],
    });
    remediation.push({
      title: `Fix ${name}`,
      detail: failing.length
        ? `${[...new Set(failing.map((setting) => setting.description.fix.title))].join('; ')}. Ask "is ${name} compliant?" for the steps.`
        : `Ask "is ${name} compliant?" for why it fails and the steps.`,
    });
  }
  const unread = nonCompliant.slice(MAX_REASONS_READ);
  if (unread.length) {
    described.push(names(unread));
    findings.push({
      title: `${unread.length} more non-compliant ${unread.length === 1 ? 'device' : 'devices'}`,
      detail: `${names(unread)}: ask about each by name for why it fails.`,
      severity: 'medium',
      citations: [listSourceId],
    });
  }
  const inGrace = devices.filter((device) => device.complianceState === 'inGracePeriod');
  if (inGrace.length) {
    findings.push({
      title: `${inGrace.length} non-compliant but in ${inGrace.length === 1 ? 'its' : 'their'} grace period`,
      detail: names(inGrace),
      severity: 'low',
      citations: [listSourceId],
    });
  }
  const compliant = devices.filter((device) => device.complianceState === 'compliant');
  const riskLevel: RiskLevel = nonCompliant.length
    ? 'medium'
    : inGrace.length
      ? 'low'
      : compliant.length === devices.length
        ? 'none'
        : 'unknown';
  const inventory = devices
    .slice(0, 6)
    .map((device) => `${deviceLabel(device)} (${osLabel(device)}, ${device.complianceState ?? 'unknown'})`);
  const summary = [
    `${options.lead}: ${inventory.join(', ')}${devices.length > 6 ? ` and ${devices.length - 6} more` : ''}.`,
    nonCompliant.length
      ? `${nonCompliant.length} ${nonCompliant.length === 1 ? 'is' : 'are'} not compliant: ${described.join('; ')}.`
      : inGrace.length
        ? `${inGrace.length} ${inGrace.length === 1 ? 'is' : 'are'} in a compliance grace period.`
        : compliant.length === devices.length
          ? 'All of them are compliant.'
          : 'Intune does not report every one of them compliant.',
    'Ask about one device by name for its details and remediation.',
  ].join(' ');
  const followUps = [
    ...[...nonCompliant, ...devices.filter((device) => device.complianceState !== 'noncompliant')]
      .slice(0, 3)
      .map((device) => `is ${deviceLabel(device)} compliant?`),
    ...(options.user?.upn ? [`is ${options.user.upn} compromised?`] : []),
  ];
  return {
    intent: 'device',
    title: `${options.title}: ${
      nonCompliant.length
        ? `${nonCompliant.length} non-compliant`
        : riskLevel === 'none'
          ? 'all compliant'
          : 'compliance varies'
    }`,
    summary,
    riskLevel,
    subject: options.subject,
    facts: [
      ...(options.user ? [{ label: 'User', value: options.user.label }] : []),
      { label: 'Devices', value: String(devices.length) },
      { label: 'Non-compliant', value: String(nonCompliant.length) },
    ],
    findings,
    evidence: [
      {
        title: 'Managed devices',
        columns: DEVICE_TABLE_COLUMNS,
        rows: devices.slice(0, 25).map((device) => deviceTableRow(device, input.now)),
        citations: [listSourceId],
      },
    ],
    remediation: remediation.length
      ? [
          ...remediation,
          {
            title: 'Sync each fixed device, then check it again',
            detail: 'Intune re-evaluates compliance when a device checks in (Company Portal → Sync).',
          },
        ]
      : [],
    followUps,
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}

/** No device or person named: the tenant's non-compliant devices. */
async function planNonCompliantDevices(input: PlanInput): Promise<PlanOutcome> {
  const call = await input.ledger.call<NonCompliantDevices>('intune.nonCompliantDevices', { top: LIST_TOP });
  if (!call.ok) {
    return unavailable(
      input,
      'Non-compliant devices: Intune unavailable',
      call.error,
      'list non-compliant devices',
    );
  }
  const { devices, total, truncated, byOperatingSystem, unencrypted, silentForAWeek } = call.data;
  const count = `${total}${truncated ? '+' : ''}`;
  if (total === 0) {
    return {
      kind: 'answer',
      draft: {
        intent: 'device',
        title: 'No non-compliant devices',
        summary: 'Intune marks no managed device non-compliant right now.',
        riskLevel: 'none',
        facts: [{ label: 'Non-compliant', value: '0' }],
        followUps: ['show risky users'],
        sources: input.ledger.sources(),
        planner: 'rules',
      },
    };
  }
  const now = input.now.getTime();
  const osWords = byOperatingSystem.map((entry) => `${entry.count} ${entry.operatingSystem}`).join(', ');
  // Names come from the listed devices (the most recently active); counts from all that were read.
  const listedUnencrypted = devices.filter((device) => device.isEncrypted === false);
  const listedSilent = devices.filter((device) => {
    const at = intuneInstant(device.lastSyncDateTime);
    return at === undefined || now - at >= STALE_MS;
  });
  const jailbroken = devices.filter((device) => device.jailBroken?.toLowerCase() === 'true');
  const partial = devices.length < total;
  const among = (listed: readonly ManagedDevice[]) =>
    partial ? `Among the ${devices.length} listed: ${names(listed)}` : names(listed);
  const findings: NonNullable<AnswerDraft['findings']> = [
    {
      title: `${count} ${total === 1 ? 'device fails' : 'devices fail'} their compliance policies`,
      detail: `By operating system: ${osWords}. Most recently active: ${names(devices.slice(0, 5))}.`,
      severity: 'medium',
      citations: [call.sourceId],
    },
  ];
  if (jailbroken.length) {
    findings.push({
      title: `${jailbroken.length}${partial ? ' listed' : ''} jailbroken or rooted`,
      detail: names(jailbroken),
      severity: 'high',
      citations: [call.sourceId],
    });
  }
  if (unencrypted) {
    findings.push({
      title: `${unencrypted} not encrypted`,
      detail: `${listedUnencrypted.length ? `${among(listedUnencrypted)}. ` : ''}A lost or stolen device gives up its data.`,
      severity: 'medium',
      citations: [call.sourceId],
    });
  }
  if (silentForAWeek) {
    findings.push({
      title: `${silentForAWeek} without a check-in for 7 days or more`,
      detail: `${listedSilent.length ? `${among(listedSilent)}. ` : ''}Their state is only as recent as their last check-in.`,
      severity: 'low',
      citations: [call.sourceId],
    });
  }
  return {
    kind: 'answer',
    draft: {
      intent: 'device',
      title: `${count} non-compliant ${total === 1 ? 'device' : 'devices'}`,
      summary: [
        `Intune marks ${count} managed ${total === 1 ? 'device' : 'devices'} non-compliant (${osWords}).`,
        unencrypted ? `${unencrypted} of them ${unencrypted === 1 ? 'is' : 'are'} not encrypted.` : '',
        silentForAWeek
          ? `${silentForAWeek} ${silentForAWeek === 1 ? 'has' : 'have'} not checked in for a week or more.`
          : '',
        partial ? `The ${devices.length} most recently active are listed.` : '',
        'Ask about one device by name for why it fails and how to fix it.',
      ]
        .filter(Boolean)
        .join(' '),
      riskLevel: jailbroken.length ? 'high' : 'medium',
      facts: [
        { label: 'Non-compliant', value: count },
        { label: 'By OS', value: osWords },
        { label: 'Not encrypted', value: String(unencrypted) },
        { label: 'No check-in for 7+ days', value: String(silentForAWeek) },
      ],
      findings,
      evidence: [
        {
          title: partial
            ? `Non-compliant devices (${devices.length} most recently active)`
            : 'Non-compliant devices',
          columns: DEVICE_TABLE_COLUMNS,
          rows: devices.slice(0, 25).map((device) => deviceTableRow(device, input.now)),
          citations: [call.sourceId],
        },
      ],
      remediation: [
        {
          title: 'Find out why each device fails',
          detail:
            'Ask "is <device> compliant?": Ward reads its compliance policies setting by setting and lists the fixes.',
        },
        ...(listedUnencrypted.length
          ? [
              {
                title: 'Start with the unencrypted devices',
                detail: `${names(listedUnencrypted)}: contact their owners to turn on encryption.`,
              },
            ]
          : []),
      ],
      guidance: [
        'Require a compliant device in Conditional Access for corporate apps, so non-compliant devices are kept away from data until they are fixed.',
      ],
      followUps: devices.slice(0, 3).map((device) => `is ${deviceLabel(device)} compliant?`),
      sources: input.ledger.sources(),
      planner: 'rules',
    },
  };
}

/** An answer that says a source failed and what could therefore not be checked. */
function unavailable(input: PlanInput, title: string, error: WardError, what: string): PlanOutcome {
  return {
    kind: 'answer',
    draft: {
      intent: 'device',
      title: boundedText(title, 200),
      summary: `Microsoft Intune was unavailable: ${error.message} Ward could not ${what}; try again in a minute.`,
      riskLevel: 'unknown',
      planner: 'rules',
      sources: input.ledger.sources(),
    },
  };
}

const FORM_NAMES: Record<DeviceForm, string> = {
  computer: 'laptop or computer',
  phone: 'phone',
  tablet: 'tablet',
  other: 'device',
};
const FORM_PLURALS: Record<DeviceForm, string> = {
  computer: 'computers',
  phone: 'phones',
  tablet: 'tablets',
  other: 'devices',
};

/** Up to five device names, and how many more. */
function names(list: readonly ManagedDevice[]): string {
  return `${list.slice(0, 5).map(deviceLabel).join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''}`;
}

const PLATFORM_NAMES: Record<DevicePlatform, string> = {
  windows: 'Windows',
  macos: 'macOS',
  ios: 'iOS or iPadOS',
  android: 'Android',
  linux: 'Linux',
  other: '',
};

/** The one platform the question's words point to ("BitLocker" → Windows), if they point to exactly one. */
function platformAsked(text: string): DevicePlatform | undefined {
  const platforms = new Set<DevicePlatform>();
  for (const word of text.toLowerCase().match(/\p{L}[\p{L}\d]*/gu) ?? []) {
    const platform = PLATFORM_WORDS.get(word);
    if (platform) platforms.add(platform);
  }
  return platforms.size === 1 ? [...platforms][0] : undefined;
}

/** The one kind of device the question asks about ("laptop", "phone"), if it names exactly one. */
function formAsked(text: string): DeviceForm | undefined {
  const forms = new Set<DeviceForm>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const form = FORM_WORDS.get(word);
    if (form) forms.add(form);
  }
  return forms.size === 1 ? [...forms][0] : undefined;
}
