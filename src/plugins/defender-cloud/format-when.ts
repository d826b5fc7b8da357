/** Short relative and absolute times for Defender for Cloud evidence ("2 d ago", "in 5 d", "2025-06-18"). No hidden clock. */

/** "2 h ago", "3 d ago", "just now"; future times as "in 5 d"; "unknown time" when `iso` is not a time. */
export function formatAgo(iso: string | undefined, now: Date): string {
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
        : `${Math.round(s / 86_400)} d`;
  return seconds < 0 ? `in ${text}` : `${text} ago`;
}

/** "2025-06-18" (UTC), or the text as given when it is not a time. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}
