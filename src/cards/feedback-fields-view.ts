/**
 * The parts of a feedback form that the answer card's panels and the "feedback not saved yet" card share: the
 * reason choices, the comment field's label, limit check and error message, and the ids of each panel's
 * inputs (the card data the `ward.feedback` handler reads). The limit is stated and checked by a pattern,
 * never enforced with `maxLength`, which would cut a pasted comment without saying so.
 */
import { FEEDBACK_COMMENT_LIMIT, FEEDBACK_COMMENT_LIMIT_TEXT } from '../core/feedback/feedback-comment.js';
import { feedbackReasonLabels, feedbackReasons } from '../core/feedback/feedback-reason.js';
import type { FeedbackRating } from './answer-card-view.js';

/** A rating whose button opens a panel with a reason choice and a comment field. */
export type DetailedFeedbackRating = Exclude<FeedbackRating, 'looks-right'>;

/** What the comment field and the reason choice show. */
export interface FeedbackFieldsView {
  reasons: { title: string; value: string }[];
  commentLabel: string;
  /** Accepts up to the limit, across lines; the client refuses to send more. */
  commentPattern: string;
  commentError: string;
}

/** The shared texts of the feedback form. */
export function feedbackFieldsView(): FeedbackFieldsView {
  return {
    reasons: feedbackReasons.map((reason) => ({ title: feedbackReasonLabels[reason], value: reason })),
    commentLabel: `Comment (optional, up to ${FEEDBACK_COMMENT_LIMIT_TEXT} characters)`,
    commentPattern: `^[\\s\\S]{0,${FEEDBACK_COMMENT_LIMIT}}$`,
    commentError: `Comments are limited to ${FEEDBACK_COMMENT_LIMIT_TEXT} characters. Shorten yours and send again: nothing was recorded yet.`,
  };
}

/** Each panel: its container, its inputs (the keys of the click's data) and its texts. */
export const FEEDBACK_PANELS: Readonly<
  Record<
    DetailedFeedbackRating,
    {
      panelId: string;
      reasonInputId: string;
      commentInputId: string;
      reasonLabel: string;
      placeholder: string;
      sendTitle: string;
    }
  >
> = {
  'needs-improvement': {
    panelId: 'feedbackNeedsImprovement',
    reasonInputId: 'needsImprovementReason',
    commentInputId: 'needsImprovementComment',
    reasonLabel: 'What needs improving?',
    placeholder: 'What should be better?',
    sendTitle: 'Send: needs improvement',
  },
  inappropriate: {
    panelId: 'feedbackInappropriate',
    reasonInputId: 'inappropriateReason',
    commentInputId: 'inappropriateComment',
    reasonLabel: 'What was inappropriate?',
    placeholder: 'What was inappropriate about it?',
    sendTitle: 'Send: inappropriate',
  },
};
