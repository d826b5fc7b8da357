/**
 * Finds text hidden inside tenant text by encoding, so the injection rules can read it: base64 blobs (UTF-8 or
 * UTF-16LE, as `powershell -EncodedCommand` takes), percent-encoding, HTML entities, and ROT13 or reversed
 * text when the text itself asks for that decoding. Bounded: a few blobs per text, a few kilobytes each; a
 * blob that does not decode to readable text is dropped.
 * It never runs or interprets what it decodes: it only returns text for the rules to read.
 */

/** Text found by decoding part of a source text. */
export interface HiddenText {
  /** How it was hidden, e.g. `base64`. */
  encoding: 'base64' | 'percent-encoding' | 'html-entities' | 'rot13' | 'reversed';
  text: string;
  /** Where the encoded part starts in the source. */
  at: number;
}

const MAX_BLOBS = 12;
const MAX_BLOB_CHARS = 8_192;
const BASE64_BLOB = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const READABLE = /[\p{L}\p{N}\p{P}\p{Zs}\n\r\t$+<=>^`|~]/u;

/** Readable text: mostly letters, digits, punctuation and spaces, with at least one space and three letters. */
function isReadable(text: string): boolean {
  if (text.length < 8 || !/\s/.test(text) || !/\p{L}.*\p{L}.*\p{L}/su.test(text)) return false;
  let readable = 0;
  let total = 0;
  for (const char of text) {
    total++;
    if (READABLE.test(char)) readable++;
  }
  return readable / total >= 0.92;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le', { fatal: true });

/** The text a base64 blob stands for, when it stands for readable text. */
function decodeBase64(blob: string): string | undefined {
  const bytes = Buffer.from(blob.slice(0, MAX_BLOB_CHARS), 'base64');
  if (bytes.length < 8) return undefined;
  let zeroOdd = 0;
  for (let at = 1; at < bytes.length; at += 2) if (bytes[at] === 0) zeroOdd++;
  const looksUtf16 = zeroOdd >= (bytes.length / 2) * 0.6;
  try {
    const text = looksUtf16
      ? utf16.decode(bytes.subarray(0, bytes.length - (bytes.length % 2)))
      : utf8.decode(bytes);
    return isReadable(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  colon: ':',
  lsqb: '[',
  rsqb: ']',
  num: '#',
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|([a-z]{2,8}));/gi, (whole, hex, decimal, name) => {
    const codePoint = hex ? Number.parseInt(hex, 16) : decimal ? Number.parseInt(decimal, 10) : undefined;
    if (codePoint !== undefined) return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    return ENTITIES[(name as string).toLowerCase()] ?? whole;
  });
}

function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Text hidden in `source` by one layer of encoding; empty when there is none. */
export function decodeHiddenText(source: string): HiddenText[] {
  const found: HiddenText[] = [];
  let blobs = 0;
  for (const match of source.matchAll(BASE64_BLOB)) {
    if (blobs++ >= MAX_BLOBS) break;
    const blob = match[0];
    // A word, a path or a hex id is not base64 worth decoding.
    if (!/[A-Z]/.test(blob) && !/[+/=]/.test(blob)) continue;
    const text = decodeBase64(blob);
    if (text !== undefined) found.push({ encoding: 'base64', text, at: match.index });
  }
  if ((source.match(/%[0-9a-f]{2}/gi)?.length ?? 0) >= 3) {
    const text = decodePercent(source);
    if (text !== source)
      found.push({ encoding: 'percent-encoding', text, at: source.search(/%[0-9a-f]{2}/i) });
  }
  if (/&(?:#x?[0-9a-f]+|[a-z]{2,8});/i.test(source)) {
    const text = decodeEntities(source);
    if (text !== source) found.push({ encoding: 'html-entities', text, at: source.search(/&/) });
  }
  if (/\brot[\s-]?13\b|\bcaesar\b/i.test(source))
    found.push({ encoding: 'rot13', text: rot13(source), at: 0 });
  if (/\bbackwards?\b|\brevers(?:e|ed)\b/i.test(source)) {
    found.push({ encoding: 'reversed', text: [...source].reverse().join(''), at: 0 });
  }
  return found;
}
