/**
 * The one limit on a feedback comment, and how a comment over it is described. 1,000 characters is a
 * paragraph: enough to say what was wrong and what the answer should have said, short enough to read in the
 * report and to keep in a labelled case. A longer comment is refused, never cut: the analyst gets it back to
 * shorten, so nothing they wrote is silently lost.
 */

/** Longest comment kept, in characters (UTF-16 code units, as the card input counts them). */
export const FEEDBACK_COMMENT_LIMIT = 1_000;

const numbers = new Intl.NumberFormat('en-US');

/** `1,000`, for messages. */
export const FEEDBACK_COMMENT_LIMIT_TEXT = numbers.format(FEEDBACK_COMMENT_LIMIT);

/** The comment, trimmed; `undefined` when empty. */
export function normaliseComment(comment: string | undefined | null): string | undefined {
  const trimmed = comment?.trim();
  return trimmed ? trimmed : undefined;
}

/** Why a comment cannot be kept, in one sentence; `undefined` when it is within the limit. */
export function commentTooLong(comment: string | undefined): string | undefined {
  if (comment === undefined || comment.length <= FEEDBACK_COMMENT_LIMIT) return undefined;
  return `Your comment is ${numbers.format(comment.length)} characters; comments are limited to ${FEEDBACK_COMMENT_LIMIT_TEXT} characters.`;
}
