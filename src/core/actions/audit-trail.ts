/**
 * `@Ward audit <user>`: the recorded trail of actions on one user, newest first, with the integrity of the
 * whole chain re-verified on the spot, each action linked to the answer that proposed it (question, title,
 * planner) and the sources that answer cited for it (pending action → answer → answer sources). Readable by
 * anyone who holds a Ward role; the trail is evidence, so it is shown as recorded, never summarised by a model.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type { AuditEntry } from '../../store/audit-log.js';
import type { Store } from '../../store/create-store.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { type ProposalProvenance, proposalProvenance } from './proposal-provenance.js';
import type { RoleResolver } from './resolve-roles.js';

/** An audit record with the answer and sources that proposed its action (null for a record without one). */
export type AuditTrailEntry = AuditEntry & { proposedBy: ProposalProvenance | null };

export type AuditTrailOutcome =
  | {
      kind: 'trail';
      subject: string;
      entries: AuditTrailEntry[];
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
    entries: await withProvenance(dependencies.store, entries),
    chain: verdict.ok
      ? { ok: true, records: verdict.records }
      : { ok: false, brokenAt: verdict.brokenAt, reason: verdict.reason },
  };
}

/**
 * Each record with the answer and sources behind its action: one read of the answer and its snapshot per
 * answer. An answer that cannot be read (purged, or no longer valid) falls back to the sources the record kept.
 */
async function withProvenance(store: Store, entries: readonly AuditEntry[]): Promise<AuditTrailEntry[]> {
  const answerIds = [...new Set(entries.flatMap((entry) => (entry.answerId ? [entry.answerId] : [])))];
  const loaded = new Map(
    await Promise.all(
      answerIds.map(async (id) => {
        const [stored, snapshot] = await Promise.all([
          store.answers.get(id).catch(() => undefined),
          store.answerSources.list(id).catch(() => []),
        ]);
        return [id, { stored, snapshot }] as const;
      }),
    ),
  );
  return entries.map((entry) => {
    const found = entry.answerId ? loaded.get(entry.answerId) : undefined;
    return {
      ...entry,
      proposedBy:
        entry.answerId === null
          ? null
          : proposalProvenance({
              answerId: entry.answerId,
              target: entry.target,
              stored: found?.stored,
              snapshot: found?.snapshot,
              recordedSources: entry.sources,
            }),
    };
  });
}
