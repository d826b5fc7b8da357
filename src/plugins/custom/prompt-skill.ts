/**
 * A custom prompt skill: the manifest's template with each `{{parameter}}` replaced by the validated input,
 * completed once by the configured model (the `complete` function the composition root builds on Ward's model
 * client). What the model writes is data like any tool output: bounded, flagged by the ledger when it holds
 * instructions, spotlighted when a model planner reads it, and labelled as the model's on the card. Without a
 * model the skill fails with a message that says how to configure one. It never runs a tool.
 */
import { SourceUnavailableError } from '../../core/errors.js';
import { defineSkill, type Skill } from '../types.js';
import { type ParameterDefinition, parametersInputSchema } from './custom-parameter.js';
import type { PromptSkillManifest } from './custom-plugin-manifest.js';
import { fillPlaceholders } from './template-placeholders.js';

/** One completion of `prompt` on the configured model: its text and the tokens it cost. */
export type CompletePrompt = (
  prompt: string,
  signal: AbortSignal,
) => Promise<{ text: string; tokens: number }>;

/** The most of a completion a prompt skill hands on. */
export const MAX_COMPLETION_CHARS = 4_000;

/** What a prompt skill returns. */
export interface PromptSkillResult {
  /** The model's text: untrusted, like any tool output. */
  text: string;
  writtenBy: 'model';
  tokens: number;
  truncated: boolean;
}

export interface PromptSkillOptions {
  skill: PromptSkillManifest;
  service: string;
  /** Absent when Ward has no model configured. */
  complete?: CompletePrompt;
}

/** The template with the values written in as text. */
export function fillPrompt(template: string, values: Record<string, unknown>): string {
  return fillPlaceholders(template, (name) => String(values[name] ?? '')).text.trim();
}

/** Creates the skill. */
export function createPromptSkill(
  options: PromptSkillOptions,
): Skill<Record<string, unknown>, PromptSkillResult> {
  const { skill, complete } = options;
  return defineSkill({
    name: skill.name,
    description: `${skill.description} (written by a language model: verify before acting)`,
    input: parametersInputSchema(skill.parameters as ParameterDefinition[]),
    async run(values: Record<string, unknown>, context) {
      if (!complete) {
        throw new SourceUnavailableError(
          `${options.service}.${skill.name} needs a model (set OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT); Ward has none configured.`,
        );
      }
      const completion = await complete(fillPrompt(skill.template, values), context.signal);
      const text = completion.text.trim();
      if (text === '')
        throw new SourceUnavailableError(`The model wrote nothing for ${options.service}.${skill.name}.`);
      return {
        data: {
          text: text.slice(0, MAX_COMPLETION_CHARS),
          writtenBy: 'model' as const,
          tokens: completion.tokens,
          truncated: text.length > MAX_COMPLETION_CHARS,
        },
        requests: [`model completion of the ${skill.name} prompt template`],
      };
    },
  }) as Skill<Record<string, unknown>, PromptSkillResult>;
}
