/**
 * Dispatches a Graph request (already split into version and path segments) to the route that serves it,
 * matching path segments without regard to case as Graph does. Paths it does not serve get Graph's own
 * answer for an unknown segment ("Resource not found for the segment '...'"), naming the segment.
 * It never reads HTTP bodies or writes responses: it returns data or throws `GraphHttpError`.
 */
import type { DemoTenantState } from '../demo-tenant-state.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { listAuthenticationMethods } from './routes-authentication-methods.js';
import {
  getRiskDetection,
  getRiskyUser,
  listRiskDetections,
  listRiskyUsers,
} from './routes-identity-protection.js';
import { getSignIn, listSignIns } from './routes-sign-ins.js';
import { getUser, listUsers } from './routes-users.js';

type Handler = (
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
  params: readonly string[],
) => GraphResponse;

/** `:` marks a key segment. */
interface Route {
  pattern: readonly string[];
  handler: Handler;
}

const ROUTES: readonly Route[] = [
  { pattern: ['users'], handler: (r, s, d) => listUsers(r, s, d) },
  { pattern: ['users', ':'], handler: (r, s, d, [key]) => getUser(r, s, d, key!) },
  {
    pattern: ['users', ':', 'authentication', 'methods'],
    handler: (r, s, d, [key]) => listAuthenticationMethods(r, s, d, key!),
  },
  { pattern: ['identityProtection', 'riskyUsers'], handler: (r, s, d) => listRiskyUsers(r, s, d) },
  {
    pattern: ['identityProtection', 'riskyUsers', ':'],
    handler: (r, s, d, [id]) => getRiskyUser(r, s, d, id!),
  },
  { pattern: ['identityProtection', 'riskDetections'], handler: (r, s, d) => listRiskDetections(r, s, d) },
  {
    pattern: ['identityProtection', 'riskDetections', ':'],
    handler: (r, s, d, [id]) => getRiskDetection(r, s, d, id!),
  },
  { pattern: ['auditLogs', 'signIns'], handler: (r, s, d) => listSignIns(r, s, d) },
  { pattern: ['auditLogs', 'signIns', ':'], handler: (r, s, d, [id]) => getSignIn(r, s, d, id!) },
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

/** Answers a Graph request from `state`, sliding timestamps by `driftMs`. */
export function routeGraphRequest(
  request: GraphRequest,
  state: DemoTenantState,
  driftMs: number,
): GraphResponse {
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
  let best = 0;
  for (const route of ROUTES) {
    const { matched, params } = matchPrefix(route.pattern, segments);
    if (matched === route.pattern.length && matched === segments.length) {
      if (request.method !== 'GET') {
        throw new GraphHttpError(
          405,
          'Request_BadRequest',
          `Specified HTTP method '${request.method}' is not allowed for the request target: the demo tenant serves only GET on '/${segments.join('/')}' so far.`,
        );
      }
      return route.handler(request, state, driftMs, params);
    }
    best = Math.max(best, matched);
  }
  const unknown = segments[Math.min(best, segments.length - 1)]!;
  throw new GraphHttpError(
    400,
    'BadRequest',
    `Resource not found for the segment '${unknown}'. (The demo tenant does not serve '/${request.version}/${segments.join('/')}'.)`,
  );
}
