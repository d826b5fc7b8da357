/**
 * The admin password reset as Microsoft Graph v1.0 serves it:
 * `POST /users/{id}/authentication/methods/{passwordMethodId}/resetPassword` (body `{ "newPassword"? }`)
 * answers 202 with `Location` (the operation to poll) and `Retry-After`, and a system-generated password
 * when none was given; `GET /users/{id}/authentication/operations/{id}` reports the long-running operation
 * (`notStarted`, `running`, `succeeded`, `failed`). See `writes/reset-password.ts` for what success changes.
 * It never resets a method that is not a password, and never echoes a password the caller chose.
 */
import { z } from 'zod/v4';
import {
  generateTemporaryPassword,
  PASSWORD_RESET_RETRY_AFTER_SECONDS,
  pollPasswordReset,
  startPasswordReset,
} from '../writes/reset-password.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { readGraphJsonBody } from './graph-request-body.js';
import type { GraphRouteContext } from './graph-route-context.js';
import { findUserOrThrow } from './routes-users.js';

const bodySchema = z.object({ newPassword: z.string().min(1).max(256).optional() });

/** `POST /users/{id | userPrincipalName}/authentication/methods/{id}/resetPassword` */
export function resetPasswordRoute(
  request: GraphRequest,
  context: GraphRouteContext,
  userKey: string,
  methodId: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, userKey);
  const { newPassword } = readGraphJsonBody(request, bodySchema, { emptyAs: {} });
  const method = context.state.authenticationMethods
    .get(person.user.id)
    ?.find((m) => m.id === methodId.toLowerCase());
  if (method === undefined) {
    throw new GraphHttpError(
      404,
      'itemNotFound',
      `The authentication method '${methodId}' was not found for user '${userKey}'.`,
    );
  }
  if (method['@odata.type'] !== '#microsoft.graph.passwordAuthenticationMethod') {
    throw new GraphHttpError(
      400,
      'badRequest',
      `resetPassword is only supported on a password authentication method; '${methodId}' is ${method['@odata.type'].slice('#microsoft.graph.'.length)}.`,
    );
  }
  const generated = newPassword === undefined ? generateTemporaryPassword() : undefined;
  const operation = startPasswordReset(
    context.state,
    context.clock,
    person,
    method.id,
    newPassword ?? generated,
  );
  return {
    status: 202,
    headers: {
      Location: `${request.serviceRoot}/users/${person.user.id}/authentication/operations/${operation.id}`,
      'Retry-After': String(PASSWORD_RESET_RETRY_AFTER_SECONDS),
    },
    body:
      generated === undefined
        ? {}
        : {
            '@odata.context': `${request.serviceRoot}/$metadata#microsoft.graph.passwordResetResponse`,
            newPassword: generated,
          },
  };
}

/** `GET /users/{id | userPrincipalName}/authentication/operations/{id}`: each poll moves it along. */
export function getAuthenticationOperationRoute(
  request: GraphRequest,
  context: GraphRouteContext,
  userKey: string,
  operationId: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, userKey);
  const operation = context.state.authenticationOperations.find(
    (o) => o.id === operationId.toLowerCase() && o.userId === person.user.id,
  );
  if (operation === undefined) {
    throw new GraphHttpError(404, 'itemNotFound', `The operation '${operationId}' was not found.`);
  }
  const polled = pollPasswordReset(context.state, context.clock, operation);
  const driftMs = context.clock.driftMs();
  const wire = (stored: string) => new Date(Date.parse(stored) + driftMs).toISOString();
  const running = polled.status === 'notStarted' || polled.status === 'running';
  return {
    status: 200,
    headers: running ? { 'Retry-After': String(PASSWORD_RESET_RETRY_AFTER_SECONDS) } : {},
    body: {
      '@odata.context': `${request.serviceRoot}/$metadata#users('${person.user.id}')/authentication/operations/$entity`,
      '@odata.type': '#microsoft.graph.longRunningOperation',
      id: polled.id,
      createdDateTime: wire(polled.createdDateTime),
      lastActionDateTime: wire(polled.lastActionDateTime),
      resourceLocation: `${request.serviceRoot}/users/${person.user.id}/authentication/methods/${polled.methodId}`,
      status: polled.status,
      statusDetail: polled.statusDetail,
    },
  };
}
