/**
 * Reads the `summary` string out of `submit_answer` arguments while the model is still writing them: the
 * arguments arrive as pieces of JSON cut anywhere (inside a key, inside an escape such as `\n`, `\"` or
 * `\u00e9`, between the halves of a surrogate pair), and each piece yields the decoded text it adds to the
 * top-level `summary` value, in order. It never parses the whole text again, never emits a key, another
 * field's text or half a character, and stops after the first summary.
 */

/** An incremental reader of one `submit_answer` call's arguments. */
export interface SummaryStream {
  /** Feeds the next piece of the arguments; returns the summary text it adds (often ''). */
  push(piece: string): string;
  /** The summary has been read to its closing quote. */
  readonly done: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A reader for the top-level string field `field` (default `summary`). */
export function createSummaryStream(field = 'summary'): SummaryStream {
  /** Nesting of objects and arrays; the answer's own fields are at depth 1. */
  let depth = 0;
  let inString = false;
  /** At depth 1, the next string is a key (after `{` or `,`), not a value (after `:`). */
  let expectKey = false;
  let stringIsKey = false;
  let capturing = false;
  let done = false;
  let key = '';
  let lastKey = '';
  /** Inside an escape: '' just after the backslash, then `u` and the hex digits read so far. */
  let pendingEscape: string | undefined;
  /** A high surrogate held back until its low half arrives. */
  let heldSurrogate = '';

  return {
    get done() {
      return done;
    },
    push(piece) {
      if (done) return '';
      let out = '';
      const emit = (text: string) => {
        if (stringIsKey) key += text;
        else if (capturing) out += text;
      };
      for (const char of piece) {
        if (done) break;
        if (inString) {
          if (pendingEscape !== undefined) {
            if (pendingEscape === '') {
              if (char === 'u') pendingEscape = 'u';
              else {
                emit(SIMPLE_ESCAPES[char] ?? char);
                pendingEscape = undefined;
              }
            } else {
              pendingEscape += char;
              if (pendingEscape.length === 5) {
                const code = Number.parseInt(pendingEscape.slice(1), 16);
                emit(Number.isNaN(code) ? '' : String.fromCharCode(code));
                pendingEscape = undefined;
              }
            }
          } else if (char === '\\') {
            pendingEscape = '';
          } else if (char === '"') {
            inString = false;
            if (stringIsKey) {
              lastKey = key;
              stringIsKey = false;
              expectKey = false;
            } else if (capturing) {
              capturing = false;
              done = true;
            }
          } else {
            emit(char);
          }
          continue;
        }
        switch (char) {
          case '"':
            inString = true;
            if (depth === 1 && expectKey) {
              stringIsKey = true;
              key = '';
            } else {
              capturing = depth === 1 && lastKey === field;
            }
            break;
          case '{':
          case '[':
            depth += 1;
            expectKey = depth === 1 && char === '{';
            break;
          case '}':
          case ']':
            depth -= 1;
            break;
          case ',':
            if (depth === 1) expectKey = true;
            break;
          default:
            break;
        }
      }
      return hold(out);
    },
  };

  /** Holds back a trailing high surrogate (sent with the next piece) so no piece splits a character. */
  function hold(text: string): string {
    const joined = heldSurrogate + text;
    heldSurrogate = '';
    const last = joined.charCodeAt(joined.length - 1);
    if (!done && last >= 0xd800 && last <= 0xdbff) {
      heldSurrogate = joined.slice(-1);
      return joined.slice(0, -1);
    }
    return joined;
  }
}
