/**
 * The planner contract. A planner turns a grounded question into an answer draft by calling read-only skills
 * through the ledger; it may propose actions but has no way to execute one. Two implementations: the
 * deterministic rules planner (offline default and fallback) and, later, the LLM tool loop.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type { AnswerDraft } from '../answer.js';
import type { Entities } from '../grounding/extract-entities.js';
import type { UserResolution } from '../grounding/resolve-user.js';
import type { SkillLedger } from '../grounding/skill-ledger.js';
import type { Turn } from '../turn.js';
import type { IntentResult } from './classify-intent.js';

export interface PlanInput {
  turn: Turn;
  entities: Entities;
  intent: IntentResult;
  /** The user the question is about, resolved lazily (only intents about a person need it). */
  resolveUser(): Promise<UserResolution>;
  /** Incident the channel is about, from its name. */
  linkedIncident?: string;
  ledger: SkillLedger;
  now: Date;
  signal: AbortSignal;
}

export interface HelpOutcome {
  kind: 'help';
  /** Why Ward is answering with help: shown first, in one sentence. */
  reason?: string;
  candidates?: GraphUser[];
}

export type PlanOutcome = { kind: 'answer'; draft: AnswerDraft } | HelpOutcome;

export interface Planner {
  /** `rules`, or the model name. */
  readonly name: string;
  plan(input: PlanInput): Promise<PlanOutcome>;
}
