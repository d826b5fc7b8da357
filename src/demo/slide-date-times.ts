/**
 * Slides every timestamp in a nested Graph record by the same amount: any string property whose name ends
 * in `DateTime` (Graph's naming rule for `Edm.DateTimeOffset` properties, at any depth, inside arrays too)
 * and that reads as an ISO 8601 instant. Lets the newer resources (alerts with evidence, role schedules,
 * audit records) be served "as of now" without listing each nested timestamp field.
 * Sentinels stay as they are (Intune's `0001-01-01T00:00:00Z` for "never", `9999-12-31T23:59:59Z` for "no
 * end"), so only years 1900 to 8999 move.
 * It never changes the record it is given: it returns a copy (or the record itself when there is no drift).
 */

const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function slidable(key: string | undefined, value: string): boolean {
  if (key === undefined || !key.endsWith('DateTime')) return false;
  const year = ISO_INSTANT.exec(value)?.[1];
  return year !== undefined && Number(year) >= 1900 && Number(year) < 9000;
}

function slide(value: unknown, driftMs: number, key: string | undefined): unknown {
  if (typeof value === 'string') {
    return slidable(key, value) ? new Date(Date.parse(value) + driftMs).toISOString() : value;
  }
  if (Array.isArray(value)) return value.map((element) => slide(element, driftMs, undefined));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) copy[name] = slide(inner, driftMs, name);
    return copy;
  }
  return value;
}

/** A copy of `record` with every `...DateTime` instant, at any depth, moved forward by `driftMs`. */
export function slideDateTimes<T extends object>(record: T, driftMs: number): T {
  if (driftMs === 0) return record;
  return slide(record, driftMs, undefined) as T;
}
