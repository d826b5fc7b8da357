/**
 * Runs a promptbook: its steps in order, each planned like a question of its own (entities → intent → user →
 * planner) but all against ONE skill ledger, so every citation (`S1`, `S2` …) names the same source across the
 * combined card. The step drafts merge into one AnswerDraft within the Answer schema's bounds. A step that
 * answers with help or fails becomes a line in the summary ("Devices: no answer — …"), never an exception.
 */

import type { CustomSkillTriggers } from '../../plugins/custom/custom-skill-descriptor.js';
import type { AnswerDraft, RiskLevel, Source, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import { WardError } from '../errors.js';
import { extractEntities } from '../grounding/extract-entities.js';
import { linkedIncident } from '../grounding/linked-incident.js';
import { resolveUser, type UserResolution } from '../grounding/resolve-user.js';
import type { SkillLedger } from '../grounding/skill-ledger.js';
import { classifyIntent } from '../planner/classify-intent.js';
import type { ModelUsage, Planner } from '../planner/planner.js';
import type { Turn } from '../turn.js';
import { fillPrompt, type Promptbook, type PromptbookStep } from './promptbook.js';

/** Told to the host as each step starts. */
export interface PromptbookStepEvent {
  /** 1-based. */
  index: number;
  total: number;
  title: string;
  prompt: string;
}

export interface RunPromptbookInput {
  book: Promptbook;
  /** Bound, validated parameter values (see `bindParameters`). */
  values: Readonly<Record<string, string>>;
  turn: Turn;
  planner: Planner;
  ledger: SkillLedger;
  now: Date;
  signal: AbortSignal;
  onStep?: (event: PromptbookStepEvent) => void;
  /** The deployment's custom skills, so a step can use one by its trigger ("show legacy auth sign-ins"). */
  customSkills?: readonly CustomSkillTriggers[];
}

/** What one step produced: a draft, or why it has none. */
export interface StepResult {
  step: PromptbookStep;
  outcome: { kind: 'answer'; draft: AnswerDraft } | { kind: 'no-answer'; reason: string };
}

export interface PromptbookRun {
  draft: AnswerDraft;
  /** Users the steps resolved and targets their planners grounded: these may get action buttons. */
  groundedTargets: string[];
  usage: ModelUsage;
}

/** Runs every step in order and merges their drafts; never throws. */
export async function runPromptbook(input: RunPromptbookInput): Promise<PromptbookRun> {
  const { book, ledger } = input;
  const results: StepResult[] = [];
  const grounded = new Set<string>();
  const usage: ModelUsage = { tokens: 0, modelCalls: 0 };
  // The same user named by every step is looked up once: one `entra.user` source, cited by all steps.
  const resolutions = new Map<string, Promise<UserResolution>>();
  for (const [index, step] of book.steps.entries()) {
    try {
      input.onStep?.({ index: index + 1, total: book.steps.length, title: step.title, prompt: step.prompt });
    } catch {
      // Progress is a courtesy to the host; a failing listener must not cost the answer.
    }
    if (input.signal.aborted) {
      results.push({ step, outcome: { kind: 'no-answer', reason: 'the time for this promptbook ran out' } });
      continue;
    }
    const prompt = fillPrompt(step.prompt, input.values);
    const entities = extractEntities(prompt);
    const key = JSON.stringify([entities.upns[0] ?? null, entities.names.slice(0, 3)]);
    let resolution: Promise<UserResolution> | undefined;
    try {
      const outcome = await input.planner.plan({
        turn: { ...input.turn, text: prompt },
        entities,
        intent: classifyIntent(prompt, entities, { customSkills: input.customSkills }),
        resolveUser: () => {
          resolution = resolutions.get(key) ?? resolveUser(entities, ledger);
          resolutions.set(key, resolution);
          return resolution;
        },
        linkedIncident: linkedIncident(input.turn.conversation.name),
        ledger,
        now: input.now,
        signal: input.signal,
        history: [],
      });
      usage.tokens += outcome.usage?.tokens ?? 0;
      usage.modelCalls += outcome.usage?.modelCalls ?? 0;
      if (outcome.kind === 'help') {
        results.push({
          step,
          outcome: { kind: 'no-answer', reason: outcome.reason ?? 'Ward could not answer this step' },
        });
        continue;
      }
      const resolved = resolution ? await resolution : undefined;
      if (resolved?.kind === 'resolved') grounded.add(resolved.user.id);
      for (const target of outcome.groundedTargets ?? []) grounded.add(target);
      results.push({ step, outcome: { kind: 'answer', draft: outcome.draft } });
    } catch (error) {
      const reason = WardError.isInstance(error) ? error.message : 'this step failed unexpectedly';
      results.push({ step, outcome: { kind: 'no-answer', reason } });
    }
  }
  const subject = Object.values(input.values).join(' ');
  return {
    draft: mergeStepDrafts(book, subject, results, ledger.sources()),
    groundedTargets: [...grounded],
    usage,
  };
}

/** The Answer schema's bounds on the merged lists. */
const BOUNDS = {
  facts: 12,
  findings: 30,
  evidence: 6,
  remediation: 12,
  guidance: 8,
  proposedActions: 8,
  followUps: 5,
  notices: 10,
} as const;

const RISK_ORDER: readonly RiskLevel[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];

/**
 * One draft from the steps' results: a line per step in the summary, lists concatenated in step order within
 * the schema's bounds (each step keeps a fair share when a list overflows), remediation deduplicated by title
 * and proposed actions by action and target, the worst step's risk level.
 */
export function mergeStepDrafts(
  book: Promptbook,
  subject: string,
  results: readonly StepResult[],
  sources: Source[],
): AnswerDraft {
  const drafts = results.flatMap((result) =>
    result.outcome.kind === 'answer' ? [result.outcome.draft] : [],
  );
  const lines = results.map(({ step, outcome }) =>
    outcome.kind === 'answer'
      ? `${step.title}: ${oneLine(outcome.draft.summary, 900)}`
      : `${step.title}: no answer — ${oneLine(outcome.reason, 300)}`,
  );
  // A book without parameters (a morning triage) surveys many things: no one step's subject is the card's.
  const answeredSubject: Target | undefined =
    book.parameters.length === 0 ? undefined : drafts.find((draft) => draft.subject)?.subject;
  const label = answeredSubject?.displayName ?? subject;
  const riskLevel = drafts
    .map((draft) => draft.riskLevel ?? 'unknown')
    .reduce<RiskLevel>(
      (worst, level) => (RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(worst) ? level : worst),
      'unknown',
    );
  const lists = <T>(pick: (draft: AnswerDraft) => T[] | undefined) =>
    drafts.map((draft) => pick(draft) ?? []);
  return {
    intent: 'promptbook',
    title: boundedText(label ? `${book.title}: ${label}` : book.title, 200),
    summary: boundedText(lines.join('\n'), 4_000),
    riskLevel,
    subject: answeredSubject,
    facts: share(
      dedupe(
        lists((draft) => draft.facts),
        (fact) => `${fact.label}\u0000${fact.value}`,
      ),
      BOUNDS.facts,
    ),
    findings: share(
      lists((draft) => draft.findings),
      BOUNDS.findings,
    ),
    evidence: share(
      lists((draft) => draft.evidence),
      BOUNDS.evidence,
    ),
    remediation: share(
      dedupe(
        lists((draft) => draft.remediation),
        (step) => step.title.trim().toLowerCase(),
      ),
      BOUNDS.remediation,
    ),
    guidance: share(
      dedupe(
        lists((draft) => draft.guidance),
        (line) => line,
      ),
      BOUNDS.guidance,
    ),
    proposedActions: share(
      dedupe(
        lists((draft) => draft.proposedActions),
        (proposal) => `${proposal.action}\u0000${proposal.target.id}`,
      ),
      BOUNDS.proposedActions,
    ),
    followUps: share(
      dedupe(
        lists((draft) => draft.followUps),
        (line) => line.toLowerCase(),
      ),
      BOUNDS.followUps,
    ),
    notices: share(
      dedupe(
        lists((draft) => draft.notices),
        (notice) => notice.text,
      ),
      BOUNDS.notices,
    ),
    sources,
    planner: 'rules',
  };
}

/** Each list without the items an earlier one (or itself) already had, by `key`. */
export function dedupe<T>(lists: readonly T[][], key: (item: T) => string): T[][] {
  const seen = new Set<string>();
  return lists.map((items) =>
    items.filter((item) => {
      const id = key(item);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    }),
  );
}

/**
 * At most `max` items from the lists, concatenated in order; when they hold more, every list gets a turn
 * (one item each, round by round) so a long first step cannot crowd out the last.
 */
export function share<T>(lists: readonly T[][], max: number): T[] {
  const quotas = lists.map(() => 0);
  let left = max;
  for (let progressed = true; left > 0 && progressed; ) {
    progressed = false;
    for (const [index, items] of lists.entries()) {
      if (left > 0 && (quotas[index] ?? 0) < items.length) {
        quotas[index] = (quotas[index] ?? 0) + 1;
        left -= 1;
        progressed = true;
      }
    }
  }
  return lists.flatMap((items, index) => items.slice(0, quotas[index]));
}

function oneLine(text: string, max: number): string {
  return boundedText(text.replace(/\s+/g, ' ').trim(), max);
}
