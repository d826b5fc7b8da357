/**
 * `@Ward feedback report`: asks the core for the report (which checks the asker is a Ward admin) while Teams
 * shows Ward typing, and posts the report card, or a polite refusal saying what the report needs. Only in a
 * 1:1 chat: the report quotes analysts' comments from every conversation, and a channel or group chat has
 * members who may not read them.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { toFeedbackReportCardView } from '../cards/feedback-report-card-view.js';
import { renderCard } from '../cards/render-card.js';
import type { FeedbackReportOutcome, FeedbackReportRequest } from '../core/feedback/feedback-report.js';
import { tallyTotal } from '../core/feedback/summarise-feedback.js';
import type { Turn } from '../core/turn.js';
import { whileTyping } from './keep-typing.js';
import { cardActivity, noticeCard } from './reply-activity.js';

export type FeedbackReportSource = (request: FeedbackReportRequest) => Promise<FeedbackReportOutcome>;

/** Replies to the command with the report card or a refusal. */
export async function replyWithFeedbackReport(
  context: TurnContext,
  turn: Turn,
  feedbackReport: FeedbackReportSource,
  options: { log: Logger; now: () => Date },
): Promise<void> {
  if (turn.conversation.kind !== 'personal') {
    const text =
      'Ask me for the feedback report in our 1:1 chat: it quotes analysts’ comments from every conversation, and this one has other members.';
    await context.sendActivity(
      cardActivity(noticeCard('Feedback report not shown here', text, 'warning'), text),
    );
    return;
  }
  let outcome: FeedbackReportOutcome;
  try {
    outcome = await whileTyping(context, () => feedbackReport({ clicker: turn.user.aadObjectId }));
  } catch (error) {
    options.log.warn({ err: error }, 'feedback report unavailable');
    const text = 'Ward could not read the feedback. Please try again in a moment.';
    await context.sendActivity(
      cardActivity(noticeCard('Feedback report not available', text, 'warning'), text),
    );
    return;
  }
  if (outcome.kind === 'refused') {
    await context.sendActivity(
      cardActivity(noticeCard('Feedback report not shown', outcome.reason, 'warning'), outcome.reason),
    );
    return;
  }
  const total = tallyTotal(outcome.report.totals);
  await context.sendActivity(
    cardActivity(
      renderCard('feedback-report', toFeedbackReportCardView(outcome.report, options.now())),
      `Ward feedback report: ${total} rating${total === 1 ? '' : 's'} in the last ${outcome.report.days} days`,
    ),
  );
}
