/**
 * Steps two and three of `npm run eval:feedback`: replays every case through the current planner and reports
 * which still fail and why, as text an admin reads in a terminal (or as JSON). A case that passes now is one
 * the planner has learned; one that fails is still open. Pure apart from the planner it is given.
 */
import { type CaseVerdict, checkCase } from './check-case.js';
import { effectiveExpectation, type FeedbackCase } from './feedback-case.js';
import { type ReplayOptions, type ReplayResult, replayCase } from './replay-case.js';

/** The result of one case. */
export interface CaseEvaluation {
  file: string;
  answerId: string;
  question: string;
  kinds: string[];
  verdict: CaseVerdict;
  replay: ReplayResult;
  /** The checks came from an admin's `expect` block. */
  adminExpectation: boolean;
}

/** Replays and checks every case, in the order given. */
export async function evaluateFeedbackCases(
  cases: readonly { file: string; feedbackCase: FeedbackCase }[],
  options: ReplayOptions,
): Promise<CaseEvaluation[]> {
  const evaluations: CaseEvaluation[] = [];
  for (const { file, feedbackCase } of cases) {
    const replay = await replayCase(feedbackCase, options);
    evaluations.push({
      file,
      answerId: feedbackCase.answerId,
      question: feedbackCase.question,
      kinds: [...new Set(feedbackCase.labels.map((entry) => entry.kind))],
      verdict: checkCase(replay, effectiveExpectation(feedbackCase)),
      replay,
      adminExpectation: feedbackCase.expect !== undefined,
    });
  }
  return evaluations;
}

/** The terminal report: one block per case (failures first), then the totals. */
export function formatEvaluation(evaluations: readonly CaseEvaluation[]): string {
  if (evaluations.length === 0) return 'No feedback cases yet.\n';
  const lines: string[] = [];
  const failing = evaluations.filter((evaluation) => !evaluation.verdict.passed);
  const passing = evaluations.filter((evaluation) => evaluation.verdict.passed);
  for (const evaluation of [...failing, ...passing]) {
    const status = evaluation.verdict.passed ? 'PASS' : 'FAIL';
    lines.push(
      `${status}  ${evaluation.file}  "${oneLine(evaluation.question, 80)}" (${evaluation.kinds.join(', ')}${
        evaluation.adminExpectation ? '; admin expectation' : ''
      })`,
    );
    for (const failure of evaluation.verdict.failures) lines.push(`      - ${failure}`);
    const misses = evaluation.replay.misses;
    if (misses.length > 0) {
      lines.push(
        `      note: ${misses.length} call${misses.length === 1 ? '' : 's'} not in the snapshot: ${[
          ...new Set(misses.map((miss) => miss.ref)),
        ].join(', ')}`,
      );
    }
  }
  lines.push('');
  lines.push(
    `${evaluations.length} case${evaluations.length === 1 ? '' : 's'}: ${passing.length} pass (learned), ${failing.length} still fail.`,
  );
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
