/**
 * Step one of `npm run eval:feedback`: turns the labelled cases not yet written into case files, one per
 * answer (`<answerId>.json`), merged with the file already there (its labels kept, an admin's `expect`
 * untouched), and marks them written. A case whose answer or question is gone (retention) is reported and
 * left unmarked. The files are reached through a small interface, so this runs the same on disk and in tests.
 */
import type { Store } from '../../store/create-store.js';
import type { LabelledCaseRow } from '../../store/labelled-cases.js';
import { buildFeedbackCase, type FeedbackCase, parseFeedbackCase } from './feedback-case.js';

/** Where case files live. */
export interface CaseFiles {
  /** The file's text, or undefined when there is none. */
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

/** What step one did. */
export interface WrittenCases {
  /** Case files written (new or updated), by answer id. */
  written: { answerId: string; file: string; labels: number; snapshot: boolean }[];
  /** Answers whose labelled cases could not be written, and why. */
  skipped: { answerId: string; reason: string }[];
}

/** The case file name of an answer. */
export function caseFileName(answerId: string): string {
  return `${answerId}.json`;
}

/** Writes every labelled case not yet written; returns what was written. */
export async function writeFeedbackCases(
  store: Store,
  files: CaseFiles,
  now: () => Date,
): Promise<WrittenCases> {
  const readAt = now();
  const pending = await store.labelledCases.list({ unexportedOnly: true });
  const byAnswer = new Map<string, LabelledCaseRow[]>();
  for (const row of pending) byAnswer.set(row.answerId, [...(byAnswer.get(row.answerId) ?? []), row]);

  const result: WrittenCases = { written: [], skipped: [] };
  for (const [answerId, rows] of byAnswer) {
    const file = caseFileName(answerId);
    let existing: FeedbackCase | undefined;
    try {
      const text = await files.read(file);
      existing = text === undefined ? undefined : parseFeedbackCase(text, file);
    } catch (error) {
      result.skipped.push({
        answerId,
        reason: `${file} exists but cannot be read, so it was left as it is: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const answer = await store.answers.get(answerId);
    if (!answer) {
      result.skipped.push({ answerId, reason: 'the answer is no longer stored' });
      continue;
    }
    if (!answer.question.trim()) {
      result.skipped.push({
        answerId,
        reason: 'its question is no longer stored (retention removed the text)',
      });
      continue;
    }
    const snapshot = await store.labelledCases.snapshot(answerId);
    const built = buildFeedbackCase({
      answer: {
        id: answer.id,
        question: answer.question,
        intent: answer.intent,
        planner: answer.planner,
        createdAt: answer.createdAt,
        answer: answer.answer,
      },
      labels: rows,
      snapshot: snapshot?.length ? snapshot : undefined,
      existing,
    });
    await files.write(file, `${JSON.stringify(built, null, 2)}\n`);
    await store.labelledCases.markExported(
      rows.map((row) => row.id),
      now(),
      readAt,
    );
    result.written.push({
      answerId,
      file,
      labels: built.labels.length,
      snapshot: built.snapshot !== null,
    });
  }
  return result;
}
