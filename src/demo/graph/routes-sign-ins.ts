/**
 * `GET /auditLogs/signIns[/{id}]` as Microsoft Graph v1.0 serves it: interactive sign-ins, newest first,
 * `$filter` on user, app, address, time, status and location, `$top` up to 1,000 per page. Graph's default
 * page is 1,000; the demo tenant pages at 100 by default so that clients meet `@odata.nextLink` paging.
 * It never serves sign-ins older than the seeded 14 days and never writes.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoSignIn, DemoTenantState } from '../demo-tenant-state.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };

/** How `/auditLogs/signIns` behaves. */
export const SIGN_INS_COLLECTION: CollectionDefinition = {
  contextPath: 'auditLogs/signIns',
  entityType: 'microsoft.graph.signIn',
  properties: [
    'id',
    'createdDateTime',
    'userDisplayName',
    'userPrincipalName',
    'userId',
    'appId',
    'appDisplayName',
    'ipAddress',
    'clientAppUsed',
    'correlationId',
    'conditionalAccessStatus',
    'isInteractive',
    'riskDetail',
    'riskLevelAggregated',
    'riskLevelDuringSignIn',
    'riskState',
    'riskEventTypes',
    'riskEventTypes_v2',
    'resourceDisplayName',
    'resourceId',
    'status',
    'deviceDetail',
    'location',
    'appliedConditionalAccessPolicies',
  ],
  filterable: {
    id: exact,
    userId: exact,
    userPrincipalName: text,
    userDisplayName: text,
    appId: exact,
    appDisplayName: text,
    resourceId: exact,
    resourceDisplayName: text,
    ipAddress: text,
    clientAppUsed: exact,
    correlationId: exact,
    conditionalAccessStatus: exact,
    isInteractive: { type: 'boolean', operators: ['eq', 'ne'] },
    riskDetail: exact,
    riskLevelAggregated: exact,
    riskLevelDuringSignIn: exact,
    riskState: exact,
    createdDateTime: { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] },
    'status/errorCode': { type: 'number', operators: ['eq', 'ne'] },
    'location/city': text,
    'location/state': text,
    'location/countryOrRegion': text,
    'deviceDetail/deviceId': exact,
    'deviceDetail/operatingSystem': text,
    'deviceDetail/browser': text,
  },
  orderable: ['createdDateTime'],
  defaultOrderBy: [{ property: 'createdDateTime', descending: true }],
  defaultPageSize: 100,
  maxPageSize: 1000,
};

const SIGN_IN_DATES = ['createdDateTime'] as const;

function signInOnWire(record: DemoSignIn, driftMs: number): DemoSignIn {
  return slideTimestamps(record, SIGN_IN_DATES, driftMs);
}

/** `GET /auditLogs/signIns` */
export function listSignIns(request: GraphRequest, state: DemoTenantState, driftMs: number): GraphResponse {
  return listCollection(
    request,
    SIGN_INS_COLLECTION,
    state.signIns.map((s) => signInOnWire(s, driftMs)),
  );
}

/** `GET /auditLogs/signIns/{id}` */
export function getSignIn(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  id: string,
): GraphResponse {
  const record = state.signIns.find((s) => s.id === id.toLowerCase());
  if (record === undefined) {
    throw new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return getEntity(request, SIGN_INS_COLLECTION, signInOnWire(record, driftMs));
}
