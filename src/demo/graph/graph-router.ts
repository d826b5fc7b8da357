/**
 * Dispatches a Graph request (already split into version and path segments) to the route that serves it,
 * matching path segments without regard to case as Graph does, and the method: a path served with other
 * methods gets 405; a path not served at all gets Graph's own answer for an unknown segment ("Resource not
 * found for the segment '...'"), naming the segment. Before each request, password resets that have run
 * long enough complete, so every read sees them.
 * It never reads HTTP bodies from the socket or writes responses: it returns data or throws `GraphHttpError`.
 */
import { settlePasswordResets } from '../writes/reset-password.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';
import { listAuthenticationMethods } from './routes-authentication-methods.js';
import {
  getConditionalAccessPolicy,
  getNamedLocation,
  listConditionalAccessPolicies,
  listNamedLocations,
} from './routes-conditional-access.js';
import { getDirectoryAudit, listDirectoryAudits } from './routes-directory-audits.js';
import { getDirectoryRole, listDirectoryRoleMembers, listDirectoryRoles } from './routes-directory-roles.js';
import {
  checkMemberGroups,
  getGroup,
  listGroupMembers,
  listGroups,
  listUserMemberOf,
} from './routes-groups.js';
import {
  getRiskDetection,
  getRiskyUser,
  listRiskDetections,
  listRiskyUsers,
} from './routes-identity-protection.js';
import { getLifecycleWorkflow, listLifecycleWorkflows } from './routes-lifecycle-workflows.js';
import {
  getManagedDevice,
  listDeviceCompliancePolicyStates,
  listManagedDevices,
} from './routes-managed-devices.js';
import { getAuthenticationOperationRoute, resetPasswordRoute } from './routes-password-reset.js';
import { confirmCompromisedRoute, dismissRiskyUsersRoute } from './routes-risky-user-actions.js';
import {
  getRoleAssignment,
  getRoleDefinition,
  getRoleEligibilitySchedule,
  listRoleAssignments,
  listRoleDefinitions,
  listRoleEligibilitySchedules,
} from './routes-role-management.js';
import { getAlert, listAlerts, runHuntingQuery } from './routes-security-alerts.js';
import { getIncident, listIncidents } from './routes-security-incidents.js';
import { getSignIn, listSignIns } from './routes-sign-ins.js';
import { revokeSignInSessionsRoute, updateUserRoute } from './routes-user-actions.js';
import { getUser, listUsers } from './routes-users.js';

type Handler = (
  request: GraphRequest,
  context: GraphRouteContext,
  params: readonly string[],
) => GraphResponse;

/** `:` marks a key segment. */
interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: readonly string[];
  handler: Handler;
}

const drift = (context: GraphRouteContext) => context.clock.driftMs();
const path = (text: string) => text.split('/');
const get = (pattern: string, handler: Handler): Route => ({
  method: 'GET',
  pattern: path(pattern),
  handler,
});
const post = (pattern: string, handler: Handler): Route => ({
  method: 'POST',
  pattern: path(pattern),
  handler,
});
const patch = (pattern: string, handler: Handler): Route => ({
  method: 'PATCH',
  pattern: path(pattern),
  handler,
});

const ROUTES: readonly Route[] = [
  get('users', (r, c) => listUsers(r, c.state, drift(c))),
  get('users/:', (r, c, [key]) => getUser(r, c.state, drift(c), key!)),
  patch('users/:', (r, c, [key]) => updateUserRoute(r, c, key!)),
  get('users/:/memberOf', (r, c, [key]) => listUserMemberOf(r, c, key!)),
  get('users/:/transitiveMemberOf', (r, c, [key]) => listUserMemberOf(r, c, key!)),
  post('users/:/checkMemberGroups', (r, c, [key]) => checkMemberGroups(r, c, key!)),
  post('users/:/revokeSignInSessions', (r, c, [key]) => revokeSignInSessionsRoute(r, c, key!)),
  get('users/:/authentication/methods', (r, c, [key]) =>
    listAuthenticationMethods(r, c.state, drift(c), key!),
  ),
  post('users/:/authentication/methods/:/resetPassword', (r, c, [key, method]) =>
    resetPasswordRoute(r, c, key!, method!),
  ),
  get('users/:/authentication/operations/:', (r, c, [key, id]) =>
    getAuthenticationOperationRoute(r, c, key!, id!),
  ),
  get('groups', (r, c) => listGroups(r, c)),
  get('groups/:', (r, c, [id]) => getGroup(r, c, id!)),
  get('groups/:/members', (r, c, [id]) => listGroupMembers(r, c, id!)),
  get('directoryRoles', (r, c) => listDirectoryRoles(r, c)),
  get('directoryRoles/:', (r, c, [id]) => getDirectoryRole(r, c, id!)),
  get('directoryRoles/:/members', (r, c, [id]) => listDirectoryRoleMembers(r, c, id!)),
  get('roleManagement/directory/roleDefinitions', (r, c) => listRoleDefinitions(r, c)),
  get('roleManagement/directory/roleDefinitions/:', (r, c, [id]) => getRoleDefinition(r, c, id!)),
  get('roleManagement/directory/roleAssignments', (r, c) => listRoleAssignments(r, c)),
  get('roleManagement/directory/roleAssignments/:', (r, c, [id]) => getRoleAssignment(r, c, id!)),
  get('roleManagement/directory/roleEligibilitySchedules', (r, c) => listRoleEligibilitySchedules(r, c)),
  get('roleManagement/directory/roleEligibilitySchedules/:', (r, c, [id]) =>
    getRoleEligibilitySchedule(r, c, id!),
  ),
  get('identityProtection/riskyUsers', (r, c) => listRiskyUsers(r, c.state, drift(c))),
  get('identityProtection/riskyUsers/:', (r, c, [id]) => getRiskyUser(r, c.state, drift(c), id!)),
  post('identityProtection/riskyUsers/dismiss', (r, c) => dismissRiskyUsersRoute(r, c)),
  post('identityProtection/riskyUsers/confirmCompromised', (r, c) => confirmCompromisedRoute(r, c)),
  get('identityProtection/riskDetections', (r, c) => listRiskDetections(r, c.state, drift(c))),
  get('identityProtection/riskDetections/:', (r, c, [id]) => getRiskDetection(r, c.state, drift(c), id!)),
  get('identity/conditionalAccess/policies', (r, c) => listConditionalAccessPolicies(r, c)),
  get('identity/conditionalAccess/policies/:', (r, c, [id]) => getConditionalAccessPolicy(r, c, id!)),
  get('identity/conditionalAccess/namedLocations', (r, c) => listNamedLocations(r, c)),
  get('identity/conditionalAccess/namedLocations/:', (r, c, [id]) => getNamedLocation(r, c, id!)),
  get('identityGovernance/lifecycleWorkflows/workflows', (r, c) => listLifecycleWorkflows(r, c)),
  get('identityGovernance/lifecycleWorkflows/workflows/:', (r, c, [id]) => getLifecycleWorkflow(r, c, id!)),
  get('auditLogs/signIns', (r, c) => listSignIns(r, c.state, drift(c))),
  get('auditLogs/signIns/:', (r, c, [id]) => getSignIn(r, c.state, drift(c), id!)),
  get('auditLogs/directoryAudits', (r, c) => listDirectoryAudits(r, c)),
  get('auditLogs/directoryAudits/:', (r, c, [id]) => getDirectoryAudit(r, c, id!)),
  get('deviceManagement/managedDevices', (r, c) => listManagedDevices(r, c)),
  get('deviceManagement/managedDevices/:', (r, c, [id]) => getManagedDevice(r, c, id!)),
  get('deviceManagement/managedDevices/:/deviceCompliancePolicyStates', (r, c, [id]) =>
    listDeviceCompliancePolicyStates(r, c, id!),
  ),
  get('security/incidents', (r, c) => listIncidents(r, c)),
  get('security/incidents/:', (r, c, [id]) => getIncident(r, c, id!)),
  get('security/alerts_v2', (r, c) => listAlerts(r, c)),
  get('security/alerts_v2/:', (r, c, [id]) => getAlert(r, c, id!)),
  post('security/runHuntingQuery', (r, c) => runHuntingQuery(r, c)),
];

/** How many leading segments match the pattern, and the key values captured on the way. */
function matchPrefix(
  pattern: readonly string[],
  segments: readonly string[],
): { matched: number; params: string[] } {
  const params: string[] = [];
  let matched = 0;
  for (; matched < pattern.length && matched < segments.length; matched++) {
    const expected = pattern[matched]!;
    const actual = segments[matched]!;
    if (expected === ':') params.push(actual);
    else if (expected.toLowerCase() !== actual.toLowerCase()) break;
  }
  return { matched, params };
}

/** Literal segments first: `riskyUsers/dismiss` wins over `riskyUsers/{id}`. */
function specificity(route: Route): number {
  return route.pattern.filter((segment) => segment !== ':').length;
}

/** Answers a Graph request from the context's state, as of the context's clock. */
export function routeGraphRequest(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const segments = request.segments;
  if (segments.length === 0) {
    throw new GraphHttpError(400, 'BadRequest', 'Invalid request: no resource was named after the version.');
  }
  if (segments[0]!.toLowerCase() === 'me') {
    throw new GraphHttpError(
      400,
      'BadRequest',
      '/me request is only valid with delegated authentication flow.',
    );
  }
  settlePasswordResets(context.state, context.clock);
  let best = 0;
  const matching: { route: Route; params: string[] }[] = [];
  for (const route of ROUTES) {
    const { matched, params } = matchPrefix(route.pattern, segments);
    if (matched === route.pattern.length && matched === segments.length) matching.push({ route, params });
    best = Math.max(best, matched);
  }
  if (matching.length > 0) {
    const forMethod = matching
      .filter(({ route }) => route.method === request.method)
      .sort((a, b) => specificity(b.route) - specificity(a.route));
    const chosen = forMethod[0];
    if (chosen === undefined) {
      const top = Math.max(...matching.map(({ route }) => specificity(route)));
      const allowed = [
        ...new Set(
          matching.filter(({ route }) => specificity(route) === top).map(({ route }) => route.method),
        ),
      ].join(', ');
      throw new GraphHttpError(
        405,
        'Request_BadRequest',
        `Specified HTTP method '${request.method}' is not allowed for the request target: the demo tenant serves ${allowed} on '/${segments.join('/')}'.`,
        { headers: { Allow: allowed } },
      );
    }
    return chosen.route.handler(request, context, chosen.params);
  }
  const unknown = segments[Math.min(best, segments.length - 1)]!;
  throw new GraphHttpError(
    400,
    'BadRequest',
    `Resource not found for the segment '${unknown}'. (The demo tenant does not serve '/${request.version}/${segments.join('/')}'.)`,
  );
}
