/**
 * Skill `entra.roleActivations`: recent PIM role activations (and their expiries) from the directory audit
 * log, newest first. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { type DirectoryAudit, directoryAuditSchema } from '../../../clients/graph-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';

/** One PIM activation: who activated which role, when, and until when when the log says so. */
export interface RoleActivation {
  auditId: string;
  activatedAt: string;
  roleName?: string;
  roleId?: string;
  userId?: string;
  userPrincipalName?: string;
  /** From the audit record's `ExpirationTime` (or `EndTime`) detail, when present. */
  endsAt?: string;
  /** The reason given at activation, when the log has it. */
  justification?: string;
  result?: string;
}

/** What `entra.roleActivations` returns. */
export interface RoleActivations {
  activations: RoleActivation[];
  truncated: boolean;
}

/** PIM writes activations as "Add member to role completed (PIM activation)"; other PIM records are not ones. */
function isActivation(audit: DirectoryAudit): boolean {
  const name = audit.activityDisplayName.toLowerCase();
  return name.startsWith('add member to role') && name.includes('pim activation');
}

function activationOf(audit: DirectoryAudit): RoleActivation {
  const role = audit.targetResources.find((target) => target.type === 'Role');
  const user = audit.targetResources.find((target) => target.type === 'User');
  const detail = (key: string) =>
    audit.additionalDetails?.find((item) => item.key?.toLowerCase() === key.toLowerCase())?.value ??
    undefined;
  return {
    auditId: audit.id,
    activatedAt: audit.activityDateTime,
    roleName: role?.displayName ?? undefined,
    roleId: role?.id ?? undefined,
    userId: user?.id ?? undefined,
    userPrincipalName: user?.userPrincipalName ?? undefined,
    endsAt: detail('ExpirationTime') ?? detail('EndTime'),
    justification: detail('Justification'),
    result: audit.result ?? undefined,
  };
}

/** Creates the skill on a Graph client; `now` anchors the look-back window. */
export function roleActivationsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'roleActivations',
    description: 'Lists recent PIM role activations (who activated which privileged role, when, until when).',
    input: z.object({ days: z.number().int().min(1).max(30).default(30) }).strict(),
    async run(input, context): Promise<{ data: RoleActivations; requests: string[] }> {
      const since = new Date(now().getTime() - input.days * 86_400_000).toISOString();
      const filter = `loggedByService eq 'PIM' and activityDateTime ge ${since}`;
      const path = `/auditLogs/directoryAudits${queryString({ $filter: filter, $top: 100 })}`;
      const result = await graph.list(path, directoryAuditSchema, { signal: context.signal, maxItems: 500 });
      const activations = result.items
        .filter(isActivation)
        .map(activationOf)
        .sort((a, b) => b.activatedAt.localeCompare(a.activatedAt));
      return {
        data: { activations, truncated: result.truncated },
        requests: [graph.describe('GET', path)],
      };
    },
  });
}
