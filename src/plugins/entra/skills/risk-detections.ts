/** Skill `entra.riskDetections`: a user's recent Identity Protection risk detections, newest first. Read-only. */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { riskDetectionSchema } from '../../../clients/graph-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { objectIdSchema } from '../user-reference.js';

export function riskDetectionsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'riskDetections',
    description: "Lists a user's risk detections (type, level, time, IP, location) over the last days.",
    input: z.object({
      userId: objectIdSchema,
      days: z.number().int().min(1).max(90).default(30),
      top: z.number().int().min(1).max(100).default(50),
    }),
    async run(input, context) {
      const since = new Date(now().getTime() - input.days * 86_400_000).toISOString();
      const filter = `userId eq ${odataString(input.userId)} and detectedDateTime ge ${since}`;
      const path = `/identityProtection/riskDetections${queryString({
        $filter: filter,
        $orderby: 'detectedDateTime desc',
        $top: input.top,
      })}`;
      const result = await graph.list(path, riskDetectionSchema, {
        signal: context.signal,
        maxItems: input.top,
      });
      const data = [...result.items].sort((a, b) =>
        (b.detectedDateTime ?? '').localeCompare(a.detectedDateTime ?? ''),
      );
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
