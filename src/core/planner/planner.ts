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
import type { RememberedTurn } from '../memory/conversation-memory.js';
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
  /** Earlier questions and answers in this conversation (thread), oldest first; empty when none. */
  history: readonly RememberedTurn[];
  /**
   * Called with each piece of the answer's summary as a model writes it, for hosts that stream (Teams 1:1).
   * Absent: the planner need not stream. Never called by the rules planner.
   */
  onText?: (delta: string) => void;
}

export interface HelpOutcome {
  kind: 'help';
  /** Why Ward is answering with help: shown first, in one sentence. */
  reason?: string;
  candidates?: GraphUser[];
}

/** What a model cost for one question (zero for the rules planner). */
export interface ModelUsage {
  /** Prompt + completion tokens, as the model endpoint reported them. */
  tokens: number;
  /** Chat completion requests made. */
  modelCalls: number;
}

export type PlanOutcome =
  | {
      kind: 'answer';
      draft: AnswerDraft;
      usage?: ModelUsage;
      /**
       * Targets besides the question's user that this planner grounded itself from tenant data fetched for
       * this question (e.g. the exposed resource a Defender for Cloud answer is about), which may therefore get
       * action buttons. Only deterministic planners set it: a model's output never grounds a target.
       */
      groundedTargets?: readonly string[];
    }
  | (HelpOutcome & { usage?: ModelUsage });

export interface Planner {
  /** `rules`, or the model name. */
  readonly name: string;
  plan(input: PlanInput): Promise<PlanOutcome>;
}
