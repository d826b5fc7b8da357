/** Skill `entra.authenticationMethods`: the sign-in methods a user has registered (password, Authenticator...). */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { authenticationMethodSchema } from '../../../clients/graph-resources.js';
import { defineSkill } from '../../types.js';
import { userReferenceSchema } from '../user-reference.js';

export function authenticationMethodsSkill(graph: GraphClient) {
  return defineSkill({
    name: 'authenticationMethods',
    description: 'Lists the authentication methods a user has registered (to judge MFA coverage).',
    input: z.object({ user: userReferenceSchema }),
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.user)}/authentication/methods`;
      const result = await graph.list(path, authenticationMethodSchema, {
        signal: context.signal,
        maxItems: 50,
      });
      return { data: result.items, requests: [graph.describe('GET', path)] };
    },
  });
}
