/**
 * The model's tools: every read skill of the registered plugins, as a chat-completions function whose JSON
 * Schema is generated from the skill's own zod schema, named `<plugin>_<skill>` (plugin names never contain
 * `_`, so the name splits back on its first `_`). Write actions are never tools: the model can only propose
 * them in its answer, and a call naming one is refused with a message saying so.
 */
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod/v4';
import type { PluginRegistry, RegisteredSkill } from '../plugin-registry.js';

/** The tool name of a `plugin.skill` reference. */
export function toolName(ref: string): string {
  const dot = ref.indexOf('.');
  return dot < 0 ? ref : `${ref.slice(0, dot)}_${ref.slice(dot + 1)}`;
}

/** The `plugin.skill` (or `plugin.action`) reference a tool name stands for; undefined when it has no `_`. */
export function toolReference(name: string): string | undefined {
  const underscore = name.indexOf('_');
  if (underscore <= 0 || underscore === name.length - 1) return undefined;
  return `${name.slice(0, underscore)}.${name.slice(underscore + 1)}`;
}

/** What a tool call resolved to: a skill to run, or why it cannot run. */
export type ToolLookup = { ok: true; skill: RegisteredSkill } | { ok: false; error: string };

/** The model's tool set for a registry. */
export interface SkillTools {
  /** The function tools, one per read skill, in registry order. */
  tools: ChatCompletionTool[];
  /** Resolves a tool name the model called; refuses unknown names and write actions with words for the model. */
  lookup(name: string): ToolLookup;
}

/** JSON Schema for a skill's input as the model writes it (defaults make a field optional). */
export function skillParameters(skill: RegisteredSkill): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(skill.skill.input, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return schema.type === 'object' ? schema : { type: 'object', properties: {} };
}

/** Builds the tools from the registry's read skills. */
export function buildSkillTools(registry: PluginRegistry): SkillTools {
  const skills = registry.skills();
  const tools: ChatCompletionTool[] = skills.map((registered) => ({
    type: 'function',
    function: {
      name: toolName(registered.ref),
      description: `${registered.skill.description} (${registered.plugin.displayName}, read-only)`,
      parameters: skillParameters(registered),
    },
  }));
  const byName = new Map(skills.map((registered) => [toolName(registered.ref), registered]));
  return {
    tools,
    lookup(name) {
      const skill = byName.get(name);
      if (skill) return { ok: true, skill };
      const ref = toolReference(name);
      if (ref && registry.describeAction(ref)) {
        return {
          ok: false,
          error: `${name} is a write action, not a tool: you cannot run actions. Propose it in proposedActions of submit_answer ("${ref}"); an analyst decides.`,
        };
      }
      return {
        ok: false,
        error: `There is no tool called ${JSON.stringify(name.slice(0, 80))}. Use one of: ${[...byName.keys()].join(', ')}.`,
      };
    },
  };
}
