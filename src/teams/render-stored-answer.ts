/**
 * Redraws a stored answer's card as it stands now: its proposed actions with their current state (button,
 * "Approve: …", or a status line once done), the feedback tally, and an optional notice for this click.
 * Used whenever a click changes or explains something, so every view of the card tells the same story.
 */
import { type FeedbackRating, toAnswerCardView } from '../cards/answer-card-view.js';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import { describeState } from '../core/actions/handle-action-click.js';
import type { FeedbackReason } from '../core/feedback/feedback-reason.js';
import type { Store } from '../store/create-store.js';
import { noticeCard } from './reply-activity.js';

export interface StoredAnswerExtras {
  notice?: { text: string; style: 'good' | 'warning' | 'attention' };
  acknowledged?: { name: string; rating: FeedbackRating; reason?: FeedbackReason | null };
}

export async function renderStoredAnswer(
  store: Store,
  answerId: string,
  now: Date,
  extra: StoredAnswerExtras = {},
): Promise<AdaptiveCard> {
  const [answer, actions, tally] = await Promise.all([
    store.answers.get(answerId),
    store.pendingActions.listForAnswer(answerId),
    store.feedback.tally(answerId),
  ]);
  if (!answer) return noticeCard('Answer not found', 'Ward no longer has this answer. Ask again.', 'warning');
  return renderCard(
    'answer',
    toAnswerCardView({
      answerId,
      answer: answer.answer,
      actions: answer.answer.proposedActions.flatMap((proposal) => {
        const stored = actions.find(
          (action) => action.action === proposal.action && action.target.id === proposal.target.id,
        );
        if (!stored) return [];
        const status =
          stored.expiresAt.getTime() <= now.getTime() && stored.status === 'proposed'
            ? 'expired'
            : stored.status;
        return [
          {
            pendingActionId: stored.id,
            title: proposal.title,
            destructive: stored.destructive,
            status,
            statusLine:
              status === 'proposed'
                ? undefined
                : `${proposal.title}: ${describeState({ ...stored, status })}`,
          },
        ];
      }),
      createdAt: answer.createdAt,
      now,
      feedback: { tally, acknowledged: extra.acknowledged },
      notice: extra.notice,
    }),
  );
}
