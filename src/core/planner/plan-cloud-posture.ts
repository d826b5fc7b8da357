/**
 * The rules planner's answer to cloud posture questions, from the Defender for Cloud plugin's read skills:
 * "show critical risks for publicly exposed resources" (critical and high risks on internet-exposed
 * resources, the secure score and its estimated trend, the attack paths through them), a resource named in the
 * question or the resource of the previous answer ("and its remediation steps?"), a recommendation named by its
 * title, the secure score, or the attack paths. The most urgent finding gets a delegation: "Assign owner" (a
 * Defender for Cloud governance assignment to the owner its resource's tag names, due date by risk, confirmed
 * on the card) and, with ticketing, "Open ticket". The planner only proposes; the resource it proposes on was
 * fetched for this question and is returned as a grounded target so post-processing keeps the buttons.
 * A question naming CVEs and an asset ("is web-prod-01 vulnerable to CVE-2024-3400?") is answered yes, no or
 * unknown per CVE from the resource's vulnerability findings (sub-assessments) and the CVEs' intelligence,
 * ahead of the resource's posture; an asset Defender for Cloud does not know is looked up in Intune
 * (`plan-device-exposure.ts`).
 * Every statement cites the skill call it rests on; a source that fails makes the answer partial, never an
 * exception. Analyst text is only compared with names found in the data; it never reaches an ARM path.
 */

import {
  assessCloudPosture,
  type CloudEvidenceKey,
  type Delegation,
  type PostureFocus,
  rankCloudRisks,
  selectRisks,
} from '../../plugins/defender-cloud/assess-cloud-posture.js';
import {
  assessCveExposure,
  type CveExposure,
  type FindingsRead,
  vulnerabilityRecommendationsOf,
} from '../../plugins/defender-cloud/assess-cve-exposure.js';
import type { CloudAttackPath } from '../../plugins/defender-cloud/cloud-attack-path.js';
import {
  type CloudRecommendation,
  cloudResource,
} from '../../plugins/defender-cloud/cloud-recommendation.js';
import { DEFENDER_CLOUD_ACTIONS } from '../../plugins/defender-cloud/defender-cloud-actions.js';
import { toRiskLevel } from '../../plugins/defender-cloud/risk-rank.js';
import type { CloudAttackPaths } from '../../plugins/defender-cloud/skills/attack-paths.js';
import type { CloudGovernanceAssignments } from '../../plugins/defender-cloud/skills/governance-assignments.js';
import type { CloudRecommendations } from '../../plugins/defender-cloud/skills/recommendations.js';
import type { CloudResourceOwner } from '../../plugins/defender-cloud/skills/resource-owner.js';
import type { CloudSecureScore } from '../../plugins/defender-cloud/skills/secure-score.js';
import type { CloudSubscriptions } from '../../plugins/defender-cloud/skills/subscriptions.js';
import type { CloudVulnerabilityFindings } from '../../plugins/defender-cloud/skills/vulnerability-findings.js';
import { SERVICENOW_ACTIONS } from '../../plugins/servicenow/servicenow-actions.js';
import { worstLevel } from '../../plugins/threat-intel/assess-indicator.js';
import type { AnswerDraft, ProposedAction, RiskLevel, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { followUpSubject } from '../memory/follow-up-subject.js';
import {
  type AssetCveResult,
  type AssetExposure,
  askedCves,
  composeExposure,
  type ExposureParts,
  lookUpCveIntel,
} from './cve-exposure.js';
import { planDeviceExposure } from './plan-device-exposure.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { ticketInput } from './ticket-input.js';

/** What the cloud posture answer may propose besides "Assign owner". */
export interface CloudPostureOptions {
  /** A ticketing plugin (`servicenow`) is registered: the most urgent finding also gets "Open ticket". */
  ticketing?: boolean;
}

/** Vulnerability recommendations of one resource whose findings are read for a CVE question. */
const MAX_VULNERABILITY_READS = 3;
/** Subscriptions read per question (each costs a recommendations and a secure score call). */
const MAX_SUBSCRIPTIONS = 3;
/** Assessments read per subscription, healthy ones included (the trend needs them). */
const MAX_ASSESSMENTS = 500;
/** The part of a question read for names, like entity extraction's bound. */
const MAX_TEXT = 4_000;

const LEVEL_WORDS: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low'];
const EXPOSURE = /\b(?:expos\w*|public\w*|internet\w*|external\w*|outside)\b/i;
const SCORE = /\bscore\b/i;
const ATTACK_PATHS = /\battack\s*-?paths?\b/i;
const RISK_WORDS = /\b(?:risk\w*|recommendation\w*|vulnerab\w*|finding\w*|critical|issues?)\b/i;
const ALL_LEVELS = /\b(?:all|every|everything|by severity)\b/i;
const ONLY = /\bonly\b/i;

/** How the question reads, before any data. */
function readQuestion(text: string) {
  const asked = LEVEL_WORDS.filter((level) => new RegExp(`\\b${level}\\b`, 'i').test(text));
  const topic: 'risks' | 'score' | 'attackPaths' =
    SCORE.test(text) && !RISK_WORDS.test(text)
      ? 'score'
      : ATTACK_PATHS.test(text) && !RISK_WORDS.test(text)
        ? 'attackPaths'
        : 'risks';
  // "critical risks" is what matters most: critical and high, unless the analyst says "only critical".
  const levels: RiskLevel[] = ALL_LEVELS.test(text)
    ? [...LEVEL_WORDS]
    : asked.length === 0
      ? ['critical', 'high']
      : asked.includes('critical') && !asked.includes('high') && !ONLY.test(text)
        ? [...asked, 'high']
        : asked;
  return { exposedOnly: EXPOSURE.test(text), levels, topic };
}

/** Lower-case words with the characters Azure names use, from the first part of the text. */
function nameTokens(text: string): string[] {
  return text
    .slice(0, MAX_TEXT)
    .toLowerCase()
    .split(/[^a-z0-9._()-]+/)
    .map((token) => token.replace(/^[.()-]+|[.()-]+$/g, ''))
    .filter((token) => token.length > 0);
}

/** Words only, for comparing a question with recommendation titles. */
function normalise(text: string): string {
  return ` ${text
    .slice(0, MAX_TEXT)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** The resource or recommendation a question names, found among what Defender for Cloud returned. */
function findFocus(
  input: PlanInput,
  recommendations: readonly CloudRecommendation[],
  attackPaths: readonly CloudAttackPath[],
): { focus?: PostureFocus; unknownNames: string[] } {
  const byName = new Map<string, string>();
  for (const recommendation of recommendations) {
    const { resource } = recommendation;
    if (resource.type !== 'subscription') byName.set(resource.name.toLowerCase(), resource.id);
  }
  for (const path of attackPaths) {
    for (const node of [path.entryPoint, path.target]) {
      if (node?.resourceId && !byName.has(node.name.toLowerCase()))
        byName.set(node.name.toLowerCase(), node.resourceId);
    }
  }
  const tokens = [
    ...input.entities.devices.map((device) => device.toLowerCase()),
    ...nameTokens(input.turn.text),
  ];
  const named = tokens.find((token) => byName.has(token));

  const text = normalise(input.turn.text);
  const titles = new Map<string, string>();
  for (const recommendation of recommendations)
    titles.set(normalise(recommendation.displayName), recommendation.assessmentKey);
  const title = [...titles.keys()]
    .filter((candidate) => text.includes(candidate))
    .sort((a, b) => b.length - a.length)[0];
  const assessmentKey = title === undefined ? undefined : titles.get(title);

  if (named !== undefined) {
    return {
      focus: {
        kind: 'resource',
        resourceId: byName.get(named)!,
        ...(assessmentKey ? { assessmentKey } : {}),
      },
      unknownNames: [],
    };
  }
  if (assessmentKey !== undefined)
    return { focus: { kind: 'recommendation', assessmentKey }, unknownNames: [] };

  const remembered = followUpSubject(input.turn.text, input.entities, input.history);
  if (
    remembered?.kind === 'resource' &&
    recommendations.some((r) => r.resource.id.toLowerCase() === remembered.id.toLowerCase())
  ) {
    return { focus: { kind: 'resource', resourceId: remembered.id }, unknownNames: [] };
  }
  return { unknownNames: input.entities.devices };
}

/** The answer when Defender for Cloud cannot even list subscriptions, or lists none. */
function unavailable(input: PlanInput, title: string, summary: string): PlanOutcome {
  return {
    kind: 'answer',
    draft: {
      intent: 'cloud-posture',
      title,
      summary,
      riskLevel: 'unknown',
      planner: 'rules',
      sources: input.ledger.sources(),
    },
  };
}

/** Answers a cloud posture question from the Defender for Cloud skills. */
export async function planCloudPosture(
  input: PlanInput,
  options: CloudPostureOptions = {},
): Promise<PlanOutcome> {
  const { ledger } = input;
  // CVEs named with an asset: whether the asset is affected leads the answer; their intelligence is read
  // while Defender for Cloud is.
  const asked = askedCves(input);
  const [subscriptionsCall, intel] = await Promise.all([
    ledger.call<CloudSubscriptions>('defender-cloud.subscriptions', { top: 25 }),
    asked.cves.length > 0 ? lookUpCveIntel(input, asked.cves) : Promise.resolve([]),
  ]);
  const namedAsset = input.entities.devices[0];
  if (!subscriptionsCall.ok) {
    if (asked.cves.length > 0 && namedAsset !== undefined) {
      return planDeviceExposure(input, {
        name: namedAsset,
        ...asked,
        intel,
        cloud: { read: false, reason: subscriptionsCall.error.message },
      });
    }
    return unavailable(
      input,
      'Defender for Cloud unavailable',
      `${subscriptionsCall.error.message} Ward could not list the Azure subscriptions to check; try again in a minute.`,
    );
  }
  const enabled = subscriptionsCall.data.subscriptions.filter((s) => s.state === 'Enabled');
  const subscriptions = enabled.slice(0, MAX_SUBSCRIPTIONS);
  if (subscriptions.length === 0) {
    return unavailable(
      input,
      'No Azure subscription to check',
      "Ward can read no enabled Azure subscription. Assign Ward's identity the Security Reader role on the subscriptions Defender for Cloud protects.",
    );
  }

  // Independent reads in parallel: per subscription its recommendations and score, and the attack paths.
  const [recommendationCalls, scoreCalls, pathsCall] = await Promise.all([
    Promise.all(
      subscriptions.map((s) =>
        ledger.call<CloudRecommendations>('defender-cloud.recommendations', {
          subscriptionId: s.subscriptionId,
          statuses: ['Unhealthy', 'Healthy'],
          top: MAX_ASSESSMENTS,
        }),
      ),
    ),
    Promise.all(
      subscriptions.map((s) =>
        ledger.call<CloudSecureScore>('defender-cloud.secureScore', { subscriptionId: s.subscriptionId }),
      ),
    ),
    ledger.call<CloudAttackPaths>(
      'defender-cloud.attackPaths',
      subscriptions.length === 1
        ? { subscriptionId: subscriptions[0]!.subscriptionId, top: 50 }
        : { top: 50 },
    ),
  ]);
  const okRecommendations = recommendationCalls.filter(isOk);
  const recommendations = okRecommendations.length
    ? okRecommendations.flatMap((call) => call.data.recommendations)
    : undefined;
  const attackPaths = pathsCall.ok ? pathsCall.data.paths : undefined;
  const secureScores = scoreCalls.filter(isOk).map((call) => call.data);

  const question = readQuestion(input.turn.text);
  const found = findFocus(input, recommendations ?? [], attackPaths ?? []);
  let focus: PostureFocus = found.focus ?? { kind: 'estate', ...question };

  // "Is <asset> affected by <CVE>?": the resource's vulnerability findings decide; an asset Defender for Cloud
  // does not assess may be a device Intune manages.
  let exposure: { exposure: AssetExposure; verdicts: CveExposure[]; subject: Target } | undefined;
  if (asked.cves.length > 0 && focus.kind === 'resource' && recommendations !== undefined) {
    exposure = await readCloudExposure(
      input,
      focus.resourceId,
      recommendations,
      okRecommendations.map((call) => call.sourceId),
      asked.cves,
    );
    const affected = exposure.verdicts.find((verdict) => verdict.verdict === 'affected')?.recommendation;
    // The fix to delegate is the vulnerability recommendation that carries the CVE.
    if (affected && affected.status.toLowerCase() === 'unhealthy')
      focus = { kind: 'resource', resourceId: focus.resourceId, assessmentKey: affected.assessmentKey };
  } else if (asked.cves.length > 0 && namedAsset !== undefined && focus.kind !== 'resource') {
    return planDeviceExposure(input, {
      name: namedAsset,
      ...asked,
      intel,
      cloud:
        recommendations === undefined
          ? {
              read: false,
              reason: firstError(recommendationCalls) ?? 'its recommendations could not be read.',
            }
          : { read: true, subscriptions: subscriptions.map((s) => s.displayName) },
    });
  }

  // The most urgent finding of the focus: who owns it, and who could.
  const top =
    recommendations === undefined
      ? undefined
      : selectRisks(rankCloudRisks(recommendations, attackPaths), focus)[0];
  let delegation: Delegation | undefined;
  let governanceCall: SkillCall<CloudGovernanceAssignments> | undefined;
  let ownerCall: SkillCall<CloudResourceOwner> | undefined;
  if (top !== undefined) {
    const resourceId = top.recommendation.resource.id;
    [governanceCall, ownerCall] = await Promise.all([
      ledger.call<CloudGovernanceAssignments>('defender-cloud.governanceAssignments', {
        resourceId,
        assessmentKey: top.recommendation.assessmentKey,
      }),
      ledger.call<CloudResourceOwner>('defender-cloud.resourceOwner', { resourceId }),
    ]);
    delegation = {
      risk: top,
      assignments: governanceCall.ok ? governanceCall.data.assignments : undefined,
      owner: ownerCall.ok ? ownerCall.data.owner : undefined,
      ownerRead: ownerCall.ok,
    };
  }

  const posture = assessCloudPosture({
    focus,
    recommendations,
    attackPaths,
    secureScores,
    subscriptionNames: subscriptions.map((s) => s.displayName),
    delegation,
    now: input.now,
  });

  const cite: Record<CloudEvidenceKey, string[]> = {
    recommendations: okRecommendations.map((call) => call.sourceId),
    attackPaths: pathsCall.ok ? [pathsCall.sourceId] : [],
    secureScore: scoreCalls.filter(isOk).map((call) => call.sourceId),
    governance: governanceCall?.ok ? [governanceCall.sourceId] : [],
    owner: ownerCall?.ok ? [ownerCall.sourceId] : [],
  };
  const citations = (keys: readonly CloudEvidenceKey[]) => [...new Set(keys.flatMap((key) => cite[key]))];

  const topResource = top?.recommendation.resource;
  const target: Target | undefined = topResource
    ? { kind: 'resource', id: topResource.id, displayName: `${topResource.name} (${topResource.kind})` }
    : undefined;
  const title = boundedText(posture.title, 200);
  const summary = boundedText(
    `${found.unknownNames.length ? `Defender for Cloud assesses no Azure resource named ${found.unknownNames.join(', ')}. ` : ''}${posture.summary}${
      subscriptionsCall.data.subscriptions.length > subscriptions.length
        ? ` (${subscriptions.length} of ${subscriptionsCall.data.subscriptions.length} subscriptions checked.)`
        : ''
    }`,
    4000,
  );

  const proposedActions: ProposedAction[] = [];
  if (posture.proposal && target) {
    const { risk, owner, ownerTag, dueInDays } = posture.proposal;
    const descriptor = DEFENDER_CLOUD_ACTIONS.assignOwner;
    proposedActions.push({
      action: `defender-cloud.${descriptor.name}`,
      title: descriptor.title,
      destructive: descriptor.destructive,
      target,
      why: boundedText(
        `${owner} owns ${risk.recommendation.resource.name} (its ${ownerTag} tag); ${risk.level} risk, so Ward suggests a due date in ${dueInDays} days.`,
        500,
      ),
      input: {
        assessmentKey: risk.recommendation.assessmentKey,
        owner,
        dueInDays: String(dueInDays),
        recommendation: boundedText(risk.recommendation.displayName, 300),
      },
    });
  }
  const ticketing = options.ticketing === true && top !== undefined && target !== undefined;
  if (ticketing) {
    // `targetKind` makes the ticket name an Azure resource, not a user, once ticket-input.ts reads it.
    const about = {
      title,
      summary,
      findings: posture.findings.map((finding) => boundedText(finding.title, 200)),
      riskLevel: top.level,
      user: target.displayName,
      userId: target.id,
      targetKind: 'resource' as const,
    };
    proposedActions.push({
      action: `servicenow.${SERVICENOW_ACTIONS.createIncident.name}`,
      title: SERVICENOW_ACTIONS.createIncident.title,
      destructive: SERVICENOW_ACTIONS.createIncident.destructive,
      target,
      why: 'Track the fix of this Defender for Cloud finding in ServiceNow.',
      input: ticketInput(about),
    });
  }

  const draft: AnswerDraft = {
    intent: 'cloud-posture',
    title,
    summary,
    riskLevel: posture.riskLevel,
    ...(target ? { subject: target } : {}),
    facts: posture.facts.map((fact) => ({ label: fact.label, value: boundedText(fact.value, 500) })),
    findings: posture.findings.map((finding) => ({
      title: boundedText(finding.title, 200),
      detail: finding.detail === undefined ? undefined : boundedText(finding.detail, 2000),
      severity: finding.severity,
      when: finding.when,
      citations: citations(finding.sources),
    })),
    evidence: posture.evidence.map((table) => ({
      title: boundedText(table.title, 200),
      columns: table.columns,
      rows: table.rows.map((row) => row.map((cell) => boundedText(cell, 300))),
      citations: citations([table.source]),
    })),
    remediation: [
      ...posture.remediation.map((step) => ({
        title: boundedText(step.title, 200),
        detail: step.detail === undefined ? undefined : boundedText(step.detail, 1000),
        action: step.action ? `defender-cloud.${step.action}` : undefined,
      })),
      ...(ticketing
        ? [
            {
              title: 'Track the fix in ServiceNow',
              detail: 'Opens an incident written from this answer, correlated to it.',
              action: `servicenow.${SERVICENOW_ACTIONS.createIncident.name}`,
            },
          ]
        : []),
    ],
    guidance: posture.guidance,
    proposedActions,
    followUps: posture.followUps,
    sources: ledger.sources(),
    planner: 'rules',
  };
  return {
    kind: 'answer',
    draft: exposure
      ? withExposure(draft, composeExposure(exposure.exposure, intel), asked.skipped, exposure.subject)
      : draft,
    // Fetched for this question from Defender for Cloud: the one resource Ward may put buttons on.
    groundedTargets: proposedActions.length > 0 && target ? [target.id] : [],
  };
}

/** Reads the resource's open vulnerability findings naming the CVEs, and the verdict per CVE. */
async function readCloudExposure(
  input: PlanInput,
  resourceId: string,
  recommendations: readonly CloudRecommendation[],
  recommendationSourceIds: readonly string[],
  cves: readonly string[],
): Promise<{ exposure: AssetExposure; verdicts: CveExposure[]; subject: Target }> {
  const scanned = vulnerabilityRecommendationsOf(recommendations, resourceId);
  const open = scanned
    .filter((recommendation) => recommendation.status.toLowerCase() === 'unhealthy')
    .slice(0, MAX_VULNERABILITY_READS);
  const calls = await Promise.all(
    open.map(async (recommendation) => ({
      recommendation,
      call: await input.ledger.call<CloudVulnerabilityFindings>('defender-cloud.vulnerabilityFindings', {
        resourceId,
        assessmentKey: recommendation.assessmentKey,
        cves: [...cves],
        statuses: ['Unhealthy', 'Healthy'],
        top: 50,
      }),
    })),
  );
  const findings = new Map<string, FindingsRead | undefined>();
  for (const { recommendation, call } of calls) {
    findings.set(
      recommendation.assessmentKey.toLowerCase(),
      call.ok
        ? {
            assessmentKey: recommendation.assessmentKey,
            findings: call.data.findings,
            complete: !call.data.truncated,
            read: call.data.read,
          }
        : undefined,
    );
  }
  const resource =
    recommendations.find(
      (recommendation) => recommendation.resource.id.toLowerCase() === resourceId.toLowerCase(),
    )?.resource ?? cloudResource(resourceId);
  const verdicts = assessCveExposure({
    resourceId,
    cves,
    recommendations,
    findings,
  });
  const findingCalls = calls.filter(({ call }) => call.ok).map(({ call }) => call.sourceId);
  const results = verdicts.map((verdict): AssetCveResult => {
    const finding = verdict.finding;
    const own = calls.find(
      ({ recommendation }) =>
        recommendation.assessmentKey.toLowerCase() === verdict.recommendation?.assessmentKey.toLowerCase(),
    )?.call;
    return {
      cve: verdict.cve,
      verdict: verdict.verdict,
      reason: verdict.reason,
      citations: [
        ...new Set([
          ...recommendationSourceIds,
          ...(own?.ok ? [own.sourceId] : verdict.verdict === 'not-affected' ? findingCalls : []),
        ]),
      ],
      when:
        finding?.reportedAt ??
        (verdict.verdict === 'affected' ? verdict.recommendation?.statusChangeDate : undefined),
      level: finding ? toRiskLevel(finding.severity) : toRiskLevel(verdict.recommendation?.severity),
      finding: finding
        ? {
            title: finding.title,
            severity: finding.severity,
            cvss: finding.cvss ? `CVSS ${finding.cvss.score.toFixed(1)}` : undefined,
            fix:
              finding.status.toLowerCase() === 'healthy'
                ? 'fixed'
                : finding.patchable === true
                  ? 'available'
                  : finding.patchable === false
                    ? 'none yet'
                    : undefined,
            remediation: finding.remediation,
          }
        : verdict.recommendation
          ? { title: verdict.recommendation.displayName, severity: verdict.recommendation.severity }
          : undefined,
    };
  });
  return {
    exposure: { asset: { name: resource.name, kind: resource.kind }, source: 'Defender for Cloud', results },
    verdicts,
    subject: { kind: 'resource', id: resource.id, displayName: `${resource.name} (${resource.kind})` },
  };
}

/** The posture answer with the exposure verdict ahead of it: title, lead, findings, table, patch steps. */
function withExposure(
  draft: AnswerDraft,
  parts: ExposureParts,
  skipped: readonly string[],
  subject: Target,
): AnswerDraft {
  const affected = parts.riskLevel !== 'none' && parts.riskLevel !== 'unknown';
  return {
    ...draft,
    title: parts.title,
    // The asset asked about, even when Defender for Cloud has nothing open on it.
    subject: draft.subject ?? subject,
    summary: boundedText(
      [
        ...parts.lead,
        skipped.length
          ? `Only the first CVEs were checked; ask about ${skipped.slice(0, 3).join(', ')} separately.`
          : '',
        draft.summary,
      ]
        .filter(Boolean)
        .join(' '),
      4000,
    ),
    riskLevel: affected ? worstLevel([parts.riskLevel, draft.riskLevel]) : draft.riskLevel,
    facts: [...parts.facts, ...(draft.facts ?? [])].slice(0, 12),
    findings: [...parts.findings, ...(draft.findings ?? [])].slice(0, 30),
    evidence: [...parts.evidence, ...(draft.evidence ?? [])].slice(0, 6),
    remediation: [...parts.remediation, ...(draft.remediation ?? [])].slice(0, 12),
    followUps: [...new Set([...parts.followUps, ...(draft.followUps ?? [])])].slice(0, 5),
  };
}

function firstError(calls: readonly SkillCall<unknown>[]): string | undefined {
  for (const call of calls) if (!call.ok) return call.error.message;
  return undefined;
}

function isOk<T>(call: SkillCall<T>): call is SkillCall<T> & { ok: true } {
  return call.ok;
}
