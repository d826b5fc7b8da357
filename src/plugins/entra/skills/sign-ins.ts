/** Skill `entra.signIns`: a user's recent sign-ins from the Entra sign-in logs, newest first. Read-only. */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { signInSchema } from '../../../clients/graph-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { objectIdSchema } from '../user-reference.js';

export function signInsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'signIns',
    description:
      "Lists a user's sign-ins (time, app, IP, location, device, result, risk) over the last hours.",
    input: z.object({
      userId: objectIdSchema,
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(72),
      top: z.number().int().min(1).max(500).default(100),
    }),
    async run(input, context) {
      const since = new Date(now().getTime() - input.hours * 3_600_000).toISOString();
      const filter = `userId eq ${odataString(input.userId)} and createdDateTime ge ${since}`;
      const path = `/auditLogs/signIns${queryString({ $filter: filter, $top: Math.min(input.top, 100) })}`;
      const result = await graph.list(path, signInSchema, { signal: context.signal, maxItems: input.top });
      const data = [...result.items].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      return {
        data: { signIns: data, truncated: result.truncated },
        requests: [graph.describe('GET', path)],
      };
    },
  });
}
