/** Short, absolute-plus-relative times for evidence ("2026-11-24 14:05 UTC (2 h ago)"). No hidden clock. */

/** "2 h ago", "3 d ago", "just now"; future times as "in 5 min". */
export function formatAgo(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown time';
  const seconds = Math.round((now.getTime() - then) / 1000);
  const future = seconds < 0;
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
  return future ? `in ${text}` : `${text} ago`;
}

/** "2026-11-24 14:05 UTC". */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Human span between two times: "40 min", "3 h"; "unknown time" when a time could not be read. */
export function formatSpan(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return 'unknown time';
  const minutes = Math.round(Math.abs(milliseconds) / 60_000);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
