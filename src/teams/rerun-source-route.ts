/**
 * The Teams side of a finding's "Re-run" (`Action.Execute`, verb `ward.rerunSource`, data
 * `{ answerId, sourceId }`): validates the card data and asks the core re-runner to check the click, which
 * refuses — with a clear card, running nothing — an id Ward never gave, another conversation's answer, a
 * source the answer does not have or that is not a registered read skill. Otherwise it answers the invoke at
 * once with the clicked card as it was plus a notice (Teams allows 5 s), repeats the source in the
 * background and posts a compact "Re-run of S3 · entra.signIns" card to the conversation when it is done.
 * It holds no comparison logic (that is `core/snapshots/`) and never runs an action.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import { toSourceRerunCardView } from '../cards/source-rerun-card-view.js';
import type { SourceRerunner, SourceRerunReport } from '../core/rerun-source.js';
import type { Store } from '../store/create-store.js';
import { renderStoredAnswer } from './render-stored-answer.js';
import { cardActivity, noticeCard } from './reply-activity.js';

const rerunSourceClickSchema = z.object({
  answerId: z.guid(),
  sourceId: z.string().regex(/^S\d{1,4}$/),
});

export interface RerunSourceRouteOptions {
  /** Absent: the deployment offers no re-runs and every click is answered as such. */
  reruns?: SourceRerunner;
  store: Store;
  adapter: TeamsAdapter;
  botAppId?: string;
  /** Keeps the background run visible to shutdown and tests. */
  track?: (work: Promise<unknown>) => void;
  log: Logger;
  now: () => Date;
}

/** Answers a finding's "Re-run" click at once; the result follows in the conversation. */
export async function handleRerunSourceClick(
  context: TurnContext,
  data: unknown,
  options: RerunSourceRouteOptions,
): Promise<AdaptiveCard> {
  const click = rerunSourceClickSchema.safeParse(data);
  if (!click.success) {
    return noticeCard(
      'That button is not valid',
      'It does not point at a source of an answer Ward gave. Nothing was run.',
      'attention',
    );
  }
  if (!options.reruns) {
    return noticeCard(
      'Re-run is not available',
      'This deployment does not re-run sources. Nothing was run.',
      'warning',
    );
  }
  const activity = context.activity;
  const conversationId = activity.conversation?.id ?? '';
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const plan = await options.reruns.prepare({
    ...click.data,
    conversationId,
    tenantId: activity.conversation?.tenantId ?? channelData?.tenant?.id,
  });
  if (plan.kind === 'refused') {
    options.log.warn(
      { answer: click.data.answerId, source: click.data.sourceId, reason: plan.reason },
      're-run refused',
    );
    return noticeCard(plan.title, plan.reason, 'attention');
  }
  const clicker = activity.from?.name;
  options.log.info({ answer: plan.answerId, source: plan.sourceId, ref: plan.ref }, 're-running a source');
  const post = (report: SourceRerunReport) =>
    cardActivity(
      renderCard('source-rerun', toSourceRerunCardView(report, { clicker })),
      `Re-run of ${plan.sourceId} · ${plan.ref}: ${report.ok ? 'answered' : 'failed'}`,
    );
  const reference = await options.store.conversations.get(conversationId);
  if (!reference) {
    // No stored reference to post through later (it is stored on every message, so rare): answer in the invoke.
    await context.sendActivity(post(await plan.run()));
    return renderStoredAnswer(options.store, plan.answerId, options.now(), {
      notice: { text: `Re-ran ${plan.sourceId} (${plan.ref}): the result is below.`, style: 'good' },
    });
  }
  const work = plan
    .run()
    .then((report) =>
      options.adapter.continueConversationAsync(
        options.botAppId ?? '',
        reference.reference as unknown as Partial<ConversationReference>,
        async (proactive) => {
          await proactive.sendActivity(post(report));
        },
      ),
    )
    .catch((error: unknown) =>
      options.log.error({ err: error, answer: plan.answerId, source: plan.sourceId }, 're-run failed'),
    );
  options.track?.(work);
  return renderStoredAnswer(options.store, plan.answerId, options.now(), {
    notice: {
      text: `Re-running ${plan.sourceId} (${plan.ref}) for ${clicker ?? 'an analyst'}: the result will appear below.`,
      style: 'good',
    },
  });
}
