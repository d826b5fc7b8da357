/**
 * Stores an answer, the snapshot of its sources (each skill call's input, plugin version, outcome and data, in
 * `answer_sources`) and its proposed actions in one transaction (all or nothing), so every button on a card
 * points at a stored pending action and every pending action at the answer that proposed it. A proposal's
 * input is stored as the pending action's input, with `{answerId}` replaced by the answer's id (chosen here,
 * before the insert, because the planner ran before there was one). It never validates or runs an action.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/create-store.js';
import { ANSWER_ID_PLACEHOLDER, type ProposedAction } from './answer.js';
import type { ActionButton, AnswerRecorder } from './orchestrator.js';

export interface AnswerRecorderOptions {
  store: Store;
  /** How long a proposed action stays clickable. */
  actionTtlMs: number;
  now?: () => Date;
}

/** Creates the recorder the orchestrator calls once per answer. */
export function createAnswerRecorder(options: AnswerRecorderOptions): AnswerRecorder {
  const now = options.now ?? (() => new Date());
  return {
    async record({ turn, answer, calls = [] }) {
      const expiresAt = new Date(now().getTime() + options.actionTtlMs);
      const answerId = randomUUID();
      return options.store.transaction(async (tx) => {
        const row = await tx.answers.insert({
          id: answerId,
          conversationId: turn.conversation.id,
          turnId: turn.id,
          user: { aadObjectId: turn.user.aadObjectId, name: turn.user.name },
          question: turn.text,
          answer,
        });
        await tx.answerSources.insert(row.id, calls);
        const ids = await tx.pendingActions.insert(
          answer.proposedActions.map((proposal) => ({
            answerId: row.id,
            conversationId: turn.conversation.id,
            action: proposal.action,
            target: proposal.target,
            input: actionInput(proposal, row.id),
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

/** The pending action's input for a proposal: its own input with the answer id filled in, or `{}`. */
function actionInput(proposal: ProposedAction, answerId: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(proposal.input ?? {}).map(([key, value]) => [
      key,
      value.replaceAll(ANSWER_ID_PLACEHOLDER, answerId),
    ]),
  );
}
