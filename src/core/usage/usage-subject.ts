/**
 * Who a question is charged to: the conversation's tenant and the analyst (Entra object id when the host knows
 * it, else the host's user id). The orchestrator charges it and `@Ward usage` reports it: one definition.
 */
import type { Turn } from '../turn.js';
import type { UsageSubject } from './usage-meter.js';

/** The usage subject of a turn. */
export function usageSubjectOf(turn: Turn): UsageSubject {
  return { tenantId: turn.tenantId ?? 'unknown', userId: turn.user.aadObjectId ?? turn.user.id };
}
