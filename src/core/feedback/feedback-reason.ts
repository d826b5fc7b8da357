/**
 * Why an analyst says an answer needs improvement or is inappropriate: the reason choice on the answer card.
 * One list, used by the card, the store (and its CHECK constraint), the report and the expected correction of
 * a labelled case. It never interprets free text: a comment stays the analyst's words.
 */
import { z } from 'zod/v4';

/** Every reason, in the order the card offers them. */
export const feedbackReasons = [
  'wrong-data',
  'wrong-conclusion',
  'missing-source',
  'unsafe-suggestion',
  'other',
] as const;

export const feedbackReasonSchema = z.enum(feedbackReasons, {
  error: (issue) =>
    `reason must be one of ${feedbackReasons.join(', ')} (got ${JSON.stringify(issue.input)})`,
});
export type FeedbackReason = z.infer<typeof feedbackReasonSchema>;

/** What the card shows for each reason. */
export const feedbackReasonLabels: Readonly<Record<FeedbackReason, string>> = {
  'wrong-data': 'Wrong data',
  'wrong-conclusion': 'Wrong conclusion',
  'missing-source': 'Missing source',
  'unsafe-suggestion': 'Unsafe suggestion',
  other: 'Other',
};

/** Where a rating came from: the answer card's buttons, or the Teams thumbs under the message. */
export const feedbackChannels = ['card', 'teams-thumbs'] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];
