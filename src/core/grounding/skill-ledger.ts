/**
 * Runs plugin skills for one question and keeps the ledger of sources: every call gets a citation id (`S1`,
 * `S2`, ...), its requests, duration and outcome, the plugin's version and the validated input (secrets
 * redacted; shortened on the source, whole in the call record). Inputs are validated against the skill's zod
 * schema before anything runs; a failing source becomes a recorded failure the answer must show, never an
 * exception that loses the rest of the answer. The ledger also keeps what each call returned, so the answer
 * can be stored with a snapshot of its sources; it never stores anything itself.
 */
import type { Source } from '../answer.js';
import { InvalidInputError, SourceUnavailableError, WardError } from '../errors.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { detectInjection } from './detect-injection.js';
import { redactInput, shortInput } from './recorded-input.js';

export type SkillCall<T> =
  | { ok: true; data: T; sourceId: string }
  | { ok: false; error: WardError; sourceId: string };

export interface SkillLedger {
  /** Runs `plugin.skill` with the input; never throws. */
  call<T = unknown>(ref: string, input: unknown): Promise<SkillCall<T>>;
  /** The sources consulted so far, in call order. */
  sources(): Source[];
  /** Number of skill calls made. */
  count(): number;
}

/** One skill call as the ledger kept it: what was asked of which plugin version, and what came back. */
export interface SkillCallRecord {
  /** The citation id, `S1` ... */
  sourceId: string;
  plugin: string;
  skill: string;
  /** The plugin's version; null when no such skill was registered. */
  pluginVersion: string | null;
  /**
   * The input as the skill's schema validated it (defaults filled in), as plain JSON with secrets redacted;
   * the input as given when it did not validate.
   */
  input: Record<string, unknown>;
  ok: boolean;
  /** Why the call failed, in the words the answer shows; null when it answered. */
  error: string | null;
  /** What the skill returned, as the planner received it; null when it failed. */
  data: unknown;
  /** How long the skill ran; null when it never ran (unknown skill, invalid input). */
  durationMs: number | null;
}

/** The ledger the orchestrator holds: the planner's view plus what is needed to store and time the answer. */
export interface RecordingSkillLedger extends SkillLedger {
  /** Every call so far, in call order, with its input and data (for the answer's source snapshot). */
  calls(): SkillCallRecord[];
  /** Milliseconds during which at least one skill was running (overlapping calls counted once). */
  activeMs(): number;
}

export interface SkillLedgerOptions {
  registry: PluginRegistry;
  signal: AbortSignal;
  tenantId?: string;
  now?: () => number;
  /** Called when a skill starts, for progress updates. */
  onCall?: (ref: string) => void;
}

export function createSkillLedger(options: SkillLedgerOptions): RecordingSkillLedger {
  const sources: Source[] = [];
  const records: SkillCallRecord[] = [];
  const intervals: [number, number][] = [];
  const clock = options.now ?? (() => performance.now());

  return {
    async call<T>(ref: string, input: unknown): Promise<SkillCall<T>> {
      const sourceId = `S${sources.length + 1}`;
      const registered = options.registry.skill(ref);
      const [pluginName = ref, skillName = ''] = ref.split('.');
      const source: Source = {
        id: sourceId,
        plugin: pluginName,
        skill: skillName,
        service: registered?.plugin.displayName ?? pluginName,
        requests: [],
        ok: false,
        ...(registered ? { version: registered.plugin.version } : {}),
      };
      sources.push(source);
      const record: SkillCallRecord = {
        sourceId,
        plugin: pluginName,
        skill: skillName,
        pluginVersion: registered?.plugin.version ?? null,
        input: {},
        ok: false,
        error: null,
        data: null,
        durationMs: null,
      };
      records.push(record);
      const keepInput = (value: unknown) => {
        try {
          record.input = redactInput(value);
          source.input = shortInput(record.input);
        } catch {
          // An input Ward cannot copy (a getter that throws) is not worth losing the source over.
        }
      };
      const fail = (error: WardError): SkillCall<T> => {
        source.error = error.message;
        record.error = error.message;
        return { ok: false, error, sourceId };
      };
      keepInput(input);
      if (!registered) {
        return fail(
          new WardError('unknown_skill', `No skill called ${ref} is available in this deployment.`),
        );
      }
      let parsed: ReturnType<typeof registered.skill.input.safeParse>;
      try {
        parsed = registered.skill.input.safeParse(input);
      } catch (thrown) {
        // A plugin's schema can throw (a refinement with a bug): that is the plugin failing, not the caller.
        return fail(
          new SourceUnavailableError(
            `${registered.plugin.displayName} could not check the input for ${ref}.`,
            {
              cause: thrown,
            },
          ),
        );
      }
      if (!parsed.success) {
        return fail(
          new InvalidInputError(
            `${ref} was called with invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ')}`,
            { cause: parsed.error },
          ),
        );
      }
      keepInput(parsed.data);
      try {
        options.onCall?.(ref);
      } catch {
        // Progress is best-effort: a host callback that fails must not lose the source.
      }
      const started = clock();
      const finished = () => {
        const ended = clock();
        intervals.push([started, ended]);
        source.durationMs = Math.round(ended - started);
        record.durationMs = source.durationMs;
      };
      try {
        const output = await registered.skill.run(parsed.data, {
          signal: options.signal,
          tenantId: options.tenantId,
        });
        source.ok = true;
        source.requests = output.requests;
        finished();
        record.ok = true;
        record.data = output.data;
        // Tenant data is attacker-reachable (a display name, an alert title): whichever planner reads it,
        // the card says when it holds instructions aimed at an AI.
        const flagged = detectInjection(output.data);
        if (flagged.length) source.flagged = flagged;
        return { ok: true, data: output.data as T, sourceId };
      } catch (thrown) {
        const error = WardError.isInstance(thrown)
          ? thrown
          : new SourceUnavailableError(`${registered.plugin.displayName} failed unexpectedly.`, {
              cause: thrown,
            });
        finished();
        return fail(error);
      }
    },
    sources: () =>
      sources.map((source) => ({
        ...source,
        ...(source.flagged ? { flagged: source.flagged.map((hit) => ({ ...hit })) } : {}),
        ...(source.input ? { input: structuredClone(source.input) } : {}),
      })),
    count: () => sources.length,
    calls: () => records.map((record) => ({ ...record })),
    activeMs: () => Math.round(unionLength(intervals)),
  };
}

/** Total length covered by the intervals, overlaps counted once. */
function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((left, right) => left[0] - right[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}
