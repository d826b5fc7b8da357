/**
 * The Answer: what the planner produces and every host renders. Validated with zod in post-processing before
 * anything is stored or shown, whichever planner (rules or model) produced it.
 */
import { z } from 'zod/v4';

export const riskLevelSchema = z.enum(['none', 'low', 'medium', 'high', 'critical', 'unknown']);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** One source consulted for this answer: a plugin skill call and the API request(s) behind it. */
export const sourceSchema = z.object({
  /** Citation id referenced by findings, e.g. `S1`. */
  id: z.string().regex(/^S\d+$/),
  plugin: z.string(),
  skill: z.string(),
  /** Display name of the service, e.g. "Microsoft Entra ID". */
  service: z.string(),
  requests: z.array(z.string()),
  ok: z.boolean(),
  /** Why the source failed, in words an analyst understands. */
  error: z.string().optional(),
  durationMs: z.number().nonnegative().optional(),
  /**
   * The skill's input as validated by its schema, shortened for display (long text cut, at most a few
   * fields) and with secrets redacted: "how I got this". The whole (redacted) input is in `answer_sources`.
   */
  input: z.record(z.string(), z.unknown()).optional(),
  /** The plugin's version when it answered, e.g. `1.4.0`. */
  version: z.string().max(40).optional(),
  /**
   * Text in this source's data that reads as instructions aimed at an AI (a prompt injection planted in a
   * display name, an alert title, a ticket comment ...). Found by the ledger, shown on the card; Ward never
   * follows it.
   */
  flagged: z
    .array(z.object({ field: z.string().max(200), excerpt: z.string().max(300) }))
    .max(5)
    .optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const citations = z.array(z.string().regex(/^S\d+$/)).min(1);

export const findingSchema = z.object({
  title: z.string().min(1).max(200),
  detail: z.string().max(2000).optional(),
  severity: riskLevelSchema.default('unknown'),
  /** ISO time the evidence happened, when there is one. */
  when: z.string().optional(),
  citations,
});
export type Finding = z.infer<typeof findingSchema>;

/** Tabular evidence (risk detections, sign-ins ...), rendered as a table on the card. */
export const evidenceTableSchema = z.object({
  title: z.string(),
  columns: z.array(z.string()).min(1).max(6),
  rows: z.array(z.array(z.string())).max(25),
  citations,
});
export type EvidenceTable = z.infer<typeof evidenceTableSchema>;

export const remediationStepSchema = z.object({
  title: z.string().min(1).max(200),
  detail: z.string().max(1000).optional(),
  /** The proposed action that performs this step, when Ward can do it (`plugin.action`). */
  action: z.string().optional(),
});
export type RemediationStep = z.infer<typeof remediationStepSchema>;

export const targetSchema = z.object({
  kind: z.enum(['user', 'device', 'incident', 'ip', 'file', 'resource']),
  id: z.string().min(1),
  displayName: z.string().optional(),
});
export type Target = z.infer<typeof targetSchema>;

/** The placeholder in a proposed action's input that the recorder replaces with the stored answer's id. */
export const ANSWER_ID_PLACEHOLDER = '{answerId}';

/**
 * The action's own input besides its target (e.g. a ticket's text), as strings. The target is the action's
 * user: no key may name another one (`userId`), so the exception list always checks who is acted on.
 * A value may contain `{answerId}`: the planner runs before the answer has an id; the recorder fills it in.
 */
export const proposedActionInputSchema = z
  .record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/), z.string().max(4_000))
  .refine((input) => Object.keys(input).length <= 10, { message: 'at most 10 input fields' })
  .refine((input) => !Object.hasOwn(input, 'userId'), {
    message: 'the target names the user; the input may not',
  });

/** An action the planner proposes; it becomes a stored pending action and a button. It never runs by itself. */
export const proposedActionSchema = z.object({
  /** `plugin.action`, e.g. `entra.resetPassword`. */
  action: z.string().regex(/^[a-z][a-zA-Z0-9-]*\.[a-z][a-zA-Z0-9]*$/),
  title: z.string().min(1).max(60),
  target: targetSchema,
  why: z.string().min(1).max(500),
  destructive: z.boolean(),
  /** Stored as the pending action's input and validated against the action's schema when it runs. */
  input: proposedActionInputSchema.optional(),
});
export type ProposedAction = z.infer<typeof proposedActionSchema>;

export const factSchema = z.object({ label: z.string(), value: z.string() });

/**
 * Something the analyst must know about how the answer was made, shown on the card:
 * `injection` tenant data held instructions aimed at an AI (ignored); `budget` the model's step, token or time
 * budget ran out and the answer holds what was known by then; `fallback` Ward's rules answered instead of the
 * model, and why; `usage` the tenant's or analyst's model usage is near (or at) its limit.
 */
export const noticeSchema = z.object({
  kind: z.enum(['injection', 'budget', 'fallback', 'usage']),
  text: z.string().min(1).max(600),
  citations: z
    .array(z.string().regex(/^S\d+$/))
    .max(10)
    .optional(),
});
export type AnswerNotice = z.infer<typeof noticeSchema>;

/**
 * How long each stage of answering took, in milliseconds: `grounding` (reading the question, conversation
 * memory, usage) before the planner ran; `planning` the planner's work, its source calls included;
 * `sources` the time at least one source call was running (overlapping calls counted once); `postprocess`
 * from the planner's end to the answer being ready (usage accounting, validation, citation checks,
 * redaction); `total` from the question to the answer being ready (storing it excluded).
 */
export const answerTimingsSchema = z.object({
  groundingMs: z.number().int().nonnegative(),
  planningMs: z.number().int().nonnegative(),
  sourcesMs: z.number().int().nonnegative().optional(),
  postprocessMs: z.number().int().nonnegative(),
  totalMs: z.number().int().nonnegative(),
});
export type AnswerTimings = z.infer<typeof answerTimingsSchema>;

export const answerSchema = z.object({
  /** What was asked for, e.g. `user-risk`, `risky-users`. */
  intent: z.string(),
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(4000),
  riskLevel: riskLevelSchema,
  subject: targetSchema.optional(),
  facts: z.array(factSchema).max(12).default([]),
  findings: z.array(findingSchema).max(30).default([]),
  evidence: z.array(evidenceTableSchema).max(6).default([]),
  remediation: z.array(remediationStepSchema).max(12).default([]),
  guidance: z.array(z.string().max(1000)).max(8).default([]),
  proposedActions: z.array(proposedActionSchema).max(8).default([]),
  followUps: z.array(z.string().max(200)).max(5).default([]),
  notices: z.array(noticeSchema).max(10).default([]),
  sources: z.array(sourceSchema).default([]),
  /** `rules`, or the model name. */
  planner: z.string(),
  /** True when at least one source failed: the card names it. */
  partial: z.boolean().default(false),
  /**
   * Asking the stored question again gives a fresh answer worth having (a hunt's query over the same period up
   * to now): the card offers "Run again". Absent means no.
   */
  rerunnable: z.boolean().optional(),
  cost: z
    .object({ skillCalls: z.number().int().nonnegative(), tokens: z.number().int().nonnegative() })
    .default({ skillCalls: 0, tokens: 0 }),
  /** Per-stage timings, set by the orchestrator; absent on answers stored before they were recorded. */
  timings: answerTimingsSchema.optional(),
});
export type Answer = z.infer<typeof answerSchema>;
/** What planners produce before post-processing fills defaults. */
export type AnswerDraft = z.input<typeof answerSchema>;
