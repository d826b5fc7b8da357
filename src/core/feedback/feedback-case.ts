/**
 * A regression case made from labelled cases: `eval/feedback-cases/<answerId>.json`. Everything needed to ask
 * the question again without the tenant: the question and when it was asked, the conversation context the
 * planner saw (its name and remembered turns), what the recorded answer claimed, the tenant snapshot (the
 * answer's `answer_sources` rows), every label on the answer and the expected correction they imply.
 * `expected` is Ward's, rewritten whenever a label changes; `expect`, when an admin adds it, replaces it and
 * is never touched by Ward. Case files are meant to be reviewed and committed, so they name no analyst: a
 * label's `by` is left out and an analyst's id becomes a short one-way hash (the same for the same analyst, so
 * a changed label still replaces theirs). Pure: building and reading a case, no file I/O.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod/v4';
import { type Answer, riskLevelSchema, targetSchema } from '../answer.js';
import { type CaseExpectation, caseExpectationSchema, mergeExpectations } from './case-expectation.js';
import { type CaseContext, caseContextSchema, caseLabelSchema, labelledCaseKinds } from './labelled-case.js';
import { type SnapshotCall, snapshotCallSchema } from './replay-ledger.js';

export const FEEDBACK_CASE_VERSION = 1;

const caseLabelEntrySchema = z.object({
  kind: z.enum(labelledCaseKinds),
  /** `feedback:<hash of the analyst id>` or `action:<pending action id>`. */
  source: z.string(),
  recordedAt: z.string(),
  label: caseLabelSchema,
});
export type CaseLabelEntry = z.infer<typeof caseLabelEntrySchema>;

export const feedbackCaseSchema = z.object({
  version: z.literal(FEEDBACK_CASE_VERSION),
  answerId: z.guid(),
  question: z.string().min(1),
  /** When the question was asked: the replay's clock, so time windows ("last 7 days") match the snapshot. */
  askedAt: z.iso.datetime({ offset: true }),
  intent: z.string(),
  planner: z.string(),
  conversation: caseContextSchema,
  recorded: z.object({
    title: z.string(),
    summary: z.string(),
    riskLevel: riskLevelSchema,
    subject: targetSchema.optional(),
    findings: z.array(z.string()),
    proposedActions: z.array(z.object({ action: z.string(), title: z.string(), target: targetSchema })),
    sources: z.array(
      z.object({ id: z.string(), skill: z.string(), ok: z.boolean(), error: z.string().optional() }),
    ),
  }),
  /** The tenant snapshot; null when the answer was stored without one (before answer sources were kept). */
  snapshot: z.array(snapshotCallSchema).nullable(),
  labels: z.array(caseLabelEntrySchema).min(1),
  /** Ward's expected correction, from the labels. */
  expected: caseExpectationSchema,
  /** An admin's own expectation: used instead of `expected` when present. */
  expect: caseExpectationSchema.optional(),
});
export type FeedbackCase = z.infer<typeof feedbackCaseSchema>;

/** The stored answer a case is about. */
export interface CaseAnswer {
  id: string;
  question: string;
  intent: string;
  planner: string;
  createdAt: Date;
  answer: Answer;
}

/** A labelled case as read from the store. */
export interface CaseLabelInput {
  kind: CaseLabelEntry['kind'];
  source: string;
  updatedAt: Date;
  label: CaseLabelEntry['label'];
  context: CaseContext;
}

/**
 * The case file for an answer: its labels merged with those already in `existing` (a label from the same
 * source replaced), its expected correction recomputed, and an admin's `expect` kept. A snapshot of
 * `undefined` keeps the existing one (the database no longer has it).
 */
export function buildFeedbackCase(input: {
  answer: CaseAnswer;
  labels: readonly CaseLabelInput[];
  snapshot: readonly SnapshotCall[] | undefined;
  existing?: FeedbackCase;
}): FeedbackCase {
  const { answer } = input;
  const labels = new Map<string, CaseLabelEntry>(
    (input.existing?.labels ?? []).map((entry) => [entry.source, entry]),
  );
  for (const label of input.labels) {
    const source = caseSource(label.source);
    const { by: _by, ...said } = label.label;
    labels.set(source, { kind: label.kind, source, recordedAt: label.updatedAt.toISOString(), label: said });
  }
  const entries = [...labels.values()].sort((left, right) => left.recordedAt.localeCompare(right.recordedAt));
  const context =
    [...input.labels].sort((left, right) => right.context.history.length - left.context.history.length)[0]
      ?.context ??
    input.existing?.conversation ??
    ({ history: [] } satisfies CaseContext);
  const content = answer.answer;
  return {
    version: FEEDBACK_CASE_VERSION,
    answerId: answer.id,
    question: answer.question,
    askedAt: answer.createdAt.toISOString(),
    intent: answer.intent,
    planner: answer.planner,
    conversation: context,
    recorded: {
      title: content.title,
      summary: content.summary,
      riskLevel: content.riskLevel,
      ...(content.subject ? { subject: content.subject } : {}),
      findings: content.findings.map((finding) => finding.title),
      proposedActions: content.proposedActions.map((proposal) => ({
        action: proposal.action,
        title: proposal.title,
        target: proposal.target,
      })),
      sources: content.sources.map((source) => ({
        id: source.id,
        skill: source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`,
        ok: source.ok,
        ...(source.error ? { error: source.error } : {}),
      })),
    },
    snapshot: input.snapshot ? [...input.snapshot] : (input.existing?.snapshot ?? null),
    labels: entries,
    expected: mergeExpectations(entries.map((entry) => entry.label.expected)),
    ...(input.existing?.expect ? { expect: input.existing.expect } : {}),
  };
}

/** A label's source as a case file shows it: an analyst's id hashed, an action's id as it is. */
export function caseSource(source: string): string {
  if (!source.startsWith('feedback:')) return source;
  const id = source.slice('feedback:'.length).toLowerCase();
  return `feedback:${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/** The checks a replay must pass: the admin's `expect` when given, else Ward's `expected`. */
export function effectiveExpectation(feedbackCase: FeedbackCase): CaseExpectation {
  return feedbackCase.expect ?? feedbackCase.expected;
}

/** Reads a case file's text; throws an Error naming the problem. */
export function parseFeedbackCase(text: string, name: string): FeedbackCase {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = feedbackCaseSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
