/**
 * The demo tenant's Azure Resource Manager under `/arm` (Ward's ARM base URL is `${url}/arm`, as it would be
 * `https://management.azure.com`): Defender for Cloud assessments, their vulnerability findings
 * (sub-assessments), assessment metadata and secure scores,
 * subscriptions, attack paths through Azure Resource Graph, resource tags, and governance assignments (owner
 * and due date of a recommendation on a resource). Like ARM it requires `api-version` (400
 * MissingApiVersionParameter without it), matches paths without regard to case, answers errors as
 * `{ "error": { "code", "message" } }`, and sends `x-ms-request-id` and `x-ms-correlation-request-id`.
 * It never serves a subscription but the demo tenant's own; governance assignments are the only thing it writes.
 */
import { randomUUID } from 'node:crypto';
import type { DemoService, DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError, armErrorBody } from './arm-error.js';
import type { DemoDefenderForCloud } from './defender-for-cloud-state.js';
import {
  getAssessment,
  getAssessmentMetadata,
  listAssessmentMetadata,
  listAssessments,
} from './routes-assessments.js';
import {
  type GovernanceScope,
  getGovernanceAssignment,
  listGovernanceAssignments,
  putGovernanceAssignment,
} from './routes-governance-assignments.js';
import { queryResourceGraph } from './routes-resource-graph.js';
import { getSecureScore, listSecureScoreControls, listSecureScores } from './routes-secure-scores.js';
import { getSubAssessment, listSubAssessments } from './routes-sub-assessments.js';
import { getSubscription, listSubscriptions } from './routes-subscriptions.js';
import { getTags } from './routes-tags.js';

/** api-versions each resource type accepts (all answered in the shape of the newest). */
const API_VERSIONS = {
  assessments: ['2019-01-01-preview', '2020-01-01', '2021-06-01', '2025-05-04'],
  assessmentMetadata: ['2019-01-01-preview', '2020-01-01', '2021-06-01', '2025-05-04'],
  secureScores: ['2020-01-01', '2020-01-01-preview'],
  secureScoreControls: ['2020-01-01', '2020-01-01-preview'],
  resources: ['2019-04-01', '2020-04-01-preview', '2021-03-01', '2022-10-01', '2024-04-01'],
  subscriptions: ['2016-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  governanceAssignments: ['2022-01-01-preview'],
  subAssessments: ['2019-01-01-preview'],
  tags: ['2019-10-01', '2020-06-01', '2021-01-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01'],
} as const;
type ResourceTypeName = keyof typeof API_VERSIONS;

interface Route {
  type: ResourceTypeName;
  method: 'GET' | 'POST' | 'PUT';
  answer: () => DemoServiceResponse;
}

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

function decodeSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new ArmHttpError(
          400,
          'InvalidRequestUri',
          `The path segment '${s}' is not valid percent-encoding.`,
        );
      }
    });
}

function notServed(path: string): ArmHttpError {
  return new ArmHttpError(
    404,
    'NotFound',
    `The demo tenant does not serve '${path}'. It serves Microsoft.Security assessments (and their governanceAssignments and subAssessments), subAssessments, assessmentMetadata, secureScores and secureScoreControls under /subscriptions/{id}, subscriptions, Microsoft.Resources/tags/default of the subscription and its resources, and attack-path queries at POST /providers/Microsoft.ResourceGraph/resources.`,
  );
}

/** The route for a request to `segments`, or an ARM 404. */
function resolve(
  request: DemoServiceRequest,
  segments: readonly string[],
  defender: DemoDefenderForCloud,
  driftMs: number,
): Route {
  const [first, second, third, fourth] = segments;
  if (eq(first, 'providers')) {
    if (eq(second, 'Microsoft.ResourceGraph') && eq(third, 'resources') && segments.length === 3) {
      return { type: 'resources', method: 'POST', answer: () => queryResourceGraph(request, defender) };
    }
    if (eq(second, 'Microsoft.Security') && eq(third, 'assessmentMetadata')) {
      if (segments.length === 3) {
        return {
          type: 'assessmentMetadata',
          method: 'GET',
          answer: () => listAssessmentMetadata(request, defender),
        };
      }
      if (segments.length === 4) {
        return {
          type: 'assessmentMetadata',
          method: 'GET',
          answer: () => getAssessmentMetadata(defender, fourth!),
        };
      }
    }
    throw notServed(request.path);
  }
  if (!eq(first, 'subscriptions')) throw notServed(request.path);
  if (segments.length === 1) {
    return { type: 'subscriptions', method: 'GET', answer: () => listSubscriptions(request, defender) };
  }
  if (!eq(second, defender.subscription.subscriptionId)) {
    throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${second}' could not be found.`);
  }
  if (segments.length === 2) {
    return { type: 'subscriptions', method: 'GET', answer: () => getSubscription(defender) };
  }
  // {scope}/providers/Microsoft.Resources/tags/default
  const tail = segments.slice(-4);
  if (
    segments.length >= 6 &&
    eq(tail[0], 'providers') &&
    eq(tail[1], 'Microsoft.Resources') &&
    eq(tail[2], 'tags') &&
    eq(tail[3], 'default')
  ) {
    const scope = `/${segments.slice(0, -4).join('/')}`;
    return { type: 'tags', method: 'GET', answer: () => getTags(defender, scope) };
  }
  // The last `providers/Microsoft.Security` splits the scope (subscription or resource) from the type.
  let split = -1;
  for (let i = segments.length - 2; i >= 2; i--) {
    if (eq(segments[i], 'providers') && eq(segments[i + 1], 'Microsoft.Security')) {
      split = i;
      break;
    }
  }
  if (split === -1) throw notServed(request.path);
  const scope = `/${segments.slice(0, split).join('/')}`;
  const [type, name, child, ...extra] = segments.slice(split + 2);
  const atSubscription = split === 2;
  if (type === undefined) throw notServed(request.path);
  if (eq(type, 'assessments') && name !== undefined && eq(child, 'governanceAssignments')) {
    if (extra.length > 1) throw notServed(request.path);
    const target: GovernanceScope = { scope, atSubscription, assessmentKey: name };
    const assignmentKey = extra[0];
    if (assignmentKey === undefined) {
      return {
        type: 'governanceAssignments',
        method: 'GET',
        answer: () => listGovernanceAssignments(request, defender, driftMs, target),
      };
    }
    return request.method === 'PUT'
      ? {
          type: 'governanceAssignments',
          method: 'PUT',
          answer: () => putGovernanceAssignment(request, defender, driftMs, target, assignmentKey),
        }
      : {
          type: 'governanceAssignments',
          method: 'GET',
          answer: () => getGovernanceAssignment(defender, driftMs, target, assignmentKey),
        };
  }
  if (eq(type, 'assessments') && name !== undefined && eq(child, 'subAssessments')) {
    if (extra.length > 1) throw notServed(request.path);
    const target = { scope, atSubscription, assessmentKey: name };
    const subAssessment = extra[0];
    return {
      type: 'subAssessments',
      method: 'GET',
      answer: () =>
        subAssessment === undefined
          ? listSubAssessments(request, defender, driftMs, target)
          : getSubAssessment(defender, driftMs, target, subAssessment),
    };
  }
  if (eq(type, 'subAssessments') && name === undefined && atSubscription) {
    return {
      type: 'subAssessments',
      method: 'GET',
      answer: () => listSubAssessments(request, defender, driftMs, { scope, atSubscription }),
    };
  }
  if (extra.length > 0) throw notServed(request.path);
  if (eq(type, 'assessments')) {
    if (child !== undefined) throw notServed(request.path);
    const resourceId = atSubscription ? undefined : scope;
    if (name === undefined) {
      return {
        type: 'assessments',
        method: 'GET',
        answer: () => listAssessments(request, defender, driftMs, resourceId),
      };
    }
    return {
      type: 'assessments',
      method: 'GET',
      answer: () => getAssessment(request, defender, driftMs, scope, name),
    };
  }
  if (!atSubscription) throw notServed(request.path);
  if (eq(type, 'assessmentMetadata') && child === undefined) {
    return {
      type: 'assessmentMetadata',
      method: 'GET',
      answer: () =>
        name === undefined
          ? listAssessmentMetadata(request, defender)
          : getAssessmentMetadata(defender, name),
    };
  }
  if (eq(type, 'secureScores')) {
    if (name === undefined) {
      return { type: 'secureScores', method: 'GET', answer: () => listSecureScores(request, defender) };
    }
    if (child === undefined) {
      return { type: 'secureScores', method: 'GET', answer: () => getSecureScore(defender, name) };
    }
    if (eq(child, 'secureScoreControls')) {
      return {
        type: 'secureScoreControls',
        method: 'GET',
        answer: () => listSecureScoreControls(request, defender, name),
      };
    }
  }
  if (eq(type, 'secureScoreControls') && name === undefined) {
    return {
      type: 'secureScoreControls',
      method: 'GET',
      answer: () => listSecureScoreControls(request, defender),
    };
  }
  throw notServed(request.path);
}

function answer(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
): DemoServiceResponse {
  const apiVersion = request.query.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    throw new ArmHttpError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  const route = resolve(request, decodeSegments(request.path), defender, driftMs);
  const supported: readonly string[] = API_VERSIONS[route.type];
  if (!supported.includes(apiVersion)) {
    throw route.type === 'subscriptions'
      ? new ArmHttpError(
          400,
          'InvalidApiVersionParameter',
          `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.join(',')}'.`,
        )
      : new ArmHttpError(
          400,
          'NoRegisteredProviderFound',
          `No registered resource provider found for location 'global' and API version '${apiVersion}' for type '${route.type}'. The supported api-versions are '${supported.join(', ')}'.`,
        );
  }
  if (request.method !== route.method) {
    throw new ArmHttpError(
      405,
      'MethodNotAllowed',
      `The demo tenant serves only ${route.method} on '${request.path}' (got ${request.method}).`,
    );
  }
  return route.answer();
}

function withArmHeaders(response: DemoServiceResponse, request?: DemoServiceRequest): DemoServiceResponse {
  const requestId = randomUUID();
  const correlation = request?.headers['x-ms-correlation-request-id'];
  const clientRequestId = request?.headers['x-ms-client-request-id'];
  const headers: Record<string, string> = {
    ...response.headers,
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id':
      typeof correlation === 'string' && correlation !== '' ? correlation : requestId,
  };
  if (typeof clientRequestId === 'string' && clientRequestId !== '')
    headers['x-ms-client-request-id'] = clientRequestId;
  return { ...response, headers };
}

/** Azure Resource Manager (Defender for Cloud, Resource Graph) for the demo tenant. */
export const armService: DemoService = {
  name: 'Azure Resource Manager',
  prefix: '/arm',
  contentType: 'application/json; charset=utf-8',
  handle(request, { state, clock }) {
    try {
      return withArmHeaders(answer(request, state.defenderForCloud, clock.driftMs()), request);
    } catch (error) {
      if (!ArmHttpError.isInstance(error)) throw error;
      return withArmHeaders(
        { status: error.status, body: armErrorBody(error.armCode, error.message, error.details) },
        request,
      );
    }
  },
  error(status, message) {
    const code =
      status === 413 ? 'RequestEntityTooLarge' : status >= 500 ? 'InternalServerError' : 'BadRequest';
    return withArmHeaders({ status, body: armErrorBody(code, message) });
  },
};
