/**
 * Answers a 1:1 chat as a Teams stream (Teams AI `StreamingResponse`): "Looking into it…" at once, an
 * informative update as each source is consulted, the model's summary as it is written, and the reply's card
 * as the stream's final message. Teams streams only in personal chats; elsewhere the host keeps "typing".
 * The analyst gets the reply exactly once: when the connector refuses any part of the stream (an older client,
 * a chat that cannot stream, the analyst pressing Stop), the card is sent as a normal message instead.
 * It never sends more than one message for a reply and never throws for a failed progress update.
 */
import { StreamingResponse } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Orchestrator, ProgressEvent, Reply } from '../core/orchestrator.js';
import { createInformativeUpdates, skillUpdateText } from './informative-updates.js';
import { whileTyping } from './keep-typing.js';
import { replyActivity } from './reply-activity.js';

/** The first informative update, sent before anything else happens. */
export const FIRST_UPDATE = 'Looking into it…';

/** How the orchestrator is asked: `orchestrator.ask` bound to the turn. */
export type AskWithProgress = (options: NonNullable<Parameters<Orchestrator['ask']>[1]>) => Promise<Reply>;

export interface StreamAnswerOptions {
  log: Logger;
  now: () => Date;
  /** Least time between two informative updates; default 1 s. */
  minUpdateGapMs?: number;
}

/** Whether Teams can stream a reply to this activity: a message in a 1:1 (personal) chat in Teams. */
export function canStream(activity: Partial<Activity>): boolean {
  return activity.channelId === 'msteams' && activity.conversation?.conversationType === 'personal';
}

/**
 * Asks with `stream: true` and delivers the reply through a Teams stream. When Teams refuses the stream, Ward
 * shows typing instead until the reply is ready, then sends it as a normal message.
 */
export async function streamAnswer(
  context: TurnContext,
  ask: AskWithProgress,
  options: StreamAnswerOptions,
): Promise<void> {
  const stream = new StreamingResponse(context);
  let failure: unknown;
  let answered = false;
  let textStarted = false;
  let typing: Promise<unknown> | undefined;
  let asking: Promise<Reply> | undefined;
  // Called after every queue call: the SDK's queue rejects on a refused send, and nobody else listens.
  const watch = () => {
    stream.waitForQueue().catch((error: unknown) => {
      if (failure !== undefined) return;
      failure = error;
      if (!answered)
        typing = whileTyping(context, async () => {
          await asking;
        });
    });
  };
  const updates = createInformativeUpdates({
    send: (text) => {
      if (failure !== undefined) return;
      stream.queueInformativeUpdate(text);
      watch();
    },
    idle: () => stream.waitForQueue().catch(() => undefined),
    minGapMs: options.minUpdateGapMs,
  });

  const onProgress = (event: ProgressEvent) => {
    if (failure !== undefined) return;
    if (event.kind === 'skill' && !textStarted) {
      updates.show(skillUpdateText(event.service, event.description));
    } else if (event.kind === 'text' && event.delta) {
      // Once the answer itself is being written, a status line is noise: text only from here on.
      textStarted = true;
      updates.close();
      stream.queueTextChunk(event.delta);
      watch();
    }
  };

  updates.show(FIRST_UPDATE);
  asking = askSafely(ask, onProgress, context, options.log).finally(() => {
    answered = true;
    updates.close();
  });
  const reply = await asking;
  await typing;

  const activity = replyActivity(reply, options.now());
  if (failure === undefined) {
    const ended = await finishStream(context, stream, reply, activity);
    if (ended.delivered) return;
    failure = ended.error;
  }
  options.log.warn(
    { err: failure, streamId: stream.streamId },
    'Teams refused the stream: sending the reply as a message',
  );
  await context.sendActivity(activity);
}

/** The orchestrator answers every failure itself; this is the last resort, so the stream still ends. */
async function askSafely(
  ask: AskWithProgress,
  onProgress: (event: ProgressEvent) => void,
  context: TurnContext,
  log: Logger,
): Promise<Reply> {
  try {
    return await ask({ stream: true, onProgress });
  } catch (error) {
    log.error({ err: error }, 'question failed while streaming');
    return {
      kind: 'error',
      message: `Something went wrong while answering. Nothing was changed in your tenant; please try again. (reference ${context.activity.id ?? 'none'})`,
    };
  }
}

/**
 * Ends the stream with the reply as its final message: the card as its attachment and text Teams accepts
 * (never empty, always starting with what was streamed). Resolves once the final message was accepted,
 * without waiting for the SDK's pause after it, or as soon as it, or anything queued before it, was refused.
 */
async function finishStream(
  context: TurnContext,
  stream: StreamingResponse,
  reply: Reply,
  activity: Partial<Activity>,
): Promise<{ delivered: boolean; error?: unknown }> {
  let settle: (outcome: { delivered: boolean; error?: unknown }) => void = () => undefined;
  const finalSent = new Promise<{ delivered: boolean; error?: unknown }>((resolve) => {
    settle = resolve;
  });
  context.onSendActivities(async (_context, activities, next) => {
    const final = activities.find(isFinalStreamMessage);
    if (!final) return next();
    final.text = finalText(final.text ?? '', reply, activity);
    if (activity.summary) final.summary = activity.summary;
    try {
      const responses = await next();
      settle({ delivered: true });
      return responses;
    } catch (error) {
      settle({ delivered: false, error });
      throw error;
    }
  });
  stream.setAttachments(activity.attachments ?? []);
  const ended = stream.endStream().then(
    () => ({ delivered: true }),
    (error: unknown) => ({ delivered: false, error }),
  );
  return Promise.race([finalSent, ended]);
}

function isFinalStreamMessage(activity: Partial<Activity>): boolean {
  const channelData = activity.channelData as { streamType?: unknown } | undefined;
  return activity.type === 'message' && channelData?.streamType === 'final';
}

/**
 * Teams rejects a final message whose text is empty or does not start with the streamed text. Nothing
 * streamed: the reply's own text (an error) or its card's summary. Streamed: that text, plus an error's message.
 */
function finalText(streamed: string, reply: Reply, activity: Partial<Activity>): string {
  const own = activity.text || activity.summary || 'Ward';
  if (!streamed.trim()) return own;
  return reply.kind === 'error' ? `${streamed}\n\n${own}` : streamed;
}
