/**
 * Who may do what: an analyst's Ward roles from the configured Entra object ids, directly or through group
 * membership (looked up in the directory and cached briefly). admin ⊇ approver ⊇ responder. When the
 * directory cannot be asked, only direct assignments count, and the caller is told so: never a guess upward.
 */
import type { Role } from '../../plugins/types.js';

export interface RoleSettings {
  responder: readonly string[];
  approver: readonly string[];
  admin: readonly string[];
}

export interface ResolvedRoles {
  roles: Role[];
  /** Set when group membership could not be checked (only direct assignments were counted). */
  warning?: string;
}

export interface RoleResolver {
  rolesOf(aadObjectId: string | undefined, signal: AbortSignal): Promise<ResolvedRoles>;
}

export interface RoleResolverOptions {
  roles: RoleSettings;
  /** Which of `candidateGroupIds` the user is a member of (transitively where the directory allows). */
  memberGroups(userId: string, candidateGroupIds: string[], signal: AbortSignal): Promise<string[]>;
  cacheMs: number;
  now?: () => number;
}

const ORDER: Role[] = ['responder', 'approver', 'admin'];

/** Whether `held` roles satisfy `required` (a higher role includes the lower ones). */
export function satisfies(held: readonly Role[], required: Role): boolean {
  const need = ORDER.indexOf(required);
  return held.some((role) => ORDER.indexOf(role) >= need);
}

export function createRoleResolver(options: RoleResolverOptions): RoleResolver {
  const now = options.now ?? (() => Date.now());
  const cache = new Map<string, { at: number; value: ResolvedRoles }>();
  const all = (['responder', 'approver', 'admin'] as const).flatMap((role) =>
    options.roles[role].map((id) => ({ role, id: id.toLowerCase() })),
  );

  return {
    async rolesOf(aadObjectId, signal) {
      if (!aadObjectId) return { roles: [], warning: 'Your Teams identity carries no Entra object id.' };
      const userId = aadObjectId.toLowerCase();
      const cached = cache.get(userId);
      if (cached && now() - cached.at < options.cacheMs) return cached.value;

      const direct = new Set(all.filter((entry) => entry.id === userId).map((entry) => entry.role));
      const groupIds = [...new Set(all.filter((entry) => entry.id !== userId).map((entry) => entry.id))];
      let warning: string | undefined;
      const held = new Set<Role>(direct);
      if (groupIds.length) {
        try {
          const member = new Set(
            (await options.memberGroups(userId, groupIds, signal)).map((id) => id.toLowerCase()),
          );
          for (const entry of all) if (member.has(entry.id)) held.add(entry.role);
        } catch (error) {
          warning = `Ward could not check your group membership (${error instanceof Error ? error.message : String(error)}); only roles assigned to you directly were counted.`;
        }
      }
      const value: ResolvedRoles = { roles: ORDER.filter((role) => held.has(role)), warning };
      // A failed lookup is not cached: the next click asks again.
      if (!warning) cache.set(userId, { at: now(), value });
      return value;
    },
  };
}
