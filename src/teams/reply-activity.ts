/**
 * Core reply → Bot Framework activity: an answer or help becomes an Adaptive Card attachment rendered from
 * the templates; an error becomes a short text. The only place replies are turned into activities.
 */
import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import { toAnswerCardView } from '../cards/answer-card-view.js';
import { toHelpCardView } from '../cards/help-card-view.js';
import { type NoticeStyle, toNoticeCardView } from '../cards/notice-card-view.js';
import { type AdaptiveCard, renderCard } from '../cards/render-card.js';
import { CAPABILITIES } from '../core/help-examples.js';
import type { Reply } from '../core/orchestrator.js';

/** Renders a reply as the card (or text) to post. */
export function replyActivity(reply: Reply, now: Date): Partial<Activity> {
  switch (reply.kind) {
    case 'answer':
      return cardActivity(
        renderCard(
          'answer',
          toAnswerCardView({
            answerId: reply.answerId,
            answer: reply.answer,
            actions: reply.actions,
            createdAt: reply.createdAt,
            now,
          }),
        ),
        reply.answer.title,
      );
    case 'help':
      return cardActivity(
        renderCard(
          'help',
          toHelpCardView({
            reason: reply.reason,
            examples: reply.examples,
            candidates: reply.candidates.map((candidate) => ({
              ...candidate,
              question: `is ${candidate.upn} compromised?`,
            })),
            capabilities: [...CAPABILITIES, ...(reply.capabilities ?? [])],
          }),
        ),
        reply.reason ?? 'What Ward can do',
      );
    case 'error':
      return MessageFactory.text(reply.message);
  }
}

/** A small standalone card (errors about buttons, confirmations). */
export function noticeCard(title: string, text: string, style: NoticeStyle): AdaptiveCard {
  return renderCard('notice', toNoticeCardView({ title, text, style }));
}

/** A message carrying one Adaptive Card, with a text summary for notifications and screen readers. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary.slice(0, 200);
  return activity;
}
