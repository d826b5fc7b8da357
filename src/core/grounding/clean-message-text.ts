/**
 * Cleans an analyst's message before anything reads entities or intent from it: keeps only the first part of an
 * over-long message (without cutting a word in two), decodes HTML entities, drops HTML tags and `<at>` mention
 * remnants, strips zero-width and bidi control characters, unifies apostrophes and hyphens, and re-fangs
 * defanged indicators (`185.220.101[.]4`, `hxxp://`). Every step is a single left-to-right pass, so the cost is
 * linear in the (bounded) length. It never throws and never adds words that were not in the message.
 */

/** How much of a message is read when the caller does not say. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 4000;

/** A message ready to be tokenized. */
export interface CleanMessageText {
  text: string;
  /** The message was longer than the limit and only its first part was kept. */
  truncated: boolean;
}

const ZERO_WIDTH_AND_BIDI = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  rsquo: "'",
  lsquo: "'",
  ldquo: '"',
  rdquo: '"',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  zwsp: '',
  zwj: '',
  zwnj: '',
};
/** `<at>Ward</at>`: Teams' mention markup, removed with the name inside it. */
const AT_MENTION = /<at\b[^<>]*>[^<]*<\/at>/gi;
/** Any other tag: `<p>`, `</div>`, `<br/>`, `<span class="x">`. An email in angle brackets is not a tag. */
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\uFF07]/g;
const HYPHENS = /[\u2010\u2011\u2212\uFE63\uFF0D]/g;
const DEFANGED_DOT = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi;
const DEFANGED_AT = /\[@\]|\(@\)|\[at\]/gi;
const DEFANGED_COLON = /\[:\]/g;
const DEFANGED_SCHEME = /\bhxxp(s?)(?=:\/\/|\[:\]\/\/)/gi;

/**
 * Cleans `text` for entity extraction and intent classification. Reads at most `maxLength` characters; when the
 * message is longer, the word the limit falls in is dropped too (half a hash must not look like a shorter one).
 * Non-string input (from untyped callers) reads as an empty message.
 */
export function cleanMessageText(
  text: unknown,
  maxLength: number = DEFAULT_MAX_MESSAGE_LENGTH,
): CleanMessageText {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${String(maxLength)}`);
  }
  if (typeof text !== 'string') return { text: '', truncated: false };

  let kept = text;
  const truncated = text.length > maxLength;
  if (truncated) kept = cutAtWordBoundary(text, maxLength);

  kept = kept
    .normalize('NFC')
    .replace(ZERO_WIDTH_AND_BIDI, '')
    .replace(HTML_ENTITY, decodeEntity)
    .replace(ZERO_WIDTH_AND_BIDI, '')
    .replace(AT_MENTION, ' ')
    .replace(HTML_TAG, ' ')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(DEFANGED_SCHEME, 'http$1')
    .replace(DEFANGED_DOT, '.')
    .replace(DEFANGED_AT, '@')
    .replace(DEFANGED_COLON, ':');
  return { text: kept, truncated };
}

function cutAtWordBoundary(text: string, maxLength: number): string {
  let end = maxLength;
  // Do not keep half of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  if (!isSpace(text.charCodeAt(end)) && end > 0 && !isSpace(text.charCodeAt(end - 1))) {
    while (end > 0 && !isSpace(text.charCodeAt(end - 1))) end--;
  }
  return text.slice(0, end);
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  const valid =
    Number.isInteger(codePoint) &&
    codePoint > 0 &&
    codePoint <= 0x10ffff &&
    (codePoint < 0xd800 || codePoint > 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : ' ';
}
