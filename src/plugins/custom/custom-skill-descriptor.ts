/**
 * What the planners know of a custom skill besides the plugin contract: its kind, its title, the trigger
 * phrases that route a question to it, and each parameter's meaning (a UPN, a device, a number of days) so
 * the rules planner can fill it from the question. Also the trigger matcher both the intent classifier and
 * the planner use: a phrase matches when its words appear in the message, in order, as whole words,
 * ignoring case and punctuation ("Legacy-auth sign-ins?" matches "legacy auth sign-ins"). Data and pure
 * functions; it never runs a skill.
 */
import type { ParameterType } from './custom-parameter.js';

/** A parameter as the rules planner fills it. */
export interface CustomSkillParameter {
  name: string;
  /** What the value means; `number`/`boolean` (OpenAPI types with no entity behind them) take defaults only. */
  type: ParameterType | 'number' | 'boolean';
  description?: string;
  required: boolean;
  default?: unknown;
  /** An example value for help text. */
  example: string;
  /** For `string`: a pattern a word of the question may match to fill it. */
  pattern?: string;
  /** For numbers: the bounds a value from the question is brought within. */
  min?: number;
  max?: number;
}

/** A custom skill as the planners see it. */
export interface CustomSkillDescriptor {
  /** `plugin.skill` */
  ref: string;
  plugin: string;
  /** The plugin's display name. */
  service: string;
  skill: string;
  kind: 'kql' | 'http' | 'prompt';
  title: string;
  description: string;
  /** Phrases that route a question to this skill in the rules planner. */
  triggers: readonly string[];
  parameters: readonly CustomSkillParameter[];
}

/** The least a trigger matcher needs. */
export interface CustomSkillTriggers {
  ref: string;
  triggers: readonly string[];
}

/** Which skill a message triggers, and the phrase that did it. */
export interface CustomTriggerMatch {
  ref: string;
  phrase: string;
}

const WORDS = /[\p{L}\p{N}]+/gu;

/** A text's words, lower-cased, punctuation dropped. */
export function triggerWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORDS) ?? [];
}

/**
 * The skill whose trigger phrase `text` holds, as whole words; the longest phrase wins, then the earlier
 * skill. Undefined when none does (or `text` is not text).
 */
export function findCustomTrigger(
  text: unknown,
  skills: readonly CustomSkillTriggers[] | undefined,
): CustomTriggerMatch | undefined {
  if (typeof text !== 'string' || !skills?.length) return undefined;
  const words = triggerWords(text.slice(0, 4_000));
  let best: (CustomTriggerMatch & { length: number }) | undefined;
  for (const skill of skills) {
    for (const phrase of skill.triggers) {
      const wanted = triggerWords(phrase);
      if (wanted.length === 0 || (best && best.length >= wanted.length)) continue;
      if (containsSequence(words, wanted)) best = { ref: skill.ref, phrase, length: wanted.length };
    }
  }
  return best && { ref: best.ref, phrase: best.phrase };
}

function containsSequence(words: readonly string[], wanted: readonly string[]): boolean {
  for (let start = 0; start + wanted.length <= words.length; start++) {
    if (wanted.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

/** A title from a camelCase skill name: `legacyAuthSignIns` → "Legacy auth sign ins". */
export function titleFromName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
