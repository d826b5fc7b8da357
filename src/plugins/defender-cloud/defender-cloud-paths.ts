/**
 * The ARM paths and api-versions the Defender for Cloud plugin calls, built only from validated ids
 * (`resource-id.ts`), so a path never carries text that was not checked. One place to change an api-version.
 * It never calls ARM.
 */

/** The api-version of each resource type the plugin reads or writes. */
export const DEFENDER_CLOUD_API_VERSIONS = {
  subscriptions: '2022-12-01',
  /** 2025-05-04 adds `risk` (Defender CSPM's risk level, risk factors, attack path references). */
  assessments: '2025-05-04',
  /** Vulnerability findings (sub-assessments) of a recommendation; only a preview version exists. */
  subAssessments: '2019-01-01-preview',
  secureScores: '2020-01-01',
  resourceGraph: '2022-10-01',
  governanceAssignments: '2022-01-01-preview',
  tags: '2021-04-01',
} as const;

const V = DEFENDER_CLOUD_API_VERSIONS;

/** `GET /subscriptions` */
export function subscriptionsPath(): string {
  return `/subscriptions?api-version=${V.subscriptions}`;
}

/** `GET {scope}/providers/Microsoft.Security/assessments`, with metadata (severity, remediation). */
export function assessmentsPath(scope: string): string {
  return `${scope}/providers/Microsoft.Security/assessments?api-version=${V.assessments}&$expand=metadata`;
}

/** `GET {resourceId}/providers/Microsoft.Security/assessments/{key}`, with metadata and the portal link. */
export function assessmentPath(resourceId: string, assessmentKey: string): string {
  return `${resourceId}/providers/Microsoft.Security/assessments/${encodeURIComponent(assessmentKey)}?api-version=${V.assessments}&$expand=metadata,links`;
}

/**
 * `GET {scope}/providers/Microsoft.Security/assessments/{key}/subAssessments` (one recommendation's findings on
 * a resource, or on every resource of a subscription), or with no key `GET /subscriptions/{id}/providers/
 * Microsoft.Security/subAssessments` (every finding in the subscription).
 */
export function subAssessmentsPath(scope: string, assessmentKey?: string): string {
  const base =
    assessmentKey === undefined
      ? `${scope}/providers/Microsoft.Security/subAssessments`
      : `${scope}/providers/Microsoft.Security/assessments/${encodeURIComponent(assessmentKey)}/subAssessments`;
  return `${base}?api-version=${V.subAssessments}`;
}

/** `GET /subscriptions/{id}/providers/Microsoft.Security/secureScores/ascScore` */
export function secureScorePath(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore?api-version=${V.secureScores}`;
}

/** `GET /subscriptions/{id}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls` */
export function secureScoreControlsPath(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls?api-version=${V.secureScores}&$expand=definition`;
}

/** `POST /providers/Microsoft.ResourceGraph/resources` */
export function resourceGraphPath(): string {
  return `/providers/Microsoft.ResourceGraph/resources?api-version=${V.resourceGraph}`;
}

/** `{resourceId}/providers/Microsoft.Security/assessments/{key}/governanceAssignments[/{assignmentKey}]` */
export function governanceAssignmentsPath(
  resourceId: string,
  assessmentKey: string,
  assignmentKey?: string,
): string {
  const base = `${resourceId}/providers/Microsoft.Security/assessments/${encodeURIComponent(assessmentKey)}/governanceAssignments`;
  const one = assignmentKey === undefined ? '' : `/${encodeURIComponent(assignmentKey)}`;
  return `${base}${one}?api-version=${V.governanceAssignments}`;
}

/** `GET {scope}/providers/Microsoft.Resources/tags/default` */
export function tagsPath(resourceId: string): string {
  return `${resourceId}/providers/Microsoft.Resources/tags/default?api-version=${V.tags}`;
}

/** A path as cited on the card: without the query string. */
export function citedPath(method: string, path: string): string {
  const query = path.indexOf('?');
  return `${method} ${query === -1 ? path : path.slice(0, query)}`;
}
