/** Action `entra.dismissRisk`: dismisses the user's risk (after the user confirmed the activity was theirs). */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { defineAction } from '../../types.js';
import { ENTRA_ACTIONS } from '../entra-actions.js';
import { correlationHeaders, type EntraActionResult, userActionInputSchema } from './action-input.js';

export function dismissRiskAction(graph: GraphClient) {
  return defineAction({
    ...ENTRA_ACTIONS.dismissRisk,
    input: userActionInputSchema.extend({ reason: z.enum(['falsePositive', 'benign']) }),
    async run(input, context) {
      const path = '/identityProtection/riskyUsers/dismiss';
      await graph.post(path, { userIds: [input.userId] }, undefined, {
        signal: context.signal,
        headers: correlationHeaders(context.idempotencyKey),
      });
      const data: EntraActionResult = {
        message: `Risk dismissed as ${input.reason === 'benign' ? 'benign' : 'a false positive'}: the user is no longer at risk in Identity Protection.`,
      };
      return {
        data,
        requests: [`${graph.describe('POST', path)} (client-request-id ${context.idempotencyKey})`],
      };
    },
  });
}
