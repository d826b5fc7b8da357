/**
 * `GET /auditLogs/directoryAudits[/{id}]` as Microsoft Graph v1.0 serves it: newest first, `$filter` on
 * time, category, activity, service, result, who initiated it (`initiatedBy/user/id`, `initiatedBy/app/appId`,
 * ...) and what it touched (`targetResources/any(t: t/id eq '...')`), 100 per page (`$top` up to 999).
 * It never writes: the demo tenant's write APIs add their own records (see `writes/record-write-audit.ts`).
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };

/** How `/auditLogs/directoryAudits` behaves. */
export const DIRECTORY_AUDITS_COLLECTION: CollectionDefinition = {
  contextPath: 'auditLogs/directoryAudits',
  entityType: 'microsoft.graph.directoryAudit',
  properties: [
    'id',
    'category',
    'correlationId',
    'result',
    'resultReason',
    'activityDisplayName',
    'activityDateTime',
    'loggedByService',
    'operationType',
    'initiatedBy',
    'targetResources',
    'additionalDetails',
  ],
  filterable: {
    id: exact,
    category: exact,
    correlationId: exact,
    result: exact,
    activityDisplayName: text,
    loggedByService: exact,
    operationType: exact,
    activityDateTime: { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] },
    'initiatedBy/user/id': exact,
    'initiatedBy/user/displayName': text,
    'initiatedBy/user/userPrincipalName': text,
    'initiatedBy/app/appId': exact,
    'initiatedBy/app/displayName': text,
    'targetResources/id': { ...exact, inCollection: 'targetResources' },
    'targetResources/displayName': { ...text, inCollection: 'targetResources' },
    'targetResources/userPrincipalName': { ...text, inCollection: 'targetResources' },
    'targetResources/type': { ...exact, inCollection: 'targetResources' },
  },
  orderable: ['activityDateTime'],
  defaultOrderBy: [{ property: 'activityDateTime', descending: true }],
  defaultPageSize: 100,
  maxPageSize: 999,
};

/** `GET /auditLogs/directoryAudits` */
export function listDirectoryAudits(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    DIRECTORY_AUDITS_COLLECTION,
    context.state.directoryAudits.map((a) => slideDateTimes(a, driftMs)),
  );
}

/** `GET /auditLogs/directoryAudits/{id}` */
export function getDirectoryAudit(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const record = context.state.directoryAudits.find((a) => a.id === id);
  if (record === undefined) {
    throw new GraphHttpError(404, 'Request_ResourceNotFound', `The directoryAudit '${id}' was not found.`);
  }
  return getEntity(request, DIRECTORY_AUDITS_COLLECTION, slideDateTimes(record, context.clock.driftMs()));
}
