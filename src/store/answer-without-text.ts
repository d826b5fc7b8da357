/**
 * The text-free form of an answer: what Ward keeps of an answer once its text may no longer be kept
 * (RETENTION_ANSWER_DAYS has passed, or is 0 and the text is never stored). "Text" is everything a person or a
 * tenant wrote or a planner concluded in words: the question, title, summary, facts, findings, evidence,
 * remediation, guidance, follow-ups, notices, each source's requests (Graph paths and KQL carry names and
 * queries), inputs, errors and flagged excerpts, and each proposal's input and reasoning. What stays is what
 * keeps the card's buttons, the audit trail and the ratings meaningful: intent, planner, risk level, subject
 * and action targets (ids), which sources were consulted and whether they answered, timings, cost and the
 * partial flag. It is an allow-list: a field added to the Answer later is dropped until it is listed here.
 * The result is a valid Answer whose title and summary say why the text is missing, so every card that
 * redraws a stored answer shows that instead of breaking. Pure: no clock, no I/O.
 */
import type { Answer } from '../core/answer.js';

/** Why an answer has no text: never stored (retention 0), or removed after `days`. */
export type TextRemoval = { kind: 'not-kept' } | { kind: 'expired'; days: number };

/** Title of every text-free answer. */
export const TEXT_NOT_KEPT_TITLE = 'Answer text not kept';

/** What replaces a proposal's reasoning. */
const NOT_KEPT = 'Not kept (retention).';

/** The summary a text-free answer shows, saying why. */
export function textNotKeptSummary(removal: TextRemoval): string {
  const kept =
    'Its risk level, sources consulted, actions and ratings are kept. Ask again for a full answer.';
  return removal.kind === 'not-kept'
    ? `Ward is set not to keep the text of answers (RETENTION_ANSWER_DAYS=0): this one's question, summary, findings and evidence were never stored. ${kept}`
    : `The text of this answer (question, summary, findings, evidence) was removed after ${removal.days} day${removal.days === 1 ? '' : 's'} (RETENTION_ANSWER_DAYS). ${kept}`;
}

/** The answer without its text. Idempotent: a text-free answer comes back with the same content. */
export function answerWithoutText(answer: Answer, removal: TextRemoval): Answer {
  return {
    intent: answer.intent,
    title: TEXT_NOT_KEPT_TITLE,
    summary: textNotKeptSummary(removal),
    riskLevel: answer.riskLevel,
    ...(answer.subject ? { subject: { ...answer.subject } } : {}),
    facts: [],
    findings: [],
    evidence: [],
    remediation: [],
    guidance: [],
    proposedActions: answer.proposedActions.map((proposal) => ({
      action: proposal.action,
      title: proposal.title,
      target: { ...proposal.target },
      why: NOT_KEPT,
      destructive: proposal.destructive,
    })),
    followUps: [],
    notices: [],
    sources: answer.sources.map((source) => ({
      id: source.id,
      plugin: source.plugin,
      skill: source.skill,
      service: source.service,
      requests: [],
      ok: source.ok,
      ...(source.durationMs === undefined ? {} : { durationMs: source.durationMs }),
      ...(source.version === undefined ? {} : { version: source.version }),
    })),
    planner: answer.planner,
    partial: answer.partial,
    cost: { ...answer.cost },
    ...(answer.timings ? { timings: { ...answer.timings } } : {}),
  };
}
