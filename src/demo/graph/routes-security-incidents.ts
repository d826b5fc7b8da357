/**
 * Defender XDR incidents as Microsoft Graph v1.0 serves them: `GET /security/incidents[/{id}]`, newest
 * first, `$filter` on status, severity, classification, determination, assignedTo and the two timestamps,
 * `$expand=alerts` (each incident with its alerts and their evidence), 20 per page (`$top` up to 50).
 * It never updates an incident or adds a comment.
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import {
  type CollectionDefinition,
  type Expanders,
  getEntity,
  listCollection,
} from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const instant: FilterableProperty = { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] };

/** How `/security/incidents` behaves. */
export const INCIDENTS_COLLECTION: CollectionDefinition = {
  contextPath: 'security/incidents',
  entityType: 'microsoft.graph.security.incident',
  properties: [
    'id',
    'incidentWebUrl',
    'tenantId',
    'redirectIncidentId',
    'displayName',
    'createdDateTime',
    'lastUpdateDateTime',
    'assignedTo',
    'classification',
    'determination',
    'status',
    'severity',
    'customTags',
    'systemTags',
    'description',
    'resolvingComment',
    'summary',
    'comments',
  ],
  alwaysProperties: ['@odata.type'],
  filterable: {
    id: exact,
    assignedTo: exact,
    classification: exact,
    determination: exact,
    status: exact,
    severity: exact,
    createdDateTime: instant,
    lastUpdateDateTime: instant,
  },
  orderable: ['createdDateTime', 'lastUpdateDateTime'],
  defaultOrderBy: [{ property: 'createdDateTime', descending: true }],
  defaultPageSize: 20,
  maxPageSize: 50,
  expandable: ['alerts'],
};

function alertsExpander(context: GraphRouteContext): Expanders {
  const driftMs = context.clock.driftMs();
  return {
    alerts: (incident) =>
      context.state.securityAlerts
        .filter((a) => a.incidentId === incident.id)
        .map((a) => slideDateTimes(a, driftMs)),
  };
}

/** `GET /security/incidents` */
export function listIncidents(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    INCIDENTS_COLLECTION,
    context.state.securityIncidents.map((i) => slideDateTimes(i, driftMs)),
    alertsExpander(context),
  );
}

/** `GET /security/incidents/{id}` */
export function getIncident(request: GraphRequest, context: GraphRouteContext, id: string): GraphResponse {
  const incident = context.state.securityIncidents.find((i) => i.id === id);
  if (incident === undefined) {
    throw new GraphHttpError(404, 'NotFound', `Incident ${id} was not found.`);
  }
  return getEntity(
    request,
    INCIDENTS_COLLECTION,
    slideDateTimes(incident, context.clock.driftMs()),
    alertsExpander(context),
  );
}
