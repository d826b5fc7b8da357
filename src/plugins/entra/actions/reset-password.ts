/**
 * Action `entra.resetPassword` with Ward's application identity: sets a random temporary password through
 * `PATCH /users/{id}` (`passwordProfile`, change required at next sign-in). Graph's authentication-method
 * reset (`.../methods/{id}/resetPassword`) is delegated-only, so it is not used here. The temporary password
 * leaves this module only in the result's `secret`, for delivery to the clicker alone; it is never logged,
 * stored or shown on a shared card.
 */
import { randomInt } from 'node:crypto';
import type { GraphClient } from '../../../clients/graph.js';
import { defineAction } from '../../types.js';
import { ENTRA_ACTIONS } from '../entra-actions.js';
import { correlationHeaders, userActionInputSchema } from './action-input.js';

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+=?@'];

/** A 20-character password with every character class (Entra's complexity rules), from a CSPRNG. */
export function generateTemporaryPassword(): string {
  const all = ALPHABETS.join('');
  const characters = ALPHABETS.map((alphabet) => alphabet[randomInt(alphabet.length)] ?? 'x');
  while (characters.length < 20) characters.push(all[randomInt(all.length)] ?? 'x');
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] ?? 'x', characters[i] ?? 'x'];
  }
  return characters.join('');
}

export interface ResetPasswordResult {
  message: string;
  /** The temporary password: only for a 1:1 message to the clicker, when configured. */
  secret: string;
}

export function resetPasswordAction(graph: GraphClient) {
  return defineAction({
    ...ENTRA_ACTIONS.resetPassword,
    input: userActionInputSchema,
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.userId)}`;
      const secret = generateTemporaryPassword();
      await graph.patch(
        path,
        { passwordProfile: { password: secret, forceChangePasswordNextSignIn: true } },
        { signal: context.signal, headers: correlationHeaders(context.idempotencyKey) },
      );
      const data: ResetPasswordResult = {
        message: 'Password reset to a random temporary password; the user must change it at next sign-in.',
        secret,
      };
      return {
        data,
        requests: [
          `${graph.describe('PATCH', path)} passwordProfile (client-request-id ${context.idempotencyKey})`,
        ],
      };
    },
  });
}
