/**
 * `npm run feedback:export`'s format: one record per rating, joined with the answer it rates (question,
 * intent, planner, title, risk level) and the plugins the answer drew on with their versions; written as CSV
 * (RFC 4180, header first) or JSON Lines. Analysts are not named: the export is for studying answers, the
 * report names who said what. Pure: rows in, text out.
 * In CSV a cell that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading `'`
 * (OWASP's advice against CSV injection); JSONL keeps every value exactly as stored.
 */
import type { FeedbackWithAnswer } from '../../store/feedback.js';
import { citedPlugins } from './cited-plugins.js';

/** One exported rating. */
export interface FeedbackExportRecord {
  feedbackId: string;
  answerId: string;
  /** When the rating was given or last changed (ISO). */
  ratedAt: string;
  /** When the analyst first rated this answer (ISO). */
  firstRatedAt: string;
  channel: string;
  rating: string;
  reason: string | null;
  comment: string | null;
  question: string;
  intent: string;
  planner: string;
  answerTitle: string | null;
  riskLevel: string | null;
  answeredAt: string;
  /** Plugins of the sources the answer cited (`entra`, `defender-xdr` ...). */
  citedPlugins: string[];
  /** `plugin@version` of each of them, where the version was recorded. */
  pluginVersions: string[];
}

/** Column order of the CSV (the record's keys). */
export const FEEDBACK_EXPORT_COLUMNS: readonly (keyof FeedbackExportRecord)[] = [
  'feedbackId',
  'answerId',
  'ratedAt',
  'firstRatedAt',
  'channel',
  'rating',
  'reason',
  'comment',
  'question',
  'intent',
  'planner',
  'answerTitle',
  'riskLevel',
  'answeredAt',
  'citedPlugins',
  'pluginVersions',
];

/** The export record of a feedback row. */
export function toExportRecord(row: FeedbackWithAnswer): FeedbackExportRecord {
  const content = row.answer.content;
  const plugins = content ? citedPlugins(content) : [];
  return {
    feedbackId: row.id,
    answerId: row.answerId,
    ratedAt: row.updatedAt.toISOString(),
    firstRatedAt: row.createdAt.toISOString(),
    channel: row.channel,
    rating: row.rating,
    reason: row.reason,
    comment: row.comment,
    question: row.answer.question,
    intent: row.answer.intent,
    planner: row.answer.planner,
    answerTitle: content?.title ?? null,
    riskLevel: content?.riskLevel ?? null,
    answeredAt: row.answer.createdAt.toISOString(),
    citedPlugins: plugins.map((plugin) => plugin.plugin),
    pluginVersions: plugins.flatMap((plugin) =>
      plugin.versions.map((version) => `${plugin.plugin}@${version}`),
    ),
  };
}

/** The CSV header line, with its line break. */
export function csvHeader(): string {
  return `${FEEDBACK_EXPORT_COLUMNS.join(',')}\r\n`;
}

/** One CSV line, with its line break. Lists are joined with `;`. */
export function csvLine(record: FeedbackExportRecord): string {
  return `${FEEDBACK_EXPORT_COLUMNS.map((column) => csvCell(record[column])).join(',')}\r\n`;
}

/** One JSON Lines line, with its line break. */
export function jsonlLine(record: FeedbackExportRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function csvCell(value: string | string[] | null): string {
  if (value === null) return '';
  let text = Array.isArray(value) ? value.join(';') : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
