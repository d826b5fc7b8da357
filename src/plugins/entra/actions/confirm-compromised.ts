/** Action `entra.confirmCompromised`: marks the user confirmed compromised in Identity Protection. */
import type { GraphClient } from '../../../clients/graph.js';
import { defineAction } from '../../types.js';
import { ENTRA_ACTIONS } from '../entra-actions.js';
import { correlationHeaders, type EntraActionResult, userActionInputSchema } from './action-input.js';

export function confirmCompromisedAction(graph: GraphClient) {
  return defineAction({
    ...ENTRA_ACTIONS.confirmCompromised,
    input: userActionInputSchema,
    async run(input, context) {
      const path = '/identityProtection/riskyUsers/confirmCompromised';
      await graph.post(path, { userIds: [input.userId] }, undefined, {
        signal: context.signal,
        headers: correlationHeaders(context.idempotencyKey),
      });
      const data: EntraActionResult = {
        message: 'Confirmed compromised: user risk set to high; risk policies now apply.',
      };
      return {
        data,
        requests: [`${graph.describe('POST', path)} (client-request-id ${context.idempotencyKey})`],
      };
    },
  });
}
