/**
 * Computes Defender for Cloud's secure score from the assessments, the way the service explains it: per
 * control, a resource is unhealthy if any of the control's recommendations is unhealthy on it, healthy if it
 * has a healthy one and none unhealthy; the control earns `maxScore × healthy / (healthy + unhealthy)`; the
 * overall score is the sum over controls with assessed resources, out of the sum of their maximums.
 * It never stores anything: routes and the seed (for the 30-day history) call it with the statuses to use.
 */
import type {
  DemoAssessment,
  DemoDefenderForCloud,
  DemoSecureScoreControl,
} from './defender-for-cloud-state.js';

/** One control's standing. */
export interface ControlScore {
  control: DemoSecureScoreControl;
  healthyResourceCount: number;
  unhealthyResourceCount: number;
  notApplicableResourceCount: number;
  current: number;
  max: number;
  percentage: number;
}

/** The overall score and each control's. */
export interface SecureScoreResult {
  controls: ControlScore[];
  current: number;
  max: number;
  percentage: number;
  /** Resources counted across controls (ARM's `weight`). */
  weight: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The secure score of `defender`, reading each assessment's status with `statusOf` (default: its current
 * code; return `undefined` to leave an assessment out, e.g. one not yet evaluated on a past day).
 */
export function computeSecureScore(
  defender: Pick<DemoDefenderForCloud, 'assessmentMetadata' | 'assessments' | 'secureScoreControls'>,
  statusOf: (assessment: DemoAssessment) => string | undefined = (a) => a.status.code,
): SecureScoreResult {
  const controlOf = new Map(defender.assessmentMetadata.map((m) => [m.name, m.controlName]));
  // control → resource → worst status seen
  const byControl = new Map<string, Map<string, string>>();
  for (const assessment of defender.assessments) {
    const status = statusOf(assessment);
    const control = controlOf.get(assessment.assessmentKey);
    if (status === undefined || control === undefined) continue;
    let resources = byControl.get(control);
    if (resources === undefined) {
      resources = new Map();
      byControl.set(control, resources);
    }
    const seen = resources.get(assessment.resourceId);
    resources.set(assessment.resourceId, worse(seen, status));
  }
  const controls = defender.secureScoreControls.map((control): ControlScore => {
    const statuses = [...(byControl.get(control.name)?.values() ?? [])];
    const healthy = statuses.filter((s) => s === 'Healthy').length;
    const unhealthy = statuses.filter((s) => s === 'Unhealthy').length;
    const notApplicable = statuses.filter((s) => s === 'NotApplicable').length;
    const assessed = healthy + unhealthy;
    const max = assessed > 0 ? control.maxScore : 0;
    const current = assessed > 0 ? round((control.maxScore * healthy) / assessed, 2) : 0;
    return {
      control,
      healthyResourceCount: healthy,
      unhealthyResourceCount: unhealthy,
      notApplicableResourceCount: notApplicable,
      current,
      max,
      percentage: max > 0 ? round(current / max, 4) : 0,
    };
  });
  const current = round(
    controls.reduce((sum, c) => sum + c.current, 0),
    2,
  );
  const max = controls.reduce((sum, c) => sum + c.max, 0);
  return {
    controls,
    current,
    max,
    percentage: max > 0 ? round(current / max, 4) : 0,
    weight: controls.reduce((sum, c) => sum + c.healthyResourceCount + c.unhealthyResourceCount, 0),
  };
}

const RANK: Readonly<Record<string, number>> = { Unhealthy: 3, Healthy: 2, NotApplicable: 1 };

function worse(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return (RANK[b] ?? 0) > (RANK[a] ?? 0) ? b : a;
}
