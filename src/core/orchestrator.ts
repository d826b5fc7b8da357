/**
 * One question in, one reply out: extract entities → classify intent → ground → plan → post-process → record.
 * Host-neutral (takes a Turn, returns plain data); emits progress events so a host can show typing or status.
 * Every failure ends in a reply the analyst can act on; nothing here throws to the host.
 */
import type { Logger } from 'pino';
import type { GraphUser } from '../clients/graph-resources.js';
import type { Answer } from './answer.js';
import { WardError } from './errors.js';
import { extractEntities } from './grounding/extract-entities.js';
import { linkedIncident } from './grounding/linked-incident.js';
import { resolveUser, type UserResolution } from './grounding/resolve-user.js';
import { createSkillLedger } from './grounding/skill-ledger.js';
import { HELP_EXAMPLES } from './help-examples.js';
import { classifyIntent } from './planner/classify-intent.js';
import type { Planner } from './planner/planner.js';
import type { PluginRegistry } from './plugin-registry.js';
import { postprocess } from './postprocess.js';
import type { Turn } from './turn.js';

/** A button for a stored pending action: the card carries only `pendingActionId`. */
export interface ActionButton {
  pendingActionId: string;
  title: string;
  destructive: boolean;
}

export type Reply =
  | { kind: 'answer'; answerId: string; answer: Answer; createdAt: Date; actions: ActionButton[] }
  | { kind: 'help'; reason?: string; examples: string[]; candidates: { displayName: string; upn: string }[] }
  | { kind: 'error'; message: string };

export type ProgressEvent = { kind: 'started' } | { kind: 'skill'; ref: string };

/** Stores an answer and its proposed actions; returns the ids the card needs. */
export interface AnswerRecorder {
  record(input: {
    turn: Turn;
    answer: Answer;
  }): Promise<{ answerId: string; createdAt: Date; actions: ActionButton[] }>;
}

export interface OrchestratorOptions {
  registry: PluginRegistry;
  planner: Planner;
  recorder: AnswerRecorder;
  log: Logger;
  /** Wall-clock budget for one question, sources included. */
  deadlineMs: number;
  now?: () => Date;
}

export interface Orchestrator {
  ask(
    turn: Turn,
    options?: { onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal },
  ): Promise<Reply>;
}

export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const now = options.now ?? (() => new Date());
  return {
    async ask(turn, askOptions) {
      const log = options.log.child({ turn: turn.id, conversation: turn.conversation.id });
      try {
        askOptions?.onProgress?.({ kind: 'started' });
      } catch {
        // Progress is a courtesy to the host; a failing listener must not cost the answer.
      }
      if (!turn.text.trim()) return help();

      const signal = askOptions?.signal
        ? AbortSignal.any([askOptions.signal, AbortSignal.timeout(options.deadlineMs)])
        : AbortSignal.timeout(options.deadlineMs);
      const entities = extractEntities(turn.text);
      const intent = classifyIntent(turn.text, entities);
      const ledger = createSkillLedger({
        registry: options.registry,
        signal,
        tenantId: turn.tenantId,
        onCall: (ref) => askOptions?.onProgress?.({ kind: 'skill', ref }),
      });
      let resolution: Promise<UserResolution> | undefined;
      const started = performance.now();
      try {
        const outcome = await options.planner.plan({
          turn,
          entities,
          intent,
          resolveUser: () => {
            resolution ??= resolveUser(entities, ledger);
            return resolution;
          },
          linkedIncident: linkedIncident(turn.conversation.name),
          ledger,
          now: now(),
          signal,
        });
        if (outcome.kind === 'help') {
          log.info({ intent: intent.intent, reason: outcome.reason }, 'answered with help');
          return help(outcome.reason, outcome.candidates);
        }
        const resolved = resolution ? await resolution : undefined;
        const groundedTargets = new Set<string>(resolved?.kind === 'resolved' ? [resolved.user.id] : []);
        const answer = postprocess(outcome.draft, { groundedTargets, skillCalls: ledger.count() });
        const recorded = await options.recorder.record({ turn, answer });
        log.info(
          {
            intent: intent.intent,
            answer: recorded.answerId,
            planner: options.planner.name,
            skillCalls: ledger.count(),
            partial: answer.partial,
            ms: Math.round(performance.now() - started),
          },
          'answered',
        );
        return { kind: 'answer', answer, ...recorded };
      } catch (error) {
        log.error({ err: error, intent: intent.intent }, 'question failed');
        const message =
          WardError.isInstance(error) && error.code === 'storage_error'
            ? "I worked out an answer but couldn't save it, so I can't show buttons for it. Please ask again in a moment."
            : 'Something went wrong while answering. Nothing was changed in your tenant; please try again.';
        return { kind: 'error', message: `${message} (reference ${turn.id})` };
      }
    },
  };
}

function help(reason?: string, candidates?: GraphUser[]): Reply {
  return {
    kind: 'help',
    reason,
    examples: [...HELP_EXAMPLES],
    candidates: (candidates ?? []).map((user) => ({
      displayName: user.displayName ?? user.userPrincipalName ?? user.id,
      upn: user.userPrincipalName ?? user.mail ?? user.id,
    })),
  };
}
