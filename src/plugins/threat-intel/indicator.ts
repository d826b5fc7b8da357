/**
 * What an indicator of compromise is, for the threat-intelligence plugin: an IP address, a domain, a URL, a
 * file hash (MD5, SHA-1, SHA-256) or a CVE id, each validated and written in one canonical form, and whether
 * it is internal (a private address, a `.local` name) and so has nothing to ask an internet source about.
 * The skills' input schemas are built from these checks, so nothing unvalidated reaches a source's URL.
 * Pure and linear: anchored patterns without backtracking, bounded lengths, node:net for addresses. It never
 * guesses: text that is not exactly one indicator is refused with a reason an analyst can act on.
 */
import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod/v4';

/** The kinds of indicator Ward looks up. */
export type IndicatorKind = 'ip' | 'domain' | 'url' | 'hash' | 'cve';

/** One indicator, canonical: IPs as node:net accepts them (lower-case), domains and hashes lower-case, URLs as WHATWG writes them, CVEs upper-case. */
export interface Indicator {
  kind: IndicatorKind;
  value: string;
}

/** Where an address or name lives: only `public` ones are worth asking an internet source about. */
export type IndicatorScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'internal-name';

/** A string read as an indicator, or why it is not one. */
export type IndicatorReading =
  | { ok: true; indicator: Indicator; scope: IndicatorScope }
  | { ok: false; reason: string };

export const MAX_DOMAIN_LENGTH = 253;
export const MAX_URL_LENGTH = 2048;
/** Longer input is refused before any parsing, whatever it is. */
const MAX_INPUT_LENGTH = MAX_URL_LENGTH + 16;

const HASH_KINDS: Readonly<Record<number, 'MD5' | 'SHA-1' | 'SHA-256'>> = {
  32: 'MD5',
  40: 'SHA-1',
  64: 'SHA-256',
};
const HEX = /^[0-9a-f]+$/;
const CVE = /^CVE-(\d{4})-(\d{4,7})$/;
const FIRST_CVE_YEAR = 1999;
const LABEL = /^(?:[a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Names meant for private networks: a public source knows nothing about them, and should not be told them. */
const INTERNAL_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set([
  'local',
  'localhost',
  'localdomain',
  'internal',
  'intranet',
  'corp',
  'lan',
  'home',
  'private',
]);

const V4_RANGES: readonly [string, number, IndicatorScope][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6_RANGES: readonly [string, number, IndicatorScope][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/** One BlockList per range, so a match also says which range. */
function subnets(family: 'ipv4' | 'ipv6', ranges: readonly [string, number, IndicatorScope][]) {
  return ranges.map(([network, prefix, scope]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, scope };
  });
}
const V4_SUBNETS = subnets('ipv4', V4_RANGES);
const V6_SUBNETS = subnets('ipv6', V6_RANGES);

const SCOPE_WORDS: Readonly<Record<Exclude<IndicatorScope, 'public'>, string>> = {
  private: 'a private (internal) address',
  loopback: 'a loopback address (this machine)',
  'link-local': 'a link-local address (the local network segment)',
  shared: 'a carrier-grade NAT address (RFC 6598, not routed on the internet)',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  reserved: 'a reserved address (not routed on the internet)',
  'internal-name': 'an internal name (not resolvable on the internet)',
};

/** "a private (internal) address", for an answer that says why Ward did not ask a source. */
export function describeScope(scope: Exclude<IndicatorScope, 'public'>): string {
  return SCOPE_WORDS[scope];
}

/**
 * Where an IP address routes. Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
 * 2001:db8::/32) count as public: the demo tenant's attackers live there, and a real source simply has no
 * record of them.
 */
export function addressScope(ip: string): IndicatorScope {
  const version = isIP(ip);
  if (version === 4) {
    if (ip === '255.255.255.255') return 'reserved';
    return V4_SUBNETS.find(({ list }) => list.check(ip, 'ipv4'))?.scope ?? 'public';
  }
  if (version === 6) {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
    if (mapped) return addressScope(mapped[1]!);
    const address = ip.split('%')[0]!;
    return V6_SUBNETS.find(({ list }) => list.check(address, 'ipv6'))?.scope ?? 'public';
  }
  return 'reserved';
}

/** An IP address, canonical (lower-case, zone dropped), or why not. */
export function readIp(text: string): IndicatorReading {
  const value = text.trim().toLowerCase();
  if (value.length > 64 || isIP(value) === 0) return { ok: false, reason: 'is not an IP address' };
  const address = value.split('%')[0]!;
  return { ok: true, indicator: { kind: 'ip', value: address }, scope: addressScope(address) };
}

/** A domain name, in lower-case ASCII (IDNs as punycode), without a trailing dot, or why not. */
export function readDomain(text: string): IndicatorReading {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed.length === 0 || trimmed.length > MAX_DOMAIN_LENGTH) {
    return { ok: false, reason: `is not a domain name (1 to ${MAX_DOMAIN_LENGTH} characters)` };
  }
  // node:url converts an internationalised name to punycode, or gives "" for one that cannot be a host.
  const ascii = /^[\x21-\x7e]+$/.test(trimmed) ? trimmed.toLowerCase() : domainToASCII(trimmed);
  if (ascii === '' || ascii.length > MAX_DOMAIN_LENGTH) return { ok: false, reason: 'is not a domain name' };
  const labels = ascii.split('.');
  const topLevel = labels[labels.length - 1]!;
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(topLevel)) {
    return {
      ok: false,
      reason: 'is not a domain name (letters, digits and hyphens in dot-separated labels)',
    };
  }
  const internal =
    INTERNAL_TOP_LEVEL_DOMAINS.has(topLevel) ||
    ascii.endsWith('.home.arpa') ||
    ascii.endsWith('.in-addr.arpa');
  return {
    ok: true,
    indicator: { kind: 'domain', value: ascii },
    scope: internal ? 'internal-name' : 'public',
  };
}

/**
 * An http(s) URL as WHATWG writes it (scheme and host lower-case, IDN host as punycode), or why not. A URL that
 * carries a user name or password is refused: looking it up would hand the credentials to the source.
 */
export function readUrl(text: string): IndicatorReading {
  const trimmed = text.trim();
  if (trimmed.length > MAX_URL_LENGTH) {
    return {
      ok: false,
      reason: `is longer than ${MAX_URL_LENGTH} characters, too long to be a URL Ward looks up`,
    };
  }
  if (!URL.canParse(trimmed)) return { ok: false, reason: 'is not a URL' };
  const url = new URL(trimmed);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'is not an http or https URL' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'carries a user name or password; remove them before looking the URL up' };
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const hostReading = isIP(host) ? readIp(host) : readDomain(host);
  if (!hostReading.ok) return { ok: false, reason: `has a host that ${hostReading.reason}` };
  url.hash = '';
  return { ok: true, indicator: { kind: 'url', value: url.href }, scope: hostReading.scope };
}

/** An MD5, SHA-1 or SHA-256 hash in lower-case hex, or why not. */
export function readHash(text: string): IndicatorReading {
  const value = text.trim().toLowerCase();
  if (value.length > 64 || !HEX.test(value) || HASH_KINDS[value.length] === undefined) {
    return { ok: false, reason: 'is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex digits)' };
  }
  return { ok: true, indicator: { kind: 'hash', value }, scope: 'public' };
}

/** The algorithm of a valid hash, from its length. */
export function hashAlgorithm(hash: string): 'MD5' | 'SHA-1' | 'SHA-256' | undefined {
  return HASH_KINDS[hash.length];
}

/** A CVE id, upper-case, or why not: the year from 1999 to next year, 4 to 7 digits (no leading 0 beyond 4). */
export function readCve(text: string, now: Date = new Date()): IndicatorReading {
  const value = text.trim().toUpperCase();
  const match = value.length <= 20 ? CVE.exec(value) : null;
  const year = match ? Number(match[1]) : 0;
  const sequence = match?.[2] ?? '';
  const valid =
    match !== null &&
    year >= FIRST_CVE_YEAR &&
    year <= now.getUTCFullYear() + 1 &&
    (sequence.length === 4 || !sequence.startsWith('0'));
  if (!valid) return { ok: false, reason: 'is not a CVE id (CVE-YYYY-NNNN, with 4 to 7 digits)' };
  return { ok: true, indicator: { kind: 'cve', value }, scope: 'public' };
}

const READERS: Readonly<Record<IndicatorKind, (text: string) => IndicatorReading>> = {
  ip: readIp,
  domain: readDomain,
  url: readUrl,
  hash: readHash,
  cve: (text) => readCve(text),
};

/** Reads `text` as an indicator of `kind`. Never throws. */
export function readIndicator(kind: IndicatorKind, text: string): IndicatorReading {
  if (typeof text !== 'string' || text.length > MAX_INPUT_LENGTH) {
    return { ok: false, reason: 'is too long to be an indicator' };
  }
  return READERS[kind](text);
}

/**
 * A zod schema for one kind: the canonical value of an indicator. Internal ones (a private address, a `.local`
 * name) are refused with why, unless `allowInternal` (the tenant's own data may hold them; a source may not).
 */
export function indicatorValueSchema(kind: IndicatorKind, options: { allowInternal?: boolean } = {}) {
  return z
    .string()
    .max(MAX_INPUT_LENGTH)
    .transform((text, context) => {
      const reading = readIndicator(kind, text);
      if (!reading.ok) {
        context.addIssue({ code: 'custom', message: `"${shorten(text)}" ${reading.reason}` });
        return z.NEVER;
      }
      if (reading.scope !== 'public' && !options.allowInternal) {
        context.addIssue({
          code: 'custom',
          message: `${reading.indicator.value} is ${describeScope(reading.scope)}: threat intelligence only knows public indicators`,
        });
        return z.NEVER;
      }
      return reading.indicator.value;
    });
}

function indicatorUnion(allowInternal: boolean) {
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ip'), value: indicatorValueSchema('ip', { allowInternal }) }),
    z.object({ kind: z.literal('domain'), value: indicatorValueSchema('domain', { allowInternal }) }),
    z.object({ kind: z.literal('url'), value: indicatorValueSchema('url', { allowInternal }) }),
    z.object({ kind: z.literal('hash'), value: indicatorValueSchema('hash', { allowInternal }) }),
    z.object({ kind: z.literal('cve'), value: indicatorValueSchema('cve', { allowInternal }) }),
  ]);
}

/** `{ kind, value }` of any kind, canonicalised, public only: what may be sent to a source. */
export const indicatorSchema = indicatorUnion(false);

/** `{ kind, value }` of any kind, canonicalised, internal ones included: what may be searched for in the tenant. */
export const tenantIndicatorSchema = indicatorUnion(true);

/** "IP address 185.220.101.4", "SHA-256 hash 9f86…", for sentences about one indicator. */
export function describeIndicator(indicator: Indicator): string {
  switch (indicator.kind) {
    case 'ip':
      return `IP address ${indicator.value}`;
    case 'domain':
      return `domain ${indicator.value}`;
    case 'url':
      return `URL ${indicator.value}`;
    case 'hash':
      return `${hashAlgorithm(indicator.value) ?? 'file'} hash ${indicator.value}`;
    case 'cve':
      return indicator.value;
  }
}

function shorten(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}

/**
 * Top-level domains a person writing `name.tld` in a chat means as a domain: the generic ones, the ones
 * abuse favours, and every country code. Used to tell `evil-login.xyz` (a domain) from `adele.vance` (a name)
 * and `powershell.exe` (a file). Country codes that are also common file extensions (`.sh`, `.py`, `.rs`, `.md`,
 * `.pl`, `.ps`) count only with three or more labels.
 */
const GENERIC_TOP_LEVEL_DOMAINS =
  'com net org info biz name pro mobi asia tel travel jobs aero coop museum cat gov edu mil int arpa onion ' +
  'io co ai app dev page cloud online site website web store shop tech space fun live life world today news ' +
  'blog media email link click top xyz icu vip work buzz cyou rest monster quest sbs cfd bond lol win bid ' +
  'loan date trade stream download review racing party science men country kim club support help services ' +
  'digital network systems solutions company center agency group global finance bank money pay cash ' +
  'account accountant security microsoft google amazon apple example test invalid';
const COUNTRY_CODE_TOP_LEVEL_DOMAINS =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk ' +
  'fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ' +
  'ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh ' +
  'mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk ' +
  'pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz ' +
  'tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';
const KNOWN_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(
  `${GENERIC_TOP_LEVEL_DOMAINS} ${COUNTRY_CODE_TOP_LEVEL_DOMAINS} ${[...INTERNAL_TOP_LEVEL_DOMAINS].join(' ')}`.split(
    ' ',
  ),
);
const FILE_EXTENSION_COUNTRY_CODES: ReadonlySet<string> = new Set(['sh', 'py', 'rs', 'md', 'pl', 'ps']);

/**
 * True when a word someone wrote reads as a domain name rather than a person's `first.last`, a file name or a
 * version number: a valid name whose top-level domain is a known one (or punycode).
 */
export function looksLikeDomainName(word: string): boolean {
  if (word.length > MAX_DOMAIN_LENGTH || word.includes('@') || !word.includes('.')) return false;
  const reading = readDomain(word);
  if (!reading.ok) return false;
  const labels = reading.indicator.value.split('.');
  const topLevel = labels[labels.length - 1]!;
  if (topLevel.startsWith('xn--')) return true;
  if (!KNOWN_TOP_LEVEL_DOMAINS.has(topLevel)) return false;
  return labels.length >= 3 || !FILE_EXTENSION_COUNTRY_CODES.has(topLevel);
}
