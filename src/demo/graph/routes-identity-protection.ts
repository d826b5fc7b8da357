/**
 * Identity Protection as Microsoft Graph v1.0 serves it: `GET /identityProtection/riskyUsers[/{id}]` and
 * `GET /identityProtection/riskDetections[/{id}]`, with `$filter` on the properties Ward and analysts use,
 * newest first, 20 per page (`$top` up to 500) and `@odata.nextLink` paging.
 * A user Identity Protection never flagged has no riskyUser record: Graph answers 404 for it, and so does
 * this (it does not invent a `riskLevel: none` record). It never changes risk state: writes come later.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoRiskDetection, DemoRiskyUser, DemoTenantState } from '../demo-tenant-state.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const instant: FilterableProperty = { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] };
const flag: FilterableProperty = { type: 'boolean', operators: ['eq', 'ne'] };

/** How `/identityProtection/riskyUsers` behaves. */
export const RISKY_USERS_COLLECTION: CollectionDefinition = {
  contextPath: 'identityProtection/riskyUsers',
  entityType: 'microsoft.graph.riskyUser',
  properties: [
    'id',
    'isDeleted',
    'isProcessing',
    'riskLastUpdatedDateTime',
    'riskLevel',
    'riskState',
    'riskDetail',
    'userDisplayName',
    'userPrincipalName',
  ],
  filterable: {
    id: exact,
    riskLevel: exact,
    riskState: exact,
    riskDetail: exact,
    userPrincipalName: text,
    userDisplayName: text,
    riskLastUpdatedDateTime: instant,
    isDeleted: flag,
    isProcessing: flag,
  },
  orderable: ['riskLastUpdatedDateTime', 'riskLevel', 'userDisplayName', 'userPrincipalName'],
  defaultOrderBy: [{ property: 'riskLastUpdatedDateTime', descending: true }],
  defaultPageSize: 20,
  maxPageSize: 500,
};

/** How `/identityProtection/riskDetections` behaves. */
export const RISK_DETECTIONS_COLLECTION: CollectionDefinition = {
  contextPath: 'identityProtection/riskDetections',
  entityType: 'microsoft.graph.riskDetection',
  properties: [
    'id',
    'requestId',
    'correlationId',
    'riskEventType',
    'riskState',
    'riskLevel',
    'riskDetail',
    'source',
    'detectionTimingType',
    'activity',
    'tokenIssuerType',
    'ipAddress',
    'location',
    'activityDateTime',
    'detectedDateTime',
    'lastUpdatedDateTime',
    'userId',
    'userDisplayName',
    'userPrincipalName',
    'additionalInfo',
  ],
  filterable: {
    id: exact,
    requestId: exact,
    correlationId: exact,
    riskEventType: exact,
    riskState: exact,
    riskLevel: exact,
    riskDetail: exact,
    source: exact,
    detectionTimingType: exact,
    activity: exact,
    tokenIssuerType: exact,
    ipAddress: text,
    'location/city': text,
    'location/countryOrRegion': exact,
    activityDateTime: instant,
    detectedDateTime: instant,
    lastUpdatedDateTime: instant,
    userId: exact,
    userDisplayName: text,
    userPrincipalName: text,
  },
  orderable: ['detectedDateTime', 'activityDateTime', 'lastUpdatedDateTime', 'riskLevel'],
  defaultOrderBy: [{ property: 'detectedDateTime', descending: true }],
  defaultPageSize: 20,
  maxPageSize: 500,
};

const RISKY_USER_DATES = ['riskLastUpdatedDateTime'] as const;
const DETECTION_DATES = ['activityDateTime', 'detectedDateTime', 'lastUpdatedDateTime'] as const;

function riskyUserOnWire(record: DemoRiskyUser, driftMs: number): DemoRiskyUser {
  return slideTimestamps(record, RISKY_USER_DATES, driftMs);
}

function detectionOnWire(record: DemoRiskDetection, driftMs: number): DemoRiskDetection {
  return slideTimestamps(record, DETECTION_DATES, driftMs);
}

/** `GET /identityProtection/riskyUsers` */
export function listRiskyUsers(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
): GraphResponse {
  return listCollection(
    request,
    RISKY_USERS_COLLECTION,
    state.riskyUsers.map((r) => riskyUserOnWire(r, driftMs)),
  );
}

/** `GET /identityProtection/riskyUsers/{id}`: 404 when Identity Protection has no record of the user. */
export function getRiskyUser(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  id: string,
): GraphResponse {
  const record = state.riskyUsers.find((r) => r.id === id.toLowerCase());
  if (record === undefined) {
    throw new GraphHttpError(
      404,
      'itemNotFound',
      `The riskyUser '${id}' was not found: Identity Protection has no risk record for this user.`,
    );
  }
  return getEntity(request, RISKY_USERS_COLLECTION, riskyUserOnWire(record, driftMs));
}

/** `GET /identityProtection/riskDetections` */
export function listRiskDetections(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
): GraphResponse {
  return listCollection(
    request,
    RISK_DETECTIONS_COLLECTION,
    state.riskDetections.map((r) => detectionOnWire(r, driftMs)),
  );
}

/** `GET /identityProtection/riskDetections/{id}` */
export function getRiskDetection(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  id: string,
): GraphResponse {
  const record = state.riskDetections.find((r) => r.id === id.toLowerCase());
  if (record === undefined) {
    throw new GraphHttpError(404, 'itemNotFound', `The riskDetection '${id}' was not found.`);
  }
  return getEntity(request, RISK_DETECTIONS_COLLECTION, detectionOnWire(record, driftMs));
}
