/**
 * Groups as Microsoft Graph v1.0 serves them: `GET /groups[/{id}]`, `GET /groups/{id}/members` (users, with
 * `@odata.type`), `GET /users/{id | userPrincipalName}/memberOf` and `/transitiveMemberOf` (groups and
 * directory roles; the demo tenant nests no groups, so both are the same), and
 * `POST /users/{id}/checkMemberGroups` (which of up to 20 groups the user is in), with the filters clients
 * send (`displayName`, `securityEnabled`, `groupTypes/any(c: c eq 'Unified')`, ...), 100 per page and Graph's
 * own 404s.
 * It never changes a membership: the demo tenant's groups are read-only.
 */
import { z } from 'zod/v4';
import type { DemoTenantState } from '../demo-tenant-state.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import type { DemoGraphGroup, DemoGroup } from '../state/directory-objects.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import {
  groupAsDirectoryObject,
  roleAsDirectoryObject,
  userAsDirectoryObject,
} from './directory-object-on-wire.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { readGraphJsonBody } from './graph-request-body.js';
import type { GraphRouteContext } from './graph-route-context.js';
import { findUserOrThrow, USER_PROPERTIES, USERS_COLLECTION } from './routes-users.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const flag: FilterableProperty = { type: 'boolean', operators: ['eq', 'ne'] };

const GROUP_PROPERTIES = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'creationOptions',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesLastSyncDateTime',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
] as const satisfies readonly (keyof DemoGraphGroup)[];

/** How `/groups` behaves. */
export const GROUPS_COLLECTION: CollectionDefinition = {
  contextPath: 'groups',
  entityType: 'microsoft.graph.group',
  properties: GROUP_PROPERTIES,
  filterable: {
    id: exact,
    displayName: text,
    mail: text,
    mailNickname: text,
    securityEnabled: flag,
    mailEnabled: flag,
    isAssignableToRole: flag,
    groupTypes: { type: 'string', operators: ['eq'], inCollection: 'groupTypes' },
    createdDateTime: { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] },
  },
  orderable: ['displayName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  countNeedsConsistencyLevel: true,
};

/** Members and memberOf: directory objects, told apart by `@odata.type`. */
const DIRECTORY_OBJECTS_COLLECTION: CollectionDefinition = {
  contextPath: 'directoryObjects',
  entityType: 'microsoft.graph.directoryObject',
  properties: [...new Set([...USER_PROPERTIES, ...GROUP_PROPERTIES, 'description', 'roleTemplateId'])],
  alwaysProperties: ['@odata.type'],
  filterable: { id: exact, displayName: text },
  orderable: ['displayName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  countNeedsConsistencyLevel: true,
};

/** The group with object id `id`, or Graph's 404. */
export function findGroupOrThrow(state: DemoTenantState, id: string): DemoGroup {
  const group = state.groups.find((g) => g.group.id === id.toLowerCase());
  if (group === undefined) {
    throw new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return group;
}

/**
 * `members` of a group or role: users with `@odata.type`; the user default property set without `$select`
 * (as Graph returns members), any user property with it.
 */
export function listMembers(
  request: GraphRequest,
  context: GraphRouteContext,
  memberIds: readonly string[],
): GraphResponse {
  const driftMs = context.clock.driftMs();
  const defaults = new Set<string>(['@odata.type', ...(USERS_COLLECTION.defaultProperties ?? [])]);
  const selecting = request.query.has('$select');
  const members = memberIds.flatMap((id) => {
    const person = context.state.users.find((p) => p.user.id === id);
    if (person === undefined) return [];
    const full = userAsDirectoryObject(person, driftMs);
    return [
      selecting ? full : Object.fromEntries(Object.entries(full).filter(([name]) => defaults.has(name))),
    ];
  });
  return listCollection(request, DIRECTORY_OBJECTS_COLLECTION, members);
}

/** `GET /groups` */
export function listGroups(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    GROUPS_COLLECTION,
    context.state.groups.map((g) => slideDateTimes(g.group, driftMs)),
  );
}

/** `GET /groups/{id}` */
export function getGroup(request: GraphRequest, context: GraphRouteContext, id: string): GraphResponse {
  const group = findGroupOrThrow(context.state, id);
  return getEntity(request, GROUPS_COLLECTION, slideDateTimes(group.group, context.clock.driftMs()));
}

/** `GET /groups/{id}/members` */
export function listGroupMembers(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  return listMembers(request, context, findGroupOrThrow(context.state, id).memberIds);
}

/** `GET /users/{id | userPrincipalName}/memberOf`: the user's groups, then their directory roles. */
export function listUserMemberOf(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, key);
  const driftMs = context.clock.driftMs();
  const id = person.user.id;
  const objects = [
    ...context.state.groups
      .filter((g) => g.memberIds.includes(id))
      .map((g) => groupAsDirectoryObject(g, driftMs)),
    ...context.state.directoryRoles.filter((r) => r.memberIds.includes(id)).map(roleAsDirectoryObject),
  ];
  return listCollection(request, DIRECTORY_OBJECTS_COLLECTION, objects);
}

const checkMemberGroupsSchema = z.object({ groupIds: z.array(z.string().min(1)).min(1).max(20) });

/** `POST /users/{id | userPrincipalName}/checkMemberGroups`: the given groups the user is a member of. */
export function checkMemberGroups(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, key);
  const { groupIds } = readGraphJsonBody(request, checkMemberGroupsSchema);
  const wanted = new Set(groupIds.map((id) => id.toLowerCase()));
  const value = context.state.groups
    .filter((g) => wanted.has(g.group.id) && g.memberIds.includes(person.user.id))
    .map((g) => g.group.id);
  return {
    status: 200,
    body: { '@odata.context': `${request.serviceRoot}/$metadata#Collection(Edm.String)`, value },
  };
}
