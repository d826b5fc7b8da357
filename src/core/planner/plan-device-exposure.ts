/**
 * The answer to "is <asset> affected by <CVE>?" when Defender for Cloud does not know the asset (or could not be
 * read): the asset looked up in Intune, where a managed device is found but its vulnerabilities are not (Intune
 * reports compliance, not CVEs), so the verdict is "unknown", with how to settle it in Defender Vulnerability
 * Management; or an asset no source knows, said plainly. Both carry the CVE's intelligence. It never calls a
 * device vulnerable without a source that scanned it, and proposes no action.
 */
import type { ManagedDevice } from '../../clients/graph-device-resources.js';
import { checkInLabel, deviceLabel, osLabel } from '../../plugins/intune/device-table.js';
import type { DeviceLookup } from '../../plugins/intune/skills/device.js';
import type { AnswerDraft, RemediationStep } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import {
  type AssetExposure,
  type CveIntel,
  composeExposure,
  intelFindings,
  intelSentences,
} from './cve-exposure.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** What the caller already knows. */
export interface DeviceExposureOptions {
  /** The asset as the question names it. */
  name: string;
  cves: readonly string[];
  /** CVEs named beyond the limit, not checked. */
  skipped?: readonly string[];
  intel: readonly CveIntel[];
  /** What Defender for Cloud said about the name: no such resource in these subscriptions, or unreadable. */
  cloud?: { read: true; subscriptions: readonly string[] } | { read: false; reason: string };
  /** The device, when the caller looked it up already. */
  device?: { device: ManagedDevice; sourceId: string };
}

/** KQL string literal content: no quote or backslash from tenant data can end it early. */
function kqlText(value: string): string {
  return value.replace(/["\\\r\n]/g, '');
}

function howToCheck(name: string, cves: readonly string[]): RemediationStep {
  const list = cves.map((cve) => `"${cve}"`).join(', ');
  return {
    title: boundedText(`Check ${name} in Defender Vulnerability Management`, 200),
    detail: boundedText(
      `Defender portal → Assets → Devices → ${name} → Discovered vulnerabilities, or in advanced hunting: DeviceTvmSoftwareVulnerabilities | where DeviceName startswith "${kqlText(name.toLowerCase())}" and CveId in (${list}). No result there means the software it affects was not found on the device.`,
      1000,
    ),
  };
}

function cloudSentence(options: DeviceExposureOptions): string {
  const cloud = options.cloud;
  if (cloud === undefined) return '';
  return cloud.read
    ? `Defender for Cloud assesses no Azure resource named ${options.name}${cloud.subscriptions.length ? ` in ${cloud.subscriptions.join(', ')}` : ''}.`
    : `Defender for Cloud could not be checked: ${cloud.reason}`;
}

function skippedSentence(options: DeviceExposureOptions): string {
  const skipped = options.skipped ?? [];
  return skipped.length
    ? `Only the first ${options.cves.length} CVEs were checked; ask about ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''} separately.`
    : '';
}

/** Answers the exposure question from Intune, or says that no source knows the asset. */
export async function planDeviceExposure(
  input: PlanInput,
  options: DeviceExposureOptions,
): Promise<PlanOutcome> {
  const { ledger } = input;
  let found = options.device;
  let lookupFailure: string | undefined;
  let several = 0;
  if (found === undefined) {
    const lookup = await ledger.call<DeviceLookup>('intune.device', { device: options.name });
    if (lookup.ok && lookup.data.devices[0] !== undefined) {
      found = { device: lookup.data.devices[0], sourceId: lookup.sourceId };
      several = lookup.data.devices.length;
    } else if (!lookup.ok && lookup.error.code !== 'invalid_input') {
      lookupFailure = lookup.error.message;
    }
  }

  if (found === undefined) return notFound(input, options, lookupFailure);

  const { device, sourceId } = found;
  const name = deviceLabel(device);
  const exposure: AssetExposure = {
    asset: { name, kind: `${osLabel(device)} device` },
    source: 'Intune',
    results: options.cves.map((cve) => ({
      cve,
      verdict: 'unknown',
      reason: `Intune manages ${name} (${osLabel(device)}, last check-in ${checkInLabel(device, input.now)}) but reports its compliance, not its vulnerabilities, and no source Ward reads has scanned its software for ${cve}`,
      citations: [sourceId],
    })),
    howToCheck: howToCheck(name, options.cves),
  };
  const parts = composeExposure(exposure, options.intel);
  const draft: AnswerDraft = {
    intent: 'device',
    title: parts.title,
    summary: boundedText(
      [
        ...parts.lead,
        several > 1
          ? `Intune manages ${several} devices named ${options.name}; this is the most recently active.`
          : '',
        cloudSentence(options),
        skippedSentence(options),
      ]
        .filter(Boolean)
        .join(' '),
      4000,
    ),
    riskLevel: parts.riskLevel,
    subject: { kind: 'device', id: device.id, displayName: name },
    facts: parts.facts.slice(0, 12),
    findings: parts.findings.slice(0, 30),
    evidence: parts.evidence,
    remediation: parts.remediation.slice(0, 12),
    followUps: [...parts.followUps, `is ${name} compliant?`].slice(0, 5),
    sources: ledger.sources(),
    planner: 'rules',
  };
  return { kind: 'answer', draft };
}

/** No source knows the asset: say which were asked, and still what the CVE is. */
function notFound(
  input: PlanInput,
  options: DeviceExposureOptions,
  intuneFailure: string | undefined,
): PlanOutcome {
  const name = boundedText(options.name, 80);
  const cloudRead = options.cloud?.read === true;
  const checked = [
    cloudRead ? 'Defender for Cloud assesses no Azure resource by that name' : '',
    intuneFailure === undefined ? 'Intune manages no device by that name' : '',
  ].filter(Boolean);
  const unread = [
    options.cloud?.read === false ? `Defender for Cloud could not be checked (${options.cloud.reason})` : '',
    intuneFailure !== undefined ? `Intune could not be checked (${intuneFailure})` : '',
  ].filter(Boolean);
  const summary = [
    checked.length
      ? `Ward found no asset named ${name}: ${checked.join(', and ')}${unread.length ? `; ${unread.join('; ')}` : ''}. Check the name as the Azure portal or Intune shows it (a VM's name, a device's name), or ask "which of our resources carry ${options.cves[0]}?".`
      : `Ward could not look ${name} up: ${unread.join('; ')}. Try again in a minute.`,
    ...intelSentences(options.intel),
    skippedSentence(options),
  ]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'answer',
    draft: {
      intent: 'cloud-posture',
      title: boundedText(
        checked.length ? `${name}: no such asset found` : `${name}: could not be looked up`,
        200,
      ),
      summary: boundedText(summary, 4000),
      riskLevel: 'unknown',
      facts: [
        { label: 'Asset', value: `${name} (not found)` },
        ...options.cves.slice(0, 3).map((cve) => ({ label: cve, value: 'not checked: asset unknown' })),
      ],
      findings: intelFindings(options.intel),
      followUps: options.cves.slice(0, 3).map((cve) => `what do we know about ${cve}?`),
      sources: input.ledger.sources(),
      planner: 'rules',
    },
  };
}
