/**
 * Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date. Used by
 * the clients to wait exactly as long as a throttling service asks before trying again.
 * It never guesses: a header it cannot read gives `undefined`, and the caller falls back to its own backoff.
 */

/** The wait `Retry-After` asks for, in ms (0 for a date in the past), or `undefined` if absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10) * 1_000;
  // An HTTP date always names a weekday and GMT; a bare number with a fraction or sign is not valid either way.
  if (!/GMT$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
