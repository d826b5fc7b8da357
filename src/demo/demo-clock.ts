/**
 * The demo tenant's sense of time. The seed computes every timestamp relative to `now()` at seed time (the
 * anchor); later, responses slide stored timestamps forward by how much time has passed since, so that a
 * sign-in seeded "2 hours ago" is still 2 hours ago when the demo has been running all afternoon.
 * Writes store their times back on the seeded timeline with `toStored`. It never reads the wall clock itself.
 */

/** Converts between the seeded timeline and the present. */
export interface DemoClock {
  now(): Date;
  /** How far the present is past the anchor, in ms. */
  driftMs(): number;
  /** A stored ISO timestamp as it should be served now. */
  toWire(stored: string): string;
  /** A present instant as it should be stored. */
  toStored(instant: Date): string;
}

/** A clock over `now` for a timeline anchored at `anchorMs()` (read on every call, so a reset re-anchors). */
export function createDemoClock(now: () => Date, anchorMs: () => number): DemoClock {
  const driftMs = () => now().getTime() - anchorMs();
  return {
    now,
    driftMs,
    toWire(stored) {
      const drift = driftMs();
      return drift === 0 ? stored : new Date(Date.parse(stored) + drift).toISOString();
    },
    toStored(instant) {
      return new Date(instant.getTime() - driftMs()).toISOString();
    },
  };
}

/** A copy of `record` with the named ISO timestamp fields slid by `driftMs` (null fields stay null). */
export function slideTimestamps<T extends object>(record: T, fields: readonly string[], driftMs: number): T {
  if (driftMs === 0) return record;
  const copy = { ...record } as Record<string, unknown>;
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = new Date(Date.parse(value) + driftMs).toISOString();
  }
  return copy as T;
}
