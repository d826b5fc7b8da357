/**
 * Reads the query API's `timespan` (ISO 8601: a duration `PT1H` / `P7D` ending now, or an interval
 * `start/end` or `start/duration`) into a window of present milliseconds. Returns undefined for text it
 * cannot read, so the API can refuse it. It never reads the clock itself.
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** An ISO 8601 duration in ms (`PT1H` → 3 600 000), or undefined. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T'))
    return undefined;
  const [w, d, h, m, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!) * 1000;
}

/** The window `timespan` names, relative to `nowMs`, or undefined when it is not ISO 8601. */
export function parseQueryTimespan(
  text: string,
  nowMs: number,
): { startMs: number; endMs: number } | undefined {
  const parts = text.split('/');
  if (parts.length === 1) {
    const duration = parseIsoDuration(parts[0]!);
    return duration === undefined ? undefined : { startMs: nowMs - duration, endMs: nowMs };
  }
  if (parts.length !== 2) return undefined;
  const [first, second] = parts as [string, string];
  const start = Date.parse(first);
  if (Number.isNaN(start)) {
    const duration = parseIsoDuration(first);
    const end = Date.parse(second);
    return duration === undefined || Number.isNaN(end) ? undefined : { startMs: end - duration, endMs: end };
  }
  const end = Date.parse(second);
  if (!Number.isNaN(end)) return { startMs: start, endMs: end };
  const duration = parseIsoDuration(second);
  return duration === undefined ? undefined : { startMs: start, endMs: start + duration };
}
