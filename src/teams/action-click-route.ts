/**
 * The Teams side of an action click (`Action.Execute`, verb `ward.action`): validates the card data, hands
 * the click to the core's guarded action flow, answers the invoke at once (Teams allows 5 s; the action
 * runs in the background), updates the shared card for everyone in the conversation, and, when the action
 * finishes, updates it again from a proactive turn. A temporary password goes only to the clicker's 1:1 chat.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { type Activity, type ConversationReference, MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { toConfirmActionCardView } from '../cards/confirm-action-card-view.js';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import type { ActionClickHandler, ClickOutcome } from '../core/actions/handle-action-click.js';
import type { Store } from '../store/create-store.js';
import { renderStoredAnswer } from './render-stored-answer.js';
import { cardActivity, noticeCard } from './reply-activity.js';

const actionClickSchema = z.looseObject({
  actionId: z.guid(),
  step: z.enum(['confirm', 'cancel']).optional(),
});

/** Card inputs Teams merges into the click's data (e.g. the dismiss reason): short strings only. */
function inputValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter(
      (entry): entry is [string, string] =>
        entry[0] !== 'actionId' &&
        entry[0] !== 'step' &&
        typeof entry[1] === 'string' &&
        entry[1].length <= 100,
    ),
  );
}

export interface ActionClickRouteOptions {
  clicks: ActionClickHandler;
  store: Store;
  log: Logger;
  now: () => Date;
  adapter: TeamsAdapter;
  botAppId?: string;
  /** Send the temporary password of a reset to the clicker's 1:1 chat. */
  deliverSecretsToClicker?: boolean;
  /** Keeps background work visible to shutdown, so Ward drains it before closing storage. */
  track?: (work: Promise<unknown>) => void;
}

export async function handleActionClick(
  context: TurnContext,
  data: unknown,
  options: ActionClickRouteOptions,
): Promise<AdaptiveCard> {
  const { store, log, now } = options;
  const parsed = actionClickSchema.safeParse(data);
  if (!parsed.success) {
    return noticeCard(
      'That button is not valid',
      'It carries no action Ward knows. Nothing was changed.',
      'attention',
    );
  }
  const activity = context.activity;
  const outcome = await options.clicks.handle({
    pendingActionId: parsed.data.actionId,
    conversationId: activity.conversation?.id ?? '',
    tenantId: activity.conversation?.tenantId,
    clicker: { aadObjectId: activity.from?.aadObjectId, name: activity.from?.name },
    step: parsed.data.step,
    choices: inputValues(parsed.data),
  });
  const cardId = activity.replyToId;
  if (outcome.pending && cardId && !outcome.pending.cardActivityId) {
    await store.pendingActions.setCardActivityId(outcome.pending.id, cardId).catch(() => undefined);
  }

  switch (outcome.kind) {
    case 'refused':
      return outcome.pending
        ? renderStoredAnswer(store, outcome.pending.answerId, now(), {
            notice: { text: outcome.reason, style: 'attention' },
          })
        : noticeCard('That button is not valid here', outcome.reason, 'attention');
    case 'confirm':
      return renderCard(
        'confirm-action',
        toConfirmActionCardView(confirmInput(outcome, activity.from?.name ?? 'you', now())),
      );
    case 'unchanged':
      return renderStoredAnswer(store, outcome.pending.answerId, now(), {
        notice: { text: outcome.reason, style: 'warning' },
      });
    case 'cancelled':
    case 'awaiting-approval': {
      const notice =
        outcome.kind === 'cancelled'
          ? {
              text: `Cancelled by ${activity.from?.name ?? 'an analyst'}: nothing was changed.`,
              style: 'warning' as const,
            }
          : {
              text: `${activity.from?.name ?? 'An analyst'} requested this action. A different person with the approver role must click "Approve" to run it.`,
              style: 'warning' as const,
            };
      const card = await renderStoredAnswer(store, outcome.pending.answerId, now(), { notice });
      await updateSharedCard(context, cardId, card, log);
      return card;
    }
    case 'executing': {
      const notice = {
        text: `Working: started by ${activity.from?.name ?? 'an analyst'}. This card updates when it is done.`,
        style: 'warning' as const,
      };
      const card = await renderStoredAnswer(store, outcome.pending.answerId, now(), { notice });
      await updateSharedCard(context, cardId, card, log);
      const reference = activity.conversation?.id
        ? await store.conversations.get(activity.conversation.id)
        : undefined;
      const clickerId = activity.from?.id;
      // The invoke is answered now; the result arrives in a proactive turn.
      const work = outcome.completion
        .then(async ({ pending, privateNote }) => {
          if (!reference || !cardId) return;
          const ok = pending.status === 'succeeded';
          const finalCard = await renderStoredAnswer(store, pending.answerId, now(), {
            notice: {
              text: `${ok ? 'Done' : 'Failed'}: ${pending.result?.message ?? ''}`,
              style: ok ? 'good' : 'attention',
            },
          });
          await options.adapter.continueConversationAsync(
            options.botAppId ?? '',
            reference.reference as unknown as Partial<ConversationReference>,
            async (proactive) => {
              await proactive.updateActivity({
                ...cardActivity(finalCard, 'Action result'),
                id: cardId,
              } as Partial<Activity>);
            },
          );
          if (privateNote && options.deliverSecretsToClicker && clickerId) {
            await deliverToClicker(options, clickerId, privateNote, log);
          }
        })
        .catch((error: unknown) =>
          log.error(
            { err: error, pendingActionId: outcome.pending.id },
            'could not update the card after the action',
          ),
        );
      options.track?.(work);
      return card;
    }
  }
}

/** Inputs of non-user actions worth confirming, and their labels. */
const CONFIRM_DETAILS: ReadonlyMap<string, string> = new Map([
  ['owner', 'Owner'],
  ['recommendation', 'Recommendation'],
  ['shortDescription', 'Ticket'],
]);

function confirmInput(outcome: Extract<ClickOutcome, { kind: 'confirm' }>, clickerName: string, now: Date) {
  const { pending, preview } = outcome;
  return {
    pendingActionId: pending.id,
    actionTitle: outcome.action.title,
    actionDescription: outcome.action.description,
    target: {
      displayName: preview.user?.displayName ?? pending.target.displayName ?? pending.target.id,
      id: pending.target.id,
      userPrincipalName: preview.user?.userPrincipalName,
      kind: pending.target.kind,
    },
    // For other targets than users, what the action runs with (the owner to assign, the recommendation).
    details:
      pending.target.kind === 'user'
        ? []
        : Object.entries(pending.input)
            .filter(
              (entry): entry is [string, string] =>
                CONFIRM_DETAILS.has(entry[0]) && typeof entry[1] === 'string',
            )
            .map(([key, value]) => ({ label: CONFIRM_DETAILS.get(key)!, value })),
    why: pending.why,
    clicker: { name: clickerName, roles: outcome.roles },
    preview: {
      accountEnabled: preview.user?.accountEnabled,
      groups: preview.groups,
      roles: preview.roles,
      recentSignIns24h: preview.recentSignIns24h,
      devices: preview.devices,
      failures: preview.failures,
    },
    needsApproval: outcome.needsApproval,
    choice: outcome.action.choice,
    expiresAt: pending.expiresAt,
    now,
  };
}

async function updateSharedCard(
  context: TurnContext,
  cardId: string | undefined,
  card: AdaptiveCard,
  log: Logger,
): Promise<void> {
  if (!cardId) return;
  try {
    await context.updateActivity({ ...cardActivity(card, 'Ward answer'), id: cardId } as Partial<Activity>);
  } catch (error) {
    // The clicker still gets the new card in the invoke response; others see it on their next refresh.
    log.warn({ err: error }, 'could not update the shared card');
  }
}

async function deliverToClicker(
  options: ActionClickRouteOptions,
  clickerId: string,
  secret: string,
  log: Logger,
): Promise<void> {
  const personal = (await options.store.conversations.list({ kind: 'personal' })).find(
    (row) => (row.reference as { user?: { id?: string } }).user?.id === clickerId,
  );
  if (!personal) {
    log.warn('temporary password not delivered: the clicker has no 1:1 chat with Ward');
    return;
  }
  await options.adapter.continueConversationAsync(
    options.botAppId ?? '',
    personal.reference as unknown as Partial<ConversationReference>,
    async (proactive) => {
      await proactive.sendActivity(
        MessageFactory.text(
          `Temporary password (shown once, only to you): ${secret} — the user must change it at next sign-in.`,
        ),
      );
    },
  );
}
