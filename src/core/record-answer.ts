/**
 * Stores an answer and its proposed actions in one transaction (all or nothing), so every button on a card
 * points at a stored pending action and every pending action at the answer that proposed it.
 */
import type { Store } from '../store/create-store.js';
import type { ActionButton, AnswerRecorder } from './orchestrator.js';

export interface AnswerRecorderOptions {
  store: Store;
  /** How long a proposed action stays clickable. */
  actionTtlMs: number;
  now?: () => Date;
}

export function createAnswerRecorder(options: AnswerRecorderOptions): AnswerRecorder {
  const now = options.now ?? (() => new Date());
  return {
    async record({ turn, answer }) {
      const expiresAt = new Date(now().getTime() + options.actionTtlMs);
      return options.store.transaction(async (tx) => {
        const row = await tx.answers.insert({
          conversationId: turn.conversation.id,
          turnId: turn.id,
          user: { aadObjectId: turn.user.aadObjectId, name: turn.user.name },
          question: turn.text,
          answer,
        });
        const ids = await tx.pendingActions.insert(
          answer.proposedActions.map((proposal) => ({
            answerId: row.id,
            conversationId: turn.conversation.id,
            action: proposal.action,
            target: proposal.target,
            why: proposal.why,
            destructive: proposal.destructive,
            expiresAt,
          })),
        );
        const actions: ActionButton[] = answer.proposedActions.map((proposal, index) => ({
          pendingActionId: ids[index] ?? '',
          title: proposal.title,
          destructive: proposal.destructive,
        }));
        return { answerId: row.id, createdAt: row.createdAt, actions };
      });
    },
  };
}
