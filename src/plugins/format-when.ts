/**
 * How every plugin writes times on answers: absolute UTC plus relative ("2026-11-24 14:05 UTC (2 h ago)") and
 * spans ("40 min", "3 h", "2 d"), so an incident, a sign-in and a device check-in read alike on one card.
 * Shared by the plugins (it is no plugin itself). No hidden clock: "now" is always passed in.
 */

/** "just now", "40 min ago", "5 h ago", "2 d ago", "3 y ago"; future times as "in 5 min"; "unknown time" when unreadable. */
export function formatAgo(iso: string | null | undefined, now: Date): string {
  const then = Date.parse(iso ?? '');
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

/** "2026-11-24 14:05 UTC"; the text as it is when it is not a time. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2025-06-18" (UTC), or the text as given when it is not a time. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/** "2026-11-24 14:05 UTC (2 h ago)". */
export function formatWhen(iso: string, now: Date): string {
  return `${formatUtc(iso)} (${formatAgo(iso, now)})`;
}

/** A span in words: "40 min", "3 h", "2 d"; "unknown time" when it cannot be computed. */
export function formatSpan(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return 'unknown time';
  const minutes = Math.round(Math.abs(milliseconds) / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}
