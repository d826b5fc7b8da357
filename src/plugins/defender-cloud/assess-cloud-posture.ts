/**
 * The cloud posture assessment: turns Defender for Cloud data (recommendations, attack paths, secure score,
 * governance assignments, owner tags) into what an analyst reads — which resources the internet can reach,
 * which of their findings are critical, the attack paths through them, how the secure score moved, who owns the
 * fix and by when — as a verdict, facts, findings, evidence tables, remediation steps and guidance, each
 * finding naming the data it rests on (`CloudEvidenceKey`). Pure and deterministic: no I/O, no clock but `now`.
 * It never proposes actions itself; it says whether there is an owner to delegate to.
 */
import type { RiskLevel } from '../../core/answer.js';
import { formatAgo, formatDay } from '../format-when.js';
import type { CloudAttackPath } from './cloud-attack-path.js';
import type { CloudRecommendation } from './cloud-recommendation.js';
import { DUE_DAYS_BY_RISK } from './defender-cloud-actions.js';
import { estimateScoreTrend, type ScoreTrend } from './estimate-score-trend.js';
import { sameResource } from './resource-id.js';
import { higherLevel, levelRank, toRiskLevel } from './risk-rank.js';
import type { CloudGovernanceAssignment } from './skills/governance-assignments.js';
import type { CloudResourceOwner } from './skills/resource-owner.js';
import type { CloudSecureScore } from './skills/secure-score.js';

/** The data a statement rests on; the planner maps each to the citation of the skill call that fetched it. */
export type CloudEvidenceKey = 'recommendations' | 'attackPaths' | 'secureScore' | 'governance' | 'owner';

/** An unhealthy recommendation on a resource, with how risky it is in context. */
export interface CloudRisk {
  recommendation: CloudRecommendation;
  /** Defender CSPM's risk level when the tenant has it, else the severity raised to the attack paths it is on. */
  level: RiskLevel;
  /** The resource is reachable from the internet (a risk factor, the assessment's data, or an attack path). */
  internetExposed: boolean;
  /** How, when known. */
  exposure?: string;
  /** The attack paths this finding is on. */
  attackPaths: CloudAttackPath[];
}

/** What the question is about. */
export type PostureFocus =
  | {
      kind: 'estate';
      /** Only resources the internet can reach. */
      exposedOnly: boolean;
      /** Risk levels asked for (e.g. critical and high). */
      levels: readonly RiskLevel[];
      /** What leads the answer. */
      topic: 'risks' | 'score' | 'attackPaths';
    }
  | {
      kind: 'resource';
      resourceId: string;
      /** Only this recommendation on the resource (both named in the question). */
      assessmentKey?: string;
    }
  | { kind: 'recommendation'; assessmentKey: string };

/** Who should fix the top risk, as far as Ward could find out. */
export interface Delegation {
  risk: CloudRisk;
  /** Existing governance assignments of the recommendation on the resource; undefined when unread. */
  assignments?: readonly CloudGovernanceAssignment[];
  /** The owner named by the resource's tags; undefined when none (or unread, see `ownerRead`). */
  owner?: CloudResourceOwner['owner'];
  /** The tags could be read. */
  ownerRead: boolean;
}

/** Everything the assessment reads. A source that failed is undefined. */
export interface CloudPostureInput {
  focus: PostureFocus;
  /** Every assessment read (healthy ones too, for the trend). */
  recommendations?: readonly CloudRecommendation[];
  attackPaths?: readonly CloudAttackPath[];
  /** One per subscription read. */
  secureScores?: readonly CloudSecureScore[];
  /** Names of the subscriptions, for the answer's words. */
  subscriptionNames: readonly string[];
  delegation?: Delegation;
  now: Date;
  /** Days the secure score trend looks back (default 7). */
  trendDays?: number;
}

/** One statement, with the data it rests on. */
export interface CloudFinding {
  title: string;
  detail?: string;
  severity: RiskLevel;
  when?: string;
  sources: CloudEvidenceKey[];
}

/** The assessment: the answer's parts, and what the planner needs to propose a delegation. */
export interface CloudPosture {
  riskLevel: RiskLevel;
  title: string;
  summary: string;
  facts: { label: string; value: string }[];
  findings: CloudFinding[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: CloudEvidenceKey }[];
  remediation: { title: string; detail?: string; action?: 'assignOwner' }[];
  guidance: string[];
  followUps: string[];
  /** The risks the answer is about, riskiest first. */
  risks: CloudRisk[];
  /** The resources the internet can reach, riskiest first. */
  exposedResources: { id: string; name: string; kind: string }[];
  trend?: ScoreTrend;
  /** The owner to propose for the top risk and the due date by its level; absent when there is nothing to delegate. */
  proposal?: { risk: CloudRisk; owner: string; ownerTag: string; dueInDays: number };
}

const TREND_DAYS = 7;
const MAX_FINDINGS = 6;
const MAX_ROWS = 25;

const LEVEL_WORDS: Readonly<Record<RiskLevel, string>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  none: 'no',
  unknown: 'unrated',
};

const plural = (count: number, noun: string, many = `${noun}s`) => `${count} ${count === 1 ? noun : many}`;
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const quote = (text: string) => `"${text}"`;

/** The attack paths a recommendation on a resource is on (by the path's own list, or the risk's references). */
function pathsOf(recommendation: CloudRecommendation, paths: readonly CloudAttackPath[]): CloudAttackPath[] {
  return paths.filter(
    (path) =>
      recommendation.attackPathsReferences.some((name) => name.toLowerCase() === path.name.toLowerCase()) ||
      path.assessments.some(
        (entry) =>
          entry.assessmentKey.toLowerCase() === recommendation.assessmentKey.toLowerCase() &&
          sameResource(entry.resourceId, recommendation.resource.id),
      ),
  );
}

/** Every unhealthy recommendation as a risk, riskiest first (level, exposure, attack paths, severity, recency). */
export function rankCloudRisks(
  recommendations: readonly CloudRecommendation[],
  attackPaths: readonly CloudAttackPath[] = [],
): CloudRisk[] {
  const exposedByPath = new Set(
    attackPaths.flatMap((path) => path.internetExposedResourceIds.map((id) => id.toLowerCase())),
  );
  return recommendations
    .filter((recommendation) => recommendation.status.toLowerCase() === 'unhealthy')
    .map((recommendation): CloudRisk => {
      const onPaths = pathsOf(recommendation, attackPaths);
      const level =
        recommendation.riskLevel ??
        onPaths.reduce<string | undefined>(
          (worst, path) => higherLevel(worst, path.riskLevel),
          recommendation.severity,
        );
      const byPath = exposedByPath.has(recommendation.resource.id.toLowerCase());
      return {
        recommendation,
        level: toRiskLevel(level),
        internetExposed: recommendation.internetExposed || byPath,
        exposure:
          recommendation.exposureDetail ??
          (byPath
            ? 'an attack path starts from the internet'
            : recommendation.internetExposed
              ? 'a Defender CSPM risk factor'
              : undefined),
        attackPaths: onPaths,
      };
    })
    .sort(
      (a, b) =>
        levelRank(b.level) - levelRank(a.level) ||
        Number(b.internetExposed) - Number(a.internetExposed) ||
        b.attackPaths.length - a.attackPaths.length ||
        levelRank(b.recommendation.severity) - levelRank(a.recommendation.severity) ||
        (b.recommendation.statusChangeDate ?? '').localeCompare(a.recommendation.statusChangeDate ?? '') ||
        a.recommendation.resource.name.localeCompare(b.recommendation.resource.name),
    );
}

/** The risks a focus is about, in rank order. */
export function selectRisks(risks: readonly CloudRisk[], focus: PostureFocus): CloudRisk[] {
  switch (focus.kind) {
    case 'resource':
      return risks.filter(
        (risk) =>
          sameResource(risk.recommendation.resource.id, focus.resourceId) &&
          (focus.assessmentKey === undefined ||
            risk.recommendation.assessmentKey.toLowerCase() === focus.assessmentKey.toLowerCase()),
      );
    case 'recommendation':
      return risks.filter(
        (risk) => risk.recommendation.assessmentKey.toLowerCase() === focus.assessmentKey.toLowerCase(),
      );
    case 'estate':
      return risks.filter(
        (risk) => (!focus.exposedOnly || risk.internetExposed) && focus.levels.includes(risk.level),
      );
  }
}

/** Days to fix a risk of `level` (Ward's default governance policy). */
export function dueDaysFor(level: RiskLevel): number {
  return level === 'critical' || level === 'high' || level === 'medium' || level === 'low'
    ? DUE_DAYS_BY_RISK[level]
    : DUE_DAYS_BY_RISK.medium;
}

function levelsPhrase(levels: readonly RiskLevel[]): string {
  const words = levels.map((level) => LEVEL_WORDS[level]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** "2 critical · 7 high"; "none" when there are none. */
function countsPhrase(risks: readonly CloudRisk[]): string {
  const order: RiskLevel[] = ['critical', 'high', 'medium', 'low', 'unknown'];
  const parts = order.flatMap((level) => {
    const count = risks.filter((risk) => risk.level === level).length;
    return count > 0 ? [`${count} ${LEVEL_WORDS[level]}`] : [];
  });
  return parts.length === 0 ? 'none' : parts.join(' · ');
}

/** " (2 critical · 7 high)" when the risks are of several levels, else nothing. */
function countsAside(risks: readonly CloudRisk[]): string {
  return new Set(risks.map((risk) => risk.level)).size > 1 ? ` (${countsPhrase(risks)})` : '';
}

function highestLevel(risks: readonly CloudRisk[]): RiskLevel {
  return risks.reduce<RiskLevel>(
    (worst, risk) => (levelRank(risk.level) > levelRank(worst) ? risk.level : worst),
    'none',
  );
}

function uniqueResources(risks: readonly CloudRisk[]) {
  const seen = new Map<string, { id: string; name: string; kind: string }>();
  for (const risk of risks) {
    const { resource } = risk.recommendation;
    const key = resource.id.toLowerCase();
    if (!seen.has(key)) seen.set(key, { id: resource.id, name: resource.name, kind: resource.kind });
  }
  return [...seen.values()];
}

function riskDetail(risk: CloudRisk): string {
  const { recommendation } = risk;
  const parts: string[] = [];
  if (recommendation.statusDescription) parts.push(recommendation.statusDescription);
  else if (recommendation.cves.length > 0) parts.push(`CVEs: ${recommendation.cves.join(', ')}.`);
  if (risk.internetExposed) parts.push(`Internet-exposed${risk.exposure ? ` (${risk.exposure})` : ''}.`);
  for (const path of risk.attackPaths.slice(0, 2)) {
    parts.push(`On attack path ${quote(path.displayName)}${path.riskLevel ? ` (${path.riskLevel})` : ''}.`);
  }
  const factors = recommendation.riskFactors.length
    ? `; risk factors: ${recommendation.riskFactors.join(', ')}`
    : '';
  parts.push(`Severity ${recommendation.severity}${factors}.`);
  return parts.join(' ');
}

function scoreSentence(
  scores: readonly CloudSecureScore[],
  trend: ScoreTrend | undefined,
): string | undefined {
  const first = scores[0];
  if (first === undefined) return undefined;
  const { score } = first;
  const movement =
    trend === undefined
      ? ''
      : trend.changePoints === 0
        ? `, unchanged over ${trend.days} days`
        : `, ${trend.changePoints < 0 ? 'down' : 'up'} ${Math.abs(trend.changePoints)} points in ${trend.days} days (estimated from when recommendations changed status)`;
  const others = scores.length > 1 ? ` (first of ${scores.length} subscriptions)` : '';
  return `Secure score ${percent(score.percentage)} (${score.current} of ${score.max} points)${others}${movement}.`;
}

function delegationState(delegation: Delegation | undefined, now: Date) {
  if (delegation?.assignments === undefined) return undefined;
  const assignment = delegation.assignments[0];
  if (assignment === undefined) return { kind: 'unassigned' as const };
  const overdue = Date.parse(assignment.remediationDueDate) < now.getTime();
  return { kind: 'assigned' as const, assignment, overdue };
}

/** Assesses cloud posture for a focus. */
export function assessCloudPosture(input: CloudPostureInput): CloudPosture {
  const { focus, now } = input;
  const paths = input.attackPaths ?? [];
  const all = input.recommendations === undefined ? undefined : rankCloudRisks(input.recommendations, paths);
  const risks = all === undefined ? [] : selectRisks(all, focus);
  const scores = input.secureScores ?? [];
  const firstScore = scores[0];
  const trend =
    firstScore !== undefined && input.recommendations !== undefined
      ? estimateScoreTrend(
          firstScore.controls,
          input.recommendations.filter(
            (r) => r.resource.subscriptionId?.toLowerCase() === firstScore.subscriptionId.toLowerCase(),
          ),
          now,
          input.trendDays ?? TREND_DAYS,
        )
      : undefined;
  const exposedResources = uniqueResources((all ?? []).filter((risk) => risk.internetExposed));
  const top = risks[0];
  const scope = input.subscriptionNames.length ? input.subscriptionNames.join(', ') : 'your subscriptions';

  // Which attack paths the answer shows: those through the risks' resources, or all for an estate question.
  const focusIds = new Set(uniqueResources(risks).map((resource) => resource.id.toLowerCase()));
  const relevantPaths =
    focus.kind === 'estate' && (focus.topic === 'attackPaths' || focusIds.size === 0)
      ? [...paths]
      : paths.filter((path) => path.resourceIds.some((id) => focusIds.has(id.toLowerCase())));
  const internetPaths = paths.filter((path) => path.internetExposedResourceIds.length > 0);

  // Delegation: existing owner, or who to propose.
  const delegation = input.delegation;
  const state = delegationState(delegation, now);
  const proposal =
    delegation?.owner && state?.kind === 'unassigned'
      ? {
          risk: delegation.risk,
          owner: delegation.owner.email,
          ownerTag: delegation.owner.tag,
          dueInDays: dueDaysFor(delegation.risk.level),
        }
      : undefined;

  // Title and verdict.
  // With none of the levels asked for, the verdict is the highest of the rest in scope ('none' without any).
  const inScope =
    focus.kind === 'estate'
      ? (all ?? []).filter((risk) => !focus.exposedOnly || risk.internetExposed)
      : risks;
  const riskLevel: RiskLevel =
    all === undefined ? 'unknown' : highestLevel(risks.length > 0 ? risks : inScope);
  let title: string;
  const sentences: string[] = [];
  const scoreText = scoreSentence(scores, trend);
  if (focus.kind === 'resource') {
    const name = top?.recommendation.resource.name ?? focus.resourceId.split('/').at(-1) ?? focus.resourceId;
    const kind = top?.recommendation.resource.kind;
    const exposed = risks.some((risk) => risk.internetExposed);
    title =
      all === undefined
        ? `${name}: Defender for Cloud recommendations unavailable`
        : top === undefined
          ? `${name}: no unhealthy Defender for Cloud recommendations`
          : `${name}${kind ? ` (${kind})` : ''}: ${LEVEL_WORDS[top.level]} risk${exposed ? ', internet-exposed' : ''}`;
    const reachable = exposed
      ? ` and is reachable from the internet${top?.exposure ? ` (${top.exposure})` : ''}`
      : '';
    if (top !== undefined && focus.assessmentKey !== undefined) {
      sentences.push(
        `${quote(top.recommendation.displayName)} is unhealthy on ${name}, ${LEVEL_WORDS[top.level]} risk${top.attackPaths[0] ? `, on the attack path ${quote(top.attackPaths[0].displayName)}` : ''}${exposed ? `; ${name} is reachable from the internet` : ''}.`,
      );
    } else if (top !== undefined) {
      sentences.push(
        `${name} has ${plural(risks.length, 'unhealthy recommendation')}${countsAside(risks)}${reachable}.`,
        `Most urgent: ${quote(top.recommendation.displayName)}${top.recommendation.cves.length ? ` (${top.recommendation.cves.slice(0, 2).join(', ')})` : ''}${top.attackPaths[0] ? `, on the attack path ${quote(top.attackPaths[0].displayName)}` : ''}.`,
      );
    } else if (all !== undefined) {
      sentences.push(`Defender for Cloud reports no unhealthy recommendation on ${name}.`);
    }
  } else if (focus.kind === 'recommendation') {
    const name = top?.recommendation.displayName ?? 'This recommendation';
    const exposedCount = uniqueResources(risks.filter((risk) => risk.internetExposed)).length;
    title =
      all === undefined
        ? 'Defender for Cloud recommendations unavailable'
        : top === undefined
          ? `${name}: no unhealthy resources`
          : `${name}: ${plural(uniqueResources(risks).length, 'unhealthy resource')}`;
    if (top !== undefined) {
      sentences.push(
        `${quote(name)} is unhealthy on ${plural(uniqueResources(risks).length, 'resource')}${exposedCount ? `, ${exposedCount} of them internet-exposed` : ''}${countsAside(risks)}.`,
        `Most urgent: ${top.recommendation.resource.name} (${top.recommendation.resource.kind}), ${LEVEL_WORDS[top.level]} risk${top.attackPaths[0] ? `, on the attack path ${quote(top.attackPaths[0].displayName)}` : ''}.`,
      );
    }
  } else {
    const where = focus.exposedOnly ? 'internet-exposed ' : '';
    const resources = uniqueResources(risks);
    const levels = levelsPhrase(focus.levels);
    if (focus.topic === 'score' && firstScore !== undefined) {
      title = `Secure score ${percent(firstScore.score.percentage)}${trend && trend.changePoints !== 0 ? `, ${trend.changePoints < 0 ? 'down' : 'up'} ${Math.abs(trend.changePoints)} points in ${trend.days} days` : ''}`;
    } else if (focus.topic === 'attackPaths' && input.attackPaths !== undefined) {
      const critical = paths.filter((path) => levelRank(path.riskLevel) === 4).length;
      title =
        paths.length === 0
          ? 'No attack paths'
          : `${plural(paths.length, 'attack path')}${critical ? `, ${critical} critical` : ''}`;
    } else if (all === undefined) {
      title = 'Defender for Cloud recommendations unavailable';
    } else {
      title =
        risks.length === 0
          ? `No ${levels} risks on ${where}resources`
          : `${plural(risks.length, `${levels} risk`)} on ${plural(resources.length, `${where}resource`)}`;
    }
    if (all !== undefined) {
      if (risks.length > 0 && top !== undefined) {
        sentences.push(
          `In ${scope}, ${plural(resources.length, `${where}resource`)} ${resources.length === 1 ? 'carries' : 'carry'} ${plural(risks.length, `${levels} risk`)}${countsAside(risks)}.`,
          `Most urgent: ${quote(top.recommendation.displayName)} on ${top.recommendation.resource.name} (${top.recommendation.resource.kind})${top.recommendation.cves.length ? `, ${top.recommendation.cves.slice(0, 2).join(', ')}` : ''}${top.internetExposed && !focus.exposedOnly ? ', internet-exposed' : ''}${top.attackPaths[0] ? `, on the attack path ${quote(top.attackPaths[0].displayName)}` : ''}.`,
        );
      } else {
        const lower = (all ?? []).filter((risk) => !focus.exposedOnly || risk.internetExposed);
        sentences.push(
          `Defender for Cloud reports no ${levels} risks on ${where}resources in ${scope}${lower.length ? `; ${plural(lower.length, 'other unhealthy recommendation')} (${countsPhrase(lower)})` : ''}.`,
        );
      }
    }
  }
  const topic = focus.kind === 'estate' ? focus.topic : 'risks';
  // What the question leads with comes first.
  const lead = (sentence: string, leads: boolean) =>
    leads ? sentences.unshift(sentence) : sentences.push(sentence);
  if (scoreText && (focus.kind === 'estate' || risks.length > 0)) lead(scoreText, topic === 'score');
  if (input.attackPaths !== undefined && (focus.kind === 'estate' || relevantPaths.length > 0)) {
    const shown = focus.kind === 'estate' ? paths : relevantPaths;
    lead(
      shown.length === 0
        ? 'Defender CSPM reports no attack paths.'
        : `${plural(shown.length, 'attack path')}${focus.kind === 'estate' ? '' : ` through ${focus.kind === 'resource' ? 'it' : 'these resources'}`}, ${internetPaths.filter((p) => shown.includes(p)).length} starting from the internet.`,
      topic === 'attackPaths',
    );
  }
  if (state?.kind === 'assigned') {
    const { assignment, overdue } = state;
    sentences.push(
      `${quote(delegation!.risk.recommendation.displayName)} on ${delegation!.risk.recommendation.resource.name} is assigned to ${assignment.owner ?? 'an owner'}, due ${formatDay(assignment.remediationDueDate)}${overdue ? ` (overdue by ${formatAgo(assignment.remediationDueDate, now).replace(' ago', '')})` : ''}.`,
    );
  } else if (state?.kind === 'unassigned' && delegation) {
    sentences.push(
      delegation.owner
        ? `No owner is assigned yet; the resource's ${delegation.owner.tag} tag names ${delegation.owner.email}.`
        : `No owner is assigned yet${delegation.ownerRead ? ', and the resource has no owner tag' : ''}.`,
    );
  }
  const summary = sentences.join(' ') || 'Defender for Cloud could not be read; see the sources below.';

  // Facts.
  const facts: { label: string; value: string }[] = [];
  if (input.subscriptionNames.length)
    facts.push({ label: 'Subscription', value: input.subscriptionNames.join(', ') });
  if (firstScore) {
    facts.push({
      label: 'Secure score',
      value: `${percent(firstScore.score.percentage)} (${firstScore.score.current} / ${firstScore.score.max})`,
    });
  }
  if (trend) {
    facts.push({
      label: `Trend (${trend.days} d, estimated)`,
      value:
        trend.changePoints === 0
          ? 'unchanged'
          : `${trend.changePoints < 0 ? 'down' : 'up'} ${Math.abs(trend.changePoints)} points`,
    });
  }
  if (all !== undefined) {
    facts.push({ label: 'Internet-exposed resources', value: String(exposedResources.length) });
    const counted =
      focus.kind === 'estate' ? all.filter((risk) => !focus.exposedOnly || risk.internetExposed) : risks;
    facts.push({
      label:
        focus.kind === 'estate' && focus.exposedOnly
          ? 'Risks on exposed resources'
          : 'Unhealthy recommendations',
      value: countsPhrase(counted),
    });
  }
  if (input.attackPaths !== undefined) {
    const critical = paths.filter((path) => levelRank(path.riskLevel) === 4).length;
    facts.push({
      label: 'Attack paths',
      value: `${paths.length}${critical ? ` (${critical} critical)` : ''}`,
    });
  }
  const ownerLabel = `Owner (${delegation?.risk.recommendation.resource.name ?? 'resource'})`;
  if (state?.kind === 'assigned') {
    facts.push({
      label: ownerLabel,
      value: `${state.assignment.owner ?? 'unknown'} · due ${formatDay(state.assignment.remediationDueDate)}${state.overdue ? ' (overdue)' : ''}`,
    });
  } else if (state?.kind === 'unassigned') {
    facts.push({
      label: ownerLabel,
      value: delegation?.owner ? `none assigned · owner tag: ${delegation.owner.email}` : 'none assigned',
    });
  }

  // Findings.
  const pathFindings: CloudFinding[] = [];
  const findings: CloudFinding[] = risks.slice(0, MAX_FINDINGS).map((risk) => ({
    title: `${risk.recommendation.resource.name}: ${risk.recommendation.displayName}`,
    detail: riskDetail(risk),
    severity: risk.level,
    when: risk.recommendation.statusChangeDate,
    sources:
      risk.attackPaths.length > 0 || (risk.internetExposed && !risk.recommendation.internetExposed)
        ? ['recommendations', 'attackPaths']
        : ['recommendations'],
  }));
  if (state?.kind === 'assigned' && delegation) {
    findings.push({
      title: `${state.overdue ? 'Overdue: ' : ''}${state.assignment.owner ?? 'An owner'} owns fixing it on ${delegation.risk.recommendation.resource.name}, due ${formatDay(state.assignment.remediationDueDate)}`,
      detail: `Defender for Cloud governance assignment of ${quote(delegation.risk.recommendation.displayName)}${state.assignment.isGracePeriod ? ', with a grace period (not counted in the secure score until due)' : ''}.`,
      severity: state.overdue ? 'high' : 'none',
      when: state.assignment.remediationDueDate,
      sources: ['governance'],
    });
  } else if (state?.kind === 'unassigned' && delegation) {
    findings.push({
      title: `No owner assigned to fix ${quote(delegation.risk.recommendation.displayName)} on ${delegation.risk.recommendation.resource.name}`,
      detail: delegation.owner
        ? `The resource's ${delegation.owner.tag} tag names ${delegation.owner.email}.`
        : delegation.ownerRead
          ? 'The resource has no owner tag either.'
          : undefined,
      severity: levelRank(delegation.risk.level) >= 3 ? 'medium' : 'low',
      sources: delegation.owner || delegation.ownerRead ? ['governance', 'owner'] : ['governance'],
    });
  }
  for (const path of relevantPaths.slice(0, 3)) {
    (topic === 'attackPaths' ? pathFindings : findings).push({
      title: `Attack path: ${path.displayName}`,
      detail: [path.description, path.potentialImpact ? `Impact: ${path.potentialImpact}` : undefined]
        .filter((part): part is string => part !== undefined && part !== '')
        .join(' '),
      severity: toRiskLevel(path.riskLevel),
      sources: ['attackPaths'],
    });
  }
  if (trend && trend.changePoints < 0 && trend.worsened.length > 0 && focus.kind === 'estate') {
    findings.push({
      title: `Secure score down ${Math.abs(trend.changePoints)} points in ${trend.days} days (estimated)`,
      detail: `Turned unhealthy: ${trend.worsened
        .slice(0, 3)
        .map((r) => `${quote(r.displayName)} on ${r.resource.name} (${formatAgo(r.statusChangeDate, now)})`)
        .join('; ')}${trend.worsened.length > 3 ? `; ${trend.worsened.length - 3} more` : ''}.`,
      severity: 'medium',
      when: trend.worsened[0]?.statusChangeDate,
      sources: ['secureScore', 'recommendations'],
    });
  }

  findings.unshift(...pathFindings);

  // Evidence, what the question leads with first.
  const evidence: CloudPosture['evidence'] = [];
  if (risks.length > 0) {
    evidence.push({
      title:
        focus.kind === 'resource'
          ? `Unhealthy recommendations on ${risks[0]!.recommendation.resource.name}`
          : focus.kind === 'recommendation'
            ? 'Affected resources'
            : focus.exposedOnly
              ? 'Risks on internet-exposed resources'
              : 'Unhealthy recommendations',
      columns: ['Resource', 'Recommendation', 'Risk', 'Severity', 'Exposure', 'Since'],
      rows: risks
        .slice(0, MAX_ROWS)
        .map((risk) => [
          `${risk.recommendation.resource.name} (${risk.recommendation.resource.kind})`,
          risk.recommendation.displayName,
          LEVEL_WORDS[risk.level],
          risk.recommendation.severity,
          risk.internetExposed ? 'internet' : '',
          formatAgo(risk.recommendation.statusChangeDate, now),
        ]),
      source: 'recommendations',
    });
  }
  if (relevantPaths.length > 0) {
    evidence.push({
      title: 'Attack paths',
      columns: ['Attack path', 'Risk', 'Entry point', 'Target'],
      rows: relevantPaths
        .slice(0, 10)
        .map((path) => [
          path.displayName,
          path.riskLevel ?? '',
          path.entryPoint?.name ?? '',
          path.target?.name ?? '',
        ]),
      source: 'attackPaths',
    });
  }
  if (firstScore && focus.kind === 'estate') {
    const gains = firstScore.controls.filter((control) => control.max - control.current > 0).slice(0, 5);
    if (gains.length > 0) {
      evidence.push({
        title: 'Secure score controls with the most points to gain',
        columns: ['Control', 'Score', 'Unhealthy resources'],
        rows: gains.map((control) => [
          control.displayName,
          `${control.current} / ${control.max}`,
          String(control.unhealthyResourceCount),
        ]),
        source: 'secureScore',
      });
    }
  }

  const leading =
    topic === 'score' ? 'secureScore' : topic === 'attackPaths' ? 'attackPaths' : 'recommendations';
  evidence.sort((a, b) => Number(b.source === leading) - Number(a.source === leading));

  // Remediation: the fixes, what breaks the attack path, then who owns it.
  const remediation: CloudPosture['remediation'] = [];
  const seenKeys = new Set<string>();
  for (const risk of risks) {
    if (remediation.length >= 4) break;
    const key = risk.recommendation.assessmentKey.toLowerCase();
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    const on = risks
      .filter((other) => other.recommendation.assessmentKey.toLowerCase() === key)
      .map((other) => other.recommendation.resource.name);
    remediation.push({
      title: `Resolve ${quote(risk.recommendation.displayName)} on ${on.slice(0, 3).join(', ')}${on.length > 3 ? ` and ${on.length - 3} more` : ''}`,
      detail: risk.recommendation.remediation,
    });
  }
  const topPath = top?.attackPaths[0];
  if (topPath) {
    for (const step of topPath.remediationSteps.slice(0, 3)) {
      remediation.push({ title: step, detail: `Breaks the attack path ${quote(topPath.displayName)}.` });
    }
  }
  if (proposal) {
    remediation.push({
      title: `Assign ${proposal.owner} as owner, due in ${proposal.dueInDays} days`,
      detail: `A Defender for Cloud governance assignment of ${quote(proposal.risk.recommendation.displayName)} on ${proposal.risk.recommendation.resource.name}: the owner (from the resource's ${proposal.ownerTag} tag) gets Defender for Cloud's weekly email until it is fixed. The due date follows the risk (critical 7 days, high 14, medium 30, low 90); you confirm it on the card.`,
      action: 'assignOwner',
    });
  } else if (state?.kind === 'unassigned' && delegation && !delegation.owner) {
    remediation.push({
      title: `Give ${delegation.risk.recommendation.resource.name} an owner`,
      detail: delegation.ownerRead
        ? 'Tag the resource with owner=<email> so Ward (and Defender for Cloud governance rules) can assign its recommendations, or assign an owner in Defender for Cloud.'
        : 'Ward could not read the resource’s tags to find its owner; assign an owner in Defender for Cloud (Recommendations → the recommendation → Assign owner).',
    });
  }

  // Guidance: prevention, chosen by what was found.
  const guidance: string[] = [];
  if (risks.length > 0) {
    guidance.push(
      'Defender for Cloud governance rules can assign an owner and a due date to new recommendations automatically, by resource tag (owner), so critical findings never wait unowned.',
    );
  }
  if (risks.some((risk) => risk.internetExposed)) {
    guidance.push(
      'Keep internet-facing workloads behind a web application firewall (Application Gateway or Front Door) and open management ports only on demand, with just-in-time VM access.',
    );
  }
  if (risks.some((risk) => risk.recommendation.cves.length > 0)) {
    guidance.push(
      'Patch vulnerabilities known to be exploited in the wild first, on internet-exposed machines first; Defender Vulnerability Management lists them per machine.',
    );
  }
  if (relevantPaths.length > 0) {
    guidance.push(
      'Attack paths are recomputed periodically: after fixing, ask again to confirm the path is gone.',
    );
  }

  // Follow-ups an analyst can ask next (they route to cloud posture as written).
  const followUps =
    focus.kind === 'estate'
      ? [
          ...(top ? ['and its remediation?'] : []),
          ...(focus.topic !== 'attackPaths' ? ['show attack paths'] : []),
          ...(focus.topic !== 'score' ? ['what is our secure score trend?'] : []),
          'show all Azure recommendations by severity',
        ]
      : ['show attack paths', 'show critical risks for publicly exposed resources'];

  return {
    riskLevel,
    title,
    summary,
    facts: facts.slice(0, 12),
    findings,
    evidence,
    remediation: remediation.slice(0, 11),
    guidance,
    followUps: followUps.slice(0, 5),
    risks,
    exposedResources,
    trend,
    proposal,
  };
}
