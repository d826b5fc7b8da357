/**
 * View-model for the small standalone notice card (`adaptiveCards/notice.json`) and for the notice strip at
 * the top of an answer card: "That button is no longer valid", "Actions are not enabled yet: nothing was
 * changed". It must never carry markdown from its caller into the card: every string is escaped here.
 */
import { escapeCardText } from './escape-card-text.js';

/** Colour of a notice: the Adaptive Card container style it is drawn with. */
export type NoticeStyle = 'good' | 'warning' | 'attention';

/** A notice as callers describe it. */
export interface Notice {
  text: string;
  style: NoticeStyle;
}

/** What `adaptiveCards/notice.json` binds to. */
export interface NoticeCardView {
  title: string;
  text: string;
  style: NoticeStyle;
}

/** Builds the view-model of a standalone notice card; title and text are escaped and bounded. */
export function toNoticeCardView(input: { title: string; text: string; style: NoticeStyle }): NoticeCardView {
  return {
    title: escapeCardText(input.title, { maxLength: 120 }),
    text: escapeCardText(input.text, { maxLength: 1000, multiline: true }),
    style: input.style,
  };
}
