/**
 * `@Ward run investigate-user adele.vance@contoso.com`: recognises a promptbook command and splits it into the
 * book's name and its arguments. Which book, and whether the arguments fit, is the runner's to check (an unknown
 * book or a bad value gets a help reply). A question that merely starts with "run" ("run a hunt for …") is not a
 * command: `run <name>` needs a kebab-case name (`investigate-user`) or a known book; `run promptbook <name>`
 * always is one.
 */
import { BUILT_IN_PROMPTBOOKS } from './built-in-promptbooks.js';
import type { Promptbook } from './promptbook.js';

export interface PromptbookCommand {
  /** The book's name, lower-cased; empty when the analyst typed only `run promptbook`. */
  name: string;
  args: string[];
}

const PREFIX = /^\s*\/?run\s+(?:(promptbooks?)\b\s*)?/i;
/** Punctuation an analyst (or Teams) leaves around a value: `adele.vance@contoso.com.` or `<4211>`. */
const EDGE_PUNCTUATION = /^[\s"'“”‘’<(]+|[\s"'“”‘’>),.;:!?]+$/g;

/** The command in `text`, or undefined when the message is not one. */
export function parsePromptbookCommand(
  text: string,
  books: readonly Promptbook[] = BUILT_IN_PROMPTBOOKS,
): PromptbookCommand | undefined {
  const prefix = PREFIX.exec(text);
  if (!prefix) return undefined;
  const explicit = prefix[1] !== undefined;
  const [first = '', ...rest] = text
    .slice(prefix[0].length)
    .split(/\s+/)
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter(Boolean);
  const name = first.toLowerCase();
  if (!explicit) {
    const known = books.some((book) => book.name === name);
    if (!known && !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) return undefined;
  }
  return { name, args: rest };
}
