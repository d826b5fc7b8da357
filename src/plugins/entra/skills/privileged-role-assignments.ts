/**
 * Skill `entra.privilegedRoleAssignments`: who holds a privileged Entra role, actively (`roleAssignments`) or
 * as PIM-eligible (`roleEligibilitySchedules`), with the principal expanded. Read-only; it never assigns or
 * activates a role.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  type DirectoryObject,
  unifiedRoleAssignmentSchema,
  unifiedRoleEligibilityScheduleSchema,
} from '../../../clients/graph-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { PRIVILEGED_ROLE_TEMPLATES } from '../privileged-roles.js';

/** One principal holding one privileged role. */
export interface PrivilegedRoleHolder {
  roleDefinitionId: string;
  roleName: string;
  /** `active`: holds the role now; `eligible`: may activate it through PIM. */
  assignment: 'active' | 'eligible';
  principalId: string;
  /** Undefined when Graph did not expand it (a deleted principal). */
  principal?: DirectoryObject;
  directoryScopeId?: string;
  /** When the eligibility was created (eligible only). */
  since?: string;
}

/** What `entra.privilegedRoleAssignments` returns. */
export interface PrivilegedRoleAssignments {
  holders: PrivilegedRoleHolder[];
  truncated: boolean;
}

/** Creates the skill on a Graph client. */
export function privilegedRoleAssignmentsSkill(graph: GraphClient) {
  return defineSkill({
    name: 'privilegedRoleAssignments',
    description:
      'Lists who holds a privileged Entra role (Global Administrator, Privileged Role Administrator, Security Administrator, ...), active or PIM-eligible.',
    input: z
      .object({
        includeEligible: z.boolean().default(true),
        top: z.number().int().min(1).max(999).default(500),
      })
      .strict(),
    async run(input, context): Promise<{ data: PrivilegedRoleAssignments; requests: string[] }> {
      const query = queryString({ $expand: 'principal' });
      const activePath = `/roleManagement/directory/roleAssignments${query}`;
      const eligiblePath = `/roleManagement/directory/roleEligibilitySchedules${query}`;
      const options = { signal: context.signal, maxItems: input.top };
      const [active, eligible] = await Promise.all([
        graph.list(activePath, unifiedRoleAssignmentSchema, options),
        input.includeEligible
          ? graph.list(eligiblePath, unifiedRoleEligibilityScheduleSchema, options)
          : undefined,
      ]);
      const holders: PrivilegedRoleHolder[] = [];
      for (const item of active.items) {
        const roleName = PRIVILEGED_ROLE_TEMPLATES.get(item.roleDefinitionId.toLowerCase());
        if (roleName === undefined) continue;
        holders.push({
          roleDefinitionId: item.roleDefinitionId,
          roleName,
          assignment: 'active',
          principalId: item.principalId,
          principal: item.principal ?? undefined,
          directoryScopeId: item.directoryScopeId ?? undefined,
        });
      }
      for (const item of eligible?.items ?? []) {
        const roleName = PRIVILEGED_ROLE_TEMPLATES.get(item.roleDefinitionId.toLowerCase());
        if (roleName === undefined) continue;
        holders.push({
          roleDefinitionId: item.roleDefinitionId,
          roleName,
          assignment: 'eligible',
          principalId: item.principalId,
          principal: item.principal ?? undefined,
          directoryScopeId: item.directoryScopeId ?? undefined,
          since: item.createdDateTime ?? item.scheduleInfo?.startDateTime ?? undefined,
        });
      }
      return {
        data: { holders, truncated: active.truncated || (eligible?.truncated ?? false) },
        requests: [
          graph.describe('GET', activePath),
          ...(input.includeEligible ? [graph.describe('GET', eligiblePath)] : []),
        ],
      };
    },
  });
}
