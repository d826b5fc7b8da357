/**
 * Keeps a tool result small enough for the model's context: JSON-encodes the data whole when it fits, and
 * otherwise shortens long strings and long arrays (keeping the first items, which skills sort newest or most
 * important first) until it does, saying so in the output. The result is always valid JSON; it never drops a
 * source silently and never throws on odd data (cycles, BigInt, deep nesting).
 */

/** The JSON text given to the model, and whether it had to be shortened. */
export interface BoundedJson {
  json: string;
  shortened: boolean;
}

const MAX_DEPTH = 12;

/** Encodes `data` as JSON of at most about `maxChars` characters. */
export function boundToolData(data: unknown, maxChars: number): BoundedJson {
  const whole = encode(data, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  if (whole.length <= maxChars) return { json: whole, shortened: false };
  for (const [items, chars] of [
    [50, 500],
    [20, 300],
    [10, 200],
    [5, 120],
    [2, 80],
  ] as const) {
    const json = encode(data, items, chars);
    if (json.length <= maxChars) return { json, shortened: true };
  }
  return { json: JSON.stringify({ note: 'The data was too large to show.' }), shortened: true };
}

function encode(data: unknown, maxItems: number, maxString: number): string {
  return JSON.stringify(shrink(data, maxItems, maxString, 0, new WeakSet())) ?? 'null';
}

function shrink(
  value: unknown,
  maxItems: number,
  maxString: number,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}…` : value;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value) || depth >= MAX_DEPTH) return '…';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const kept = value.slice(0, maxItems).map((item) => shrink(item, maxItems, maxString, depth + 1, seen));
      return value.length > maxItems ? [...kept, `… ${value.length - maxItems} more not shown`] : kept;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shrink(item, maxItems, maxString, depth + 1, seen)]),
    );
  } finally {
    seen.delete(value);
  }
}
