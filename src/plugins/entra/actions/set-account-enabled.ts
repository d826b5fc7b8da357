/** Actions `entra.disableAccount` / `entra.enableAccount`: block or restore the user's sign-ins. */
import type { GraphClient } from '../../../clients/graph.js';
import { defineAction } from '../../types.js';
import { ENTRA_ACTIONS } from '../entra-actions.js';
import { correlationHeaders, type EntraActionResult, userActionInputSchema } from './action-input.js';

export function setAccountEnabledAction(graph: GraphClient, enabled: boolean) {
  return defineAction({
    ...(enabled ? ENTRA_ACTIONS.enableAccount : ENTRA_ACTIONS.disableAccount),
    input: userActionInputSchema,
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.userId)}`;
      await graph.patch(
        path,
        { accountEnabled: enabled },
        {
          signal: context.signal,
          headers: correlationHeaders(context.idempotencyKey),
        },
      );
      const data: EntraActionResult = {
        message: enabled
          ? 'Account re-enabled: the user can sign in again.'
          : 'Account disabled: new sign-ins are blocked.',
      };
      return {
        data,
        requests: [`${graph.describe('PATCH', path)} (client-request-id ${context.idempotencyKey})`],
      };
    },
  });
}
