/**
 * Finds text in tenant data that reads as instructions aimed at an AI (a prompt injection planted in a display
 * name, an app name, an alert title, a command line, a ticket comment ...). Walks the data a skill returned,
 * scans every string value (and long object keys) with the rules in `injection-rules.ts`, on folded forms
 * of the text (`fold-scan-text.ts`) and on text hidden by encoding (`decode-hidden-text.ts`), and reports
 * where each hit is (`signIns[3].appDisplayName`) with an excerpt of what it says.
 * Bounded work whatever the data: depth, number of values, characters per string and in total are capped;
 * shared and cyclic references are visited once; every pattern is linear.
 * It never follows, rewrites or drops what it finds: the caller decides (the ledger records it on the Source
 * and the answer shows a notice).
 */
import { decodeHiddenText } from './decode-hidden-text.js';
import { foldForScan } from './fold-scan-text.js';
import { type InjectionMatch, matchInjectionRules } from './injection-rules.js';

/** A string in a source's data that reads as instructions aimed at an AI. */
export interface InjectionHit {
  /** Where in the data, e.g. `signIns[3].appDisplayName`. */
  field: string;
  /** The suspicious text, cut to 300 characters. */
  excerpt: string;
}

/** The bounds of one scan. */
export const INJECTION_SCAN_LIMITS = {
  /** Deeper values are not visited. */
  maxDepth: 32,
  /** Values (strings, objects, arrays, long keys ...) visited at most. */
  maxValues: 200_000,
  /** Of a longer string, the first `headChars` and the last `tailChars` are scanned. */
  headChars: 48_000,
  tailChars: 16_000,
  /** Characters scanned across all strings. */
  totalChars: 1_000_000,
  /** Hits returned at most, whatever the caller asks for. */
  maxHits: 50,
  /** Object keys shorter than this are names from a schema, not text anyone planted. */
  minKeyChars: 16,
} as const;

const EXCERPT_CHARS = 300;
const CACHED_TEXT_CHARS = 2_048;
const MAX_CACHED_TEXTS = 10_000;
const FIELD_CHARS = 200;
const MIN_TEXT_CHARS = 6;
// Ids, GUIDs, hashes, timestamps, numbers and IP addresses carry no instructions.
const NOT_TEXT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|\d{4}-\d{2}-\d{2}(?:[t ][\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?|[+-]?[\d.,]+|[0-9a-f:.]{2,45}(?:\/\d{1,3})?)$/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0]|\u034f|[\ufe00-\ufe0f]|[\u{e0000}-\u{e01ef}]/gu;
const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;

/** Cuts `text` to `limit` characters, ending in `…` when cut, never inside a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Text as an analyst can read it on a card: no invisible or control characters, one space between words. */
function readable(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** The excerpt of `source` around index `at`. */
function excerptAt(source: string, at: number, label?: string): string {
  const start = Math.max(0, at - 60);
  // Do not start inside a surrogate pair.
  const from = start > 0 && /[\udc00-\udfff]/.test(source[start] ?? '') ? start - 1 : start;
  const body = readable(source.slice(from, from + EXCERPT_CHARS * 3));
  return cut(`${label ? `(${label}) ` : ''}${from > 0 ? '…' : ''}${body}`, EXCERPT_CHARS);
}

/** Where `text` reads as instructions to an AI, as an excerpt; `undefined` when it does not. */
function scanText(text: string): string | undefined {
  const match: InjectionMatch | undefined = matchInjectionRules(foldForScan(text), text);
  if (match) return excerptAt(text, match.at);
  for (const hidden of decodeHiddenText(text)) {
    const decoded = matchInjectionRules(foldForScan(hidden.text), hidden.text);
    if (decoded) return excerptAt(hidden.text, decoded.at, hidden.encoding);
  }
  return undefined;
}

/** Longest string parsed as embedded JSON; longer ones are scanned as text. */
const EMBEDDED_JSON_CHARS = 64_000;

/** The object or array a string holds as JSON, or undefined when it holds none. */
function parseEmbeddedJson(text: string): object | undefined {
  if (text.length < 2 || text.length > EMBEDDED_JSON_CHARS) return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * Scans every string in `data` (bounded depth, count and length; cyclic-safe) and returns where it holds
 * instructions aimed at an AI, in document order, at most `max` hits (and at most 50).
 */
export function detectInjection(data: unknown, max = 5): InjectionHit[] {
  const limit = Math.min(Math.max(0, Math.floor(max)), INJECTION_SCAN_LIMITS.maxHits);
  const hits: InjectionHit[] = [];
  if (limit === 0) return hits;
  const seen = new WeakSet<object>();
  const stack: Pending[] = [{ value: data, path: '', depth: 0 }];
  let visited = 0;
  let budget: number = INJECTION_SCAN_LIMITS.totalChars;
  // Tenant data repeats itself (app names, cities, browsers in every sign-in): scan each short text once.
  const scanned = new Map<string, string | undefined>();
  const scanOnce = (text: string) => {
    if (text.length > CACHED_TEXT_CHARS) return scanText(text);
    if (scanned.has(text)) return scanned.get(text);
    budget -= text.length;
    const excerpt = scanText(text);
    if (scanned.size < MAX_CACHED_TEXTS) scanned.set(text, excerpt);
    return excerpt;
  };

  /** Scans one string; true when it is a hit. */
  const scan = (text: string, path: string): boolean => {
    if (text.length < MIN_TEXT_CHARS || NOT_TEXT.test(text)) return false;
    const { headChars, tailChars } = INJECTION_SCAN_LIMITS;
    const parts =
      text.length <= headChars + tailChars ? [text] : [text.slice(0, headChars), text.slice(-tailChars)];
    for (const part of parts) {
      if (budget <= 0) return false;
      const window = part.length > budget ? part.slice(0, budget) : part;
      if (window.length > CACHED_TEXT_CHARS) budget -= window.length;
      const excerpt = scanOnce(window);
      if (excerpt !== undefined) {
        hits.push({ field: cut(path === '' ? '(value)' : path, FIELD_CHARS), excerpt });
        return true;
      }
    }
    return false;
  };

  while (stack.length > 0 && hits.length < limit && budget > 0 && visited < INJECTION_SCAN_LIMITS.maxValues) {
    const { value, path, depth } = stack.pop()!;
    visited++;
    if (typeof value === 'string') {
      // JSON inside a string (Graph's `additionalInfo`, a log row's `ExtendedProperties`): scan what it says,
      // not its escapes ("\n" would split words a rule reads across lines).
      // The raw text first: a fake chat message planted as JSON is itself the signal.
      if (scan(value, path)) continue;
      const nested = depth < INJECTION_SCAN_LIMITS.maxDepth ? parseEmbeddedJson(value) : undefined;
      if (nested !== undefined) stack.push({ value: nested, path, depth: depth + 1 });
      continue;
    }
    if (value === null || typeof value !== 'object' || depth >= INJECTION_SCAN_LIMITS.maxDepth) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    // Never queue more than could still be visited: a million-element array costs what the budget allows.
    const room = INJECTION_SCAN_LIMITS.maxValues - visited - stack.length;
    if (room <= 0) continue;
    const children: Pending[] = [];
    try {
      collect(value, path, depth, room, children);
    } catch {
      // A getter or proxy that throws is not data anyone planted text in: skip it, never fail the source.
      continue;
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return hits;
}

/** The children of an object or array, as pending values, at most `room` of them. */
function collect(value: object, path: string, depth: number, room: number, children: Pending[]): void {
  if (Array.isArray(value)) {
    const count = Math.min(value.length, room);
    for (let index = 0; index < count; index++) {
      children.push({ value: value[index], path: `${path}[${index}]`, depth: depth + 1 });
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      const at = childPath(path, name);
      // Short keys are a schema's names; long ones can be text someone planted (dynamic columns, JSON bags).
      if (name.length >= INJECTION_SCAN_LIMITS.minKeyChars)
        children.push({ value: name, path: at, depth: depth + 1 });
      children.push({ value: record[name], path: at, depth: depth + 1 });
      if (children.length >= room) break;
    }
  }
}
