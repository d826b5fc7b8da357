/**
 * A skill ledger that answers from a recorded tenant snapshot instead of the tenant: the rows of
 * `answer_sources` stored with an answer (each skill call's input, outcome and data). The same skill called
 * with an equal input gets the recorded data (or the recorded failure); anything else gets a recorded
 * "not in snapshot" failure, so the replayed answer shows, like any partial answer, which source it lacked.
 * Inputs are compared the way they were recorded: validated by the skill's schema when the registry knows
 * it (defaults filled in), as plain JSON with secrets redacted; when the schema is unknown, a call matches a
 * recorded one whose input holds every field it gave with the same value (the rest being defaults).
 * Data the snapshot stored cut (over its size bound) is replayed as what was kept. It never calls a plugin.
 */
import { z } from 'zod/v4';
import type { Source } from '../answer.js';
import { SourceUnavailableError } from '../errors.js';
import { detectInjection } from '../grounding/detect-injection.js';
import { redactInput } from '../grounding/recorded-input.js';
import type { SkillCall, SkillLedger } from '../grounding/skill-ledger.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { readSnapshotData } from '../snapshots/source-snapshot.js';
import { skillRef } from './case-expectation.js';

/** One recorded skill call (a row of `answer_sources`). */
export const snapshotCallSchema = z.object({
  sourceId: z.string(),
  plugin: z.string(),
  skill: z.string(),
  pluginVersion: z.string().nullable().default(null),
  input: z.unknown(),
  ok: z.boolean(),
  error: z.string().nullable().default(null),
  data: z.unknown(),
  durationMs: z.number().nullable().default(null),
});
export type SnapshotCall = z.infer<typeof snapshotCallSchema>;

/** A call the snapshot could not answer. */
export interface SnapshotMiss {
  ref: string;
  input: unknown;
}

/** The replay ledger: the planner's ledger, plus what the replay asked for. */
export interface ReplayLedger extends SkillLedger {
  /** Every skill called, `plugin.skill`, in call order (repeats kept). */
  calledSkills(): string[];
  /** Calls the snapshot held no match for. */
  misses(): SnapshotMiss[];
}

export interface ReplayLedgerOptions {
  snapshot: readonly SnapshotCall[];
  /** The deployment's plugins: their input schemas (defaults) and display names. Optional. */
  registry?: PluginRegistry;
}

/** The text a missed call fails with. */
export function notInSnapshotMessage(ref: string): string {
  return `Not in snapshot: ${ref} was not called with this input when the answer was given.`;
}

/** Creates a ledger that replays `options.snapshot`. */
export function createReplayLedger(options: ReplayLedgerOptions): ReplayLedger {
  const sources: Source[] = [];
  const called: string[] = [];
  const missed: SnapshotMiss[] = [];
  const used = new Set<SnapshotCall>();
  const recorded = options.snapshot.map((call) => ({ call, ref: skillRef(call) }));

  return {
    async call<T>(ref: string, input: unknown): Promise<SkillCall<T>> {
      const sourceId = `S${sources.length + 1}`;
      const [pluginName = ref, skillName = ''] = ref.split('.');
      const registered = options.registry?.skill(ref);
      const candidates = recorded.filter((entry) => entry.ref === ref).map((entry) => entry.call);
      const source: Source = {
        id: sourceId,
        plugin: pluginName,
        skill: skillName,
        service: registered?.plugin.displayName ?? pluginName,
        requests: [],
        ok: false,
      };
      sources.push(source);
      called.push(ref);
      const replayed = normalisedInput(input, registered?.skill.input);
      const match =
        pick(candidates, used, (call) => sameJson(call.input, replayed)) ??
        (registered ? undefined : pick(candidates, used, (call) => holds(call.input, replayed)));
      if (!match) {
        missed.push({ ref, input: replayed });
        const error = new SourceUnavailableError(notInSnapshotMessage(ref));
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
      used.add(match);
      if (match.pluginVersion) source.version = match.pluginVersion;
      if (match.durationMs !== null) source.durationMs = match.durationMs;
      if (!match.ok) {
        const error = new SourceUnavailableError(match.error ?? `${ref} failed when the answer was given.`);
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
      // Data stored cut (over the snapshot's size bound) replays as the part that was kept.
      const data = structuredClone(readSnapshotData(match.data).data) as T;
      source.ok = true;
      const flagged = detectInjection(data);
      if (flagged.length) source.flagged = flagged;
      return { ok: true, data, sourceId };
    },
    sources: () => sources.map((source) => structuredClone(source)),
    count: () => sources.length,
    calledSkills: () => [...called],
    misses: () => missed.map((miss) => ({ ...miss })),
  };
}

/** The first unused match, else any match (a skill called twice with the same input answers the same). */
function pick(
  candidates: readonly SnapshotCall[],
  used: ReadonlySet<SnapshotCall>,
  matches: (call: SnapshotCall) => boolean,
): SnapshotCall | undefined {
  const found = candidates.filter(matches);
  return found.find((call) => !used.has(call)) ?? found[0];
}

/** The input as the ledger records it: validated (defaults filled in) when the schema is known, JSON, redacted. */
function normalisedInput(input: unknown, schema: z.ZodType | undefined): Record<string, unknown> {
  let value = input;
  if (schema) {
    try {
      const parsed = schema.safeParse(input);
      if (parsed.success) value = parsed.data;
    } catch {
      // A schema that throws: compare the input as given.
    }
  }
  return redactInput(value);
}

/** Equal as JSON, whatever the key order. */
export function sameJson(left: unknown, right: unknown): boolean {
  return stableJson(left) === stableJson(right);
}

/** Whether `recorded` holds every field of `given` with an equal value (extra recorded fields: defaults). */
function holds(recorded: unknown, given: Record<string, unknown>): boolean {
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded)) return false;
  const fields = recorded as Record<string, unknown>;
  return Object.entries(given).every(([key, value]) => value === undefined || sameJson(fields[key], value));
}

function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value === undefined ? null : JSON.parse(JSON.stringify(value))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
