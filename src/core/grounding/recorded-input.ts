/**
 * What Ward keeps of a skill's input, for "how I got this" and for re-running the source later: the
 * validated input as plain JSON with secrets redacted — in text (a token pasted into a query) and under any
 * key that names one (`password`, `clientSecret`, `apiKey` ...) — and, for the card and the answer, a short
 * version (long text cut, a bounded number of fields and items). It never keeps a secret to make a re-run
 * faithful: a redacted input re-runs with the marker, and the card says the input was redacted.
 */
import { redactSecrets } from '../redact-secrets.js';
import { jsonSafeValue } from '../snapshots/json-safe-value.js';

/** Keys whose value is a secret whatever it looks like. */
const secretKey =
  /(password|passwd|passphrase|^pass|^pwd|secret|token|api[-_]?key|access[-_]?key|credentials?|authori[sz]ation|cookie|private[-_]?key|connection[-_]?string|signature|^sig)$/i;

/** Marker for a value removed because its key names a secret. */
export const REDACTED_VALUE = '[redacted]';

/** The input as plain JSON with secrets redacted; a non-object input is kept under `value`. */
export function redactInput(input: unknown): Record<string, unknown> {
  const safe = jsonSafeValue(input);
  const redacted = redactValue(safe);
  return redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted)
    ? (redacted as Record<string, unknown>)
    : redacted === undefined
      ? {}
      : { value: redacted };
}

/** Bounds for {@link shortInput}. */
export interface ShortInputBounds {
  /** Longest text value, in characters (default 300). */
  maxText: number;
  /** Most fields per object and items per list (default 12). */
  maxEntries: number;
  /** Deepest nesting kept (default 3). */
  maxDepth: number;
  /** Characters of text in all (default 1,500): once spent, further values are cut to "…". */
  budget: number;
}

const defaultBounds: ShortInputBounds = { maxText: 300, maxEntries: 12, maxDepth: 3, budget: 1_500 };

/** A short copy of an already redacted input, for the answer and its card. */
export function shortInput(
  input: Record<string, unknown>,
  bounds: Partial<ShortInputBounds> = {},
): Record<string, unknown> {
  const limits = { ...defaultBounds, ...bounds };
  const state = { left: limits.budget };
  return shorten(input, 0, limits, state) as Record<string, unknown>;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        secretKey.test(key) && item !== null && item !== '' && typeof item !== 'object'
          ? REDACTED_VALUE
          : redactValue(item),
      ]),
    );
  }
  return value;
}

function shorten(value: unknown, depth: number, limits: ShortInputBounds, state: { left: number }): unknown {
  if (typeof value === 'string') {
    const room = Math.max(0, Math.min(limits.maxText, state.left));
    const codePoints = Array.from(value);
    const kept =
      codePoints.length <= room ? value : `${codePoints.slice(0, Math.max(0, room - 1)).join('')}…`;
    state.left -= Math.min(codePoints.length, room);
    return kept;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= limits.maxDepth) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.maxEntries).map((item) => shorten(item, depth + 1, limits, state));
    return value.length > limits.maxEntries ? [...kept, `+${value.length - limits.maxEntries} more`] : kept;
  }
  const entries = Object.entries(value);
  const kept = entries
    .slice(0, limits.maxEntries)
    .map(([key, item]) => [key, shorten(item, depth + 1, limits, state)] as const);
  const result: Record<string, unknown> = Object.fromEntries(kept);
  if (entries.length > limits.maxEntries) result['…'] = `+${entries.length - limits.maxEntries} more fields`;
  return result;
}
