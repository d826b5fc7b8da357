/**
 * Ward's Teams host: a Teams AI `Application` that routes @mentions and chat messages to the core
 * orchestrator, answers card clicks (pending actions, feedback, "ask" buttons), stores conversation
 * references for proactive messages, and turns every failure into a clear reply. The only module (with its
 * siblings in src/teams) that knows about Teams; it holds no business logic.
 */
import { AdaptiveCardActionExecuteResponseType, Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext, TurnContext as TurnContextClass } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { toAuditCardView } from '../cards/audit-card-view.js';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import { type AuditTrailOutcome, parseAuditCommand } from '../core/actions/audit-trail.js';
import type { ActionClickHandler } from '../core/actions/handle-action-click.js';
import { parseFeedbackReportCommand } from '../core/feedback/parse-feedback-report-command.js';
import type { Orchestrator } from '../core/orchestrator.js';
import { parsePromptbookCommand } from '../core/promptbooks/parse-promptbook-command.js';
import type { SourceRerunner } from '../core/rerun-source.js';
import type { UsageReport } from '../core/usage/create-usage-meter.js';
import type { UsageSubject } from '../core/usage/usage-meter.js';
import { usageSubjectOf } from '../core/usage/usage-subject.js';
import type { Store } from '../store/create-store.js';
import { handleActionClick } from './action-click-route.js';
import { type ChannelNames, createChannelNames } from './channel-names.js';
import { handleFeedbackClick } from './feedback-click-route.js';
import { registerFeedbackLoop } from './feedback-loop-route.js';
import { type FeedbackReportSource, replyWithFeedbackReport } from './feedback-report-command.js';
import { whileTyping } from './keep-typing.js';
import { cardActivity, noticeCard, replyActivity } from './reply-activity.js';
import { handleRerunClick } from './rerun-click-route.js';
import { handleRerunSourceClick } from './rerun-source-route.js';
import { canStream, streamAnswer } from './stream-answer.js';
import { MAX_QUESTION_LENGTH, mentionsBot, toTurn } from './turn.js';
import { parseUsageCommand, usageReplyCard, usageReplySummary } from './usage-command.js';

export interface TeamsAppOptions {
  adapter: TeamsAdapter;
  botAppId?: string;
  orchestrator: Orchestrator;
  clicks: ActionClickHandler;
  /** `@Ward audit <user>`: the recorded trail of actions on a user. */
  auditTrail: (request: { user: string; clicker?: string }) => Promise<AuditTrailOutcome>;
  /** `@Ward usage`: the analyst's and tenant's model usage against the limits. */
  usageReport?: (subject: UsageSubject) => Promise<UsageReport>;
  /** `@Ward feedback report`: ratings over time, per plugin and intent (admins only). */
  feedbackReport?: FeedbackReportSource;
  /** A finding's "Re-run": repeats one source of a stored answer and compares it with the snapshot. */
  sourceReruns?: SourceRerunner;
  deliverSecretsToClicker?: boolean;
  track?: (work: Promise<unknown>) => void;
  /** Looks up channel names Teams leaves out of messages; one per app by default. */
  channelNames?: ChannelNames;
  store: Store;
  log: Logger;
  now?: () => Date;
}

const askClickSchema = z.object({ question: z.string().trim().min(1).max(500) });

const NEW_CONVERSATION = Symbol('ward.newConversation');

/** Verbs Ward's cards use; any other Action.Execute is answered as not recognised. */
export const CARD_VERBS = [
  'ward.action',
  'ward.feedback',
  'ward.ask',
  'ward.rerun',
  'ward.rerunSource',
] as const;

export function createTeamsApp(options: TeamsAppOptions): Application {
  const { orchestrator, store, log } = options;
  const now = options.now ?? (() => new Date());
  const channelNames = options.channelNames ?? createChannelNames({ log });
  const app = new Application({
    adapter: options.adapter,
    botAppId: options.botAppId ?? '',
    removeRecipientMention: false, // turn.ts removes the mention and keeps other people's names
    startTypingTimer: false, // keep-typing.ts: at once, and per turn
    longRunningMessages: false,
    adaptiveCards: {
      actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_INTERACTOR,
    },
  });

  app.turn('beforeTurn', async (context) => {
    const isNew = await rememberConversation(context, store, log);
    context.turnState.set(NEW_CONVERSATION, isNew);
    return true;
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((member) => member.id === context.activity.recipient?.id)) return;
    // Greet once per conversation: clients (the Playground on every page load) repeat "bot added".
    if (context.turnState.get(NEW_CONVERSATION) !== true) return;
    await context.sendActivity(
      replyActivity(
        {
          kind: 'help',
          reason: "Hi, I'm Ward. Mention me with a security question about your tenant.",
          examples: [],
          candidates: [],
        },
        now(),
      ),
    );
  });

  // Messages with text that are for Ward: every message in a 1:1 chat; in channels and group chats only
  // when Ward is @mentioned (Teams delivers other channel messages to bots with extra permissions only).
  app.message(
    async (context) => {
      const activity = context.activity;
      if (
        activity.type !== ActivityTypes.Message ||
        typeof activity.text !== 'string' ||
        !activity.text.trim()
      )
        return false;
      const kind = activity.conversation?.conversationType;
      return kind === 'channel' || kind === 'groupChat' || activity.conversation?.isGroup
        ? mentionsBot(activity)
        : true;
    },
    async (context) => {
      const built = toTurn(context.activity);
      if (!built.ok) {
        log.warn({ reason: built.reason }, 'message ignored: malformed activity');
        return;
      }
      // Teams sends a channel message without the channel's name; the name links it to an incident.
      const turn = await channelNames.name(context, built.turn);
      if (turn.text.length > MAX_QUESTION_LENGTH) {
        await context.sendActivity(
          `That message is ${turn.text.length.toLocaleString('en')} characters long; I read questions up to ${MAX_QUESTION_LENGTH.toLocaleString(
            'en',
          )}. Ask about one user or indicator at a time.`,
        );
        return;
      }
      const auditUser = parseAuditCommand(turn.text);
      if (auditUser) {
        const trail = await whileTyping(context, () =>
          options.auditTrail({ user: auditUser, clicker: turn.user.aadObjectId }),
        );
        await context.sendActivity(
          trail.kind === 'refused'
            ? cardActivity(noticeCard('Audit trail not shown', trail.reason, 'warning'), trail.reason)
            : cardActivity(
                renderCard(
                  'audit',
                  toAuditCardView({
                    subject: trail.subject,
                    entries: trail.entries.map((entry) => ({ ...entry, actor: entry.actor })),
                    chain: trail.chain,
                    now: now(),
                  }),
                ),
                `Audit trail for ${trail.subject}`,
              ),
        );
        return;
      }
      if (options.feedbackReport && parseFeedbackReportCommand(turn.text)) {
        await replyWithFeedbackReport(context, turn, options.feedbackReport, { log, now });
        return;
      }
      const usageReport = options.usageReport;
      if (usageReport && parseUsageCommand(turn.text)) {
        try {
          const report = await whileTyping(context, () => usageReport(usageSubjectOf(turn)));
          await context.sendActivity(
            cardActivity(
              usageReplyCard(report, now(), { analystName: turn.user.name }),
              usageReplySummary(report),
            ),
          );
        } catch (error) {
          log.warn({ err: error }, 'usage report unavailable');
          const text = 'Ward could not read the usage counters. Please try again in a moment.';
          await context.sendActivity(cardActivity(noticeCard('Usage not available', text, 'warning'), text));
        }
        return;
      }
      // `@Ward run investigate-user <upn>`: every step, in order, while Teams shows Ward typing; one card.
      const promptbook = parsePromptbookCommand(turn.text, orchestrator.promptbooks);
      if (promptbook) {
        const reply = await whileTyping(context, () => orchestrator.runPromptbook(turn, promptbook));
        await context.sendActivity(replyActivity(reply, now()));
        return;
      }
      if (canStream(context.activity)) {
        await streamAnswer(context, (progress) => orchestrator.ask(turn, progress), { log, now });
        return;
      }
      const reply = await whileTyping(context, () => orchestrator.ask(turn));
      await context.sendActivity(replyActivity(reply, now()));
    },
  );

  app.adaptiveCards.actionExecute('ward.action', (context, _state, data) =>
    handleActionClick(context, data, {
      clicks: options.clicks,
      store,
      log,
      now,
      adapter: options.adapter,
      botAppId: options.botAppId,
      deliverSecretsToClicker: options.deliverSecretsToClicker,
      track: options.track,
    }),
  );

  app.adaptiveCards.actionExecute('ward.feedback', (context, _state, data) =>
    handleFeedbackClick(context, data, { store, now }),
  );

  app.adaptiveCards.actionExecute('ward.ask', async (context, _state, data) => {
    const click = askClickSchema.safeParse(data);
    if (!click.success) return refused('That button is not valid', 'It carries no question.');
    const built = toTurn({
      ...context.activity,
      type: ActivityTypes.Message,
      text: click.data.question,
      entities: [],
    });
    if (!built.ok) return refused('That button is not valid here', 'Ward could not read this conversation.');
    const turn = await channelNames.name(context, built.turn);
    const promptbook = parsePromptbookCommand(turn.text, orchestrator.promptbooks);
    const reply = promptbook
      ? await orchestrator.runPromptbook(turn, promptbook)
      : await orchestrator.ask(turn);
    await context.sendActivity(replyActivity(reply, now()));
    return noticeCard('Asked Ward', `“${click.data.question}” — the answer is below.`, 'good');
  });

  // "Run again" on a hunt's card: the stored question, asked again in this conversation.
  app.adaptiveCards.actionExecute('ward.rerun', (context, _state, data) =>
    handleRerunClick(context, data, {
      orchestrator,
      store,
      adapter: options.adapter,
      botAppId: options.botAppId,
      track: options.track,
      log,
      now,
    }),
  );

  // A finding's "Re-run": its first source, repeated with the stored input; the comparison is posted below.
  app.adaptiveCards.actionExecute('ward.rerunSource', (context, _state, data) =>
    handleRerunSourceClick(context, data, {
      reruns: options.sourceReruns,
      store,
      adapter: options.adapter,
      botAppId: options.botAppId,
      track: options.track,
      log,
      now,
    }),
  );

  // Thumbs up / down under answer messages (Teams feedback loop).
  registerFeedbackLoop(app, { store, log });

  // Any other Action.Execute (an old card, a forged verb): a clear card, never a 501.
  app.adaptiveCards.actionExecute(
    async (context) =>
      context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      log.warn(
        { verb: (context.activity.value as { action?: { verb?: unknown } })?.action?.verb },
        'unknown card verb',
      );
      return refused(
        'That button is not recognised',
        'This card came from another app or an older version of Ward.',
      );
    },
  );

  app.error(async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'turn failed');
    const reference = `reference ${context.activity.id ?? 'none'}`;
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(
        `Something went wrong while answering. Nothing was changed in your tenant; please try again. (${reference})`,
      );
    } else if (
      context.activity.type === ActivityTypes.Invoke &&
      context.activity.name === 'adaptiveCard/action'
    ) {
      // Without an invoke response the adapter answers 501 and Teams shows "Unable to reach app".
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: {
            statusCode: 200,
            type: 'application/vnd.microsoft.card.adaptive',
            value: noticeCard(
              'Something went wrong',
              `Ward could not handle that click; nothing was changed. (${reference})`,
              'attention',
            ),
          },
        },
      });
    } else if (
      context.activity.type === ActivityTypes.Invoke &&
      context.activity.name === 'message/submitAction'
    ) {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: {
            statusCode: 200,
            type: 'application/vnd.microsoft.activity.message',
            value: `Ward could not record that feedback; please try again. (${reference})`,
          },
        },
      });
    }
  });

  return app;
}

function refused(title: string, text: string): AdaptiveCard {
  return noticeCard(title, text, 'attention');
}

/** Stores the conversation reference; true when Ward had never seen this conversation. */
async function rememberConversation(context: TurnContext, store: Store, log: Logger): Promise<boolean> {
  const activity = context.activity;
  if (!activity.conversation?.id || !activity.serviceUrl) return false;
  if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate)
    return false;
  try {
    const known = await store.conversations.get(activity.conversation.id);
    const reference = TurnContextClass.getConversationReference(activity);
    const channelData = activity.channelData as
      | { tenant?: { id?: string }; channel?: { name?: string } }
      | undefined;
    await store.conversations.save({
      conversationId: activity.conversation.id,
      tenantId: activity.conversation.tenantId ?? channelData?.tenant?.id ?? 'unknown',
      kind:
        activity.conversation.conversationType === 'channel'
          ? 'channel'
          : activity.conversation.conversationType === 'groupChat'
            ? 'groupChat'
            : 'personal',
      name: channelData?.channel?.name ?? activity.conversation.name ?? null,
      reference: {
        ...reference,
        serviceUrl: activity.serviceUrl,
        conversation: { ...reference.conversation, id: activity.conversation.id },
      },
    });
    return known === undefined;
  } catch (error) {
    // Losing a reference only delays proactive messages; the analyst's question still gets its answer.
    log.warn({ err: error }, 'could not store conversation reference');
    return false;
  }
}
