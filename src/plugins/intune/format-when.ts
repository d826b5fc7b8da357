/**
 * Times on device answers: "2 d ago", "2026-11-22 20:44 UTC", and Intune's sentinels for "never"
 * (`0001-01-01`) and "no end" (`9999-12-31`), which must never read as a real time. No hidden clock.
 */

/** A real instant from Intune, or undefined for a missing, unreadable or sentinel value. */
export function intuneInstant(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const year = new Date(at).getUTCFullYear();
  return year <= 1601 || year >= 9999 ? undefined : at;
}

/** "just now", "40 min ago", "5 h ago", "2 d ago", "3 y ago"; future times as "in 3 d". */
export function formatAgo(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown time';
  const seconds = Math.round((now.getTime() - then) / 1000);
  const s = Math.abs(seconds);
  if (s < 60) return 'just now';
  const text =
    s < 3600
      ? `${Math.round(s / 60)} min`
      : s < 172_800
        ? `${Math.round(s / 3600)} h`
        : s < 365 * 86_400
          ? `${Math.round(s / 86_400)} d`
          : `${Math.round(s / (365 * 86_400))} y`;
  return seconds < 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-11-22 20:44 UTC". */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-11-22 20:44 UTC (2 d ago)". */
export function formatWhen(iso: string, now: Date): string {
  return `${formatUtc(iso)} (${formatAgo(iso, now)})`;
}
