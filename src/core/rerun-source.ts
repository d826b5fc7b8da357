/**
 * "Re-run" of a finding: repeats one source of a stored answer — the same read skill, with the input kept in
 * the answer's snapshot (`answer_sources`) — through a fresh skill ledger, and says what changed since the
 * snapshot (see `snapshots/compare-source-data.ts`). Two steps, so a host can answer a click at once:
 * `prepare` checks everything and runs nothing; the plan's `run` makes the one call.
 * It refuses, running nothing: an answer Ward never gave or gave in another conversation, a source the answer
 * does not cite, a source without a stored snapshot (answers from before snapshots were kept), and a skill
 * that is no longer registered or whose name is an action's. It only ever looks up read skills, so no action
 * can run through it.
 */
import type { Store } from '../store/create-store.js';
import { createSkillLedger } from './grounding/skill-ledger.js';
import type { PluginRegistry } from './plugin-registry.js';
import { redactSecrets } from './redact-secrets.js';
import { compareSourceData, type SourceDataComparison } from './snapshots/compare-source-data.js';

/** Which source of which answer to repeat, and where the click came from. */
export interface SourceRerunRequest {
  answerId: string;
  /** The citation id, `S3`. */
  sourceId: string;
  /** The conversation the click came from: a button only works where its answer was given. */
  conversationId: string;
  tenantId?: string;
}

/** What a re-run found. */
export interface SourceRerunReport {
  answerId: string;
  sourceId: string;
  /** `entra.signIns`. */
  ref: string;
  /** The service's display name and the plugin's version now, e.g. "Microsoft Entra ID 1.2.0". */
  service: string;
  /** The input it ran with (the stored one, secrets redacted), shortened for display. */
  input: Record<string, unknown>;
  ranAt: Date;
  ok: boolean;
  /** Why it failed, when it did. */
  error?: string;
  durationMs?: number;
  requests: string[];
  /** The source as the answer saw it. */
  snapshot: { takenAt: Date; ok: boolean; durationMs: number | null; pluginVersion: string | null };
  comparison: SourceDataComparison;
}

/** The outcome of {@link SourceRerunner.prepare}. */
export type SourceRerunPlan =
  | { kind: 'refused'; title: string; reason: string }
  | {
      kind: 'ready';
      answerId: string;
      sourceId: string;
      ref: string;
      /** Runs the skill once and compares; never throws (a failing source is a report with `ok: false`). */
      run(): Promise<SourceRerunReport>;
    };

export interface SourceRerunner {
  prepare(request: SourceRerunRequest): Promise<SourceRerunPlan>;
}

export interface SourceRerunnerOptions {
  store: Store;
  registry: PluginRegistry;
  /** Longest a re-run may take. */
  timeoutMs: number;
  now?: () => Date;
}

const sourceIdPattern = /^S\d{1,4}$/;

/** Creates the re-runner; built once in the composition root. */
export function createSourceRerunner(options: SourceRerunnerOptions): SourceRerunner {
  const now = options.now ?? (() => new Date());
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1) {
    throw new RangeError(`A re-run's timeoutMs must be a positive whole number, got ${options.timeoutMs}.`);
  }
  return {
    async prepare(request) {
      const answer = await options.store.answers.get(request.answerId);
      if (!answer || answer.conversationId !== request.conversationId) {
        return refused('That button is not valid here', 'Ward gave no such answer in this conversation.');
      }
      const cited = sourceIdPattern.test(request.sourceId)
        ? answer.sources.find((source) => source.id === request.sourceId)
        : undefined;
      if (!cited) return refused('That button is not valid here', 'This answer has no such source.');
      const snapshot = (await options.store.answerSources.list(answer.id)).find(
        (row) => row.sourceId === request.sourceId,
      );
      if (!snapshot) {
        return refused(
          'This source cannot be re-run',
          'Ward did not keep what this source was asked when the answer was made (the answer is older than its snapshots). Ask the question again instead.',
        );
      }
      const ref = `${snapshot.plugin}.${snapshot.skill}`;
      const registered = options.registry.skill(ref);
      if (!registered || options.registry.action(ref) || cited.plugin !== snapshot.plugin) {
        return refused(
          'This source cannot be re-run',
          `${ref} is not a read skill available in this deployment any more.`,
        );
      }
      return {
        kind: 'ready',
        answerId: answer.id,
        sourceId: snapshot.sourceId,
        ref,
        async run() {
          const ledger = createSkillLedger({
            registry: options.registry,
            signal: AbortSignal.timeout(options.timeoutMs),
            tenantId: request.tenantId,
          });
          const ranAt = now();
          const call = await ledger.call(ref, snapshot.input);
          const [source] = ledger.sources();
          const comparison: SourceDataComparison = !snapshot.ok
            ? {
                kind: 'unavailable',
                reason: `the source failed when the answer was made${snapshot.error ? ` (${snapshot.error})` : ''}, so there is nothing to compare with`,
              }
            : !call.ok
              ? { kind: 'unavailable', reason: 'the re-run failed, so there is nothing new to compare' }
              : compareSourceData(snapshot.data, call.data);
          return {
            answerId: answer.id,
            sourceId: snapshot.sourceId,
            ref,
            service: `${registered.plugin.displayName} ${registered.plugin.version}`,
            input: source?.input ?? {},
            ranAt,
            ok: call.ok,
            ...(call.ok ? {} : { error: redactSecrets(call.error.message) }),
            ...(source?.durationMs === undefined ? {} : { durationMs: source.durationMs }),
            requests: (source?.requests ?? []).map(redactSecrets),
            snapshot: {
              takenAt: answer.createdAt,
              ok: snapshot.ok,
              durationMs: snapshot.durationMs,
              pluginVersion: snapshot.pluginVersion,
            },
            comparison,
          };
        },
      };
    },
  };
}

function refused(title: string, reason: string): SourceRerunPlan {
  return { kind: 'refused', title, reason: `${reason} Nothing was run.` };
}
