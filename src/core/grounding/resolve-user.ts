/**
 * Grounding for people: turns the UPN or name an analyst typed into one directory user, or says precisely why
 * it could not (no such user, several candidates, directory unavailable). Never guesses between candidates.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type { Target } from '../answer.js';
import type { WardError } from '../errors.js';
import type { Entities } from './extract-entities.js';
import type { SkillLedger } from './skill-ledger.js';

export type UserResolution =
  | { kind: 'resolved'; user: GraphUser; sourceId: string; via: 'upn' | 'name' | 'memory'; query: string }
  | { kind: 'ambiguous'; query: string; candidates: GraphUser[] }
  | { kind: 'not-found'; query: string }
  | { kind: 'failed'; query: string; error: WardError; sourceId: string }
  | { kind: 'none' };

/**
 * Resolves the first user the question names; when it names none, the user an earlier answer in the
 * conversation was about (`remembered`, for "and her sign-ins?"), looked up again so the answer cites today's
 * directory, not the memory.
 */
export async function resolveUser(
  entities: Entities,
  ledger: SkillLedger,
  remembered?: Target,
): Promise<UserResolution> {
  const upn = entities.upns[0];
  if (upn) {
    const call = await ledger.call<GraphUser>('entra.user', { user: upn });
    if (call.ok)
      return { kind: 'resolved', user: call.data, sourceId: call.sourceId, via: 'upn', query: upn };
    if (call.error.code === 'not_found' || call.error.code === 'invalid_input')
      return { kind: 'not-found', query: upn };
    return { kind: 'failed', query: upn, error: call.error, sourceId: call.sourceId };
  }

  let firstAmbiguous: UserResolution | undefined;
  for (const name of entities.names.slice(0, 3)) {
    const call = await ledger.call<GraphUser[]>('entra.findUsers', { query: name, top: 10 });
    if (!call.ok) {
      if (call.error.code === 'invalid_input') continue;
      return { kind: 'failed', query: name, error: call.error, sourceId: call.sourceId };
    }
    const candidates = call.data;
    const lowered = name.toLowerCase();
    const exact = candidates.filter((user) => user.displayName?.toLowerCase() === lowered);
    const only = candidates.length === 1 ? candidates[0] : exact.length === 1 ? exact[0] : undefined;
    if (only) return { kind: 'resolved', user: only, sourceId: call.sourceId, via: 'name', query: name };
    if (candidates.length > 1 && !firstAmbiguous)
      firstAmbiguous = { kind: 'ambiguous', query: name, candidates };
  }
  if (firstAmbiguous) return firstAmbiguous;
  const query = entities.names[0];
  if (query) return { kind: 'not-found', query };
  if (remembered?.kind === 'user') {
    const label = remembered.displayName ?? remembered.id;
    const call = await ledger.call<GraphUser>('entra.user', { user: remembered.id });
    if (call.ok)
      return { kind: 'resolved', user: call.data, sourceId: call.sourceId, via: 'memory', query: label };
    if (call.error.code === 'not_found') return { kind: 'not-found', query: label };
    return { kind: 'failed', query: label, error: call.error, sourceId: call.sourceId };
  }
  return { kind: 'none' };
}
