/**
 * Reads a YAML (or JSON, which is YAML) manifest a deployment keeps beside Ward — a custom plugin, a promptbook —
 * and validates it with a zod schema. Every problem, from a YAML syntax error to a zod issue deep inside, is
 * reported with the file, line and column it is about, so an admin can fix the file without guessing.
 * It never evaluates anything in the file: no tags beyond YAML's core schema, a cap on aliases.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod/v4';

/** One thing wrong with a manifest, located. */
export interface ManifestProblem {
  file: string;
  line: number;
  column: number;
  /** The field, as a dotted path (`skills.0.query`), or empty for the whole file. */
  path: string;
  message: string;
}

/** Where a field of a parsed manifest is, for problems found after parsing (a name already taken ...). */
export type LocateField = (path: readonly (string | number)[]) => { line: number; column: number };

export type ParsedManifest<T> =
  | { ok: true; value: T; at: LocateField }
  | { ok: false; problems: ManifestProblem[] };

/** Manifests are small; anything bigger is a mistake (or a YAML bomb). */
export const MAX_MANIFEST_BYTES = 256 * 1024;

/** Parses `text` (the content of `file`) and validates it against `schema`. */
export function parseManifest<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): ParsedManifest<z.output<S>> {
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
    return {
      ok: false,
      problems: [
        { file, line: 1, column: 1, path: '', message: `is larger than ${MAX_MANIFEST_BYTES / 1024} KB` },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const at = (offset: number) => {
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        path: '',
        message: `YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, path: '', message: `YAML: ${(error as Error).message}` }],
    };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success)
    return {
      ok: true,
      value: parsed.data,
      at: (path) => at(locate(document.contents, path.map(String), true)),
    };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.map(String);
      // An unknown key is best pointed at by the key itself, not the object around it.
      const keys = issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys : undefined;
      const offset = locate(document.contents, keys?.[0] ? [...path, keys[0]] : path, true);
      return { file, ...at(offset), path: path.join('.'), message: issue.message };
    }),
  };
}

/** One line per problem: `plugins/custom/hunts.yaml:12:5 skills.0.query: …`. */
export function describeManifestProblems(problems: readonly ManifestProblem[]): string {
  return problems
    .map(
      (problem) =>
        `${problem.file}:${problem.line}:${problem.column} ${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
    )
    .join('\n');
}

/**
 * The source offset of the deepest node on `path` that exists. With `preferKey`, the last step points at the
 * key of its pair (where an admin reads the field's name) rather than its value.
 */
function locate(root: unknown, path: readonly string[], preferKey: boolean): number {
  let node: unknown = root;
  let offset = isNode(root) ? (root.range?.[0] ?? 0) : 0;
  for (const [index, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === step,
      );
      if (!pair) return offset;
      const last = index === path.length - 1;
      const keyNode = pair.key as Node;
      if (last && preferKey && isNode(keyNode)) return keyNode.range?.[0] ?? offset;
      node = pair.value;
      offset = isNode(node) ? (node.range?.[0] ?? offset) : (keyNode.range?.[0] ?? offset);
    } else if (isSeq(node)) {
      const item = node.items[Number(step)];
      if (!isNode(item)) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
