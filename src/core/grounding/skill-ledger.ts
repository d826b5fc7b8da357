/**
 * Runs plugin skills for one question and keeps the ledger of sources: every call gets a citation id (`S1`,
 * `S2`, ...), its requests, duration and outcome. Inputs are validated against the skill's zod schema before
 * anything runs; a failing source becomes a recorded failure the answer must show, never an exception that
 * loses the rest of the answer.
 */
import type { Source } from '../answer.js';
import { InvalidInputError, SourceUnavailableError, WardError } from '../errors.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { detectInjection } from './detect-injection.js';

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

export interface SkillLedgerOptions {
  registry: PluginRegistry;
  signal: AbortSignal;
  tenantId?: string;
  now?: () => number;
  /** Called when a skill starts, for progress updates. */
  onCall?: (ref: string) => void;
}

export function createSkillLedger(options: SkillLedgerOptions): SkillLedger {
  const sources: Source[] = [];
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
      };
      sources.push(source);
      if (!registered) {
        const error = new WardError(
          'unknown_skill',
          `No skill called ${ref} is available in this deployment.`,
        );
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
      let parsed: ReturnType<typeof registered.skill.input.safeParse>;
      try {
        parsed = registered.skill.input.safeParse(input);
      } catch (thrown) {
        // A plugin's schema can throw (a refinement with a bug): that is the plugin failing, not the caller.
        const error = new SourceUnavailableError(
          `${registered.plugin.displayName} could not check the input for ${ref}.`,
          { cause: thrown },
        );
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
      if (!parsed.success) {
        const error = new InvalidInputError(
          `${ref} was called with invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ')}`,
          { cause: parsed.error },
        );
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
      try {
        options.onCall?.(ref);
      } catch {
        // Progress is best-effort: a host callback that fails must not lose the source.
      }
      const started = clock();
      try {
        const output = await registered.skill.run(parsed.data, {
          signal: options.signal,
          tenantId: options.tenantId,
        });
        source.ok = true;
        source.requests = output.requests;
        source.durationMs = Math.round(clock() - started);
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
        source.durationMs = Math.round(clock() - started);
        source.error = error.message;
        return { ok: false, error, sourceId };
      }
    },
    sources: () =>
      sources.map((source) => ({
        ...source,
        ...(source.flagged ? { flagged: source.flagged.map((hit) => ({ ...hit })) } : {}),
      })),
    count: () => sources.length,
  };
}
