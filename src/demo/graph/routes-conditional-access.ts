/**
 * Conditional Access as Microsoft Graph v1.0 serves it: `GET /identity/conditionalAccess/policies[/{id}]`
 * and `GET /identity/conditionalAccess/namedLocations[/{id}]` (IP and country locations, told apart by
 * `@odata.type`). These paths count against the Identity Protection throttle (see
 * `identity-protection-throttle.ts`), as the real service's do.
 * It never changes a policy and never evaluates one.
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const BASE = 'identity/conditionalAccess';

/** How `/identity/conditionalAccess/policies` behaves. */
export const CONDITIONAL_ACCESS_POLICIES_COLLECTION: CollectionDefinition = {
  contextPath: `${BASE}/policies`,
  entityType: 'microsoft.graph.conditionalAccessPolicy',
  properties: [
    'id',
    'templateId',
    'displayName',
    'createdDateTime',
    'modifiedDateTime',
    'state',
    'conditions',
    'grantControls',
    'sessionControls',
  ],
  filterable: { id: exact, displayName: text, state: exact },
  orderable: ['displayName', 'createdDateTime', 'modifiedDateTime'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
};

/** How `/identity/conditionalAccess/namedLocations` behaves. */
export const NAMED_LOCATIONS_COLLECTION: CollectionDefinition = {
  contextPath: `${BASE}/namedLocations`,
  entityType: 'microsoft.graph.namedLocation',
  properties: [
    'id',
    'displayName',
    'createdDateTime',
    'modifiedDateTime',
    'isTrusted',
    'ipRanges',
    'countriesAndRegions',
    'includeUnknownCountriesAndRegions',
    'countryLookupMethod',
  ],
  alwaysProperties: ['@odata.type'],
  filterable: { id: exact, displayName: text },
  orderable: ['displayName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
};

function notFound(what: string, id: string): GraphHttpError {
  return new GraphHttpError(404, 'itemNotFound', `The ${what} '${id}' was not found.`);
}

/** `GET /identity/conditionalAccess/policies` */
export function listConditionalAccessPolicies(
  request: GraphRequest,
  context: GraphRouteContext,
): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    CONDITIONAL_ACCESS_POLICIES_COLLECTION,
    context.state.conditionalAccessPolicies.map((p) => slideDateTimes(p, driftMs)),
  );
}

/** `GET /identity/conditionalAccess/policies/{id}` */
export function getConditionalAccessPolicy(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const policy = context.state.conditionalAccessPolicies.find((p) => p.id === id.toLowerCase());
  if (policy === undefined) throw notFound('conditionalAccessPolicy', id);
  return getEntity(
    request,
    CONDITIONAL_ACCESS_POLICIES_COLLECTION,
    slideDateTimes(policy, context.clock.driftMs()),
  );
}

/** `GET /identity/conditionalAccess/namedLocations` */
export function listNamedLocations(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    NAMED_LOCATIONS_COLLECTION,
    context.state.namedLocations.map((l) => slideDateTimes(l, driftMs)),
  );
}

/** `GET /identity/conditionalAccess/namedLocations/{id}` */
export function getNamedLocation(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const location = context.state.namedLocations.find((l) => l.id === id.toLowerCase());
  if (location === undefined) throw notFound('namedLocation', id);
  return getEntity(request, NAMED_LOCATIONS_COLLECTION, slideDateTimes(location, context.clock.driftMs()));
}
