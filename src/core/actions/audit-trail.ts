/**
 * `@Ward audit <user>`: the recorded trail of actions on one user, newest first, with the integrity of the
 * whole chain re-verified on the spot. Readable by anyone who holds a Ward role; the trail is evidence, so
 * it is shown as recorded, never summarised by a model.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type { AuditEntry } from '../../store/audit-log.js';
import type { Store } from '../../store/create-store.js';
import type { PluginRegistry } from '../plugin-registry.js';
import type { RoleResolver } from './resolve-roles.js';

export type AuditTrailOutcome =
  | {
      kind: 'trail';
      subject: string;
      entries: AuditEntry[];
      chain: { ok: true; records: number } | { ok: false; brokenAt: string; reason: string };
    }
  | { kind: 'refused'; reason: string };

const AUDIT_COMMAND = /^audit\s+(\S{1,200})\s*$/i;

/** The user named by an `audit <user>` command, or undefined when the text is not that command. */
export function parseAuditCommand(text: string): string | undefined {
  return AUDIT_COMMAND.exec(text.trim())?.[1];
}

export async function auditTrail(
  dependencies: { store: Store; registry: PluginRegistry; roles: RoleResolver },
  request: { user: string; clicker?: string },
): Promise<AuditTrailOutcome> {
  const signal = AbortSignal.timeout(8_000);
  const { roles } = await dependencies.roles.rolesOf(request.clicker, signal);
  if (roles.length === 0)
    return {
      kind: 'refused',
      reason: 'The audit trail is for analysts with a Ward role (responder, approver or admin).',
    };
  const lookup = dependencies.registry.skill('entra.user');
  let subject = request.user;
  let targetId = request.user;
  if (lookup) {
    const input = lookup.skill.input.safeParse({ user: request.user });
    if (!input.success)
      return { kind: 'refused', reason: `"${request.user}" is not a user principal name or object id.` };
    try {
      const user = (await lookup.skill.run(input.data, { signal })).data as GraphUser;
      targetId = user.id;
      subject = `${user.displayName ?? user.id}${user.userPrincipalName ? ` (${user.userPrincipalName})` : ''}`;
    } catch (error) {
      return {
        kind: 'refused',
        reason: `Ward could not look up ${request.user}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const [entries, verdict] = await Promise.all([
    dependencies.store.audit.list({ targetId, limit: 200 }),
    dependencies.store.audit.verify(),
  ]);
  return {
    kind: 'trail',
    subject,
    entries,
    chain: verdict.ok
      ? { ok: true, records: verdict.records }
      : { ok: false, brokenAt: verdict.brokenAt, reason: verdict.reason },
  };
}
