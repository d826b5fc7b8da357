/**
 * Estimates how a subscription's secure score moved over the last days, because ARM serves only the current
 * score. It recomputes the score the way Defender for Cloud documents it (per control, a resource counts as
 * unhealthy if any of the control's recommendations is unhealthy on it; the control earns
 * `maxScore × healthy / (healthy + unhealthy)`; the score is the sum over controls with assessed resources)
 * twice: from the assessments' current statuses, and from their statuses as they were then (an assessment
 * whose status changed since was the other way; one first evaluated since did not count). Only each
 * assessment's last change is known, so it is an estimate, and is labelled so. Pure.
 */
import type { CloudRecommendation } from './cloud-recommendation.js';
import type { ScoreControl } from './skills/secure-score.js';

const DAY = 86_400_000;

/** The estimated movement of the secure score. */
export interface ScoreTrend {
  days: number;
  /** The percentage (0..1) computed from today's statuses with Defender for Cloud's formula. */
  currentPercentage: number;
  /** The same, from the statuses as they were `days` ago. */
  pastPercentage: number;
  /** Percentage points gained (negative: lost), rounded to one decimal. */
  changePoints: number;
  /** Recommendations that turned unhealthy within the window, most recent first. */
  worsened: CloudRecommendation[];
  /** Recommendations that turned healthy within the window, most recent first. */
  improved: CloudRecommendation[];
}

const RANK: Readonly<Record<string, number>> = { unhealthy: 3, healthy: 2, notapplicable: 1 };

function scoreAt(
  controls: readonly ScoreControl[],
  assessments: readonly CloudRecommendation[],
  statusOf: (assessment: CloudRecommendation) => string | undefined,
): number | undefined {
  let current = 0;
  let max = 0;
  for (const control of controls) {
    const keys = new Set(control.assessmentKeys.map((key) => key.toLowerCase()));
    const worst = new Map<string, string>();
    for (const assessment of assessments) {
      if (!keys.has(assessment.assessmentKey.toLowerCase())) continue;
      const status = statusOf(assessment)?.toLowerCase();
      if (status === undefined) continue;
      const resource = assessment.resource.id.toLowerCase();
      const seen = worst.get(resource);
      if (seen === undefined || (RANK[status] ?? 0) > (RANK[seen] ?? 0)) worst.set(resource, status);
    }
    const statuses = [...worst.values()];
    const healthy = statuses.filter((status) => status === 'healthy').length;
    const assessed = healthy + statuses.filter((status) => status === 'unhealthy').length;
    if (assessed === 0) continue;
    current += (control.maxScore * healthy) / assessed;
    max += control.maxScore;
  }
  return max > 0 ? current / max : undefined;
}

const flipped = (code: string) =>
  code.toLowerCase() === 'healthy' ? 'Unhealthy' : code.toLowerCase() === 'unhealthy' ? 'Healthy' : code;

/**
 * The secure score's estimated movement over `days` before `now`, from the controls (with the recommendations
 * each counts) and every assessment of the subscription (healthy ones included); undefined when the controls
 * name no recommendations to compute with.
 */
export function estimateScoreTrend(
  controls: readonly ScoreControl[],
  assessments: readonly CloudRecommendation[],
  now: Date,
  days = 7,
): ScoreTrend | undefined {
  const since = now.getTime() - days * DAY;
  const changedSince = (assessment: CloudRecommendation) => {
    const changed = Date.parse(assessment.statusChangeDate ?? '');
    return !Number.isNaN(changed) && changed > since;
  };
  const current = scoreAt(controls, assessments, (assessment) => assessment.status);
  const past = scoreAt(controls, assessments, (assessment) => {
    const first = Date.parse(assessment.firstEvaluationDate ?? '');
    if (!Number.isNaN(first) && first > since) return undefined;
    return changedSince(assessment) ? flipped(assessment.status) : assessment.status;
  });
  if (current === undefined || past === undefined) return undefined;
  const recent = (status: string) =>
    assessments
      .filter((assessment) => assessment.status.toLowerCase() === status && changedSince(assessment))
      .sort((a, b) => (b.statusChangeDate ?? '').localeCompare(a.statusChangeDate ?? ''));
  return {
    days,
    currentPercentage: current,
    pastPercentage: past,
    changePoints: Math.round((current - past) * 1000) / 10,
    worsened: recent('unhealthy'),
    improved: recent('healthy'),
  };
}
