/** Skill `entra.riskyUsers`: users Identity Protection currently flags, highest risk first. Read-only. */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { riskyUserSchema } from '../../../clients/graph-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';

const levelOrder: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function riskyUsersSkill(graph: GraphClient) {
  return defineSkill({
    name: 'riskyUsers',
    description: 'Lists users flagged by Identity Protection, filtered by risk level and state.',
    input: z.object({
      riskLevels: z
        .array(z.enum(['low', 'medium', 'high']))
        .min(1)
        .default(['high', 'medium', 'low']),
      riskState: z
        .enum(['atRisk', 'confirmedCompromised', 'remediated', 'dismissed', 'confirmedSafe'])
        .default('atRisk'),
      top: z.number().int().min(1).max(200).default(50),
    }),
    async run(input, context) {
      const levels = input.riskLevels.map((level) => `riskLevel eq ${odataString(level)}`).join(' or ');
      const filter = `riskState eq ${odataString(input.riskState)} and (${levels})`;
      const path = `/identityProtection/riskyUsers${queryString({ $filter: filter, $top: Math.min(input.top, 100) })}`;
      const result = await graph.list(path, riskyUserSchema, { signal: context.signal, maxItems: input.top });
      const data = [...result.items].sort(
        (a, b) =>
          (levelOrder[a.riskLevel] ?? 9) - (levelOrder[b.riskLevel] ?? 9) ||
          (b.riskLastUpdatedDateTime ?? '').localeCompare(a.riskLastUpdatedDateTime ?? ''),
      );
      return { data: { users: data, truncated: result.truncated }, requests: [graph.describe('GET', path)] };
    },
  });
}
