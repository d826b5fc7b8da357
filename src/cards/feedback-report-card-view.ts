/**
 * View-model for the feedback report card (`adaptiveCards/feedback-report.json`), the reply to
 * `@Ward feedback report`: totals over the window, ratings per day, per plugin and per intent as tables, and
 * the worst-rated answers with every comment on them. Questions and comments are analysts' own text, so
 * they are escaped and bounded like tenant text. It must never build card JSON or read the clock.
 */
import { feedbackReasonLabels } from '../core/feedback/feedback-reason.js';
import type { FeedbackReport, RatingTally } from '../core/feedback/summarise-feedback.js';
import { tallyTotal } from '../core/feedback/summarise-feedback.js';
import { type CardColor, feedbackRatingLabels } from './answer-card-view.js';
import { escapeCardText } from './escape-card-text.js';
import { formatCardTime, formatUtc } from './format-card-time.js';

/** A table of the report: a heading, column titles and rows of cells. */
export interface FeedbackReportTableView {
  heading: string;
  columns: { title: string; width: number }[];
  rows: { cells: { text: string; color: CardColor }[] }[];
}

/** What `adaptiveCards/feedback-report.json` binds to. */
export interface FeedbackReportCardView {
  /** `Last 14 days: 2026-11-11 – 2026-11-24 (UTC)`. */
  period: string;
  /** `42 ratings: 30 looks right · 9 needs improvement · 3 inappropriate`. */
  totals: string;
  /** Shown when the report could not read everything; empty hides it. */
  notice: string;
  /** By day, by plugin, by intent; a table without rows is left out. */
  tables: FeedbackReportTableView[];
  worst: {
    question: string;
    /** `user-risk · rules · asked 2026-11-24 14:05 UTC · 2 h ago`. */
    meta: string;
    /** `2 needs improvement · 1 inappropriate · 0 looks right`. */
    tally: string;
    comments: { text: string }[];
    answerId: string;
  }[];
  /** True when nobody rated anything in the window. */
  empty: boolean;
  asOf: string;
}

const numbers = new Intl.NumberFormat('en-US');

/** Builds the report card's view-model. Pure. */
export function toFeedbackReportCardView(report: FeedbackReport, now: Date): FeedbackReportCardView {
  const total = tallyTotal(report.totals);
  const lastDay = new Date(report.from.getTime() + (report.days - 1) * 86_400_000);
  return {
    period: `Last ${report.days} days: ${report.from.toISOString().slice(0, 10)} – ${lastDay
      .toISOString()
      .slice(0, 10)} (UTC)`,
    totals:
      total === 0
        ? 'No ratings yet'
        : `${numbers.format(total)} rating${total === 1 ? '' : 's'}: ${describeTally(report.totals)} · ${lookRightShare(report.totals)}`,
    notice: report.truncated
      ? 'More feedback was given in this period than the report reads at once: the figures cover the most recent ratings. Use npm run feedback:export for all of it.'
      : '',
    tables: [
      {
        heading: 'Ratings by day',
        columns: ratingColumns('Day (UTC)'),
        rows: total === 0 ? [] : [...report.byDay].reverse().map((day) => ratingRow(day.day, day.tally)),
      },
      {
        heading: 'By plugin (the sources each answer cited)',
        columns: ratingColumns('Plugin'),
        rows: report.byPlugin.map((plugin) =>
          ratingRow(
            `${plugin.plugin}${plugin.versions.length ? ` ${plugin.versions.join(', ')}` : ''}`,
            plugin.tally,
          ),
        ),
      },
      {
        heading: 'By intent',
        columns: ratingColumns('Intent'),
        rows: report.byIntent.map((intent) => ratingRow(intent.intent, intent.tally)),
      },
    ].filter((table) => table.rows.length > 0),
    worst: report.worst.map((answer) => ({
      question: `“${escapeCardText(answer.question, { maxLength: 300 })}”`,
      meta: [
        escapeCardText(answer.intent, { maxLength: 60 }),
        escapeCardText(answer.planner, { maxLength: 80 }),
        `asked ${formatCardTime(answer.askedAt, now)}`,
      ].join(' · '),
      tally: describeTally(answer.tally, true),
      comments: answer.comments.map((entry) => {
        const head = [
          `**${escapeCardText(entry.by ?? 'An analyst', { maxLength: 120 })}**`,
          `— ${feedbackRatingLabels[entry.rating]}`,
          entry.reason ? `(${feedbackReasonLabels[entry.reason].toLowerCase()})` : '',
          entry.channel === 'teams-thumbs' ? 'via Teams thumbs' : '',
        ]
          .filter((part) => part !== '')
          .join(' ');
        const comment = entry.comment
          ? escapeCardText(entry.comment, { maxLength: 1000, multiline: true })
          : '';
        return { text: comment ? `${head}: ${comment}` : head };
      }),
      answerId: answer.answerId,
    })),
    empty: total === 0,
    asOf: `As of ${formatUtc(now)}`,
  };
}

function ratingColumns(first: string): FeedbackReportTableView['columns'] {
  return [
    { title: first, width: 3 },
    { title: feedbackRatingLabels['looks-right'], width: 2 },
    { title: feedbackRatingLabels['needs-improvement'], width: 2 },
    { title: feedbackRatingLabels.inappropriate, width: 2 },
    { title: 'Looks right share', width: 2 },
  ];
}

function ratingRow(label: string, tally: RatingTally): FeedbackReportTableView['rows'][number] {
  const total = tallyTotal(tally);
  const share = total === 0 ? '–' : `${Math.round((tally['looks-right'] / total) * 100)}%`;
  const negative = tally['needs-improvement'] + tally.inappropriate;
  return {
    cells: [
      { text: escapeCardText(label, { maxLength: 120 }), color: 'default' },
      { text: numbers.format(tally['looks-right']), color: tally['looks-right'] > 0 ? 'good' : 'default' },
      {
        text: numbers.format(tally['needs-improvement']),
        color: tally['needs-improvement'] > 0 ? 'warning' : 'default',
      },
      { text: numbers.format(tally.inappropriate), color: tally.inappropriate > 0 ? 'attention' : 'default' },
      { text: share, color: total > 0 && negative > tally['looks-right'] ? 'attention' : 'default' },
    ],
  };
}

/** `30 looks right · 9 needs improvement · 3 inappropriate`; negatives first when `negativeFirst`. */
function describeTally(tally: RatingTally, negativeFirst = false): string {
  const order = negativeFirst
    ? (['inappropriate', 'needs-improvement', 'looks-right'] as const)
    : (['looks-right', 'needs-improvement', 'inappropriate'] as const);
  return order
    .map((rating) => `${numbers.format(tally[rating])} ${feedbackRatingLabels[rating].toLowerCase()}`)
    .join(' · ');
}

function lookRightShare(tally: RatingTally): string {
  const total = tallyTotal(tally);
  return `${Math.round((tally['looks-right'] / total) * 100)}% looks right`;
}
