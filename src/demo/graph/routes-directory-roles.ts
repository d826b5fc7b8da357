/**
 * Directory roles as Microsoft Graph v1.0 serves them: `GET /directoryRoles[/{id}]` (the built-in roles
 * activated in the tenant) and `GET /directoryRoles/{id}/members` (their active members; PIM-eligible
 * people are not members until they activate). A role is found by its object id or its `roleTemplateId`.
 * It never activates a role or changes its members.
 */
import type { DemoTenantState } from '../demo-tenant-state.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import type { DemoDirectoryRole } from '../state/directory-objects.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';
import { listMembers } from './routes-groups.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };

/** How `/directoryRoles` behaves. */
export const DIRECTORY_ROLES_COLLECTION: CollectionDefinition = {
  contextPath: 'directoryRoles',
  entityType: 'microsoft.graph.directoryRole',
  properties: ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'],
  filterable: { id: exact, displayName: exact, roleTemplateId: exact },
  orderable: [],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
};

function findRoleOrThrow(state: DemoTenantState, key: string): DemoDirectoryRole {
  const wanted = key.toLowerCase();
  const role = state.directoryRoles.find((r) => r.role.id === wanted || r.role.roleTemplateId === wanted);
  if (role === undefined) {
    throw new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return role;
}

/** `GET /directoryRoles` */
export function listDirectoryRoles(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  return listCollection(
    request,
    DIRECTORY_ROLES_COLLECTION,
    context.state.directoryRoles.map((r) => r.role),
  );
}

/** `GET /directoryRoles/{id | roleTemplateId}` */
export function getDirectoryRole(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  return getEntity(request, DIRECTORY_ROLES_COLLECTION, findRoleOrThrow(context.state, key).role);
}

/** `GET /directoryRoles/{id | roleTemplateId}/members` */
export function listDirectoryRoleMembers(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  return listMembers(request, context, findRoleOrThrow(context.state, key).memberIds);
}
