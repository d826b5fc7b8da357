/**
 * A labelled case: one analyst's verdict on one answer, kept as an example Ward must learn from. Two kinds:
 * `negative-feedback` (needs improvement or inappropriate, from the card or a thumbs down) and
 * `dismissed-false-positive` (the guarded "Dismiss risk" action ran with the false-positive reason). The label
 * holds what was said and the expected correction; the context holds what the planner saw besides the
 * question (the conversation's name and its remembered turns), captured when the label is recorded.
 * Schemas only: validated when written and when read back.
 */
import { z } from 'zod/v4';
import { targetSchema } from '../answer.js';
import { caseExpectationSchema } from './case-expectation.js';
import { feedbackChannels, feedbackReasonSchema } from './feedback-reason.js';

export const labelledCaseKinds = ['negative-feedback', 'dismissed-false-positive'] as const;
export type LabelledCaseKind = (typeof labelledCaseKinds)[number];

export const caseLabelSchema = z.object({
  /** The analyst's rating (negative feedback). */
  rating: z.enum(['needs-improvement', 'inappropriate']).optional(),
  reason: feedbackReasonSchema.nullish(),
  comment: z.string().nullish(),
  channel: z.enum(feedbackChannels).optional(),
  /** Who labelled it, by name (the id is in `source`). */
  by: z.string().nullish(),
  /** The action that labelled it (a dismissal). */
  action: z
    .object({ pendingActionId: z.string(), action: z.string(), target: targetSchema, reason: z.string() })
    .optional(),
  /** The correction the label implies. */
  expected: caseExpectationSchema,
});
export type CaseLabel = z.infer<typeof caseLabelSchema>;

/** One remembered turn before the answer, as the case keeps it. */
export const caseHistoryTurnSchema = z.object({
  at: z.string(),
  question: z.string(),
  answerId: z.string().nullish(),
  intent: z.string(),
  title: z.string(),
  summary: z.string(),
  subject: targetSchema.nullish(),
});
export type CaseHistoryTurn = z.infer<typeof caseHistoryTurnSchema>;

export const caseContextSchema = z.object({
  conversationKind: z.enum(['personal', 'groupChat', 'channel']).nullish(),
  /** The channel or chat name (a channel named after an incident links the question to it). */
  conversationName: z.string().nullish(),
  tenantId: z.string().nullish(),
  /** Remembered turns before the answer, oldest first. */
  history: z.array(caseHistoryTurnSchema).default([]),
});
export type CaseContext = z.infer<typeof caseContextSchema>;
