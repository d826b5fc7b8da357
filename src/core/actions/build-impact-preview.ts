/**
 * What an analyst sees before a destructive action runs: who is affected (profile, enabled or not), the
 * groups and directory roles they hold, recent sign-in activity and devices, read through the plugins'
 * skills. A source that fails is listed, never silently skipped; the preview never blocks on it.
 */
import type { GraphUser, SignIn } from '../../clients/graph-resources.js';
import type { Memberships } from '../../plugins/entra/skills/member-of.js';
import type { PluginRegistry } from '../plugin-registry.js';

export interface ImpactPreview {
  user?: { id: string; displayName: string; userPrincipalName?: string; accountEnabled?: boolean };
  groups: string[];
  roles: string[];
  recentSignIns24h?: number;
  devices: string[];
  /** What could not be checked, in words. */
  failures: string[];
}

async function runSkill<T>(
  registry: PluginRegistry,
  ref: string,
  input: unknown,
  signal: AbortSignal,
): Promise<T> {
  const registered = registry.skill(ref);
  if (!registered) throw new Error(`${ref} is not available`);
  const parsed = registered.skill.input.parse(input);
  return (await registered.skill.run(parsed, { signal })).data as T;
}

/** Builds the preview for a user target (object id). */
export async function buildImpactPreview(
  registry: PluginRegistry,
  userId: string,
  signal: AbortSignal,
): Promise<ImpactPreview> {
  const [user, memberships, signIns] = await Promise.allSettled([
    runSkill<GraphUser>(registry, 'entra.user', { user: userId }, signal),
    runSkill<Memberships>(registry, 'entra.memberOf', { userId }, signal),
    runSkill<{ signIns: SignIn[] }>(registry, 'entra.signIns', { userId, hours: 24, top: 200 }, signal),
  ]);
  const failures: string[] = [];
  const reason = (result: PromiseRejectedResult) =>
    result.reason instanceof Error ? result.reason.message : String(result.reason);
  const preview: ImpactPreview = { groups: [], roles: [], devices: [], failures };
  if (user.status === 'fulfilled') {
    preview.user = {
      id: user.value.id,
      displayName: user.value.displayName ?? user.value.userPrincipalName ?? user.value.id,
      userPrincipalName: user.value.userPrincipalName ?? undefined,
      accountEnabled: user.value.accountEnabled ?? undefined,
    };
  } else failures.push(`User profile (${reason(user)})`);
  if (memberships.status === 'fulfilled') {
    preview.groups = memberships.value.groups.map((group) => group.displayName);
    preview.roles = memberships.value.directoryRoles.map((role) => role.displayName);
  } else failures.push(`Groups and roles (${reason(memberships)})`);
  if (signIns.status === 'fulfilled') {
    const successful = signIns.value.signIns.filter((signIn) => (signIn.status?.errorCode ?? 0) === 0);
    preview.recentSignIns24h = successful.length;
    preview.devices = [
      ...new Set(
        successful
          .map(
            (signIn) =>
              signIn.deviceDetail?.displayName ||
              [signIn.deviceDetail?.operatingSystem, signIn.deviceDetail?.browser]
                .filter(Boolean)
                .join(' / '),
          )
          .filter((name): name is string => !!name),
      ),
    ].slice(0, 10);
  } else failures.push(`Recent sign-ins (${reason(signIns)})`);
  return preview;
}
