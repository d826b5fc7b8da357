/**
 * Skill `entra.memberOf`: the groups and directory roles a user belongs to, nested groups included
 * (`transitiveMemberOf`). Used for role checks (Ward roles granted through groups) and for the impact
 * preview before a destructive action ("holds Global Administrator"). Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { objectIdSchema } from '../user-reference.js';

/** A `microsoft.graph.directoryObject` as listed by memberOf: a group, a directory role, an administrative unit. */
export const memberOfItemSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
});

export interface Memberships {
  groups: { id: string; displayName: string }[];
  directoryRoles: { id: string; displayName: string }[];
}

export function memberOfSkill(graph: GraphClient) {
  return defineSkill({
    name: 'memberOf',
    description: 'Lists the groups and directory roles a user is a member of.',
    input: z.object({ userId: objectIdSchema }),
    async run(input, context) {
      const path = `/users/${encodeURIComponent(input.userId)}/transitiveMemberOf${queryString({ $select: 'id,displayName', $top: 100 })}`;
      const result = await graph.list(path, memberOfItemSchema, { signal: context.signal, maxItems: 500 });
      const data: Memberships = { groups: [], directoryRoles: [] };
      for (const item of result.items) {
        const entry = { id: item.id, displayName: item.displayName ?? item.id };
        if (item['@odata.type'] === '#microsoft.graph.group') data.groups.push(entry);
        else if (item['@odata.type'] === '#microsoft.graph.directoryRole') data.directoryRoles.push(entry);
      }
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
