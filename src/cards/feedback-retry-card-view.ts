/**
 * View-model for the "feedback not saved yet" card (`adaptiveCards/feedback-retry.json`): what a clicker sees
 * instead of the answer card when Ward could not record their feedback (a comment over the limit). It gives
 * everything back as they left it — the reason chosen and the whole comment, never cut — with a message saying
 * why, the panel's own send button, and a way back to the answer. A small card on purpose: an answer card
 * plus a long comment could exceed what Teams draws in one message.
 * It must never build card JSON; the comment is an input's value (not markdown), so it is not escaped.
 */
import type { FeedbackReason } from '../core/feedback/feedback-reason.js';
import { escapeCardText } from './escape-card-text.js';
import {
  type DetailedFeedbackRating,
  FEEDBACK_PANELS,
  type FeedbackFieldsView,
  feedbackFieldsView,
} from './feedback-fields-view.js';

/** What `adaptiveCards/feedback-retry.json` binds to. */
export interface FeedbackRetryCardView {
  answerId: string;
  /** `On the answer “Adele Vance is at high risk”`, escaped. */
  answer: string;
  error: string;
  rating: DetailedFeedbackRating;
  reason: string;
  comment: string;
  panel: (typeof FEEDBACK_PANELS)[DetailedFeedbackRating];
  fields: FeedbackFieldsView;
}

/** Input of {@link toFeedbackRetryCardView}. */
export interface FeedbackRetryCardInput {
  answerId: string;
  answerTitle: string;
  rating: DetailedFeedbackRating;
  reason?: FeedbackReason;
  /** The comment exactly as sent. */
  comment: string;
  /** Why it was not recorded and what to do. */
  error: string;
}

/** Builds the view. Pure. */
export function toFeedbackRetryCardView(input: FeedbackRetryCardInput): FeedbackRetryCardView {
  return {
    answerId: input.answerId,
    answer: `On the answer “${escapeCardText(input.answerTitle, { maxLength: 200 })}”`,
    error: escapeCardText(input.error, { maxLength: 600, multiline: true }),
    rating: input.rating,
    reason: input.reason ?? '',
    comment: input.comment,
    panel: FEEDBACK_PANELS[input.rating],
    fields: feedbackFieldsView(),
  };
}
