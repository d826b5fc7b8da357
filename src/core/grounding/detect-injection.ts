/**
 * Placeholder replaced by the injection work: finds text in tenant data that reads as instructions aimed at
 * an AI.
 */

/** A string in a source's data that reads as instructions aimed at an AI. */
export interface InjectionHit {
  /** Where in the data, e.g. `signIns[3].appDisplayName`. */
  field: string;
  /** The suspicious text, cut to 300 characters. */
  excerpt: string;
}

/** Scans every string in `data` (bounded depth and count); returns the hits, at most `max`. */
export function detectInjection(_data: unknown, _max = 5): InjectionHit[] {
  return [];
}
