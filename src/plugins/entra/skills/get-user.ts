/** Skill `entra.user`: one directory user's profile by object id or UPN. Read-only. */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { userSchema } from '../../../clients/graph-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { userReferenceSchema } from '../user-reference.js';
import { USER_SELECT } from './find-users.js';

export function getUserSkill(graph: GraphClient) {
  return defineSkill({
    name: 'user',
    description:
      "Gets a user's directory profile (name, UPN, job, department, whether the account is enabled).",
    input: z.object({ user: userReferenceSchema }),
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.user)}${queryString({ $select: USER_SELECT })}`;
      const data = await graph.get(path, userSchema, { signal: context.signal });
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
