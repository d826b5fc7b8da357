/**
 * Adapter middleware for every turn, proactive ones included: each outgoing message that carries an answer
 * card (recognised by its feedback buttons, which name the answer) gets `channelData.feedbackLoopEnabled`,
 * so Teams shows its thumbs up / down under it (personal chats, group chats and channels, per the Teams
 * documentation; clients that do not support it ignore the flag), and, once the connector has accepted it,
 * the message's id is stored on the answer so a thumbs reaction (which names only the message) finds it.
 * A streamed answer's final message is linked by the id the connector returns (its stream id).
 * It never changes a message that carries no answer, and never fails a send: a link that cannot be stored
 * is logged and that message's thumbs are refused as unknown.
 */
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import type { Store } from '../store/create-store.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const answerIdSchema = z.guid();

/** The middleware; add it to the adapter once (`adapter.use(...)`). */
export function feedbackMessageLinks(options: { store: Store; log: Logger }): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      context.onSendActivities(async (_context, activities, send) => {
        const answerIds = activities.map((activity) => answerIdOf(activity));
        answerIds.forEach((answerId, index) => {
          const activity = activities[index];
          if (answerId && activity) {
            activity.channelData = { ...(activity.channelData ?? {}), feedbackLoopEnabled: true };
          }
        });
        const responses = await send();
        await Promise.all(
          answerIds.map((answerId, index) =>
            answerId ? link(options, answerId, activities[index], responses?.[index]) : undefined,
          ),
        );
        return responses;
      });
      await next();
    },
  };
}

async function link(
  options: { store: Store; log: Logger },
  answerId: string,
  activity: Partial<Activity> | undefined,
  response: ResourceResponse | undefined,
): Promise<void> {
  const streamId = (activity?.channelData as { streamId?: unknown } | undefined)?.streamId;
  const messageId = response?.id || (typeof streamId === 'string' ? streamId : undefined);
  if (!messageId) return;
  try {
    await options.store.answerMessages.link(answerId, messageId);
  } catch (error) {
    options.log.warn(
      { err: error, answerId },
      'could not store the message id of an answer: its thumbs will be refused',
    );
  }
}

/** The answer id an outgoing message carries: the one its card's feedback buttons send, if any. */
export function answerIdOf(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message') return undefined;
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== ADAPTIVE_CARD) continue;
    const found = findFeedbackAnswerId(attachment.content);
    if (found) return found;
  }
  return undefined;
}

function findFeedbackAnswerId(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findFeedbackAnswerId(item);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const element = node as Record<string, unknown>;
  if (element.type === 'Action.Execute' && element.verb === 'ward.feedback') {
    const answerId = (element.data as { answerId?: unknown } | undefined)?.answerId;
    return answerIdSchema.safeParse(answerId).success ? (answerId as string) : undefined;
  }
  for (const value of Object.values(element)) {
    const found = findFeedbackAnswerId(value);
    if (found) return found;
  }
  return undefined;
}
