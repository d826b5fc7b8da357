/**
 * The Teams side of a feedback click (`Action.Execute`, verb `ward.feedback`): "Looks right" at once, or
 * "Needs improvement" / "Inappropriate" sent from their panel with a reason and a comment. Validates the card
 * data, checks the answer was given in this conversation, records the rating (one per analyst per answer,
 * with its labelled case) and answers with the answer card thanking the analyst. A comment over the limit is
 * never cut and never stored: the clicker gets the "feedback not saved yet" card with the reason and the
 * whole comment as typed, a message saying how long it is and what the limit is, the send button, and "Back
 * to the answer" (`view: 'answer'`, which records nothing). Cards posted before the panels send one
 * `feedbackComment` for every button; it is still read.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { type DetailedFeedbackRating, FEEDBACK_PANELS } from '../cards/feedback-fields-view.js';
import { toFeedbackRetryCardView } from '../cards/feedback-retry-card-view.js';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import {
  commentTooLong,
  FEEDBACK_COMMENT_LIMIT_TEXT,
  normaliseComment,
} from '../core/feedback/feedback-comment.js';
import { type FeedbackReason, feedbackReasonSchema } from '../core/feedback/feedback-reason.js';
import { recordFeedbackWithLabel } from '../core/feedback/record-feedback.js';
import type { Store } from '../store/create-store.js';
import { feedbackRatingSchema } from '../store/feedback.js';
import { renderStoredAnswer } from './render-stored-answer.js';
import { noticeCard } from './reply-activity.js';

const feedbackClickSchema = z.looseObject({
  answerId: z.guid(),
  rating: feedbackRatingSchema.optional(),
  /** "Back to the answer" on the feedback-not-saved card: show the answer, record nothing. */
  view: z.literal('answer').optional(),
  /** The single comment field of cards posted before the panels. */
  feedbackComment: z.string().optional(),
});

/** The panel inputs Teams merges into the click's data: short or long strings, nothing else. */
const panelInputSchema = z.string().optional();

export interface FeedbackClickRouteOptions {
  store: Store;
  now: () => Date;
}

/** Answers a `ward.feedback` click with the card to show the clicker. */
export async function handleFeedbackClick(
  context: TurnContext,
  data: unknown,
  options: FeedbackClickRouteOptions,
): Promise<AdaptiveCard> {
  const { store, now } = options;
  const parsed = feedbackClickSchema.safeParse(data);
  const click = parsed.success && (parsed.data.rating || parsed.data.view) ? parsed.data : undefined;
  if (!click) {
    return refused(
      'That button is not valid',
      'It does not point at an answer Ward gave. Nothing was recorded.',
    );
  }
  const rating = click.rating;
  const panel = rating && rating !== 'looks-right' ? panelValues(click, rating) : undefined;
  if (panel === null) {
    return refused('That button is not valid', 'It carries feedback Ward cannot read. Nothing was recorded.');
  }
  let reason: FeedbackReason | undefined;
  if (panel?.reason !== undefined) {
    const checked = feedbackReasonSchema.safeParse(panel.reason);
    if (!checked.success) {
      return refused('That reason is not valid', 'It is not one Ward offers. Nothing was recorded.');
    }
    reason = checked.data;
  }
  const typed = panel?.comment ?? click.feedbackComment;
  const comment = normaliseComment(typed);
  const tooLong = rating ? commentTooLong(comment) : undefined;

  const answer = await store.answers.get(click.answerId);
  const here = answer !== undefined && answer.conversationId === context.activity.conversation?.id;
  if (tooLong && (!here || !rating || rating === 'looks-right')) {
    return noticeCard(
      'Feedback not saved',
      `${tooLong} Comments are limited to ${FEEDBACK_COMMENT_LIMIT_TEXT} characters: shorten it and send again. Nothing was recorded.`,
      'warning',
    );
  }
  if (!here) {
    return refused(
      'That button is not valid here',
      'Ward gave no such answer in this conversation. Nothing was recorded.',
    );
  }
  if (tooLong && rating && rating !== 'looks-right') {
    return renderCard(
      'feedback-retry',
      toFeedbackRetryCardView({
        answerId: answer.id,
        answerTitle: answer.answer.title,
        rating,
        reason,
        // The comment exactly as sent, untrimmed: it goes back into the box as typed.
        comment: typed ?? '',
        error: `${tooLong} Shorten it and send again: nothing was recorded yet, and your text is still in the box below.`,
      }),
    );
  }
  if (!rating) return renderStoredAnswer(store, answer.id, now());
  const from = context.activity.from;
  await recordFeedbackWithLabel(store, {
    answer: { id: answer.id, answer: answer.answer },
    user: { id: from?.aadObjectId ?? from?.id ?? 'unknown', name: from?.name ?? null },
    rating,
    reason,
    comment,
    channel: 'card',
  });
  return renderStoredAnswer(store, answer.id, now(), {
    acknowledged: { name: from?.name ?? 'you', rating, reason },
  });
}

/**
 * The reason and comment of the clicked rating's panel (the other panel's inputs come along and are ignored);
 * `null` when they are not text.
 */
function panelValues(
  click: Record<string, unknown>,
  rating: DetailedFeedbackRating,
): { reason?: string; comment?: string } | null {
  const ids = FEEDBACK_PANELS[rating];
  const reason = panelInputSchema.safeParse(click[ids.reasonInputId]);
  const comment = panelInputSchema.safeParse(click[ids.commentInputId]);
  if (!reason.success || !comment.success) return null;
  return {
    reason: reason.data?.trim() ? reason.data.trim() : undefined,
    comment: comment.data?.trim() ? comment.data : undefined,
  };
}

function refused(title: string, text: string): AdaptiveCard {
  return noticeCard(title, text, 'attention');
}
