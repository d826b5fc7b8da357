/**
 * Skill `entra.privilegedRoleAssignments`: who holds a privileged Entra role, actively (`roleAssignments`) or
 * as PIM-eligible (`roleEligibilitySchedules`), with the principal expanded; tenant-wide, or for one user
 * (`$filter=principalId eq '…'` on both, after resolving a UPN to its object id with an OData-quoted filter, so
 * a UPN with an apostrophe stays one literal). Only direct assignments: a role held through a role-assignable
 * group is assigned to the group. Read-only; it never assigns or activates a role.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  type DirectoryObject,
  unifiedRoleAssignmentSchema,
  unifiedRoleEligibilityScheduleSchema,
  userSchema,
} from '../../../clients/graph-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { NotFoundError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';
import { PRIVILEGED_ROLE_TEMPLATES } from '../privileged-roles.js';
import { filterableUserReferenceSchema, isObjectId } from '../user-reference.js';

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
  /** The object id the list was filtered on, when it was asked for one user. */
  principalId?: string;
}

/** The skill's input: every holder, or one user's roles. */
export const privilegedRoleAssignmentsInputSchema = z
  .object({
    /** Only this user's roles: an object id, or a userPrincipalName (resolved to the object id first). */
    user: filterableUserReferenceSchema.optional(),
    includeEligible: z.boolean().default(true),
    top: z.number().int().min(1).max(999).default(500),
  })
  .strict();

/** The `$filter` that keeps one principal's assignments, the id written as an OData literal. */
export function principalFilter(principalId: string): string {
  return `principalId eq ${odataString(principalId)}`;
}

/** `GET /users?$filter=userPrincipalName eq '…'`: the path that finds a user by UPN, whatever it holds. */
export function userByPrincipalNamePath(userPrincipalName: string): string {
  return `/users${queryString({
    $filter: `userPrincipalName eq ${odataString(userPrincipalName)}`,
    $select: 'id,displayName,userPrincipalName',
  })}`;
}

/** Creates the skill on a Graph client. */
export function privilegedRoleAssignmentsSkill(graph: GraphClient) {
  return defineSkill({
    name: 'privilegedRoleAssignments',
    description:
      "Lists who holds a privileged Entra role (Global Administrator, Privileged Role Administrator, Security Administrator, ...), active or PIM-eligible; with `user` (object id or UPN), only that user's roles.",
    input: privilegedRoleAssignmentsInputSchema,
    async run(input, context): Promise<{ data: PrivilegedRoleAssignments; requests: string[] }> {
      const requests: string[] = [];
      let principalId: string | undefined;
      if (input.user !== undefined) {
        if (isObjectId(input.user)) principalId = input.user.toLowerCase();
        else {
          const path = userByPrincipalNamePath(input.user);
          requests.push(graph.describe('GET', path));
          const found = await graph.list(path, userSchema, { signal: context.signal, maxItems: 1 });
          const user = found.items[0];
          if (user === undefined) throw new NotFoundError(`No user ${input.user} in the directory.`);
          principalId = user.id;
        }
      }
      const query = queryString({
        $filter: principalId === undefined ? undefined : principalFilter(principalId),
        $expand: 'principal',
      });
      const activePath = `/roleManagement/directory/roleAssignments${query}`;
      const eligiblePath = `/roleManagement/directory/roleEligibilitySchedules${query}`;
      const options = { signal: context.signal, maxItems: input.top };
      const [active, eligible] = await Promise.all([
        graph.list(activePath, unifiedRoleAssignmentSchema, options),
        input.includeEligible
          ? graph.list(eligiblePath, unifiedRoleEligibilityScheduleSchema, options)
          : undefined,
      ]);
      // Graph filters already; this keeps a source that ignores the filter from naming someone else.
      const wanted = (id: string) => principalId === undefined || id.toLowerCase() === principalId;
      const holders: PrivilegedRoleHolder[] = [];
      for (const item of active.items) {
        const roleName = PRIVILEGED_ROLE_TEMPLATES.get(item.roleDefinitionId.toLowerCase());
        if (roleName === undefined || !wanted(item.principalId)) continue;
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
        if (roleName === undefined || !wanted(item.principalId)) continue;
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
      requests.push(graph.describe('GET', activePath));
      if (input.includeEligible) requests.push(graph.describe('GET', eligiblePath));
      return {
        data: {
          holders,
          truncated: active.truncated || (eligible?.truncated ?? false),
          ...(principalId === undefined ? {} : { principalId }),
        },
        requests,
      };
    },
  });
}
