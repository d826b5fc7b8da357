/**
 * Writes on a user as Microsoft Graph v1.0 serves them: `POST /users/{id}/revokeSignInSessions` (200,
 * `{ "value": true }` as an `Edm.Boolean`) and `PATCH /users/{id}` with `{ "accountEnabled": ... }` (204).
 * and `passwordProfile` (an administrator's password reset: risk remediated, older sessions invalid). A PATCH of
 * any other property is refused by name.
 * It never changes anything before its body has been checked.
 */
import { z } from 'zod/v4';
import { passwordComplexityProblem } from '../writes/reset-password.js';
import { revokeSignInSessions } from '../writes/revoke-sign-in-sessions.js';
import { setAccountEnabled } from '../writes/set-account-enabled.js';
import { setPasswordProfile } from '../writes/set-password-profile.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { readGraphJsonBody } from './graph-request-body.js';
import type { GraphRouteContext } from './graph-route-context.js';
import { findUserOrThrow } from './routes-users.js';

const patchSchema = z.record(z.string(), z.unknown());
const passwordProfileSchema = z.object({
  password: z.string().min(1),
  forceChangePasswordNextSignIn: z.boolean().optional(),
  forceChangePasswordNextSignInWithMfa: z.boolean().optional(),
});

/** `POST /users/{id | userPrincipalName}/revokeSignInSessions` */
export function revokeSignInSessionsRoute(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, key);
  revokeSignInSessions(context.state, context.clock, person);
  return {
    status: 200,
    body: { '@odata.context': `${request.serviceRoot}/$metadata#Edm.Boolean`, value: true },
  };
}

/** `PATCH /users/{id | userPrincipalName}`: only `accountEnabled`. */
export function updateUserRoute(
  request: GraphRequest,
  context: GraphRouteContext,
  key: string,
): GraphResponse {
  const person = findUserOrThrow(context.state, key);
  const body = readGraphJsonBody(request, patchSchema);
  const others = Object.keys(body).filter((name) => name !== 'accountEnabled' && name !== 'passwordProfile');
  if (others.length > 0) {
    throw new GraphHttpError(
      400,
      'Request_BadRequest',
      `The demo tenant can only update accountEnabled and passwordProfile on a user; it does not update ${others.map((n) => `'${n}'`).join(', ')}.`,
    );
  }
  if ('accountEnabled' in body) {
    if (typeof body.accountEnabled !== 'boolean') {
      throw new GraphHttpError(
        400,
        'Request_BadRequest',
        "Invalid value specified for property 'accountEnabled' of resource 'User': use true or false.",
      );
    }
    setAccountEnabled(context.state, context.clock, person, body.accountEnabled);
  }
  if ('passwordProfile' in body) {
    const profile = passwordProfileSchema.safeParse(body.passwordProfile);
    if (!profile.success) {
      throw new GraphHttpError(
        400,
        'Request_BadRequest',
        "Invalid value specified for property 'passwordProfile' of resource 'User': give password (string) and forceChangePasswordNextSignIn (boolean).",
      );
    }
    const problem = passwordComplexityProblem(profile.data.password);
    if (problem !== null) throw new GraphHttpError(400, 'Request_BadRequest', problem);
    setPasswordProfile(context.state, context.clock, person, {
      forceChangePasswordNextSignIn: profile.data.forceChangePasswordNextSignIn ?? true,
    });
  }
  return { status: 204, body: undefined };
}
