/**
 * Asks a case's question again through the current planner, answered from the case's tenant snapshot: the
 * same steps as the orchestrator (entities, intent with the remembered conversation, lazy user resolution,
 * the planner, post-processing) with the replay ledger instead of the tenant and the case's `askedAt` as the
 * clock, so time windows match what was recorded. A promptbook command (`run investigate-user …`) is run as a
 * promptbook, like the host runs it. It stores nothing, remembers nothing and meters nothing.
 */
import type { CustomSkillTriggers } from '../../plugins/custom/custom-skill-descriptor.js';
import type { Answer } from '../answer.js';
import { extractEntities } from '../grounding/extract-entities.js';
import { linkedIncident } from '../grounding/linked-incident.js';
import { resolveUser, type UserResolution } from '../grounding/resolve-user.js';
import type { RememberedTurn } from '../memory/conversation-memory.js';
import { followUpSubject } from '../memory/follow-up-subject.js';
import { classifyIntent } from '../planner/classify-intent.js';
import type { Planner } from '../planner/planner.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { postprocess } from '../postprocess.js';
import { BUILT_IN_PROMPTBOOKS } from '../promptbooks/built-in-promptbooks.js';
import { parsePromptbookCommand } from '../promptbooks/parse-promptbook-command.js';
import { bindParameters, type Promptbook } from '../promptbooks/promptbook.js';
import { runPromptbook } from '../promptbooks/run-promptbook.js';
import type { Turn } from '../turn.js';
import type { FeedbackCase } from './feedback-case.js';
import { createReplayLedger, type SnapshotMiss } from './replay-ledger.js';

/** What the replay produced. */
export type ReplayOutcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'help'; reason?: string }
  | { kind: 'error'; message: string };

export interface ReplayResult {
  outcome: ReplayOutcome;
  intent: string;
  /** Skills the planner called, `plugin.skill`, in order. */
  calledSkills: string[];
  /** Calls the snapshot could not answer. */
  misses: SnapshotMiss[];
}

export interface ReplayOptions {
  planner: Planner;
  /** Input schemas and display names of the deployment's skills (optional; see replay-ledger.ts). */
  registry?: PluginRegistry;
  customSkills?: readonly CustomSkillTriggers[];
  /** The promptbooks `run <name>` may start (default: the built-in ones). */
  promptbooks?: readonly Promptbook[];
  /** Longest a replay may take (default 10 s). */
  timeoutMs?: number;
}

/** Replays one case. Never throws: a failing planner is an `error` outcome. */
export async function replayCase(feedbackCase: FeedbackCase, options: ReplayOptions): Promise<ReplayResult> {
  const context = feedbackCase.conversation;
  const turn: Turn = {
    id: `replay-${feedbackCase.answerId}`,
    user: { id: 'ward-eval-feedback' },
    tenantId: context.tenantId ?? undefined,
    conversation: {
      id: `replay:${feedbackCase.answerId}`,
      kind: context.conversationKind ?? 'channel',
      name: context.conversationName ?? undefined,
    },
    text: feedbackCase.question,
  };
  const history: RememberedTurn[] = context.history.map((remembered) => ({
    at: new Date(remembered.at),
    question: remembered.question,
    answerId: remembered.answerId ?? undefined,
    intent: remembered.intent,
    title: remembered.title,
    summary: remembered.summary,
    subject: remembered.subject ?? undefined,
  }));
  const customSkills = options.customSkills;
  const entities = extractEntities(turn.text);
  const remembered = followUpSubject(turn.text, entities, history);
  const intent = classifyIntent(turn.text, entities, { followUp: { subject: remembered }, customSkills });
  const ledger = createReplayLedger({ snapshot: feedbackCase.snapshot ?? [], registry: options.registry });
  const result = (outcome: ReplayOutcome): ReplayResult => ({
    outcome,
    intent: intent.intent,
    calledSkills: ledger.calledSkills(),
    misses: ledger.misses(),
  });
  const now = new Date(feedbackCase.askedAt);
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const promptbooks = options.promptbooks ?? BUILT_IN_PROMPTBOOKS;
  const command = parsePromptbookCommand(turn.text, promptbooks);
  if (command) {
    const book = promptbooks.find((candidate) => candidate.name === command.name);
    const bound = book ? bindParameters(book, command.args) : undefined;
    if (!book || !bound?.ok) {
      return result({
        kind: 'help',
        reason: bound && !bound.ok ? bound.reason : `no promptbook "${command.name}"`,
      });
    }
    try {
      const run = await runPromptbook({
        book,
        values: bound.values,
        turn,
        planner: options.planner,
        ledger,
        now,
        signal,
        customSkills,
      });
      const answer = postprocess(run.draft, {
        groundedTargets: new Set(run.groundedTargets),
        skillCalls: ledger.count(),
        tokens: 0,
      });
      return result({ kind: 'answer', answer });
    } catch (error) {
      return result({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
  let resolution: Promise<UserResolution> | undefined;
  try {
    const outcome = await options.planner.plan({
      turn,
      entities,
      intent,
      resolveUser: () => {
        resolution ??= resolveUser(entities, ledger, remembered);
        return resolution;
      },
      linkedIncident: linkedIncident(turn.conversation.name),
      ledger,
      now,
      signal,
      history,
    });
    if (outcome.kind === 'help') return result({ kind: 'help', reason: outcome.reason });
    const resolved = resolution ? await resolution : undefined;
    const groundedTargets = new Set<string>([
      ...(resolved?.kind === 'resolved' ? [resolved.user.id] : []),
      ...(outcome.groundedTargets ?? []),
    ]);
    const answer = postprocess(outcome.draft, { groundedTargets, skillCalls: ledger.count(), tokens: 0 });
    return result({ kind: 'answer', answer });
  } catch (error) {
    return result({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
