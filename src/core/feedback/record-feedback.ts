/**
 * Records one analyst's feedback on one answer, from whichever channel, and keeps the loop closed in the same
 * transaction: a negative rating ("needs improvement", "inappropriate", a thumbs down) becomes (or updates)
 * that analyst's labelled case with its expected correction; a change of mind to "looks right" withdraws it.
 * Host-neutral: the Teams routes call it after checking the answer belongs to the conversation.
 * It never checks that, and never truncates a comment (the store refuses one over the limit).
 */
import type { Store } from '../../store/create-store.js';
import type { FeedbackRating } from '../../store/feedback.js';
import type { Answer } from '../answer.js';
import { negativeFeedbackExpectation, recordedClaims } from './case-expectation.js';
import type { FeedbackChannel, FeedbackReason } from './feedback-reason.js';

/** One analyst's feedback, ready to store. */
export interface FeedbackInput {
  answer: { id: string; answer: Answer };
  user: { id: string; name?: string | null };
  rating: FeedbackRating;
  reason?: FeedbackReason | null;
  comment?: string | null;
  channel: FeedbackChannel;
}

/** What was stored. */
export interface RecordedFeedback {
  /** False when it replaced the analyst's earlier rating of the answer. */
  created: boolean;
  /** Whether the analyst's labelled case now exists (negative) or was withdrawn. */
  labelled: boolean;
}

/** The `source` of an analyst's labelled case on an answer. */
export function feedbackCaseSource(userId: string): string {
  return `feedback:${userId}`;
}

/** Stores the feedback and the analyst's labelled case (or withdraws it) in one transaction. */
export async function recordFeedbackWithLabel(store: Store, input: FeedbackInput): Promise<RecordedFeedback> {
  const reason = input.rating === 'looks-right' ? null : (input.reason ?? null);
  return store.transaction(async (tx) => {
    const { created } = await tx.feedback.record({
      answerId: input.answer.id,
      userId: input.user.id,
      userName: input.user.name ?? null,
      rating: input.rating,
      reason,
      comment: input.comment ?? null,
      channel: input.channel,
    });
    const source = feedbackCaseSource(input.user.id);
    if (input.rating === 'looks-right') {
      await tx.labelledCases.withdraw(input.answer.id, source);
      return { created, labelled: false };
    }
    await tx.labelledCases.record({
      answerId: input.answer.id,
      kind: 'negative-feedback',
      source,
      label: {
        rating: input.rating,
        reason,
        comment: input.comment ?? null,
        channel: input.channel,
        by: input.user.name ?? null,
        expected: negativeFeedbackExpectation(reason, recordedClaims(input.answer.answer)),
      },
    });
    return { created, labelled: true };
  });
}
