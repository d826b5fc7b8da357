/**
 * The plugin contract: what every source of security data (Entra ID, Defender XDR, Sentinel, ...) offers Ward.
 * A plugin has read-only skills and write actions, each with a zod input schema, and a health check.
 * Plugins talk to their service only through `src/clients/`; they never import the core or each other.
 */
import type { z } from 'zod/v4';

/** Roles an analyst can hold in Ward; actions name the least role that may run them. */
export type Role = 'responder' | 'approver' | 'admin';

/** Passed to every skill and action call. */
export interface PluginCallContext {
  /** Aborted when the question's deadline passes or the turn is cancelled. */
  signal: AbortSignal;
  /** Entra tenant of the analyst asking, when known. */
  tenantId?: string;
}

/** What a skill returns: the data, and the request(s) that produced it (for the citation). */
export interface SkillOutput<T> {
  data: T;
  /** Human-readable description of the call(s) made, e.g. `GET /v1.0/identityProtection/riskyUsers/{id}`. */
  requests: string[];
}

/** A read-only capability of a plugin. */
export interface Skill<Input = unknown, Output = unknown> {
  /** Unique within the plugin, camelCase, e.g. `riskyUser`. Referenced as `<plugin>.<skill>`. */
  name: string;
  /** One sentence: what it returns. Shown to the model as a tool description. */
  description: string;
  input: z.ZodType<Input>;
  run(input: Input, context: PluginCallContext): Promise<SkillOutput<Output>>;
}

/** What Ward knows about a write capability before running it: enough to propose it and draw its button. */
export interface ActionDescriptor {
  /** Unique within the plugin, camelCase, e.g. `resetPassword`. Referenced as `<plugin>.<action>`. */
  name: string;
  /** Short label for the card button, e.g. "Reset password". */
  title: string;
  description: string;
  requiredRole: Role;
  /** Destructive actions need an explicit confirmation step. */
  destructive: boolean;
  /** A choice the analyst must make on the confirmation card (e.g. why a risk is dismissed); its value is
   * passed to the action's input under `id`. An action with a choice is always confirmed first. */
  choice?: ActionChoice;
}

export interface ActionChoice {
  id: string;
  label: string;
  options: readonly { value: string; title: string }[];
}

/** A write capability of a plugin. Never run by the planner: only by the action executor after a human click. */
export interface Action<Input = unknown, Output = unknown> extends ActionDescriptor {
  input: z.ZodType<Input>;
  run(input: Input, context: PluginCallContext & { idempotencyKey: string }): Promise<SkillOutput<Output>>;
}

export interface PluginHealth {
  ok: boolean;
  detail?: string;
}

export interface Plugin {
  /** Short lowercase id, e.g. `entra`. */
  name: string;
  /** Display name of the service, used in citations, e.g. "Microsoft Entra ID". */
  displayName: string;
  version: string;
  // biome-ignore lint/suspicious/noExplicitAny: a registry of skills with different input and output types
  skills: ReadonlyArray<Skill<any, any>>;
  // biome-ignore lint/suspicious/noExplicitAny: a registry of actions with different input and output types
  actions: ReadonlyArray<Action<any, any>>;
  health(context: PluginCallContext): Promise<PluginHealth>;
}

/** Helper so a plugin module can declare a skill with inference from its zod schema. */
export function defineSkill<S extends z.ZodType, Output>(skill: {
  name: string;
  description: string;
  input: S;
  run(input: z.output<S>, context: PluginCallContext): Promise<SkillOutput<Output>>;
}): Skill<z.output<S>, Output> {
  return skill as unknown as Skill<z.output<S>, Output>;
}

/** Helper so a plugin module can declare an action with inference from its zod schema. */
export function defineAction<S extends z.ZodType, Output>(action: {
  name: string;
  title: string;
  description: string;
  input: S;
  requiredRole: Role;
  destructive: boolean;
  run(
    input: z.output<S>,
    context: PluginCallContext & { idempotencyKey: string },
  ): Promise<SkillOutput<Output>>;
}): Action<z.output<S>, Output> {
  return action as unknown as Action<z.output<S>, Output>;
}
