/**
 * Makes a value that came from a plugin storable as PostgreSQL `jsonb` and comparable as JSON: what
 * `JSON.stringify` would keep (undefined and functions dropped, dates as ISO text, non-finite numbers as
 * null), big integers as text, and strings without NUL characters or lone surrogates (jsonb refuses both,
 * and one bad character in tenant data must not cost the answer it came with). Cycles and very deep nesting
 * become short markers. It never changes a value that is already plain JSON text.
 */

const MAX_DEPTH = 64;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` as plain JSON data (see the module header); `undefined` when JSON would drop it. */
export function jsonSafeValue(value: unknown): unknown {
  return clean(value, 0, new WeakSet());
}

/** Text jsonb accepts: NUL removed, lone surrogates replaced by U+FFFD. */
export function jsonSafeText(text: string): string {
  return text.replaceAll('\u0000', '').replace(loneSurrogate, '\uFFFD');
}

function clean(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return jsonSafeText(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item) => {
        const cleaned = clean(item, depth + 1, seen);
        return cleaned === undefined ? null : cleaned;
      });
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const cleaned = clean(item, depth + 1, seen);
      if (cleaned !== undefined) result[jsonSafeText(key)] = cleaned;
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
