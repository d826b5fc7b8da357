/**
 * Formats instants for cards: an absolute UTC time an analyst can paste into a ticket, and a relative age.
 * The current time is always a parameter: this module must never read the clock itself, so cards render the
 * same in tests and in production.
 */

/** `2026-11-24 14:05 UTC`. */
export function formatUtc(instant: Date): string {
  const iso = instant.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `just now`, `5 min ago`, `2 h ago`, `3 d ago`, or `in 5 min` for a time ahead of `now`. */
export function formatAge(instant: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - instant.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  if (magnitude < 60) return 'just now';
  const minutes = Math.floor(magnitude / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const amount = minutes < 60 ? `${minutes} min` : hours < 48 ? `${hours} h` : `${days} d`;
  return seconds > 0 ? `${amount} ago` : `in ${amount}`;
}

/** `2026-11-24 14:05 UTC · 2 h ago`. */
export function formatCardTime(instant: Date, now: Date): string {
  return `${formatUtc(instant)} · ${formatAge(instant, now)}`;
}

/**
 * Formats an ISO time from tenant data; returns undefined when the text is not a valid date so the caller can
 * show it as (escaped) text instead.
 */
export function formatIsoCardTime(iso: string, now: Date): string | undefined {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? undefined : formatCardTime(instant, now);
}
