/**
 * Promptbooks: saved sequences of questions with parameters ("Investigate user {upn}": risk → sign-ins →
 * devices → incidents), run in order as one investigation and answered with one combined card. This module
 * holds the schema, parameter binding (values are validated before anything runs) and the usage text.
 */
import { z } from 'zod/v4';

/** A parameter a promptbook's prompts refer to as `{name}`. */
export const promptbookParameterSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/),
  description: z.string().min(1).max(200),
  /** A regular expression (source) the whole value must match, case-insensitively. */
  pattern: z
    .string()
    .min(1)
    .refine(
      (source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'not a valid regular expression' },
    )
    .optional(),
});
export type PromptbookParameter = z.infer<typeof promptbookParameterSchema>;

/** One question of a promptbook; `title` labels its line in the combined summary ("Risk", "Devices"). */
export const promptbookStepSchema = z.strictObject({
  title: z.string().min(1).max(40),
  prompt: z.string().min(1).max(500),
});
export type PromptbookStep = z.infer<typeof promptbookStepSchema>;

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

export const promptbookSchema = z
  .strictObject({
    /** What the analyst types after `run`: kebab case (`investigate-user`). */
    name: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/),
    title: z.string().min(1).max(80),
    parameters: z.array(promptbookParameterSchema).max(5),
    steps: z.array(promptbookStepSchema).min(1).max(8),
  })
  .superRefine((book, context) => {
    const declared = new Set(book.parameters.map((parameter) => parameter.name));
    if (declared.size !== book.parameters.length)
      context.addIssue({ code: 'custom', message: 'parameter names must be unique', path: ['parameters'] });
    book.steps.forEach((step, index) => {
      for (const [, name] of step.prompt.matchAll(PLACEHOLDER)) {
        if (!declared.has(name ?? ''))
          context.addIssue({
            code: 'custom',
            message: `{${name}} is not a parameter of ${book.name}`,
            path: ['steps', index, 'prompt'],
          });
      }
    });
  });
export type Promptbook = z.infer<typeof promptbookSchema>;

export type BoundParameters = { ok: true; values: Record<string, string> } | { ok: false; reason: string };

/** How to run a book: `run investigate-user <upn>`. */
export function promptbookUsage(book: Promptbook): string {
  return ['run', book.name, ...book.parameters.map((parameter) => `<${parameter.name}>`)].join(' ');
}

/**
 * The book's parameter values from the command's arguments, in declaration order; a missing, extra or
 * malformed value is refused with the usage, so nothing runs on a bad value.
 */
export function bindParameters(book: Promptbook, args: readonly string[]): BoundParameters {
  const usage = `Usage: ${promptbookUsage(book)}`;
  const values: Record<string, string> = {};
  for (const [index, parameter] of book.parameters.entries()) {
    const value = args[index];
    if (value === undefined || !value.trim())
      return { ok: false, reason: `${book.title} needs ${parameter.description}. ${usage}` };
    if (parameter.pattern && !new RegExp(`^(?:${parameter.pattern})$`, 'i').test(value))
      return {
        ok: false,
        reason: `"${value.slice(0, 100)}" is not ${parameter.description}. ${usage}`,
      };
    values[parameter.name] = value;
  }
  if (args.length > book.parameters.length)
    return {
      ok: false,
      reason: `${book.title} takes ${book.parameters.length} value${book.parameters.length === 1 ? '' : 's'}; got ${args.length}. ${usage}`,
    };
  return { ok: true, values };
}

/** A step's prompt with its `{name}` placeholders filled from bound values. */
export function fillPrompt(prompt: string, values: Readonly<Record<string, string>>): string {
  return prompt.replace(PLACEHOLDER, (placeholder, name: string) => values[name] ?? placeholder);
}
