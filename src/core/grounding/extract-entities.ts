/**
 * Reads the things an analyst's question is about: users (UPNs and candidate names), IP addresses, file hashes,
 * CVEs, incident ids, ServiceNow ticket numbers and device names. Pure and host-neutral: plain text in, plain data out.
 * It must never throw on what an analyst (or an attacker pasting into the chat) writes, never invent an entity
 * that is not in the text, and never take more than linear time: the message is cut to a bounded length, split
 * once into bounded tokens, and each token is matched with anchored, backtracking-free patterns.
 * It does not resolve anything: names are candidates for the directory, not users.
 */
import { matchIntentKeyword } from '../planner/intent-keywords.js';
import { cleanMessageText, DEFAULT_MAX_MESSAGE_LENGTH } from './clean-message-text.js';
import { isNameStopWord } from './name-stop-words.js';
import { normalizeIp } from './normalize-ip.js';
import { type MessageToken, tokenizeMessage } from './tokenize-message.js';

/** Which algorithm a hash is, from its length. */
export type HashKind = 'md5' | 'sha1' | 'sha256';

/** What a question is about. Every list is deduplicated and in order of appearance. */
export interface Entities {
  /** Emails and UPNs, lower-cased. */
  upns: string[];
  /** IPv4 and IPv6 addresses, validated with node:net and in canonical form (see normalize-ip.ts). */
  ips: string[];
  /** MD5, SHA-1 and SHA-256 hashes (whole tokens of 32, 40 or 64 hex characters), lower-cased. */
  hashes: { value: string; kind: HashKind }[];
  /** CVE ids, upper-cased (`CVE-2024-3400`). */
  cves: string[];
  /** Incident numbers as written (`4211`) and ServiceNow numbers (`INC0012345`, `SIR0012345`). */
  incidentIds: string[];
  /** ServiceNow ticket numbers, upper-cased: incidents `INC0010001`, `SIR…`, requested items `RITM…`, changes `CHG…`. */
  tickets: string[];
  /** Device host names as written (`DESKTOP-ADELE01`, `web-prod-01`); the host part of an FQDN. */
  devices: string[];
  /** Up to three candidate person names to resolve against the directory (`Megan Bowen`, `adele`). */
  names: string[];
  /** The message was longer than the limit and only its first part was read. */
  truncated: boolean;
}

/** Options for {@link extractEntities}. */
export interface ExtractEntitiesOptions {
  /** How many characters of the message to read; default 4000. Must be a positive integer. */
  maxLength?: number;
}

const MAX_NAMES = 3;
const MAX_NAME_WORDS = 3;
const MIN_NAME_LENGTH = 2;
const MAX_NAME_LENGTH = 40;
/** Longest prefix before an inner capital in a name: "Mac" in MacArthur. */
const MAX_NAME_PREFIX_LENGTH = 3;

const HASH_KINDS: Readonly<Record<number, HashKind>> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const HEX = /^[0-9a-fA-F]+$/;
const IPV4_SHAPE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+^_{}~-]+(?:\.[A-Za-z0-9!#$%&'*+^_{}~-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const CVE = /^CVE-(\d{4})-(\d{4,7})$/i;
const FIRST_CVE_YEAR = 1999;
const SERVICENOW_NUMBER = /^(?:INC|SIR)\d{5,10}$/i;
const TICKET_NUMBER = /^(?:INC|SIR|RITM|CHG)\d{5,10}$/i;
const INCIDENT_NUMBER = /^\d{1,10}$/;
/** Words allowed between "incident" and its number: "incident no. 4211", "incidents 4211, 4212 and 4213". */
const INCIDENT_NUMBER_FILLERS: ReadonlySet<string> = new Set([
  'no',
  'nr',
  'num',
  'number',
  'numbers',
  'id',
  'ids',
  'and',
  'or',
]);
/** How many tokens away from the word "incident" a `#1234` still counts as an incident number. */
const HASH_NUMBER_WINDOW = 3;
/** How many tokens after the word "incident" are read for its numbers. */
const INCIDENT_NUMBER_WINDOW = 8;

/** A host name: letters first, then letter/digit runs joined by single hyphens (`web-prod-01`, `DESKTOP-ADELE01`). */
const HOST_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/;
/** Windows-style names need no digit to be a device: `DESKTOP-ADELE`, `LAPTOP-QXRZ`, `WIN-SRVAPP`. */
const WINDOWS_GENERATED_NAME = /^(?:DESKTOP|LAPTOP|WIN)-[A-Z0-9]{4,}$/i;
/** Hyphenated things that look like host names but are not: standards, threat actors, bulletins, ids. */
const NOT_HOST_NAMES: readonly RegExp[] = [
  /^(?:cve|cwe|capec|ghsa|osvdb|bdu|jvndb)-/i,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^(?:sha|md|utf|covid|x|ipv|aes|rsa|des|tls|ssl|http|https|gpt|rfc|iso|iec|nist|pci|soc|wpa|top|last|next|past|tier|level|phase|step|page|windows|office|kb|utc|gmt|en|log|day|week|hour)-\d{1,5}$/i,
  /^win-\d{1,2}$/i,
  /^(?:apt|fin|unc|ta)-\d{1,4}$/i,
  /^(?:storm|dev)-\d{4}$/i,
  /^ms\d{2}-\d{3}$/i,
  /^x\d{2}-\d{2}$/i,
];
const MAX_HOST_NAME_LENGTH = 63;
const INTERNAL_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set([
  'local',
  'lan',
  'corp',
  'internal',
  'intranet',
  'home',
  'ad',
]);

/** A word that may be (part of) a name: unicode letters, with apostrophes and hyphens only inside. */
const NAME_WORD = /^\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*$/u;
const POSSESSIVE = /'s$/i;
const LOWERCASE = /\p{Ll}/u;
const UPPERCASE = /\p{Lu}/u;
const UPPERCASE_AFTER_LOWERCASE = /\p{Ll}\p{Lu}/gu;
const LEADING_ACRONYM = /^\p{Lu}{2,}\p{Ll}/u;

/**
 * Extracts the entities of one message. Reads at most `options.maxLength` characters (default 4000) and sets
 * `truncated` when there was more. Never throws on any text; throws a RangeError only for an invalid
 * `maxLength`, which is a programming error.
 */
export function extractEntities(text: string, options?: ExtractEntitiesOptions): Entities {
  const cleaned = cleanMessageText(text, options?.maxLength ?? DEFAULT_MAX_MESSAGE_LENGTH);
  const tokens = tokenizeMessage(cleaned.text);
  const entities: Entities = {
    upns: [],
    ips: [],
    hashes: [],
    cves: [],
    incidentIds: [],
    tickets: [],
    devices: [],
    names: [],
    truncated: cleaned.truncated,
  };
  const seen = new Set<string>();
  const add = (list: string[], kind: string, value: string, key = value.toLowerCase()): void => {
    if (seen.has(`${kind}:${key}`)) return;
    seen.add(`${kind}:${key}`);
    list.push(value);
  };

  const incidentNumbers = findIncidentNumbers(tokens);
  const shoutedMessage = !LOWERCASE.test(cleaned.text);
  const stopWordCache = new Map<string, boolean>();
  const runs: NameWord[][] = [];
  let run: NameWord[] = [];
  const endRun = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };

  for (const [index, token] of tokens.entries()) {
    if (token.breakBefore) endRun();
    const value = token.text.replace(POSSESSIVE, '');

    if (token.kind === 'url') {
      const host = urlHost(token.text);
      const ip = host === undefined ? undefined : normalizeIp(host);
      if (ip) add(entities.ips, 'ip', ip);
      endRun();
      continue;
    }
    if (token.kind === 'ipv6') {
      const ip = normalizeIp(token.text) ?? normalizeIp(token.text.replace(/:$/, ''));
      if (ip) add(entities.ips, 'ip', ip);
      endRun();
      continue;
    }

    const entity = readEntity(value);
    if (entity) {
      switch (entity.kind) {
        case 'upn':
          add(entities.upns, 'upn', entity.value.toLowerCase());
          break;
        case 'ip':
          add(entities.ips, 'ip', entity.value);
          break;
        case 'cve':
          add(entities.cves, 'cve', entity.value);
          break;
        case 'hash':
          if (!seen.has(`hash:${entity.value}`)) {
            seen.add(`hash:${entity.value}`);
            entities.hashes.push({ value: entity.value, kind: entity.hashKind });
          }
          break;
        case 'incident':
          add(entities.incidentIds, 'incident', entity.value);
          break;
        case 'ticket':
          add(entities.tickets, 'ticket', entity.value.toUpperCase());
          // INC and SIR numbers are incidents too: the incident planner tells them apart from Defender's.
          if (SERVICENOW_NUMBER.test(entity.value)) add(entities.incidentIds, 'incident', entity.value);
          break;
        case 'device':
          add(entities.devices, 'device', entity.value);
          break;
        case 'none':
          break;
      }
      endRun();
      continue;
    }
    if (incidentNumbers.has(index)) {
      add(entities.incidentIds, 'incident', value);
      endRun();
      continue;
    }

    const word = readNameWord(token, value, shoutedMessage, stopWordCache);
    if (!word) {
      endRun();
      continue;
    }
    run.push(word);
    if (value !== token.text) endRun(); // "Megan Bowen's sign-ins": a possessive ends the name.
  }
  endRun();

  entities.names = chooseNames(runs, entities.upns);
  return entities;
}

type ReadEntity =
  | { kind: 'upn' | 'ip' | 'cve' | 'incident' | 'ticket' | 'device'; value: string }
  | { kind: 'hash'; value: string; hashKind: HashKind }
  /** Looked like an entity but was not a valid one (`999.1.1.1`, `CVE-1990-0001`): not a word either. */
  | { kind: 'none' };

/** Reads one word token as an entity; undefined when it is not entity-shaped at all. */
function readEntity(value: string): ReadEntity | undefined {
  if (value.includes('@')) {
    return isEmail(value) ? { kind: 'upn', value } : { kind: 'none' };
  }
  if (IPV4_SHAPE.test(value)) {
    const ip = normalizeIp(value);
    return ip ? { kind: 'ip', value: ip } : { kind: 'none' };
  }
  const cve = CVE.exec(value);
  if (cve)
    return isValidCve(cve[1]!, cve[2]!) ? { kind: 'cve', value: value.toUpperCase() } : { kind: 'none' };
  if (/^cve-/i.test(value)) return { kind: 'none' };

  const hashKind = HASH_KINDS[value.length];
  if (hashKind && HEX.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) {
    return { kind: 'hash', value: value.toLowerCase(), hashKind };
  }
  if (TICKET_NUMBER.test(value)) return { kind: 'ticket', value };

  const device = readDeviceName(value);
  if (device) return { kind: 'device', value: device };
  return undefined;
}

function isEmail(value: string): boolean {
  if (value.length > 254 || !EMAIL.test(value)) return false;
  const at = value.lastIndexOf('@');
  if (at > 64) return false;
  const labels = value.slice(at + 1).split('.');
  return (
    labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL_DOMAIN.test(labels[labels.length - 1]!)
  );
}

/** CVE years start in 1999 and cannot be later than next year; sequence numbers over 4 digits have no leading 0. */
function isValidCve(year: string, sequence: string): boolean {
  const yearNumber = Number(year);
  const latestYear = new Date().getUTCFullYear() + 1;
  if (yearNumber < FIRST_CVE_YEAR || yearNumber > latestYear) return false;
  return sequence.length === 4 || !sequence.startsWith('0');
}

/** A device name, or the host part of a device FQDN (`web-prod-01.contoso.local` → `web-prod-01`). */
function readDeviceName(value: string): string | undefined {
  if (!value.includes('-')) return undefined;
  const dot = value.indexOf('.');
  if (dot === -1) return isDeviceName(value) ? value : undefined;
  const labels = value.split('.');
  const host = labels[0]!;
  const topLevel = labels[labels.length - 1]!;
  // `micros0ft-login.com` is a domain; a device FQDN has a domain under it or an internal suffix.
  const domainIsValid =
    (labels.length >= 3 || INTERNAL_TOP_LEVEL_DOMAINS.has(topLevel.toLowerCase())) &&
    labels.slice(1).every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(topLevel);
  return domainIsValid && isDeviceName(host) ? host : undefined;
}

function isDeviceName(value: string): boolean {
  if (value.length < 4 || value.length > MAX_HOST_NAME_LENGTH || !HOST_NAME.test(value)) return false;
  if (NOT_HOST_NAMES.some((pattern) => pattern.test(value))) return false;
  return /\d/.test(value) || WINDOWS_GENERATED_NAME.test(value);
}

/** Index of every token that is an incident number: after "incident(s)", or `#1234` near it. */
function findIncidentNumbers(tokens: readonly MessageToken[]): Set<number> {
  const numbers = new Set<number>();
  const anchors: number[] = [];
  tokens.forEach((token, index) => {
    if (token.kind === 'word' && isIncidentWord(token.text)) anchors.push(index);
  });
  for (const anchor of anchors) {
    for (let index = anchor + 1; index < tokens.length && index <= anchor + INCIDENT_NUMBER_WINDOW; index++) {
      const token = tokens[index]!;
      if (INCIDENT_NUMBER.test(token.text)) numbers.add(index);
      else if (!INCIDENT_NUMBER_FILLERS.has(token.text.toLowerCase())) break;
    }
  }
  // Mark the tokens near an anchor once, so that many anchors and many `#123`s stay linear.
  const nearAnchor = new Uint8Array(tokens.length);
  for (const anchor of anchors) {
    const last = Math.min(tokens.length - 1, anchor + HASH_NUMBER_WINDOW);
    for (let index = Math.max(0, anchor - HASH_NUMBER_WINDOW); index <= last; index++) nearAnchor[index] = 1;
  }
  tokens.forEach((token, index) => {
    if (token.hashPrefix && nearAnchor[index] === 1 && INCIDENT_NUMBER.test(token.text)) numbers.add(index);
  });
  return numbers;
}

/** Analysts' shorthand for "incident" in front of a number ("inc 4211", "inc. 4211"). */
const INCIDENT_ABBREVIATIONS: ReadonlySet<string> = new Set(['inc', 'incid']);

function isIncidentWord(text: string): boolean {
  if (INCIDENT_ABBREVIATIONS.has(text.toLowerCase())) return true;
  const keyword = matchIntentKeyword(text)?.keyword;
  return keyword === 'incident' || keyword === 'incidents';
}

/** The host of a URL token, without user info, port or brackets. */
function urlHost(url: string): string | undefined {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd === -1) return undefined;
  let authority = url.slice(schemeEnd + 3);
  const pathStart = authority.search(/[/?#]/);
  if (pathStart !== -1) authority = authority.slice(0, pathStart);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) return authority.slice(1, authority.indexOf(']'));
  const colon = authority.indexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

interface NameWord {
  text: string;
  /** Starts with a lower-case letter ("adele"). */
  lowercase: boolean;
  /** Capitalised where capitalisation is a choice (not the first word of a sentence). */
  capitalisedMidSentence: boolean;
}

function readNameWord(
  token: MessageToken,
  value: string,
  shoutedMessage: boolean,
  stopWordCache: Map<string, boolean>,
): NameWord | undefined {
  if (token.kind !== 'word' || value.length < MIN_NAME_LENGTH || value.length > MAX_NAME_LENGTH)
    return undefined;
  if (!NAME_WORD.test(value)) return undefined;
  const hasLowercase = LOWERCASE.test(value);
  // All capitals is an acronym (MFA, VPN, DROP TABLE) unless the whole message is in capitals.
  if (!hasLowercase && UPPERCASE.test(value) && !shoutedMessage) return undefined;
  if (looksLikeCode(value)) return undefined;

  const first = value[0]!;
  const lowercase = LOWERCASE.test(first);
  const capitalisedMidSentence = UPPERCASE.test(first) && hasLowercase && !token.sentenceStart;
  // Messages repeat words; the typo check is the costly part, so each distinct word is checked once.
  const cacheKey = `${capitalisedMidSentence ? 'exact' : 'typos'}:${value.toLowerCase()}`;
  let isStopWord = stopWordCache.get(cacheKey);
  if (isStopWord === undefined) {
    isStopWord = isNameStopWord(value, { allowTypos: !capitalisedMidSentence });
    stopWordCache.set(cacheKey, isStopWord);
  }
  if (isStopWord) return undefined;
  return { text: value, lowercase, capitalisedMidSentence };
}

/**
 * camelCase identifiers (`DeviceName`, `UserPrincipalName`, `IPAddress`) are code, not names. A name may have
 * one inner capital after a short prefix: McDonald, MacArthur, DeShawn, DiCaprio.
 */
function looksLikeCode(value: string): boolean {
  if (LEADING_ACRONYM.test(value)) return true;
  const inner = [...value.matchAll(UPPERCASE_AFTER_LOWERCASE)];
  if (inner.length === 0) return false;
  return inner.length > 1 || inner[0]!.index + 1 > MAX_NAME_PREFIX_LENGTH;
}

/**
 * Picks the names from runs of candidate words: a run of more than three words is prose, not a name; when the
 * analyst capitalised a name mid-sentence, runs written all in lower case are dropped (they are ordinary
 * words the stop list did not know); names made only of an extracted UPN's local part add nothing.
 */
function chooseNames(runs: readonly NameWord[][], upns: readonly string[]): string[] {
  const candidates = runs.filter((run) => run.length <= MAX_NAME_WORDS);
  const capitalisesNames = candidates.some((run) => run.some((word) => word.capitalisedMidSentence));
  const upnParts = new Set(upns.flatMap((upn) => upn.slice(0, upn.lastIndexOf('@')).split(/[._+-]/)));

  const names: string[] = [];
  const seen = new Set<string>();
  for (const run of candidates) {
    if (capitalisesNames && run.every((word) => word.lowercase)) continue;
    if (run.every((word) => upnParts.has(word.text.toLowerCase()))) continue;
    const name = run.map((word) => word.text).join(' ');
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
    if (names.length === MAX_NAMES) break;
  }
  return names;
}
