/**
 * The rules planner's answer to indicator questions ("check 185.220.101.4", "is evil-login.xyz malicious?",
 * "what do we know about CVE-2024-3400?", "look up <sha256>"): every indicator in the question (IPs, hashes
 * and CVEs from the grounded entities; domains and URLs read here from the message), up to five, looked up in
 * parallel through the ledger, and one answer: the worst verdict as the risk, a table per kind, a cited
 * finding per indicator, where they appear in the tenant's Defender XDR alerts, for CVEs the Azure resources
 * Defender for Cloud's scans report them open on (exposure in this tenant), and what to do (block, hunt,
 * patch). Internal addresses and names are never sent to a source: the answer says they are internal.
 * A source with no record is an answer ("no intelligence on it"); a failing source makes the answer partial and
 * is named. It proposes no action. Reading the message is linear: the cleaned, bounded text is tokenized
 * once, URLs are found with one bounded pattern, and each token is checked with anchored patterns.
 */

import { formatAgo } from '../../plugins/format-when.js';
import {
  assessReputation,
  assessVulnerability,
  formatPercentile,
  formatProbability,
  type IndicatorAssessment,
  type Level,
  type VulnerabilityAssessment,
  worstLevel,
} from '../../plugins/threat-intel/assess-indicator.js';
import type { IndicatorSightings } from '../../plugins/threat-intel/find-sightings.js';
import {
  describeIndicator,
  describeScope,
  type Indicator,
  type IndicatorScope,
  looksLikeDomainName,
  readIndicator,
  readUrl,
} from '../../plugins/threat-intel/indicator.js';
import { indicatorRemediation } from '../../plugins/threat-intel/remediation.js';
import type { ReputationReport } from '../../plugins/threat-intel/reputation-report.js';
import type { TenantSightings } from '../../plugins/threat-intel/skills/tenant-sightings.js';
import type { EpssReport, VulnerabilityReport } from '../../plugins/threat-intel/vulnerability-report.js';
import type { AnswerDraft, EvidenceTable, Finding, RiskLevel, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import { cleanMessageText } from '../grounding/clean-message-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { tokenizeMessage } from '../grounding/tokenize-message.js';
import {
  readTenantExposure,
  type TenantExposure,
  type TenantExposureParts,
  tenantExposureParts,
} from './cve-tenant-exposure.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** Indicators looked up per question; more are named in the answer, not looked up. */
export const MAX_INDICATORS = 5;
/** How far back the tenant's alerts are searched. */
export const SIGHTING_DAYS = 30;

/** One indicator as the question mentions it. */
interface Mention {
  indicator: Indicator;
  scope: IndicatorScope;
  /** Where it first appears in the cleaned message (for order); the end when it cannot be found. */
  position: number;
}

/** What the question holds: indicators, and text that looked like one but is not. */
interface Mentions {
  mentions: Mention[];
  malformed: { text: string; reason: string }[];
  /** Valid indicators beyond the limit, not looked up. */
  skipped: Indicator[];
  /** The message was longer than what was read. */
  truncated: boolean;
}

type ReputationLookup = {
  kind: 'reputation';
  mention: Mention;
  call: SkillCall<ReputationReport>;
  assessment?: IndicatorAssessment;
};
type VulnerabilityLookup = {
  kind: 'vulnerability';
  mention: Mention;
  nvd: SkillCall<VulnerabilityReport>;
  epss: SkillCall<EpssReport>;
  assessment: VulnerabilityAssessment;
};
type Lookup = ReputationLookup | VulnerabilityLookup;

const REPUTATION_SKILLS: Readonly<Record<Exclude<Indicator['kind'], 'cve'>, { ref: string; field: string }>> =
  {
    ip: { ref: 'threat-intel.addressReputation', field: 'ip' },
    domain: { ref: 'threat-intel.domainReputation', field: 'domain' },
    url: { ref: 'threat-intel.urlReputation', field: 'url' },
    hash: { ref: 'threat-intel.fileReputation', field: 'hash' },
  };

/** Answers an indicator question from the threat-intelligence plugin's read skills. */
export async function planIndicator(input: PlanInput): Promise<PlanOutcome> {
  const read = readMentions(input);
  if (read.mentions.length === 0) {
    const remembered = rememberedIndicator(input);
    if (remembered) read.mentions.push(remembered);
  }
  if (read.mentions.length === 0) {
    const bad = read.malformed[0];
    return {
      kind: 'help',
      reason: bad
        ? `"${boundedText(bad.text, 80)}" ${bad.reason}, so I did not look it up. Check it and ask again, e.g. "check 185.220.101.4" or "what do we know about CVE-2024-3400?".`
        : 'Tell me what to check: an IP address, a domain, a URL, a file hash (MD5, SHA-1 or SHA-256) or a CVE id, e.g. "check 185.220.101.4".',
    };
  }

  const external = read.mentions.filter((mention) => mention.scope === 'public');
  const cves = external.flatMap((mention) =>
    mention.indicator.kind === 'cve' ? [mention.indicator.value] : [],
  );
  const { ledger } = input;
  const [lookups, sightings, exposure] = await Promise.all([
    Promise.all(external.map((mention) => lookUp(input, mention))),
    ledger.call<TenantSightings>('threat-intel.tenantSightings', {
      indicators: read.mentions.map((mention) => mention.indicator),
      days: SIGHTING_DAYS,
    }),
    // A CVE lookup includes where it is open in this tenant.
    cves.length > 0 ? readTenantExposure(input, cves) : undefined,
  ]);
  const calls = lookups.flatMap((lookup): SkillCall<unknown>[] =>
    lookup.kind === 'reputation' ? [lookup.call] : [lookup.nvd, lookup.epss],
  );
  if (calls.length > 0 && calls.every((call) => !call.ok && call.error.code === 'unknown_skill')) {
    return {
      kind: 'help',
      reason:
        'Threat-intelligence lookups are not set up in this deployment (see THREAT_INTEL_API_KEY and CVE_INTEL in the README).',
    };
  }
  return { kind: 'answer', draft: composeAnswer(input, read, lookups, sightings, exposure) };
}

/** Looks one public indicator up: its reputation, or a CVE's NVD record and EPSS score. */
async function lookUp(input: PlanInput, mention: Mention): Promise<Lookup> {
  const { indicator } = mention;
  if (indicator.kind === 'cve') {
    const [nvd, epss] = await Promise.all([
      input.ledger.call<VulnerabilityReport>('threat-intel.vulnerability', { cve: indicator.value }),
      input.ledger.call<EpssReport>('threat-intel.exploitPrediction', { cve: indicator.value }),
    ]);
    return {
      kind: 'vulnerability',
      mention,
      nvd,
      epss,
      assessment: assessVulnerability(nvd.ok ? nvd.data : undefined, epss.ok ? epss.data : undefined),
    };
  }
  const skill = REPUTATION_SKILLS[indicator.kind];
  const call = await input.ledger.call<ReputationReport>(skill.ref, { [skill.field]: indicator.value });
  return {
    kind: 'reputation',
    mention,
    call,
    assessment: call.ok ? assessReputation(call.data, input.now) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading the question
// ---------------------------------------------------------------------------------------------------------

/** `http(s)://` and what follows up to a space or a quote, at most one URL's length (plus one, to see more). */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]{1,2049}/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
/** The user name and password part of a URL (`https://user:pass@`), up to the host. */
const USER_INFO = /^(https?:\/\/)[^/?#]*@/i;
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HEX_RUN = /^[0-9a-f]{24,128}$/i;
const CVE_LIKE = /^cve[-_]/i;
const POSSESSIVE = /'s$/i;

/** The indicators of the question, in order of appearance, deduplicated, at most {@link MAX_INDICATORS}. */
function readMentions(input: PlanInput): Mentions {
  const cleaned = cleanMessageText(input.turn.text);
  const text = cleaned.text;
  const lower = text.toLowerCase();
  const found: Mention[] = [];
  const malformed: Mentions['malformed'] = [];
  const seen = new Set<string>();
  const add = (indicator: Indicator, scope: IndicatorScope, position?: number) => {
    const key = `${indicator.kind}:${indicator.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    const at = position ?? lower.indexOf(indicator.value.toLowerCase());
    found.push({ indicator, scope, position: at === -1 ? text.length : at });
  };
  const accept = (kind: Indicator['kind'], value: string, position?: number) => {
    const reading = readIndicator(kind, value);
    if (reading.ok) add(reading.indicator, reading.scope, position);
    else malformed.push({ text: value, reason: reading.reason });
  };

  // Grounded entities: already validated and canonical.
  for (const ip of input.entities.ips) accept('ip', ip);
  for (const hash of input.entities.hashes) accept('hash', hash.value);
  for (const cve of input.entities.cves) accept('cve', cve);

  // URLs: found in the text itself, since the tokenizer skips chunks longer than a word may be.
  const urlHosts = new Set<string>();
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const candidate = match[0].replace(TRAILING_PUNCTUATION, '');
    const reading = readUrl(candidate);
    if (reading.ok) {
      add(reading.indicator, reading.scope, match.index);
      urlHosts.add(new URL(reading.indicator.value).hostname);
    } else {
      // Never repeat a password someone pasted: the answer is stored and shown to the whole channel.
      malformed.push({ text: candidate.replace(USER_INFO, '$1***@'), reason: reading.reason });
    }
  }

  // Domains and near-misses: one pass over the message's tokens.
  for (const token of tokenizeMessage(text)) {
    if (token.kind !== 'word') continue;
    const value = token.text.replace(POSSESSIVE, '');
    if (value.includes('.') && !urlHosts.has(value.toLowerCase()) && looksLikeDomainName(value)) {
      accept('domain', value);
    } else if (CVE_LIKE.test(value) && !readIndicator('cve', value).ok) {
      malformed.push({ text: value, reason: 'is not a CVE id (CVE-YYYY-NNNN, with 4 to 7 digits)' });
    } else if (IPV4_SHAPE.test(value) && !readIndicator('ip', value).ok) {
      malformed.push({ text: value, reason: 'is not an IP address (each part is 0 to 255)' });
    } else if (HEX_RUN.test(value) && !readIndicator('hash', value).ok) {
      malformed.push({
        text: value,
        reason: 'is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex digits)',
      });
    }
  }

  const ordered = [...found].sort((a, b) => a.position - b.position);
  return {
    mentions: ordered.slice(0, MAX_INDICATORS),
    skipped: ordered.slice(MAX_INDICATORS).map((mention) => mention.indicator),
    malformed,
    truncated: cleaned.truncated || input.entities.truncated,
  };
}

/** The indicator the previous answer was about, for "and is it in any incident?". */
function rememberedIndicator(input: PlanInput): Mention | undefined {
  const subject = input.history.at(-1)?.subject;
  if (!subject || subject.kind === 'user' || subject.kind === 'device' || subject.kind === 'incident')
    return undefined;
  const kinds: Indicator['kind'][] =
    subject.kind === 'ip' ? ['ip'] : subject.kind === 'file' ? ['hash'] : ['cve', 'url', 'domain'];
  for (const kind of kinds) {
    const reading = readIndicator(kind, subject.id);
    if (reading.ok) return { indicator: reading.indicator, scope: reading.scope, position: 0 };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Composing the answer
// ---------------------------------------------------------------------------------------------------------

/** What one looked-up indicator comes to, for the title, summary and tables. */
interface Outcome {
  lookup: Lookup;
  level: Level;
  /** "malicious", "no intelligence on it", "critical, known exploited", "could not be checked". */
  headline: string;
  /** Why, in clauses. */
  reasons: string[];
  /** Citations of the sources that answered. */
  citations: string[];
  /** Why it could not be checked, when no source answered. */
  failure?: string;
}

function outcomeOf(lookup: Lookup): Outcome {
  if (lookup.kind === 'reputation') {
    const { call, assessment } = lookup;
    if (!call.ok || !assessment) {
      return {
        lookup,
        level: 'unknown',
        headline: 'could not be checked',
        reasons: [],
        citations: [],
        failure: call.ok ? undefined : call.error.message,
      };
    }
    const headline =
      assessment.verdict === 'unknown'
        ? call.data.found
          ? 'not enough intelligence to judge'
          : 'no intelligence on it'
        : assessment.verdict;
    return {
      lookup,
      level: assessment.level,
      headline,
      reasons: assessment.reasons,
      citations: [call.sourceId],
    };
  }
  const { nvd, epss, assessment } = lookup;
  const citations = [nvd, epss].filter((call) => call.ok).map((call) => call.sourceId);
  if (citations.length === 0) {
    return {
      lookup,
      level: 'unknown',
      headline: 'could not be checked',
      reasons: [],
      citations,
      failure: [nvd, epss]
        .map((call) => (call.ok ? '' : call.error.message))
        .filter(Boolean)
        .join(' '),
    };
  }
  const known = nvd.ok && nvd.data.found;
  const headline = known
    ? [
        assessment.level === 'unknown' ? 'not yet scored' : assessment.level,
        assessment.knownExploited ? 'known exploited' : '',
      ]
        .filter(Boolean)
        .join(', ')
    : nvd.ok
      ? 'no record in NVD'
      : 'NVD could not be reached';
  return { lookup, level: assessment.level, headline, reasons: assessment.reasons, citations };
}

function composeAnswer(
  input: PlanInput,
  read: Mentions,
  lookups: Lookup[],
  sightingsCall: SkillCall<TenantSightings>,
  exposure: TenantExposure | undefined,
): AnswerDraft {
  const { now } = input;
  const outcomes = lookups.map(outcomeOf);
  const cves = outcomes.flatMap((outcome) =>
    outcome.lookup.kind === 'vulnerability' ? [outcome.lookup.mention.indicator.value] : [],
  );
  const levelOf = (cve: string): RiskLevel =>
    outcomes.find((outcome) => outcome.lookup.mention.indicator.value === cve)?.level ?? 'unknown';
  const exposed: TenantExposureParts | undefined = exposure
    ? tenantExposureParts(exposure, cves, levelOf, now)
    : undefined;
  const internal = read.mentions.filter((mention) => mention.scope !== 'public');
  const sightings = sightingsCall.ok ? sightingsCall.data : undefined;
  const seen = (indicator: Indicator): IndicatorSightings | undefined =>
    sightings?.sightings.find(
      (item) =>
        item.indicator.kind === indicator.kind &&
        item.indicator.value === indicator.value &&
        item.alerts.length > 0,
    );
  const seenAny = read.mentions.filter((mention) => seen(mention.indicator));
  const incidents = [
    ...new Set(
      seenAny.flatMap(
        (mention) =>
          seen(mention.indicator)?.alerts.flatMap((alert) => (alert.incidentId ? [alert.incidentId] : [])) ??
          [],
      ),
    ),
  ];
  const openSighting = seenAny.some((mention) =>
    seen(mention.indicator)?.alerts.some((alert) => alert.status !== 'resolved'),
  );

  // Risk: the worst verdict; an indicator with no verdict that appears in an open alert is worth a look.
  let riskLevel: RiskLevel = worstLevel(outcomes.map((outcome) => outcome.level));
  if ((riskLevel === 'unknown' || riskLevel === 'none') && openSighting) riskLevel = 'medium';
  // A CVE open on a resource here matters even before NVD has scored it.
  const openHere = cves.filter((cve) => (exposed?.resources(cve).length ?? 0) > 0);
  if ((riskLevel === 'unknown' || riskLevel === 'none' || riskLevel === 'low') && openHere.length > 0)
    riskLevel = 'high';

  const single = read.mentions.length === 1 ? read.mentions[0] : undefined;
  const here = single ? (exposed?.resources(single.indicator.value) ?? []) : [];
  const title = single
    ? `${singleTitle(single, outcomes[0], seen(single.indicator))}${
        here.length === 1
          ? `, open on ${here[0]}`
          : here.length > 1
            ? `, open on ${here.length} resources here`
            : ''
      }`
    : `${read.mentions.length} indicators: ${countWords(outcomes, internal.length)}`;

  const summary: string[] = [];
  for (const outcome of outcomes) summary.push(summarySentence(outcome));
  for (const mention of internal) {
    summary.push(
      `${capitalise(describeIndicator(mention.indicator))} is ${describeScope(mention.scope as Exclude<IndicatorScope, 'public'>)}: Ward did not send it to a threat-intelligence source; ask about the device or account that uses it instead.`,
    );
  }
  if (exposed) summary.push(...exposed.sentences);
  if (sightings) summary.push(sightingsSentence(read.mentions, sightings, seen));
  else if (!sightingsCall.ok)
    summary.push(`This tenant's Defender XDR alerts could not be searched: ${sightingsCall.error.message}`);
  if (read.skipped.length > 0) {
    summary.push(
      `Only the first ${MAX_INDICATORS} indicators were looked up; ask about ${read.skipped.length === 1 ? 'the other one' : `the other ${read.skipped.length}`} (${read.skipped
        .slice(0, 3)
        .map((indicator) => indicator.value)
        .join(', ')}${read.skipped.length > 3 ? ', …' : ''}) separately.`,
    );
  }
  for (const bad of read.malformed.slice(0, 3)) {
    summary.push(`"${boundedText(bad.text, 80)}" ${bad.reason}; not looked up.`);
  }
  if (read.truncated) summary.push('The message was long: only its first part was read.');

  const reputation = outcomes.filter((outcome) => outcome.lookup.kind === 'reputation');
  const block = reputation
    .filter((outcome) => outcome.level === 'high' || outcome.level === 'medium')
    .map((outcome) => outcome.lookup.mention.indicator);
  const hunt = [
    ...reputation
      .filter(
        (outcome) => outcome.lookup.kind === 'reputation' && outcome.lookup.assessment?.verdict !== 'clean',
      )
      .map((outcome) => outcome.lookup.mention.indicator),
    ...internal.map((mention) => mention.indicator),
  ];
  const remediation = indicatorRemediation({
    block,
    hunt,
    incidents,
    cves: outcomes.flatMap((outcome) => {
      const lookup = outcome.lookup;
      if (lookup.kind !== 'vulnerability' || outcome.citations.length === 0) return [];
      const nvd = lookup.nvd.ok ? lookup.nvd.data : undefined;
      if (lookup.nvd.ok && !lookup.nvd.data.found && !(lookup.epss.ok && lookup.epss.data.found)) return [];
      return [
        {
          cve: lookup.mention.indicator.value,
          patchFirst: lookup.assessment.patchFirst,
          knownExploited: lookup.assessment.knownExploited,
          due: nvd?.knownExploited?.due,
          requiredAction: nvd?.knownExploited?.requiredAction,
          advisory: nvd?.references.find((reference) => reference.tags.includes('Vendor Advisory'))?.url,
        },
      ];
    }),
    unverified: reputation.some(
      (outcome) => outcome.lookup.kind === 'reputation' && outcome.lookup.assessment?.verdict === 'unknown',
    ),
    anonymiser: reputation.some(
      (outcome) =>
        outcome.lookup.kind === 'reputation' &&
        (outcome.level === 'high' || outcome.level === 'medium') &&
        outcome.reasons.some((reason) => reason.includes('anonymising network')),
    ),
  });

  return {
    intent: 'indicator',
    title: boundedText(title, 200),
    summary: boundedText(summary.join(' '), 4_000),
    riskLevel,
    subject: single ? subjectOf(single.indicator) : undefined,
    facts: single
      ? singleFacts(outcomes[0], single, now)
      : countFacts(outcomes, internal.length, seenAny.length),
    findings: [
      ...outcomes.flatMap((outcome) => findingsOf(outcome)),
      ...(exposed?.findings ?? []),
      ...sightingFindings(read.mentions, sightingsCall, seen),
    ].slice(0, 30),
    evidence: evidenceTables(outcomes, sightingsCall, now, exposed?.table),
    remediation: [
      ...remediation.steps.slice(0, 1),
      ...(exposed?.remediation ?? []),
      ...remediation.steps.slice(1),
    ].slice(0, 12),
    guidance: remediation.guidance,
    followUps: [...(exposed?.followUps ?? []), ...followUps(incidents, outcomes, exposed)].slice(0, 5),
    proposedActions: [],
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}

function singleTitle(
  mention: Mention,
  outcome: Outcome | undefined,
  sighted: IndicatorSightings | undefined,
): string {
  const value = boundedText(mention.indicator.value, 120);
  const incident = sighted?.alerts.find((alert) => alert.incidentId)?.incidentId;
  const where = sighted ? (incident ? `, seen in incident ${incident}` : ', seen in this tenant') : '';
  if (!outcome)
    return `${value} is ${describeScope(mention.scope as Exclude<IndicatorScope, 'public'>)}${where}`;
  return `${value}: ${outcome.headline}${where}`;
}

function countWords(outcomes: readonly Outcome[], internal: number): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.headline, (counts.get(outcome.headline) ?? 0) + 1);
  if (internal > 0) counts.set('internal', internal);
  return [...counts].map(([headline, count]) => `${count} ${headline}`).join(', ');
}

function summarySentence(outcome: Outcome): string {
  const what = capitalise(describeIndicator(outcome.lookup.mention.indicator));
  if (outcome.failure !== undefined || outcome.citations.length === 0) {
    return `${what} could not be checked: ${outcome.failure ?? 'no source answered'}`;
  }
  if (outcome.lookup.kind === 'reputation') {
    const report = outcome.lookup.call.ok ? outcome.lookup.call.data : undefined;
    const source = report?.source ?? 'the source';
    if (report && !report.found) {
      return `${what}: no intelligence on it — ${source} has no record of it, which is not the same as safe.`;
    }
    return `${what} is ${outcome.headline} according to ${source}${outcome.reasons.length ? `: ${outcome.reasons.join('; ')}` : ''}.`;
  }
  const nvd = outcome.lookup.nvd.ok ? outcome.lookup.nvd.data : undefined;
  const name = nvd?.knownExploited?.name ? ` (${nvd.knownExploited.name})` : '';
  return `${what}${name}: ${outcome.headline}${outcome.reasons.length ? ` — ${outcome.reasons.join('; ')}` : ''}.`;
}

function sightingsSentence(
  mentions: readonly Mention[],
  sightings: TenantSightings,
  seen: (indicator: Indicator) => IndicatorSightings | undefined,
): string {
  const window = `the last ${sightings.days} days (${sightings.alertsSearched}${sightings.truncated ? '+, the newest' : ''} alerts searched)`;
  const sighted = mentions.filter((mention) => seen(mention.indicator));
  if (sighted.length === 0) {
    return `${mentions.length === 1 ? 'It does' : 'None of them does'} not appear in this tenant's Defender XDR alerts of ${window}.`;
  }
  const parts = sighted.map((mention) => {
    const item = seen(mention.indicator)!;
    const count = item.alerts.length + item.more;
    const incidents = [
      ...new Set(item.alerts.flatMap((alert) => (alert.incidentId ? [alert.incidentId] : []))),
    ];
    return `${mention.indicator.value} in ${count} alert${count === 1 ? '' : 's'}${incidents.length ? ` (incident ${incidents.slice(0, 3).join(', ')})` : ''}`;
  });
  return `In this tenant's Defender XDR alerts of ${window}: ${parts.join('; ')}.`;
}

function findingsOf(outcome: Outcome): Finding[] {
  if (outcome.citations.length === 0) return [];
  const value = boundedText(outcome.lookup.mention.indicator.value, 100);
  const severity = outcome.level;
  if (outcome.lookup.kind === 'reputation') {
    const report = outcome.lookup.call.ok ? outcome.lookup.call.data : undefined;
    if (!report) return [];
    if (!report.found) {
      return [
        {
          title: `No intelligence on ${value}`,
          detail: `${report.source} has no record of it: no engine or analyst has reported it. That is not the same as safe; look at what the tenant saw.`,
          severity: 'unknown',
          citations: outcome.citations,
        },
      ];
    }
    const [first, ...rest] = outcome.reasons;
    return [
      {
        title: `${value} is ${outcome.headline}${first ? `: ${first}` : ''}`,
        detail: sentences([...rest, ...context(report)]),
        severity,
        when: report.lastAnalysed,
        citations: outcome.citations,
      },
    ];
  }
  const nvd = outcome.lookup.nvd.ok ? outcome.lookup.nvd.data : undefined;
  const kev = nvd?.knownExploited;
  const detail = sentences([
    kev?.name,
    nvd?.description,
    kev?.due ? `CISA remediation due ${kev.due}` : undefined,
    ...outcome.reasons.slice(1),
  ]);
  return [
    {
      title: `${value} is ${outcome.headline}${outcome.reasons[0] ? `: ${outcome.reasons[0]}` : ''}`,
      detail,
      severity,
      when: kev?.added,
      citations: outcome.citations,
    },
  ];
}

/** Context lines of a found report: network, registration, file, redirect. */
function context(report: ReputationReport): string[] {
  const lines: string[] = [];
  const network = report.network;
  if (network && (network.owner || network.asn || network.country)) {
    lines.push(
      `Network: ${[network.owner, network.asn ? `AS${network.asn}` : undefined, network.country].filter(Boolean).join(', ')}`,
    );
  }
  if (report.registrar) lines.push(`Registrar: ${report.registrar}`);
  if (report.url?.finalUrl) lines.push(`Redirects to ${report.url.finalUrl}`);
  if (report.url?.title) lines.push(`Page title: "${report.url.title}"`);
  if (report.file?.names.length) lines.push(`File names: ${report.file.names.join(', ')}`);
  if (report.file?.type) lines.push(`Type: ${report.file.type}`);
  return lines;
}

function sightingFindings(
  mentions: readonly Mention[],
  call: SkillCall<TenantSightings>,
  seen: (indicator: Indicator) => IndicatorSightings | undefined,
): Finding[] {
  if (!call.ok) return [];
  const findings: Finding[] = [];
  for (const mention of mentions) {
    const item = seen(mention.indicator);
    if (!item) continue;
    const count = item.alerts.length + item.more;
    const incidents = [
      ...new Set(item.alerts.flatMap((alert) => (alert.incidentId ? [alert.incidentId] : []))),
    ];
    const newest = item.alerts[0]!;
    findings.push({
      title: `${boundedText(mention.indicator.value, 100)} appears in ${count} Defender XDR alert${count === 1 ? '' : 's'}${
        incidents.length ? ` (incident ${incidents.slice(0, 3).join(', ')})` : ''
      }`,
      detail: item.alerts
        .slice(0, 5)
        .map(
          (alert) =>
            `${alert.title} — ${alert.severity}, ${alert.status}, in ${alert.matchedIn}${alert.evidenceVerdict && alert.evidenceVerdict !== 'unknown' ? ` (evidence verdict ${alert.evidenceVerdict})` : ''}`,
        )
        .join('; '),
      severity: alertLevel(item.alerts.map((alert) => alert.severity)),
      when: newest.createdDateTime,
      citations: [call.sourceId],
    });
  }
  if (findings.length === 0) {
    findings.push({
      title: `Not seen in this tenant's Defender XDR alerts of the last ${call.data.days} days`,
      detail: `${call.data.alertsSearched}${call.data.truncated ? '+ (the newest)' : ''} alerts searched: evidence, command lines, file hashes and alert text.`,
      severity: 'none',
      citations: [call.sourceId],
    });
  }
  return findings;
}

function alertLevel(severities: readonly string[]): Level {
  const levels = severities.map(
    (severity): Level =>
      severity === 'high'
        ? 'high'
        : severity === 'medium'
          ? 'medium'
          : severity === 'low' || severity === 'informational'
            ? 'low'
            : 'unknown',
  );
  return worstLevel(levels);
}

// ---------------------------------------------------------------------------------------------------------
// Tables and facts
// ---------------------------------------------------------------------------------------------------------

function evidenceTables(
  outcomes: readonly Outcome[],
  sightingsCall: SkillCall<TenantSightings>,
  now: Date,
  exposure: EvidenceTable | undefined,
): EvidenceTable[] {
  const tables: EvidenceTable[] = [];
  const ago = (iso: string | undefined) => (iso ? formatAgo(iso, now) : '');
  const detections = (report: ReputationReport) =>
    report.detections
      ? `${report.detections.malicious} malicious, ${report.detections.suspicious} suspicious / ${report.detections.engines}`
      : '';
  const answered = (kind: Indicator['kind']) =>
    outcomes.filter(
      (outcome): outcome is Outcome & { lookup: ReputationLookup } =>
        outcome.lookup.kind === 'reputation' &&
        outcome.lookup.mention.indicator.kind === kind &&
        outcome.lookup.call.ok,
    );
  const table = (title: string, columns: string[], rows: { cells: string[]; citations: string[] }[]) => {
    if (rows.length === 0) return;
    tables.push({
      title,
      columns,
      rows: rows.slice(0, 25).map((row) => row.cells),
      citations: [...new Set(rows.flatMap((row) => row.citations))],
    });
  };
  const reportOf = (outcome: Outcome & { lookup: ReputationLookup }) =>
    (outcome.lookup.call as { ok: true; data: ReputationReport }).data;

  table(
    'IP addresses',
    ['IP address', 'Verdict', 'Engines', 'Network', 'Tags', 'Last analysed'],
    answered('ip').map((outcome) => {
      const report = reportOf(outcome);
      return {
        cells: [
          report.indicator.value,
          outcome.headline,
          detections(report),
          [
            report.network?.owner,
            report.network?.asn ? `AS${report.network.asn}` : undefined,
            report.network?.country,
          ]
            .filter(Boolean)
            .join(', '),
          report.tags.join(', '),
          ago(report.lastAnalysed),
        ],
        citations: outcome.citations,
      };
    }),
  );
  table(
    'Domains',
    ['Domain', 'Verdict', 'Engines', 'Categories', 'Registered', 'Last analysed'],
    answered('domain').map((outcome) => {
      const report = reportOf(outcome);
      return {
        cells: [
          report.indicator.value,
          outcome.headline,
          detections(report),
          report.categories.join(', '),
          ago(report.registered),
          ago(report.lastAnalysed),
        ],
        citations: outcome.citations,
      };
    }),
  );
  table(
    'URLs',
    ['URL', 'Verdict', 'Engines', 'Categories or threat', 'First seen', 'Last seen'],
    answered('url').map((outcome) => {
      const report = reportOf(outcome);
      return {
        cells: [
          report.indicator.value,
          outcome.headline,
          detections(report),
          [...report.threatNames, ...report.categories].slice(0, 3).join(', '),
          ago(report.firstSeen),
          ago(report.lastSeen),
        ],
        citations: outcome.citations,
      };
    }),
  );
  table(
    'Files',
    ['Hash', 'Verdict', 'Engines', 'Names and type', 'Label or signature', 'First seen'],
    answered('hash').map((outcome) => {
      const report = reportOf(outcome);
      return {
        cells: [
          report.indicator.value,
          outcome.headline,
          detections(report),
          [report.file?.names.slice(0, 2).join(', '), report.file?.type].filter(Boolean).join(' · '),
          report.file?.threatLabel ?? report.file?.signature ?? '',
          ago(report.firstSeen),
        ],
        citations: outcome.citations,
      };
    }),
  );
  table(
    'Vulnerabilities',
    ['CVE', 'Priority', 'CVSS', 'Known exploited (CISA)', 'EPSS (30 days)', 'Published'],
    outcomes.flatMap((outcome) => {
      const lookup = outcome.lookup;
      if (lookup.kind !== 'vulnerability' || outcome.citations.length === 0) return [];
      const nvd = lookup.nvd.ok ? lookup.nvd.data : undefined;
      const epss = lookup.epss.ok ? lookup.epss.data : undefined;
      const cvss = nvd?.cvss;
      return [
        {
          cells: [
            lookup.mention.indicator.value,
            outcome.headline,
            cvss
              ? `${cvss.score.toFixed(1)} ${cvss.severity} (v${cvss.version})`
              : nvd
                ? 'not scored'
                : 'unavailable',
            nvd?.knownExploited
              ? `yes, since ${nvd.knownExploited.added}${nvd.knownExploited.due ? `, due ${nvd.knownExploited.due}` : ''}`
              : nvd
                ? 'no'
                : 'unavailable',
            epss?.found && epss.score !== undefined
              ? `${formatProbability(epss.score)}${epss.percentile !== undefined ? ` (above ${formatPercentile(epss.percentile)} of CVEs)` : ''}`
              : epss
                ? 'not scored'
                : 'unavailable',
            nvd?.published ? nvd.published.slice(0, 10) : '',
          ],
          citations: outcome.citations,
        },
      ];
    }),
  );
  if (exposure) tables.push(exposure);
  if (sightingsCall.ok) {
    const rows = sightingsCall.data.sightings.flatMap((item) =>
      item.alerts.map((alert) => ({
        cells: [
          item.indicator.value,
          alert.title,
          alert.incidentId ?? '',
          `${alert.severity}, ${alert.status}`,
          alert.matchedIn,
          ago(alert.createdDateTime),
        ],
        citations: [sightingsCall.sourceId],
      })),
    );
    table(
      `Seen in this tenant (Defender XDR, last ${sightingsCall.data.days} days)`,
      ['Indicator', 'Alert', 'Incident', 'Severity, status', 'Where', 'When'],
      rows,
    );
  }
  // The card holds six tables; a question mixing every kind of indicator loses the last ones.
  return tables.slice(0, 6);
}

function singleFacts(outcome: Outcome | undefined, mention: Mention, now: Date): AnswerDraft['facts'] {
  const facts: { label: string; value: string }[] = [
    { label: kindLabel(mention.indicator), value: mention.indicator.value },
  ];
  if (!outcome) {
    facts.push({ label: 'Scope', value: describeScope(mention.scope as Exclude<IndicatorScope, 'public'>) });
    return facts;
  }
  const lookup = outcome.lookup;
  if (lookup.kind === 'reputation') {
    facts.push({ label: 'Verdict', value: outcome.headline });
    const report = lookup.call.ok ? lookup.call.data : undefined;
    if (!report?.found) return facts;
    if (report.detections) {
      facts.push({
        label: 'Engines',
        value: `${report.detections.malicious} malicious, ${report.detections.suspicious} suspicious, ${report.detections.harmless} harmless, ${report.detections.undetected} undetected`,
      });
    }
    if (report.reputation !== undefined)
      facts.push({ label: 'Community score', value: String(report.reputation) });
    if (report.tags.length) facts.push({ label: 'Tags', value: report.tags.join(', ') });
    if (report.network?.owner || report.network?.asn) {
      facts.push({
        label: 'Network',
        value: [
          report.network.owner,
          report.network.asn ? `AS${report.network.asn}` : undefined,
          report.network.range,
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
    if (report.network?.country) facts.push({ label: 'Country', value: report.network.country });
    if (report.categories.length) facts.push({ label: 'Categories', value: report.categories.join(', ') });
    if (report.registered)
      facts.push({
        label: 'Registered',
        value: `${report.registered.slice(0, 10)} (${formatAgo(report.registered, now)})`,
      });
    if (report.file?.names.length) facts.push({ label: 'Names', value: report.file.names.join(', ') });
    if (report.file?.threatLabel) facts.push({ label: 'Threat label', value: report.file.threatLabel });
    if (report.file?.signature) facts.push({ label: 'Signature', value: report.file.signature });
    if (report.firstSeen)
      facts.push({
        label: 'First seen',
        value: `${report.firstSeen.slice(0, 10)} (${formatAgo(report.firstSeen, now)})`,
      });
    if (report.lastSeen)
      facts.push({
        label: 'Last seen',
        value: `${report.lastSeen.slice(0, 10)} (${formatAgo(report.lastSeen, now)})`,
      });
    else if (report.lastAnalysed)
      facts.push({ label: 'Last analysed', value: formatAgo(report.lastAnalysed, now) });
    facts.push({ label: 'Source', value: report.source });
    return facts.slice(0, 12);
  }
  const nvd = lookup.nvd.ok ? lookup.nvd.data : undefined;
  const epss = lookup.epss.ok ? lookup.epss.data : undefined;
  facts.push({ label: 'Priority', value: outcome.headline });
  if (nvd?.knownExploited?.name) facts.push({ label: 'Name', value: nvd.knownExploited.name });
  if (nvd?.cvss) {
    facts.push({
      label: `CVSS ${nvd.cvss.version}`,
      value: `${nvd.cvss.score.toFixed(1)} ${nvd.cvss.severity}${nvd.cvss.vector ? ` · ${nvd.cvss.vector}` : ''}`,
    });
  }
  if (nvd?.found) {
    facts.push({
      label: 'Known exploited (CISA KEV)',
      value: nvd.knownExploited
        ? `yes: added ${nvd.knownExploited.added}${nvd.knownExploited.due ? `, remediation due ${nvd.knownExploited.due}` : ''}`
        : 'no',
    });
  }
  if (epss?.found && epss.score !== undefined) {
    facts.push({
      label: 'EPSS',
      value: `${formatProbability(epss.score)} chance of exploitation in 30 days${
        epss.percentile !== undefined ? ` (above ${formatPercentile(epss.percentile)} of CVEs)` : ''
      }${epss.date ? `, scored ${epss.date}` : ''}`,
    });
  }
  if (nvd?.weaknesses.length) facts.push({ label: 'Weakness', value: nvd.weaknesses.join(', ') });
  if (nvd?.published) facts.push({ label: 'Published', value: nvd.published.slice(0, 10) });
  facts.push({ label: 'Sources', value: 'NVD, FIRST EPSS' });
  return facts.slice(0, 12);
}

function countFacts(outcomes: readonly Outcome[], internal: number, sighted: number): AnswerDraft['facts'] {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.headline, (counts.get(outcome.headline) ?? 0) + 1);
  const facts = [...counts].map(([headline, count]) => ({
    label: capitalise(headline),
    value: String(count),
  }));
  if (internal > 0) facts.push({ label: 'Internal (not looked up)', value: String(internal) });
  facts.push({ label: 'Seen in this tenant', value: String(sighted) });
  return facts.slice(0, 12);
}

function followUps(
  incidents: readonly string[],
  outcomes: readonly Outcome[],
  exposed: TenantExposureParts | undefined,
): string[] {
  const questions = incidents.slice(0, 2).map((incident) => `what happened in incident ${incident}?`);
  for (const outcome of outcomes) {
    const lookup = outcome.lookup;
    const cve = lookup.mention.indicator.value;
    // Where it is open is already answered, with a follow-up per resource.
    if (lookup.kind === 'vulnerability' && outcome.citations.length > 0 && !exposed?.resources(cve).length) {
      questions.push(`which of our devices are exposed to ${cve}?`);
    }
  }
  return questions.slice(0, 5);
}

/**
 * The answer's subject, for follow-ups ("is it in any incident?"): an address or a file. Domains, URLs and CVEs
 * have no target kind of their own yet, and `resource` means an Azure resource to the classifier.
 */
function subjectOf(indicator: Indicator): Target | undefined {
  switch (indicator.kind) {
    case 'ip':
      return { kind: 'ip', id: indicator.value };
    case 'hash':
      return { kind: 'file', id: indicator.value, displayName: describeIndicator(indicator) };
    default:
      return undefined;
  }
}

function kindLabel(indicator: Indicator): string {
  switch (indicator.kind) {
    case 'ip':
      return 'IP address';
    case 'domain':
      return 'Domain';
    case 'url':
      return 'URL';
    case 'hash':
      return 'File hash';
    case 'cve':
      return 'CVE';
  }
}

/** Clauses as sentences: each capitalised, one full stop between them; undefined when there are none. */
function sentences(clauses: readonly (string | undefined)[]): string | undefined {
  const kept = clauses
    .filter((clause): clause is string => clause !== undefined && clause.trim() !== '')
    .map((clause) => capitalise(clause.trim().replace(/\.+$/, '')));
  return kept.length ? `${kept.join('. ')}.` : undefined;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]!.toUpperCase()}${text.slice(1)}`;
}
