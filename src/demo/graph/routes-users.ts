/**
 * `GET /users` and `GET /users/{id | userPrincipalName}` as Microsoft Graph v1.0 answers them: the default
 * property set without `$select`, case-insensitive `startswith`/`eq` filters on names and addresses, 100 per
 * page (999 at most), `$count` only with `ConsistencyLevel: eventual`, filters on the HR dates
 * (`employeeHireDate`, `employeeLeaveDateTime`) only as advanced queries, and Graph's own 404 for unknown users.
 * It never exposes the demo-only facts of a person (home, devices, PIM roles): only the directory object.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoGraphUser, DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';

/** Every property of `microsoft.graph.user` the demo tenant serves, in Graph's order. */
export const USER_PROPERTIES = [
  'id',
  'accountEnabled',
  'businessPhones',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeLeaveDateTime',
  'givenName',
  'jobTitle',
  'lastPasswordChangeDateTime',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesSyncEnabled',
  'preferredLanguage',
  'state',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
  'signInSessionsValidFromDateTime',
] as const satisfies readonly (keyof DemoGraphUser)[];

const text = { type: 'string', operators: ['eq', 'ne'], startsWith: true } as const;
const exact = { type: 'string', operators: ['eq', 'ne'] } as const;

/** How `/users` behaves. */
export const USERS_COLLECTION: CollectionDefinition = {
  contextPath: 'users',
  entityType: 'microsoft.graph.user',
  properties: USER_PROPERTIES,
  // What Graph v1.0 returns for a user when no $select is given.
  defaultProperties: [
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
    'id',
  ],
  filterable: {
    id: exact,
    displayName: text,
    givenName: text,
    surname: text,
    userPrincipalName: text,
    mail: text,
    mailNickname: text,
    jobTitle: text,
    department: text,
    city: text,
    country: text,
    officeLocation: text,
    usageLocation: exact,
    employeeId: exact,
    userType: exact,
    accountEnabled: { type: 'boolean', operators: ['eq', 'ne'] },
    onPremisesSyncEnabled: { type: 'boolean', operators: ['eq', 'ne'] },
    createdDateTime: { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] },
    employeeHireDate: { type: 'datetime', operators: ['eq', 'ne', 'ge', 'le'] },
    employeeLeaveDateTime: { type: 'datetime', operators: ['eq', 'ne', 'ge', 'le'] },
  },
  // Graph documents filters on employeeHireDate as advanced queries; Ward sends both date filters as such.
  advancedQueryProperties: ['employeeHireDate', 'employeeLeaveDateTime'],
  orderable: ['displayName', 'userPrincipalName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 999,
  countNeedsConsistencyLevel: true,
};

const USER_DATES = [
  'createdDateTime',
  'lastPasswordChangeDateTime',
  'signInSessionsValidFromDateTime',
  'employeeHireDate',
  'employeeLeaveDateTime',
] as const;

/** The directory object of `person` as served now. */
export function userOnWire(person: DemoUser, driftMs: number): DemoGraphUser {
  return slideTimestamps(person.user, USER_DATES, driftMs);
}

/** The person whose object id or UPN is `key` (case-insensitive), or Graph's 404. */
export function findUserOrThrow(state: DemoTenantState, key: string): DemoUser {
  const wanted = key.toLowerCase();
  const person = state.users.find(
    (p) => p.user.id === wanted || p.user.userPrincipalName.toLowerCase() === wanted,
  );
  if (person === undefined) {
    throw new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return person;
}

/** `GET /users` */
export function listUsers(request: GraphRequest, state: DemoTenantState, driftMs: number): GraphResponse {
  return listCollection(
    request,
    USERS_COLLECTION,
    state.users.map((p) => userOnWire(p, driftMs)),
  );
}

/** `GET /users/{id | userPrincipalName}` */
export function getUser(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  key: string,
): GraphResponse {
  const person = findUserOrThrow(state, key);
  return getEntity(request, USERS_COLLECTION, userOnWire(person, driftMs));
}
