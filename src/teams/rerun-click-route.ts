/**
 * The Teams side of "Run again" (`Action.Execute`, verb `ward.rerun`, data `{ answerId }`): validates the card
 * data, loads the stored answer and refuses — with a clear card, running nothing — an id Ward never gave, an
 * answer from another conversation, or one that is not rerunnable. Otherwise it answers the invoke at once
 * (Teams allows 5 s; a hunt can take longer) with the clicked card as it was plus a "running again" notice —
 * the old rows stay visible for comparison — and asks the stored question again (the whole question, however
 * long its KQL) as a new turn from the clicker, posting the new answer card to the conversation proactively
 * when it is ready. It holds no hunting logic.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import type { AdaptiveCard } from '../cards/render-card.js';
import type { Orchestrator } from '../core/orchestrator.js';
import type { Store } from '../store/create-store.js';
import { renderStoredAnswer } from './render-stored-answer.js';
import { noticeCard, replyActivity } from './reply-activity.js';
import { toTurn } from './turn.js';

const rerunClickSchema = z.object({ answerId: z.guid() });

export interface RerunClickRouteOptions {
  orchestrator: Orchestrator;
  store: Store;
  adapter: TeamsAdapter;
  botAppId?: string;
  /** Keeps the background run visible to shutdown and tests. */
  track?: (work: Promise<unknown>) => void;
  log: Logger;
  now: () => Date;
}

/** Answers a "Run again" click at once; the new answer follows in the conversation when it is ready. */
export async function handleRerunClick(
  context: TurnContext,
  data: unknown,
  options: RerunClickRouteOptions,
): Promise<AdaptiveCard> {
  const click = rerunClickSchema.safeParse(data);
  if (!click.success) {
    return noticeCard(
      'That button is not valid',
      'It does not point at an answer Ward gave. Nothing was run.',
      'attention',
    );
  }
  const stored = await options.store.answers.get(click.data.answerId);
  if (!stored || stored.conversationId !== context.activity.conversation?.id) {
    return noticeCard(
      'That button is not valid here',
      'Ward gave no such answer in this conversation. Nothing was run.',
      'attention',
    );
  }
  if (stored.textRemovedAt !== null) {
    return noticeCard(
      'This question is no longer kept',
      'Ward does not keep the text of answers past RETENTION_ANSWER_DAYS (0: not at all), so it cannot ask this one again. Nothing was run; ask the question again instead.',
      'attention',
    );
  }
  if (stored.answer.rerunnable !== true) {
    return noticeCard(
      'This answer cannot be run again',
      'Only answers that ran a query (hunts) can be run again. Nothing was run; ask the question again instead.',
      'attention',
    );
  }
  // The clicker, conversation and thread come from the click; the question is the stored one, as it was asked.
  const built = toTurn({ ...context.activity, type: ActivityTypes.Message, text: '', entities: [] });
  if (!built.ok) {
    options.log.warn({ reason: built.reason }, 'rerun ignored: malformed activity');
    return noticeCard(
      'That button is not valid here',
      'Ward could not read this conversation. Nothing was run.',
      'attention',
    );
  }
  options.log.info({ answer: stored.id }, 'running an answer again');
  const turn = { ...built.turn, text: stored.question };
  const reference = await options.store.conversations.get(stored.conversationId);
  if (!reference) {
    // No stored reference to post through later (it is stored on every message, so rare): answer in the invoke.
    const reply = await options.orchestrator.ask(turn);
    await context.sendActivity(replyActivity(reply, options.now()));
    return renderStoredAnswer(options.store, stored.id, options.now(), {
      notice: { text: 'Ran again — the new answer is below.', style: 'good' },
    });
  }
  const work = options.orchestrator
    .ask(turn)
    .then((reply) =>
      options.adapter.continueConversationAsync(
        options.botAppId ?? '',
        reference.reference as unknown as Partial<ConversationReference>,
        async (proactive) => {
          await proactive.sendActivity(replyActivity(reply, options.now()));
        },
      ),
    )
    .catch((error: unknown) => options.log.error({ err: error, answer: stored.id }, 'run again failed'));
  options.track?.(work);
  return renderStoredAnswer(options.store, stored.id, options.now(), {
    notice: {
      text: `Running again for ${context.activity.from?.name ?? 'an analyst'}: the new answer will appear below.`,
      style: 'good',
    },
  });
}
