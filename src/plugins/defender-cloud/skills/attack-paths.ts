/**
 * Skill `defender-cloud.attackPaths`: Defender CSPM's attack paths through Azure Resource Graph
 * (`securityresources | where type == "microsoft.security/attackpaths"`), optionally in one subscription,
 * riskiest first, each with its entry point, target, the resources on it, which of them the internet reaches,
 * and the steps that break it. Read-only: the query is built from a validated subscription id only, and the
 * POST is a read (resent on throttling like a GET).
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { attackPathSchema, resourceGraphResponseSchema } from '../../../clients/arm-resources.js';
import { defineSkill } from '../../types.js';
import { type CloudAttackPath, toCloudAttackPath } from '../cloud-attack-path.js';
import { citedPath, resourceGraphPath } from '../defender-cloud-paths.js';
import { subscriptionIdSchema } from '../resource-id.js';
import { levelRank } from '../risk-rank.js';

/** Rows per Resource Graph page, and pages read at most. */
const PAGE = 100;
const MAX_PAGES = 5;

/** What the skill returns. */
export interface CloudAttackPaths {
  paths: CloudAttackPath[];
  /** More paths existed than were read. */
  truncated: boolean;
}

/** The Resource Graph query for attack paths, in one subscription when given (a validated GUID). */
export function attackPathsQuery(subscriptionId?: string): string {
  const base = 'securityresources | where type == "microsoft.security/attackpaths"';
  return subscriptionId === undefined ? base : `${base} | where subscriptionId == "${subscriptionId}"`;
}

const responseSchema = resourceGraphResponseSchema(attackPathSchema);

/** The `defender-cloud.attackPaths` skill on `arm`. */
export function attackPathsSkill(arm: ArmClient) {
  return defineSkill({
    name: 'attackPaths',
    description:
      'Lists Defender for Cloud attack paths (Defender CSPM, via Azure Resource Graph), riskiest first: entry point, target, the resources on the path, which are internet-exposed, the recommendations it rests on and manual remediation steps.',
    input: z.object({
      subscriptionId: subscriptionIdSchema.optional(),
      top: z.number().int().min(1).max(200).default(50),
    }),
    async run(input, context) {
      const path = resourceGraphPath();
      const query = attackPathsQuery(input.subscriptionId);
      const rows: z.output<typeof attackPathSchema>[] = [];
      let skipToken: string | undefined;
      let truncated = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const response = await arm.post(
          path,
          {
            ...(input.subscriptionId ? { subscriptions: [input.subscriptionId] } : {}),
            query,
            options: {
              $top: Math.min(PAGE, input.top - rows.length),
              ...(skipToken ? { $skipToken: skipToken } : {}),
            },
          },
          responseSchema,
          { signal: context.signal, readOnly: true },
        );
        rows.push(...response.data);
        skipToken = response.$skipToken;
        if (rows.length >= input.top || skipToken === undefined) {
          truncated = skipToken !== undefined || response.resultTruncated === 'true';
          break;
        }
        if (page === MAX_PAGES - 1) truncated = true;
      }
      const paths = rows
        .slice(0, input.top)
        .map(toCloudAttackPath)
        .sort(
          (a, b) =>
            levelRank(b.riskLevel) - levelRank(a.riskLevel) || a.displayName.localeCompare(b.displayName),
        );
      const data: CloudAttackPaths = { paths, truncated };
      return { data, requests: [`${citedPath('POST', path)} (${query})`] };
    },
  });
}
