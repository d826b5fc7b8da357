/** Action `entra.revokeSessions`: invalidates the user's refresh tokens and session cookies. */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { defineAction } from '../../types.js';
import { ENTRA_ACTIONS } from '../entra-actions.js';
import { correlationHeaders, type EntraActionResult, userActionInputSchema } from './action-input.js';

const revokeResponseSchema = z.object({ value: z.boolean() });

export function revokeSessionsAction(graph: GraphClient) {
  return defineAction({
    ...ENTRA_ACTIONS.revokeSessions,
    input: userActionInputSchema,
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.userId)}/revokeSignInSessions`;
      const response = await graph.post(path, {}, revokeResponseSchema, {
        signal: context.signal,
        headers: correlationHeaders(context.idempotencyKey),
      });
      const data: EntraActionResult = {
        message: response?.value
          ? 'Sessions revoked: the user must sign in again on every device (apps may take up to an hour to notice).'
          : 'Microsoft Graph did not confirm the revocation.',
      };
      return {
        data,
        requests: [`${graph.describe('POST', path)} (client-request-id ${context.idempotencyKey})`],
      };
    },
  });
}
