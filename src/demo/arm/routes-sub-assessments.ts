/**
 * Defender for Cloud vulnerability findings as ARM serves them (`Microsoft.Security/assessments/subAssessments`,
 * api-version 2019-01-01-preview): `GET {scope}/providers/Microsoft.Security/assessments/{key}/subAssessments`
 * (a recommendation's findings on one resource, or on every resource of the subscription),
 * `.../subAssessments/{name}`, and `GET /subscriptions/{id}/providers/Microsoft.Security/subAssessments` (every
 * finding in the subscription), paged with `nextLink`. Timestamps are slid to the present. It never writes.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import { armPage } from './arm-paging.js';
import type { DemoDefenderForCloud, DemoSubAssessment } from './defender-for-cloud-state.js';

/** Findings per page (the service pages these long lists too). */
export const SUB_ASSESSMENTS_PAGE_SIZE = 50;

/** Where the findings are listed: the subscription, or one resource, and which recommendation. */
export interface SubAssessmentScope {
  scope: string;
  atSubscription: boolean;
  /** Absent: every recommendation's findings (subscription scope only). */
  assessmentKey?: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function onWire(sub: DemoSubAssessment, driftMs: number): Record<string, unknown> {
  const { timeGenerated } = slideTimestamps({ timeGenerated: sub.timeGenerated }, ['timeGenerated'], driftMs);
  return {
    type: 'Microsoft.Security/assessments/subAssessments',
    id: `${sub.resourceId}/providers/Microsoft.Security/assessments/${sub.assessmentKey}/subAssessments/${sub.name}`,
    name: sub.name,
    properties: {
      id: sub.findingId,
      displayName: sub.displayName,
      status: { ...sub.status },
      remediation: sub.remediation,
      impact: sub.impact,
      category: sub.category,
      description: sub.description,
      timeGenerated,
      resourceDetails: { source: 'Azure', id: sub.resourceId },
      additionalData: structuredClone(sub.additionalData),
    },
  };
}

function inScope(sub: DemoSubAssessment, target: SubAssessmentScope): boolean {
  return (
    (target.atSubscription || same(sub.resourceId, target.scope)) &&
    (target.assessmentKey === undefined || same(sub.assessmentKey, target.assessmentKey))
  );
}

/** `GET {scope}/providers/Microsoft.Security[/assessments/{key}]/subAssessments` */
export function listSubAssessments(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
  target: SubAssessmentScope,
): DemoServiceResponse {
  if (
    target.assessmentKey !== undefined &&
    !defender.assessmentMetadata.some((m) => same(m.name, target.assessmentKey!))
  ) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The assessment '${target.assessmentKey}' was not found.`,
    );
  }
  const items = defender.subAssessments
    .filter((sub) => inScope(sub, target))
    .map((sub) => onWire(sub, driftMs));
  return { status: 200, body: armPage(request, items, SUB_ASSESSMENTS_PAGE_SIZE) };
}

/** `GET {scope}/providers/Microsoft.Security/assessments/{key}/subAssessments/{name}` */
export function getSubAssessment(
  defender: DemoDefenderForCloud,
  driftMs: number,
  target: SubAssessmentScope,
  name: string,
): DemoServiceResponse {
  const sub = defender.subAssessments.find(
    (candidate) => inScope(candidate, target) && same(candidate.name, name),
  );
  if (sub === undefined) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/assessments/subAssessments/${name}' under resource '${target.scope}' was not found.`,
    );
  }
  return { status: 200, body: onWire(sub, driftMs) };
}
