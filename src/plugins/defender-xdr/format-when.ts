/**
 * Short, absolute-plus-relative times for incident evidence ("2026-11-24 14:05 UTC", "2 h ago"). The same
 * words as the Entra plugin's answers (plugins never import each other, so this plugin keeps its own copy).
 * No hidden clock: "now" is always passed in.
 */

/** "2 h ago", "3 d ago", "just now"; future times as "in 5 min"; "unknown time" when unreadable. */
export function formatAgo(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown time';
  const seconds = Math.round((now.getTime() - then) / 1000);
  const s = Math.abs(seconds);
  const text =
    s < 60
      ? 'just now'
      : s < 3600
        ? `${Math.round(s / 60)} min`
        : s < 172_800
          ? `${Math.round(s / 3600)} h`
          : `${Math.round(s / 86_400)} d`;
  if (text === 'just now') return text;
  return seconds < 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-11-24 14:05 UTC"; the text as it is when it is not a time. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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
