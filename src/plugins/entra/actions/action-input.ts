/** The input every Entra user action takes: the target user's object id (from the stored pending action). */
import { z } from 'zod/v4';
import { objectIdSchema } from '../user-reference.js';

export const userActionInputSchema = z.object({ userId: objectIdSchema });

/** What an Entra action reports back: a sentence for the card, and Graph's request ids for the audit log. */
export interface EntraActionResult {
  message: string;
}

/** Graph correlates a request by the `client-request-id` we send; Ward sends its idempotency key. */
export function correlationHeaders(idempotencyKey: string): Record<string, string> {
  return { 'client-request-id': idempotencyKey };
}
