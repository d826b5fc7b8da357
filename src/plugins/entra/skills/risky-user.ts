/**
 * Skill `entra.riskyUser`: Identity Protection's risk record for one user. A user Identity Protection has never
 * flagged has no record (Graph answers 404): that is returned as `null`, not as a failure. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { type RiskyUser, riskyUserSchema } from '../../../clients/graph-resources.js';
import { WardError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';
import { objectIdSchema } from '../user-reference.js';

export function riskyUserSkill(graph: GraphClient) {
  return defineSkill({
    name: 'riskyUser',
    description: "Gets a user's Identity Protection risk level, state and detail (null when never flagged).",
    input: z.object({ userId: objectIdSchema }),
    async run(input, context) {
      const path = `/identityProtection/riskyUsers/${encodeURIComponent(input.userId)}`;
      const requests = [graph.describe('GET', path)];
      try {
        const data: RiskyUser | null = await graph.get(path, riskyUserSchema, { signal: context.signal });
        return { data, requests };
      } catch (error) {
        if (WardError.isInstance(error) && error.code === 'not_found') return { data: null, requests };
        throw error;
      }
    },
  });
}
