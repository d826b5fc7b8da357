/**
 * Placeholder replaced by the memory work: which earlier subject a follow-up question refers to.
 */
import type { Target } from '../answer.js';
import type { Entities } from '../grounding/extract-entities.js';
import type { RememberedTurn } from './conversation-memory.js';

/**
 * The subject of the latest remembered answer when the question refers back to it ("and her devices?",
 * "what about his sign-ins", "reset them") and names no user of its own; otherwise undefined.
 */
export function followUpSubject(
  _text: string,
  _entities: Entities,
  _history: readonly RememberedTurn[],
): Target | undefined {
  return undefined;
}
