/**
 * The contextual risk Defender CSPM puts on an unhealthy assessment (api-version 2025-05-04's
 * `properties.risk`), computed for the demo tenant from what it knows about the resource: risk factors
 * "Internet exposure" and "Sensitive data", the attack paths the finding is on, and a level that is the
 * recommendation's severity, raised to the highest risk of those attack paths, and raised one step when an
 * internet-exposed resource also holds sensitive data (capped at Critical). Healthy and not-applicable
 * assessments carry no risk. Pure; it never writes.
 */
import type { DemoAssessment, DemoDefenderForCloud } from './defender-for-cloud-state.js';

const LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
const rank = (level: string) => LEVELS.findIndex((l) => l.toLowerCase() === level.toLowerCase());

/** `properties.risk` for `assessment`, or undefined when it has none. */
export function assessmentRisk(
  defender: DemoDefenderForCloud,
  assessment: DemoAssessment,
  severity: string,
): Record<string, unknown> | undefined {
  if (assessment.status.code !== 'Unhealthy') return undefined;
  const resourceId = assessment.resourceId.toLowerCase();
  const resource = defender.resources.find((r) => r.id.toLowerCase() === resourceId);
  const riskFactors = [
    ...(resource?.internetExposed ? ['Internet exposure'] : []),
    ...(resource?.sensitiveData ? ['Sensitive data'] : []),
  ];
  const paths = defender.attackPaths.filter((path) =>
    path.assessments.some(
      (entry) =>
        entry.assessmentKey.toLowerCase() === assessment.assessmentKey.toLowerCase() &&
        entry.entityInternalId.toLowerCase() === `azure://${resourceId}`,
    ),
  );
  let level = Math.max(0, rank(severity));
  for (const path of paths) level = Math.max(level, rank(path.riskLevel));
  if (resource?.internetExposed && resource.sensitiveData) level += 1;
  return {
    level: LEVELS[Math.min(level, LEVELS.length - 1)],
    riskFactors,
    attackPathsReferences: paths.map((path) => path.name),
    isContextualRisk: riskFactors.length > 0 || paths.length > 0,
  };
}
