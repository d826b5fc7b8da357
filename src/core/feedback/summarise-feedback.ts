/**
 * The feedback report's figures, from feedback rows joined with their answers: ratings per UTC day over the
 * window (every day present, zero when nobody rated), per plugin the answers drew on, per intent, and the
 * worst-rated answers with every comment on them. Pure: the caller reads the rows and passes the clock.
 * It never shortens or escapes text (the card view does), and never names who rated except by display name.
 */
import type { FeedbackRating, FeedbackWithAnswer } from '../../store/feedback.js';
import { citedPlugins } from './cited-plugins.js';
import type { FeedbackChannel, FeedbackReason } from './feedback-reason.js';

/** How many analysts gave each rating. */
export type RatingTally = Record<FeedbackRating, number>;

/** One answer among the worst rated. */
export interface RatedAnswer {
  answerId: string;
  question: string;
  intent: string;
  planner: string;
  title: string | undefined;
  askedAt: Date;
  tally: RatingTally;
  /** Looks right minus needs improvement minus twice inappropriate: lower is worse. */
  score: number;
  /** Every rating with a reason or comment, newest first. */
  comments: {
    by: string | null;
    rating: FeedbackRating;
    reason: FeedbackReason | null;
    comment: string | null;
    channel: FeedbackChannel;
    at: Date;
  }[];
}

export interface FeedbackReport {
  /** Start of the first day in the window (00:00 UTC). */
  from: Date;
  /** The time the report was drawn. */
  to: Date;
  days: number;
  totals: RatingTally;
  /** Every day of the window, oldest first; `day` is `YYYY-MM-DD` (UTC). */
  byDay: { day: string; tally: RatingTally }[];
  /** Plugins by number of ratings, most first. */
  byPlugin: { plugin: string; versions: string[]; tally: RatingTally }[];
  /** Intents by number of ratings, most first. */
  byIntent: { intent: string; tally: RatingTally }[];
  /** The worst-rated answers with at least one negative rating, worst first. */
  worst: RatedAnswer[];
  /** True when more feedback was given in the window than the report read. */
  truncated: boolean;
}

export interface SummariseOptions {
  now: Date;
  /** Days in the window, today included (default 14). */
  days?: number;
  /** Most answers listed as worst rated (default 5). */
  worst?: number;
  /** The rows were cut at the reading limit. */
  truncated?: boolean;
}

const DAY_MS = 86_400_000;

/** Start of the report window: 00:00 UTC, `days - 1` days before `now`'s day. */
export function reportWindowStart(now: Date, days = 14): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

function emptyTally(): RatingTally {
  return { 'looks-right': 0, 'needs-improvement': 0, inappropriate: 0 };
}

/** Total of a tally. */
export function tallyTotal(tally: RatingTally): number {
  return tally['looks-right'] + tally['needs-improvement'] + tally.inappropriate;
}

function score(tally: RatingTally): number {
  return tally['looks-right'] - tally['needs-improvement'] - 2 * tally.inappropriate;
}

/** Summarises the feedback given (or last changed) in the window. Rows outside it are ignored. */
export function summariseFeedback(
  rows: readonly FeedbackWithAnswer[],
  options: SummariseOptions,
): FeedbackReport {
  const days = options.days ?? 14;
  const from = reportWindowStart(options.now, days);
  const inWindow = rows.filter(
    (row) => row.updatedAt.getTime() >= from.getTime() && row.updatedAt.getTime() <= options.now.getTime(),
  );
  const totals = emptyTally();
  const byDay = new Map<string, RatingTally>();
  for (let index = 0; index < days; index++) {
    byDay.set(new Date(from.getTime() + index * DAY_MS).toISOString().slice(0, 10), emptyTally());
  }
  const byPlugin = new Map<string, { versions: Set<string>; tally: RatingTally }>();
  const byIntent = new Map<string, RatingTally>();
  const byAnswer = new Map<string, RatedAnswer>();

  for (const row of inWindow) {
    totals[row.rating] += 1;
    const day = byDay.get(row.updatedAt.toISOString().slice(0, 10));
    if (day) day[row.rating] += 1;
    const intent = byIntent.get(row.answer.intent) ?? emptyTally();
    intent[row.rating] += 1;
    byIntent.set(row.answer.intent, intent);
    for (const cited of row.answer.content ? citedPlugins(row.answer.content) : []) {
      const plugin = byPlugin.get(cited.plugin) ?? { versions: new Set<string>(), tally: emptyTally() };
      for (const version of cited.versions) plugin.versions.add(version);
      plugin.tally[row.rating] += 1;
      byPlugin.set(cited.plugin, plugin);
    }
    const answer = byAnswer.get(row.answerId) ?? {
      answerId: row.answerId,
      question: row.answer.question,
      intent: row.answer.intent,
      planner: row.answer.planner,
      title: row.answer.content?.title,
      askedAt: row.answer.createdAt,
      tally: emptyTally(),
      score: 0,
      comments: [],
    };
    answer.tally[row.rating] += 1;
    if (row.comment || row.reason) {
      answer.comments.push({
        by: row.userName,
        rating: row.rating,
        reason: row.reason,
        comment: row.comment,
        channel: row.channel,
        at: row.updatedAt,
      });
    }
    byAnswer.set(row.answerId, answer);
  }

  const byCount = <T extends { tally: RatingTally }>(left: T, right: T) =>
    tallyTotal(right.tally) - tallyTotal(left.tally);
  const worst = [...byAnswer.values()]
    .map((answer) => ({
      ...answer,
      score: score(answer.tally),
      comments: answer.comments.sort((left, right) => right.at.getTime() - left.at.getTime()),
    }))
    .filter((answer) => answer.tally['needs-improvement'] + answer.tally.inappropriate > 0)
    .sort((left, right) => left.score - right.score || right.askedAt.getTime() - left.askedAt.getTime())
    .slice(0, options.worst ?? 5);

  return {
    from,
    to: options.now,
    days,
    totals,
    byDay: [...byDay].map(([day, tally]) => ({ day, tally })),
    byPlugin: [...byPlugin]
      .map(([plugin, value]) => ({ plugin, versions: [...value.versions].sort(), tally: value.tally }))
      .sort((left, right) => byCount(left, right) || left.plugin.localeCompare(right.plugin)),
    byIntent: [...byIntent]
      .map(([intent, tally]) => ({ intent, tally }))
      .sort((left, right) => byCount(left, right) || left.intent.localeCompare(right.intent)),
    worst,
    truncated: options.truncated ?? false,
  };
}
