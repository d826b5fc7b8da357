/**
 * Entra role management (and PIM) as Microsoft Graph v1.0 serves it under `/roleManagement/directory`:
 * `roleDefinitions`, `roleAssignments` (active) and `roleEligibilitySchedules` (PIM-eligible), each with
 * `/{id}`, `$filter` on `principalId` and `roleDefinitionId`, and `$expand=roleDefinition` or `principal`.
 * It never assigns or activates a role.
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import type { DemoRoleDefinition } from '../state/directory-objects.js';
import {
  type CollectionDefinition,
  type Expanders,
  getEntity,
  listCollection,
} from './collection-response.js';
import { userAsDirectoryObject } from './directory-object-on-wire.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const BASE = 'roleManagement/directory';

/** How `/roleManagement/directory/roleDefinitions` behaves. */
export const ROLE_DEFINITIONS_COLLECTION: CollectionDefinition = {
  contextPath: `${BASE}/roleDefinitions`,
  entityType: 'microsoft.graph.unifiedRoleDefinition',
  properties: [
    'id',
    'description',
    'displayName',
    'isBuiltIn',
    'isEnabled',
    'resourceScopes',
    'templateId',
    'version',
    'rolePermissions',
  ],
  filterable: {
    id: exact,
    displayName: text,
    templateId: exact,
    isBuiltIn: { type: 'boolean', operators: ['eq', 'ne'] },
  },
  orderable: ['displayName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
};

const assignmentFilters = { id: exact, principalId: exact, roleDefinitionId: exact, directoryScopeId: exact };

/** How `/roleManagement/directory/roleAssignments` behaves. */
export const ROLE_ASSIGNMENTS_COLLECTION: CollectionDefinition = {
  contextPath: `${BASE}/roleAssignments`,
  entityType: 'microsoft.graph.unifiedRoleAssignment',
  properties: ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'],
  filterable: assignmentFilters,
  orderable: [],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  expandable: ['roleDefinition', 'principal'],
};

/** How `/roleManagement/directory/roleEligibilitySchedules` behaves. */
export const ROLE_ELIGIBILITY_SCHEDULES_COLLECTION: CollectionDefinition = {
  contextPath: `${BASE}/roleEligibilitySchedules`,
  entityType: 'microsoft.graph.unifiedRoleEligibilitySchedule',
  properties: [
    'id',
    'principalId',
    'roleDefinitionId',
    'directoryScopeId',
    'appScopeId',
    'createdUsing',
    'createdDateTime',
    'modifiedDateTime',
    'status',
    'memberType',
    'scheduleInfo',
  ],
  filterable: { ...assignmentFilters, status: exact, memberType: exact },
  orderable: ['createdDateTime'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  expandable: ['roleDefinition', 'principal'],
};

function notFound(id: string): GraphHttpError {
  return new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function expanders(context: GraphRouteContext): Expanders {
  const driftMs = context.clock.driftMs();
  const definitions = new Map<string, DemoRoleDefinition>(
    context.state.roleDefinitions.map((d) => [d.id, d]),
  );
  return {
    roleDefinition: (item) => definitions.get(String(item.roleDefinitionId)) ?? null,
    principal: (item) => {
      const person = context.state.users.find((p) => p.user.id === item.principalId);
      return person === undefined ? null : userAsDirectoryObject(person, driftMs);
    },
  };
}

function find<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = items.find((i) => i.id === id);
  if (item === undefined) throw notFound(id);
  return item;
}

/** `GET /roleManagement/directory/roleDefinitions` */
export function listRoleDefinitions(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  return listCollection(request, ROLE_DEFINITIONS_COLLECTION, context.state.roleDefinitions);
}

/** `GET /roleManagement/directory/roleDefinitions/{id}` */
export function getRoleDefinition(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  return getEntity(
    request,
    ROLE_DEFINITIONS_COLLECTION,
    find(context.state.roleDefinitions, id.toLowerCase()),
  );
}

/** `GET /roleManagement/directory/roleAssignments` */
export function listRoleAssignments(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  return listCollection(
    request,
    ROLE_ASSIGNMENTS_COLLECTION,
    context.state.roleAssignments,
    expanders(context),
  );
}

/** `GET /roleManagement/directory/roleAssignments/{id}` (ids are case-sensitive, as Graph's are). */
export function getRoleAssignment(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const assignment = find(context.state.roleAssignments, id);
  return getEntity(request, ROLE_ASSIGNMENTS_COLLECTION, assignment, expanders(context));
}

/** `GET /roleManagement/directory/roleEligibilitySchedules` */
export function listRoleEligibilitySchedules(
  request: GraphRequest,
  context: GraphRouteContext,
): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    ROLE_ELIGIBILITY_SCHEDULES_COLLECTION,
    context.state.roleEligibilitySchedules.map((s) => slideDateTimes(s, driftMs)),
    expanders(context),
  );
}

/** `GET /roleManagement/directory/roleEligibilitySchedules/{id}` */
export function getRoleEligibilitySchedule(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const schedule = find(context.state.roleEligibilitySchedules, id.toLowerCase());
  return getEntity(
    request,
    ROLE_ELIGIBILITY_SCHEDULES_COLLECTION,
    slideDateTimes(schedule, context.clock.driftMs()),
    expanders(context),
  );
}
