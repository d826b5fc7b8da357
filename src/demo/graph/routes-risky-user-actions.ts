/**
 * Identity Protection's two actions on risky users as Microsoft Graph v1.0 serves them:
 * `POST /identityProtection/riskyUsers/dismiss` and `POST /identityProtection/riskyUsers/confirmCompromised`,
 * body `{ "userIds": [...] }` (object ids, at most 60), answer 204 with no body. The state changes at once
 * (see `writes/`), so the next read sees it; repeating an action is harmless, as it is in Graph.
 * It never accepts a user the directory does not have: the whole call is refused, nothing half-done.
 */
import { z } from 'zod/v4';
import type { DemoUser } from '../demo-tenant-state.js';
import { confirmCompromisedUsers } from '../writes/confirm-compromised-users.js';
import { dismissRiskyUsers } from '../writes/dismiss-risky-users.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { readGraphJsonBody } from './graph-request-body.js';
import type { GraphRouteContext } from './graph-route-context.js';

/** Most users one call may name (as Identity Protection allows). */
export const MAX_RISKY_USER_IDS = 60;

const bodySchema = z.object({
  userIds: z.array(z.string().min(1)).min(1).max(MAX_RISKY_USER_IDS),
});

function usersOf(request: GraphRequest, context: GraphRouteContext): DemoUser[] {
  const { userIds } = readGraphJsonBody(request, bodySchema);
  return [...new Set(userIds.map((id) => id.toLowerCase()))].map((id) => {
    const person = context.state.users.find((p) => p.user.id === id);
    if (person === undefined) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Invalid userIds: '${id}' is not the object id of a user in this tenant.`,
      );
    }
    return person;
  });
}

/** `POST /identityProtection/riskyUsers/dismiss` */
export function dismissRiskyUsersRoute(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  dismissRiskyUsers(context.state, context.clock, usersOf(request, context));
  return { status: 204, body: undefined };
}

/** `POST /identityProtection/riskyUsers/confirmCompromised` */
export function confirmCompromisedRoute(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  confirmCompromisedUsers(context.state, context.clock, usersOf(request, context));
  return { status: 204, body: undefined };
}
