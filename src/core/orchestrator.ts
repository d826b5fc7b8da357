/**
 * One question in, one reply out: extract entities → classify intent → ground → plan → post-process → record.
 * Host-neutral (takes a Turn, returns plain data); emits progress events so a host can show typing or status.
 * Every failure ends in a reply the analyst can act on; nothing here throws to the host.
 */
import type { Logger } from 'pino';
import type { GraphUser } from '../clients/graph-resources.js';
import type { CustomSkillTriggers } from '../plugins/custom/custom-skill-descriptor.js';
import type { Answer, AnswerNotice } from './answer.js';
import { WardError } from './errors.js';
import { extractEntities } from './grounding/extract-entities.js';
import { linkedIncident } from './grounding/linked-incident.js';
import { resolveUser, type UserResolution } from './grounding/resolve-user.js';
import {
  createSkillLedger,
  type RecordingSkillLedger,
  type SkillCallRecord,
} from './grounding/skill-ledger.js';
import { HELP_EXAMPLES } from './help-examples.js';
import type { ConversationMemory, RememberedTurn } from './memory/conversation-memory.js';
import { followUpSubject } from './memory/follow-up-subject.js';
import { classifyIntent } from './planner/classify-intent.js';
import type { ModelUsage, Planner } from './planner/planner.js';
import type { PluginRegistry } from './plugin-registry.js';
import { postprocess } from './postprocess.js';
import { BUILT_IN_PROMPTBOOKS } from './promptbooks/built-in-promptbooks.js';
import type { PromptbookCommand } from './promptbooks/parse-promptbook-command.js';
import { bindParameters, type Promptbook, promptbookUsage } from './promptbooks/promptbook.js';
import { type PromptbookStepEvent, runPromptbook } from './promptbooks/run-promptbook.js';
import { createRedactingTextStream } from './redacting-text-stream.js';
import { startStageTimer } from './stage-timer.js';
import type { Turn } from './turn.js';
import type { UsageMeter, UsageStatus, UsageSubject } from './usage/usage-meter.js';
import { usageExhaustedNotice, usageWarningNotice } from './usage/usage-notices.js';
import { usageSubjectOf } from './usage/usage-subject.js';

/** A button for a stored pending action: the card carries only `pendingActionId`. */
export interface ActionButton {
  pendingActionId: string;
  title: string;
  destructive: boolean;
}

export type Reply =
  | { kind: 'answer'; answerId: string; answer: Answer; createdAt: Date; actions: ActionButton[] }
  | {
      kind: 'help';
      reason?: string;
      examples: string[];
      candidates: { displayName: string; upn: string }[];
      /** What this deployment adds to the built-in capabilities (its custom skills). */
      capabilities?: string[];
    }
  | { kind: 'error'; message: string };

/**
 * What the host may show while Ward works: `started` at once; `skill` when a source is consulted (with the
 * service's display name and the skill's description, for an informative update); `text` a piece of the
 * answer's summary as a model writes it (only when the host asked to stream).
 */
export type ProgressEvent =
  | { kind: 'started' }
  | { kind: 'skill'; ref: string; service: string; description: string }
  | { kind: 'text'; delta: string };

/** Stores an answer, its sources' snapshot and its proposed actions; returns the ids the card needs. */
export interface AnswerRecorder {
  record(input: {
    turn: Turn;
    answer: Answer;
    /** The skill ledger's calls (input, plugin version, outcome, data): stored with the answer. */
    calls?: readonly SkillCallRecord[];
  }): Promise<{ answerId: string; createdAt: Date; actions: ActionButton[] }>;
}

export interface OrchestratorOptions {
  registry: PluginRegistry;
  planner: Planner;
  /**
   * Answers when `planner` may not: the analyst's or tenant's model usage is exhausted. The rules planner;
   * absent when `planner` already is it.
   */
  fallbackPlanner?: Planner;
  recorder: AnswerRecorder;
  memory?: ConversationMemory;
  usage?: UsageMeter;
  log: Logger;
  /** Wall-clock budget for one question, sources included. */
  deadlineMs: number;
  /** The promptbooks `run <name>` may start: the built-in ones unless the deployment loaded its own too. */
  promptbooks?: readonly Promptbook[];
  /** Custom plugin skills with trigger phrases: a question holding one is a `custom` question. */
  customSkills?: readonly CustomSkillTriggers[];
  now?: () => Date;
}

export interface Orchestrator {
  /** The promptbooks this orchestrator runs, for the host to recognise `run <name>` commands. */
  readonly promptbooks: readonly Promptbook[];
  ask(
    turn: Turn,
    options?: {
      onProgress?: (event: ProgressEvent) => void;
      signal?: AbortSignal;
      /** The host shows the summary as it is written (`text` progress events). */
      stream?: boolean;
    },
  ): Promise<Reply>;
  /**
   * Runs a promptbook (`run investigate-user adele.vance@contoso.com`) with the rules planner: every step in
   * order against one skill ledger, merged into one answer that is post-processed and recorded like any other
   * (its buttons work). An unknown book or a bad value gets help with the usage; nothing runs.
   */
  runPromptbook(
    turn: Turn,
    command: PromptbookCommand,
    options?: {
      onProgress?: (event: ProgressEvent) => void;
      onStep?: (event: PromptbookStepEvent) => void;
      signal?: AbortSignal;
    },
  ): Promise<Reply>;
}

export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const now = options.now ?? (() => new Date());
  const promptbooks = options.promptbooks ?? BUILT_IN_PROMPTBOOKS;
  return {
    promptbooks,
    async runPromptbook(turn, command, runOptions) {
      const log = options.log.child({ turn: turn.id, conversation: turn.conversation.id });
      const book = promptbooks.find((candidate) => candidate.name === command.name);
      if (!book) {
        const known = promptbooks.map((candidate) => `${candidate.name} (${candidate.title})`).join(', ');
        const named = command.name ? `There is no promptbook called "${command.name.slice(0, 60)}". ` : '';
        return promptbookHelp(`${named}Promptbooks: ${known}.`, promptbooks);
      }
      const bound = bindParameters(book, command.args);
      if (!bound.ok) return promptbookHelp(bound.reason, promptbooks);
      const progress = (event: ProgressEvent) => {
        try {
          runOptions?.onProgress?.(event);
        } catch {
          // Progress is a courtesy to the host; a failing listener must not cost the answer.
        }
      };
      progress({ kind: 'started' });
      const timer = startStageTimer();
      // The rules planner: a promptbook is a fixed investigation, answered the same way every time.
      const planner = options.fallbackPlanner ?? options.planner;
      const deadline = AbortSignal.timeout(options.deadlineMs * book.steps.length);
      const signal = runOptions?.signal ? AbortSignal.any([runOptions.signal, deadline]) : deadline;
      const ledger = questionLedger(options.registry, turn, signal, progress);
      const subject = usageSubjectOf(turn);
      const started = performance.now();
      timer.lap('grounding');
      try {
        const run = await runPromptbook({
          book,
          values: bound.values,
          turn,
          planner,
          ledger,
          now: now(),
          signal,
          onStep: runOptions?.onStep,
          customSkills: options.customSkills,
        });
        timer.lap('planning');
        await recordUsage(options.usage, subject, run.usage, ledger.count(), now(), log);
        const answer = timer.stamp(
          postprocess(run.draft, {
            groundedTargets: new Set(run.groundedTargets),
            skillCalls: ledger.count(),
            tokens: run.usage.tokens,
          }),
          ledger.activeMs(),
        );
        const recorded = await options.recorder.record({ turn, answer, calls: ledger.calls() });
        await remember(options.memory, turn, answer, recorded.answerId, now(), log);
        log.info(
          {
            promptbook: book.name,
            answer: recorded.answerId,
            skillCalls: ledger.count(),
            partial: answer.partial,
            ms: Math.round(performance.now() - started),
          },
          'promptbook answered',
        );
        return { kind: 'answer', answer, ...recorded };
      } catch (error) {
        log.error({ err: error, promptbook: book.name }, 'promptbook failed');
        return { kind: 'error', message: failureMessage(error, turn) };
      }
    },
    async ask(turn, askOptions) {
      const log = options.log.child({ turn: turn.id, conversation: turn.conversation.id });
      const timer = startStageTimer();
      try {
        askOptions?.onProgress?.({ kind: 'started' });
      } catch {
        // Progress is a courtesy to the host; a failing listener must not cost the answer.
      }
      if (!turn.text.trim()) return help(undefined, undefined, options.customSkills);

      const progress = (event: ProgressEvent) => {
        try {
          askOptions?.onProgress?.(event);
        } catch {
          // Progress is a courtesy to the host; a failing listener must not cost the answer.
        }
      };
      const signal = askOptions?.signal
        ? AbortSignal.any([askOptions.signal, AbortSignal.timeout(options.deadlineMs)])
        : AbortSignal.timeout(options.deadlineMs);
      const entities = extractEntities(turn.text);
      // Read alone first; read again below with what the conversation remembers ("and her sign-ins?").
      const customSkills = options.customSkills;
      let intent = classifyIntent(turn.text, entities, { customSkills });
      const ledger = questionLedger(options.registry, turn, signal, progress);
      const subject = usageSubjectOf(turn);
      const started = performance.now();
      try {
        const [history, usage] = await Promise.all([
          recall(options.memory, turn, log),
          usageStatus(options.usage, subject, now(), log),
        ]);
        const notices: AnswerNotice[] = [];
        let planner = options.planner;
        if (usage?.level === 'exhausted' && options.fallbackPlanner) {
          planner = options.fallbackPlanner;
          notices.push(usageExhaustedNotice(usage));
        } else if (usage && usage.level !== 'ok' && usage.level !== 'exhausted') {
          notices.push(usageWarningNotice(usage));
        }
        const remembered = followUpSubject(turn.text, entities, history);
        if (options.memory)
          intent = classifyIntent(turn.text, entities, { followUp: { subject: remembered }, customSkills });
        let resolution: Promise<UserResolution> | undefined;
        timer.lap('grounding');
        const outcome = await planner.plan({
          turn,
          entities,
          intent,
          resolveUser: () => {
            resolution ??= resolveUser(entities, ledger, remembered);
            return resolution;
          },
          linkedIncident: linkedIncident(turn.conversation.name),
          ledger,
          now: now(),
          signal,
          history,
          onText: askOptions?.stream ? streamText((delta) => progress({ kind: 'text', delta })) : undefined,
        });
        timer.lap('planning');
        const modelUsage: ModelUsage = outcome.usage ?? { tokens: 0, modelCalls: 0 };
        await recordUsage(options.usage, subject, modelUsage, ledger.count(), now(), log);
        if (outcome.kind === 'help') {
          log.info({ intent: intent.intent, reason: outcome.reason }, 'answered with help');
          return help(outcome.reason, outcome.candidates, options.customSkills);
        }
        const resolved = resolution ? await resolution : undefined;
        const groundedTargets = new Set<string>([
          ...(resolved?.kind === 'resolved' ? [resolved.user.id] : []),
          ...(outcome.groundedTargets ?? []),
        ]);
        const answer = timer.stamp(
          postprocess(
            { ...outcome.draft, notices: [...(outcome.draft.notices ?? []), ...notices] },
            { groundedTargets, skillCalls: ledger.count(), tokens: modelUsage.tokens },
          ),
          ledger.activeMs(),
        );
        const recorded = await options.recorder.record({ turn, answer, calls: ledger.calls() });
        await remember(options.memory, turn, answer, recorded.answerId, now(), log);
        log.info(
          {
            intent: intent.intent,
            answer: recorded.answerId,
            planner: answer.planner,
            skillCalls: ledger.count(),
            tokens: modelUsage.tokens,
            partial: answer.partial,
            ms: Math.round(performance.now() - started),
          },
          'answered',
        );
        return { kind: 'answer', answer, ...recorded };
      } catch (error) {
        log.error({ err: error, intent: intent.intent }, 'question failed');
        return { kind: 'error', message: failureMessage(error, turn) };
      }
    },
  };
}

/** What the analyst reads when a question or promptbook fails: what happened, that nothing changed, a reference. */
function failureMessage(error: unknown, turn: Turn): string {
  const message =
    WardError.isInstance(error) && error.code === 'storage_error'
      ? "I worked out an answer but couldn't save it, so I can't show buttons for it. Please ask again in a moment."
      : 'Something went wrong while answering. Nothing was changed in your tenant; please try again.';
  return `${message} (reference ${turn.id})`;
}

/** Help for a promptbook command that cannot run: why, and each book's usage as the examples. */
function promptbookHelp(reason: string, promptbooks: readonly Promptbook[]): Reply {
  return {
    kind: 'help',
    reason,
    examples: promptbooks.map(promptbookUsage),
    candidates: [],
  };
}

/** A model's streamed summary, redacted and released a word behind (see redacting-text-stream.ts). */
function streamText(release: (delta: string) => void): (delta: string) => void {
  const stream = createRedactingTextStream(release);
  return (delta) => stream.push(delta);
}

/** The conversation's remembered turns; none when memory is off or cannot be read (the question still runs). */
async function recall(
  memory: ConversationMemory | undefined,
  turn: Turn,
  log: Logger,
): Promise<RememberedTurn[]> {
  if (!memory) return [];
  try {
    return await memory.recall(turn.conversation.id);
  } catch (error) {
    log.warn({ err: error }, 'conversation memory unavailable: answering without it');
    return [];
  }
}

async function remember(
  memory: ConversationMemory | undefined,
  turn: Turn,
  answer: Answer,
  answerId: string,
  at: Date,
  log: Logger,
): Promise<void> {
  if (!memory) return;
  try {
    await memory.remember(turn.conversation.id, {
      at,
      question: turn.text,
      answerId,
      intent: answer.intent,
      title: answer.title,
      summary: answer.summary,
      subject: answer.subject,
    });
  } catch (error) {
    log.warn({ err: error }, 'could not remember the turn: the next follow-up may need a name');
  }
}

/** Where the analyst and tenant stand; undefined (unmetered) when the meter cannot be read. */
async function usageStatus(
  usage: UsageMeter | undefined,
  subject: UsageSubject,
  now: Date,
  log: Logger,
): Promise<UsageStatus | undefined> {
  if (!usage) return undefined;
  try {
    return await usage.status(subject, now);
  } catch (error) {
    log.warn({ err: error }, 'usage meter unavailable: answering unmetered');
    return undefined;
  }
}

async function recordUsage(
  usage: UsageMeter | undefined,
  subject: UsageSubject,
  model: ModelUsage,
  toolCalls: number,
  now: Date,
  log: Logger,
): Promise<void> {
  if (!usage) return;
  try {
    await usage.record(
      subject,
      { tokens: model.tokens, toolCalls, modelAnswered: model.modelCalls > 0 },
      now,
    );
  } catch (error) {
    log.warn({ err: error }, 'could not record usage');
  }
}

function help(
  reason?: string,
  candidates?: GraphUser[],
  customSkills: readonly CustomSkillTriggers[] = [],
): Reply {
  return {
    kind: 'help',
    reason,
    examples: [...HELP_EXAMPLES],
    // The deployment's own skills, by their first trigger: what an analyst types to reach them.
    capabilities: customSkills.length
      ? [
          `Custom skills of this deployment: ${customSkills
            .slice(0, 12)
            .map((skill) => `"${skill.triggers[0] ?? skill.ref}"`)
            .join(', ')}`,
        ]
      : [],
    candidates: (candidates ?? []).map((user) => ({
      displayName: user.displayName ?? user.userPrincipalName ?? user.id,
      upn: user.userPrincipalName ?? user.mail ?? user.id,
    })),
  };
}

/** A ledger for one question (or promptbook run) that reports each source it consults as progress. */
function questionLedger(
  registry: PluginRegistry,
  turn: Turn,
  signal: AbortSignal,
  progress: (event: ProgressEvent) => void,
): RecordingSkillLedger {
  return createSkillLedger({
    registry,
    signal,
    tenantId: turn.tenantId,
    onCall: (ref) => {
      const registered = registry.skill(ref);
      progress({
        kind: 'skill',
        ref,
        service: registered?.plugin.displayName ?? ref,
        description: registered?.skill.description ?? ref,
      });
    },
  });
}
