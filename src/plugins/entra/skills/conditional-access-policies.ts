/**
 * Skill `entra.conditionalAccessPolicies`: the tenant's Conditional Access policies as Graph returns them, and
 * the groups those policies exclude (name and members), so a posture review can say who is left out. Read-only;
 * it never evaluates a policy against a sign-in.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  type ConditionalAccessPolicy,
  conditionalAccessPolicySchema,
  type DirectoryObject,
  directoryObjectSchema,
  groupSchema,
} from '../../../clients/graph-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';

/** A group a policy excludes, with the members that are thereby left out. */
export interface ExcludedGroup {
  id: string;
  displayName?: string;
  members: DirectoryObject[];
  /** More members existed than were read. */
  truncated: boolean;
  /** The group could not be read (deleted, or no permission): only its id is known. */
  unreadable?: boolean;
}

/** What `entra.conditionalAccessPolicies` returns. */
export interface ConditionalAccessPolicies {
  policies: ConditionalAccessPolicy[];
  excludedGroups: ExcludedGroup[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEMBER_SELECT = 'id,displayName,userPrincipalName,mail';

/** Creates the skill on a Graph client. */
export function conditionalAccessPoliciesSkill(graph: GraphClient) {
  return defineSkill({
    name: 'conditionalAccessPolicies',
    description:
      'Lists the Conditional Access policies (state, users, apps, client app types, grant and session controls) and the members of the groups they exclude.',
    input: z
      .object({
        /** Groups excluded by policies whose members are read (the rest are named by id only). */
        maxGroups: z.number().int().min(0).max(20).default(10),
        membersPerGroup: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    async run(input, context): Promise<{ data: ConditionalAccessPolicies; requests: string[] }> {
      const path = '/identity/conditionalAccess/policies';
      const result = await graph.list(path, conditionalAccessPolicySchema, {
        signal: context.signal,
        maxItems: 200,
      });
      const requests = [graph.describe('GET', path)];
      const groupIds = [
        ...new Set(result.items.flatMap((policy) => policy.conditions.users?.excludeGroups ?? [])),
      ].filter((id) => GUID.test(id));
      const excludedGroups = await Promise.all(
        groupIds.map(async (id, index): Promise<ExcludedGroup> => {
          if (index >= input.maxGroups) return { id, members: [], truncated: true };
          const groupPath = `/groups/${id}${queryString({ $select: 'id,displayName' })}`;
          const membersPath = `/groups/${id}/members${queryString({ $select: MEMBER_SELECT })}`;
          requests.push(graph.describe('GET', groupPath), graph.describe('GET', membersPath));
          try {
            const [group, members] = await Promise.all([
              graph.get(groupPath, groupSchema, { signal: context.signal }),
              graph.list(membersPath, directoryObjectSchema, {
                signal: context.signal,
                maxItems: input.membersPerGroup,
              }),
            ]);
            return {
              id,
              displayName: group.displayName ?? undefined,
              members: members.items,
              truncated: members.truncated,
            };
          } catch (error) {
            // The policy list is the answer; a group that cannot be read is named by id, not a lost answer.
            if (context.signal.aborted) throw error;
            return { id, members: [], truncated: false, unreadable: true };
          }
        }),
      );
      return { data: { policies: result.items, excludedGroups }, requests };
    },
  });
}
