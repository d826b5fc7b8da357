/**
 * Validates an IP address with node:net and writes it in one canonical form, so that the same address typed two
 * ways is looked up (and deduplicated) once: IPv4 as dotted decimal, IPv6 in RFC 5952 form (lower-case, no
 * leading zeros, the longest run of zero groups as `::`), IPv4-mapped IPv6 as `::ffff:a.b.c.d`, zone kept.
 * It never guesses: anything node:net does not accept is not an address.
 */
import { isIP } from 'node:net';

/** The canonical form of `candidate` when it is an IPv4 or IPv6 address; undefined otherwise. */
export function normalizeIp(candidate: string): string | undefined {
  const version = isIP(candidate);
  if (version === 4) return candidate;
  if (version !== 6) return undefined;

  const percent = candidate.indexOf('%');
  const address = percent === -1 ? candidate : candidate.slice(0, percent);
  const zone = percent === -1 ? '' : candidate.slice(percent);
  const groups = expandIpv6(address.toLowerCase());
  if (!groups) return undefined;

  const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const high = groups[6]!;
    const low = groups[7]!;
    return `::ffff:${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}${zone}`;
  }
  return `${compressIpv6(groups)}${zone}`;
}

/** The eight 16-bit groups of a valid IPv6 address (already checked by isIP). */
function expandIpv6(address: string): number[] | undefined {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const lastPart = text.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const octets = lastPart.split('.').map((octet) => Number.parseInt(octet, 10));
    tail.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
    text = text.slice(0, lastColon + 1);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string): number[] =>
    part.length === 0 ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const headGroups = parse(head);
  const restGroups = rest === undefined ? [] : parse(rest);
  const known = headGroups.length + restGroups.length + tail.length;
  const zeros = rest === undefined ? 0 : 8 - known;
  const groups = [...headGroups, ...new Array<number>(Math.max(zeros, 0)).fill(0), ...restGroups, ...tail];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group)) ? groups : undefined;
}

/** RFC 5952 §4: hex without leading zeros, the longest (first on a tie) run of 2+ zero groups as `::`. */
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let index = 0; index < groups.length; ) {
    if (groups[index] !== 0) {
      index++;
      continue;
    }
    let end = index;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - index > bestLength) {
      bestStart = index;
      bestLength = end - index;
    }
    index = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  const before = hex.slice(0, bestStart).join(':');
  const after = hex.slice(bestStart + bestLength).join(':');
  return `${before}::${after}`;
}
