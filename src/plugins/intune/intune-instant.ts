/**
 * Intune's sentinels for "never" (`0001-01-01`) and "no end" (`9999-12-31`) must never read as a real time on a
 * device answer: this tells a real instant from them. Formatting is `../format-when.ts`, as for every plugin.
 */

/** A real instant from Intune, or undefined for a missing, unreadable or sentinel value. */
export function intuneInstant(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const year = new Date(at).getUTCFullYear();
  return year <= 1601 || year >= 9999 ? undefined : at;
}
