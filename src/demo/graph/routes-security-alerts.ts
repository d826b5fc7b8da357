/**
 * Defender XDR alerts as Microsoft Graph v1.0 serves them: `GET /security/alerts_v2[/{id}]`, newest first,
 * each with its evidence (users, devices, addresses, processes with their command lines, URLs, mailboxes),
 * `$filter` on severity, status, serviceSource, classification, determination, assignedTo and the two
 * timestamps, 100 per page (`$top` up to 2,000). `POST /security/runHuntingQuery` answers that advanced
 * hunting is not available yet, in Graph's error shape.
 * It never updates an alert.
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const instant: FilterableProperty = { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] };

/** How `/security/alerts_v2` behaves. */
export const ALERTS_COLLECTION: CollectionDefinition = {
  contextPath: 'security/alerts_v2',
  entityType: 'microsoft.graph.security.alert',
  properties: [
    'id',
    'providerAlertId',
    'incidentId',
    'status',
    'severity',
    'classification',
    'determination',
    'serviceSource',
    'detectionSource',
    'productName',
    'detectorId',
    'tenantId',
    'title',
    'description',
    'recommendedActions',
    'category',
    'assignedTo',
    'alertWebUrl',
    'incidentWebUrl',
    'actorDisplayName',
    'threatDisplayName',
    'threatFamilyName',
    'mitreTechniques',
    'createdDateTime',
    'lastUpdateDateTime',
    'resolvedDateTime',
    'firstActivityDateTime',
    'lastActivityDateTime',
    'comments',
    'evidence',
    'systemTags',
    'alertPolicyId',
    'additionalData',
  ],
  alwaysProperties: ['@odata.type'],
  filterable: {
    id: exact,
    assignedTo: exact,
    classification: exact,
    determination: exact,
    severity: exact,
    status: exact,
    serviceSource: exact,
    createdDateTime: instant,
    lastUpdateDateTime: instant,
  },
  orderable: ['createdDateTime', 'lastUpdateDateTime'],
  defaultOrderBy: [{ property: 'createdDateTime', descending: true }],
  defaultPageSize: 100,
  maxPageSize: 2000,
};

/** `GET /security/alerts_v2` */
export function listAlerts(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    ALERTS_COLLECTION,
    context.state.securityAlerts.map((a) => slideDateTimes(a, driftMs)),
  );
}

/** `GET /security/alerts_v2/{id}` */
export function getAlert(request: GraphRequest, context: GraphRouteContext, id: string): GraphResponse {
  const alert = context.state.securityAlerts.find((a) => a.id === id);
  if (alert === undefined) {
    throw new GraphHttpError(404, 'NotFound', `Alert ${id} was not found.`);
  }
  return getEntity(request, ALERTS_COLLECTION, slideDateTimes(alert, context.clock.driftMs()));
}

/** `POST /security/runHuntingQuery`: not served yet (KQL execution comes with the Log Analytics slice). */
export function runHuntingQuery(): GraphResponse {
  throw new GraphHttpError(
    400,
    'BadRequest',
    'Advanced hunting queries are not supported by the demo tenant yet.',
  );
}
