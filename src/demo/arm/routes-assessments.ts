/**
 * Defender for Cloud recommendations as ARM serves them (`Microsoft.Security`, api-version 2021-06-01):
 * `GET {scope}/providers/Microsoft.Security/assessments` (subscription or resource scope, paged with
 * `nextLink`, `$expand=links|metadata`), `GET {resourceId}/providers/Microsoft.Security/assessments/{name}`,
 * and the recommendation catalog `GET [/subscriptions/{id}]/providers/Microsoft.Security/assessmentMetadata[/{name}]`.
 * From api-version 2025-05-04 unhealthy assessments carry Defender CSPM's `risk` (see `assessment-risk.ts`).
 * Timestamps are slid to the present. It never writes.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import { armPage } from './arm-paging.js';
import { assessmentRisk } from './assessment-risk.js';
import type {
  DemoAssessment,
  DemoAssessmentMetadata,
  DemoDefenderForCloud,
} from './defender-for-cloud-state.js';

/** Assessments per page (the real service pages too; clients must follow `nextLink`). */
export const ASSESSMENTS_PAGE_SIZE = 50;
const PORTAL = 'https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey';
const STATUS_DATES = ['firstEvaluationDate', 'statusChangeDate'] as const;

function readExpand(request: DemoServiceRequest): Set<string> {
  const raw = request.query.get('$expand') ?? '';
  const values = new Set(
    raw
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== ''),
  );
  for (const value of values) {
    if (value !== 'links' && value !== 'metadata') {
      throw new ArmHttpError(
        400,
        'InvalidExpandParameter',
        `The $expand value '${value}' is not valid. Valid values are 'links' and 'metadata'.`,
      );
    }
  }
  return values;
}

/** The metadata's `properties`, as the service writes them (the demo's own fields left out). */
export function metadataProperties(metadata: DemoAssessmentMetadata): Record<string, unknown> {
  const { name: _name, resourceTypes: _types, controlName: _control, ...properties } = metadata;
  return properties;
}

/** Whether the request's api-version serves `properties.risk` (2025-05-04 and later). */
function servesRisk(request: DemoServiceRequest): boolean {
  return (request.query.get('api-version') ?? '') >= '2025-05-04';
}

function assessmentOnWire(
  assessment: DemoAssessment,
  metadata: DemoAssessmentMetadata,
  expand: Set<string>,
  driftMs: number,
  risk?: Record<string, unknown>,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    resourceDetails: { source: 'Azure', id: assessment.resourceId },
    displayName: metadata.displayName,
    status: slideTimestamps(assessment.status, STATUS_DATES, driftMs),
  };
  if (assessment.additionalData) properties.additionalData = { ...assessment.additionalData };
  if (risk !== undefined) properties.risk = risk;
  if (expand.has('links')) properties.links = { azurePortalUri: `${PORTAL}/${metadata.name}` };
  if (expand.has('metadata')) properties.metadata = metadataProperties(metadata);
  return {
    type: 'Microsoft.Security/assessments',
    id: `${assessment.resourceId}/providers/Microsoft.Security/assessments/${assessment.assessmentKey}`,
    name: assessment.assessmentKey,
    properties,
  };
}

function metadataByKey(defender: DemoDefenderForCloud): Map<string, DemoAssessmentMetadata> {
  return new Map(defender.assessmentMetadata.map((m) => [m.name.toLowerCase(), m]));
}

/**
 * `GET {scope}/providers/Microsoft.Security/assessments`: the subscription's assessments, or one resource's
 * when `resourceId` is given.
 */
export function listAssessments(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
  resourceId?: string,
): DemoServiceResponse {
  const expand = readExpand(request);
  const catalog = metadataByKey(defender);
  const wanted = resourceId?.toLowerCase();
  const items = defender.assessments
    .filter((a) => wanted === undefined || a.resourceId.toLowerCase() === wanted)
    .map((a) => {
      const metadata = catalog.get(a.assessmentKey.toLowerCase())!;
      const risk = servesRisk(request) ? assessmentRisk(defender, a, metadata.severity) : undefined;
      return assessmentOnWire(a, metadata, expand, driftMs, risk);
    });
  return { status: 200, body: armPage(request, items, ASSESSMENTS_PAGE_SIZE) };
}

/** `GET {resourceId}/providers/Microsoft.Security/assessments/{name}` */
export function getAssessment(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
  resourceId: string,
  name: string,
): DemoServiceResponse {
  const expand = readExpand(request);
  const assessment = defender.assessments.find(
    (a) =>
      a.resourceId.toLowerCase() === resourceId.toLowerCase() &&
      a.assessmentKey.toLowerCase() === name.toLowerCase(),
  );
  if (assessment === undefined) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/assessments/${name}' under resource '${resourceId}' was not found.`,
    );
  }
  const metadata = metadataByKey(defender).get(assessment.assessmentKey.toLowerCase())!;
  const risk = servesRisk(request) ? assessmentRisk(defender, assessment, metadata.severity) : undefined;
  return { status: 200, body: assessmentOnWire(assessment, metadata, expand, driftMs, risk) };
}

function metadataOnWire(metadata: DemoAssessmentMetadata): Record<string, unknown> {
  return {
    id: `/providers/Microsoft.Security/assessmentMetadata/${metadata.name}`,
    name: metadata.name,
    type: 'Microsoft.Security/assessmentMetadata',
    properties: metadataProperties(metadata),
  };
}

/** `GET [/subscriptions/{id}]/providers/Microsoft.Security/assessmentMetadata` */
export function listAssessmentMetadata(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
): DemoServiceResponse {
  return {
    status: 200,
    body: armPage(request, defender.assessmentMetadata.map(metadataOnWire), 500),
  };
}

/** `GET [/subscriptions/{id}]/providers/Microsoft.Security/assessmentMetadata/{name}` */
export function getAssessmentMetadata(defender: DemoDefenderForCloud, name: string): DemoServiceResponse {
  const metadata = metadataByKey(defender).get(name.toLowerCase());
  if (metadata === undefined) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/assessmentMetadata/${name}' was not found.`,
    );
  }
  return { status: 200, body: metadataOnWire(metadata) };
}
