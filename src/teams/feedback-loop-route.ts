/**
 * The Teams feedback loop: the thumbs up / thumbs down Teams shows under Ward's answer messages (they carry
 * `channelData.feedbackLoopEnabled`, see feedback-message-links.ts). Teams sends an invoke
 * `message/submitAction` with `actionName: 'feedback'`, the reaction and what the analyst typed (a JSON
 * string `{"feedbackText": …}` in Teams), and `replyToId`: the message rated. Like → "looks right", dislike
 * → "needs improvement" with the text as comment, in the same `feedback` table as the card's buttons (a later
 * rating by the same analyst replaces the earlier one, whichever channel).
 * Registered as a raw invoke route rather than `app.feedbackLoop`: that helper always answers a bare 200
 * after its handler, so Ward could not say that a message is unknown. A message that carried no answer of
 * this conversation is refused with a 200 that says so; nothing is stored.
 */
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { commentTooLong, normaliseComment } from '../core/feedback/feedback-comment.js';
import { recordFeedbackWithLabel } from '../core/feedback/record-feedback.js';
import type { Store } from '../store/create-store.js';
import type { FeedbackRating } from '../store/feedback.js';

const feedbackLoopValueSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});

/** What Teams' default feedback form sends, once its JSON string is read. */
const feedbackFormSchema = z.looseObject({ feedbackText: z.string().optional() });

export interface FeedbackLoopRouteOptions {
  store: Store;
  log: Logger;
}

/** Whether the activity is a Teams feedback-loop invoke. */
export function isFeedbackLoopInvoke(context: TurnContext): boolean {
  const activity = context.activity;
  return (
    activity.type === ActivityTypes.Invoke &&
    activity.name === 'message/submitAction' &&
    (activity.value as { actionName?: unknown } | undefined)?.actionName === 'feedback'
  );
}

/** Registers the feedback-loop invoke route on the Teams AI application. */
export function registerFeedbackLoop(app: Application, options: FeedbackLoopRouteOptions): void {
  app.addRoute(
    async (context) => isFeedbackLoopInvoke(context),
    async (context) => {
      const text = await handleFeedbackLoop(context, options);
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
        },
      });
    },
    true,
  );
}

/** Records the reaction; returns the sentence to answer the invoke with. */
export async function handleFeedbackLoop(
  context: TurnContext,
  options: FeedbackLoopRouteOptions,
): Promise<string> {
  const { store, log } = options;
  const activity = context.activity;
  const parsed = feedbackLoopValueSchema.safeParse(activity.value);
  if (!parsed.success) return 'That feedback could not be read: nothing was recorded.';
  const messageId = activity.replyToId;
  const conversationId = activity.conversation?.id;
  const match = messageId
    ? (await store.answerMessages.find(messageId)).find(
        (candidate) => candidate.conversationId === conversationId,
      )
    : undefined;
  const answer = match ? await store.answers.get(match.answerId) : undefined;
  if (!answer) {
    log.info({ replyToId: messageId }, 'thumbs feedback on a message that carried no answer here: refused');
    return 'Ward has no answer for that message in this conversation: nothing was recorded.';
  }
  const { reaction, feedback } = parsed.data.actionValue;
  const rating: FeedbackRating = reaction === 'like' ? 'looks-right' : 'needs-improvement';
  const typed = normaliseComment(feedbackText(feedback));
  const tooLong = commentTooLong(typed);
  const from = activity.from;
  await recordFeedbackWithLabel(store, {
    answer: { id: answer.id, answer: answer.answer },
    user: { id: from?.aadObjectId ?? from?.id ?? 'unknown', name: from?.name ?? null },
    rating,
    comment: tooLong ? null : typed,
    channel: 'teams-thumbs',
  });
  const label = rating === 'looks-right' ? 'Looks right' : 'Needs improvement';
  return tooLong
    ? `Thanks: recorded “${label}”, without your comment. ${tooLong} Use “${label}” on the answer card to send a shorter one.`
    : `Thanks: recorded “${label}”${typed ? ' with your comment' : ''}.`;
}

/** The text of Teams' feedback form: `{"feedbackText": …}` as a JSON string (or object), or plain text. */
function feedbackText(feedback: string | Record<string, unknown> | undefined): string | undefined {
  if (feedback === undefined) return undefined;
  if (typeof feedback !== 'string') return feedbackFormSchema.safeParse(feedback).data?.feedbackText;
  let decoded: unknown;
  try {
    decoded = JSON.parse(feedback);
  } catch {
    return feedback;
  }
  if (typeof decoded === 'string') return decoded;
  const form = feedbackFormSchema.safeParse(decoded);
  return form.success ? form.data.feedbackText : feedback;
}
