/**
 * Comparing OS versions as devices report them (`10.0.22631.4169`, `17.7.2`, `14`): numerically, segment by
 * segment, and only within one release line, so a Windows 11 23H2 build is compared with other 23H2 builds
 * (`10.0.22631.*`), never with 24H2's, and iOS 17 with iOS 17. Pure; unreadable versions compare as unknown.
 */

/** The numeric segments of a version, or undefined when it is not a dotted number. */
function segments(version: string): number[] | undefined {
  const trimmed = version.trim();
  if (!/^\d{1,9}(\.\d{1,9}){0,5}$/.test(trimmed)) return undefined;
  return trimmed.split('.').map(Number);
}

/** -1, 0 or 1 as `left` is older, equal or newer than `right`; undefined when either is unreadable. */
export function compareOsVersions(left: string, right: string): -1 | 0 | 1 | undefined {
  const a = segments(left);
  const b = segments(right);
  if (a === undefined || b === undefined) return undefined;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * The release line a version belongs to: all but the last segment of a four-part Windows build
 * (`10.0.22631`), else the major version (`17`). Undefined when the version is unreadable.
 */
export function osVersionLine(version: string): string | undefined {
  const parts = segments(version);
  if (parts === undefined) return undefined;
  return parts.length >= 4 ? parts.slice(0, 3).join('.') : String(parts[0]);
}
