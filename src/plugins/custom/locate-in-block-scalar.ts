/**
 * Points a problem found inside a manifest's multi-line text (line 3 of a KQL query) at the file's own line
 * and column, so `hunts.yaml:14:22` is the very character to fix. Works from the position of the field's key
 * (which the manifest parser gives) and the file's text: for a literal block scalar (`query: |`), line N of the
 * value is N lines below the key, indented by the block's indentation; for a one-line plain value, it is on
 * the key's line. Any other style (folded, quoted, JSON) gets `undefined` and the caller keeps the key's place.
 * It reads the text only; it never parses YAML.
 */

/** A 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

const LITERAL_HEADER = /^\|(?:[1-9][+-]?|[+-][1-9]?)?\s*(?:#.*)?$/;

/**
 * Where `inner` (a position in the field's value) is in the file, given the source and where the field's key
 * is; undefined when the value's style does not map lines one to one.
 */
export function locateInBlockScalar(
  source: string,
  key: TextPosition,
  inner: TextPosition,
): TextPosition | undefined {
  const lines = source.split(/\r?\n/);
  const keyLine = lines[key.line - 1];
  if (keyLine === undefined) return undefined;
  const colon = keyLine.indexOf(':', key.column - 1);
  if (colon < 0) return undefined;
  const rest = keyLine.slice(colon + 1);
  const header = rest.trim();
  if (LITERAL_HEADER.test(header)) {
    const explicit = /[1-9]/.exec(header)?.[0];
    let indent: number | undefined;
    if (explicit !== undefined) {
      indent = key.column - 1 + Number(explicit);
    } else {
      for (const line of lines.slice(key.line)) {
        if (line.trim() === '') continue;
        indent = line.length - line.trimStart().length;
        break;
      }
    }
    if (indent === undefined) return undefined;
    return { line: key.line + inner.line, column: indent + inner.column };
  }
  // A plain one-line value: `query: SigninLogs | take 10`. Quotes and escapes change columns: not mapped.
  if (inner.line !== 1 || header === '' || /^["'[{>|&*!]/.test(header)) return undefined;
  const valueStart = colon + 1 + (rest.length - rest.trimStart().length);
  return { line: key.line, column: valueStart + inner.column };
}
