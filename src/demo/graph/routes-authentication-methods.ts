/**
 * `GET /users/{id | userPrincipalName}/authentication/methods` as Microsoft Graph v1.0 serves it: every
 * registered method as its derived type, told apart by `@odata.type` (password, Microsoft Authenticator,
 * phone, FIDO2, email, software OATH, Windows Hello for Business). Graph documents no query options here.
 * It never reveals secrets: `password` and `secretKey` are always null, as in Graph.
 */
import { slideTimestamps } from '../demo-clock.js';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { type CollectionDefinition, listCollection } from './collection-response.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { findUserOrThrow } from './routes-users.js';

function methodsCollection(userId: string): CollectionDefinition {
  return {
    contextPath: `users('${userId}')/authentication/methods`,
    entityType: 'microsoft.graph.authenticationMethod',
    properties: [
      'id',
      'displayName',
      'createdDateTime',
      'password',
      'deviceTag',
      'phoneAppVersion',
      'phoneNumber',
      'phoneType',
      'smsSignInState',
      'aaGuid',
      'model',
      'attestationCertificates',
      'attestationLevel',
      'emailAddress',
      'secretKey',
      'keyStrength',
    ],
    alwaysProperties: ['@odata.type'],
    filterable: {},
    orderable: [],
    defaultOrderBy: [],
    defaultPageSize: 100,
    maxPageSize: 100,
  };
}

const METHOD_DATES = ['createdDateTime'] as const;

/** `GET /users/{id | userPrincipalName}/authentication/methods` */
export function listAuthenticationMethods(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  userKey: string,
): GraphResponse {
  const person = findUserOrThrow(state, userKey);
  const methods = state.authenticationMethods.get(person.user.id) ?? [];
  return listCollection(
    request,
    methodsCollection(userKey),
    methods.map((m) => slideTimestamps(m, METHOD_DATES, driftMs)),
  );
}
