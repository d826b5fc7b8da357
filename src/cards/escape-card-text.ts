/**
 * Neutralises text that came from a tenant (user names, alert titles, sign-in app names, model output built
 * from them) before it reaches an Adaptive Card. Teams renders TextBlock and Fact text as markdown, so a
 * name like `[Click](https://evil)` or `# Urgent` would otherwise become a link or a heading inside Ward's
 * own answer. Two functions: one for markdown-rendered text, one for plain text (button titles, submit data).
 * It must never drop the meaning of the text: it escapes and trims, it does not rewrite words.
 */

/** Control characters (except newline, handled separately) and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
/**
 * Invisible and direction-changing characters: zero-width spaces and joiners, bidi marks, embeddings,
 * overrides and isolates (used to spoof file names and UPNs), word joiner, BOM, soft hyphen.
 */
const invisibleCharacters = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Unicode line and paragraph separators: treated as newlines. */
const unicodeLineBreaks = /[\u2028\u2029]/g;
/**
 * Characters with a meaning in Adaptive Card markdown, and the backslash itself. Teams renders only bold,
 * italic, lists and `[text](url)` links in cards (no headings, code or HTML), so `(`, `)`, `#`, `<`, `>` and
 * backticks stay as they are: escaping them would show stray backslashes on clients that do not unescape.
 */
const markdownSpecial = /[\\*_[\]]/g;
/** The start of a templating expression: kept literal by the engine, but never shown looking like one. */
const templateExpressionStart = /\$\{/g;
/** At the start of a line: list markers (`-`, `+`, `1.`, `1)`), setext underlines (`=`). */
const leadingBlockMarker = /^(\s*)(?:([-+=#])|(\d{1,9})([.)]))/gm;
/** Schemes that a markdown renderer may turn into a clickable link even without `[..](..)`. */
const bareUrlScheme = /\b(https?|ftp)(?=:\/\/)/gi;

/** Options for {@link escapeCardText} and {@link sanitizePlainText}. */
export interface CardTextOptions {
  /** Longest result, in characters, before escaping; longer text is cut and ends with "…". */
  maxLength: number;
  /** Keep line breaks (at most one blank line in a row). Default: false, line breaks become spaces. */
  multiline?: boolean;
}

/**
 * Removes control and invisible characters, normalises whitespace and bounds the length. The result is safe
 * where the host shows text as-is (button titles, placeholders) and as submit data; it is NOT markdown-safe.
 */
export function sanitizePlainText(value: string, options: CardTextOptions): string {
  let text = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(unicodeLineBreaks, '\n');
  text = text.replace(controlCharacters, (character) => (character === '\t' ? ' ' : ''));
  text = text.replace(invisibleCharacters, '');
  if (options.multiline === true) {
    text = text
      .split('\n')
      .map((line) => line.replace(/[ \u00A0]+/g, ' ').trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    text = text.replace(/\s+/g, ' ').trim();
  }
  return truncate(text, options.maxLength);
}

/**
 * Makes tenant text render literally in an Adaptive Card TextBlock or Fact: sanitises it like
 * {@link sanitizePlainText}, then backslash-escapes markdown punctuation, line-start list and heading
 * markers and `${`, turns each line break into a paragraph break (markdown ignores single ones), and defangs `http(s)://` and `ftp://` so a bare URL is not turned into a link
 * (`hxxps://evil.example`, the usual SOC convention).
 */
export function escapeCardText(value: string, options: CardTextOptions): string {
  const text = sanitizePlainText(value, options)
    .replace(bareUrlScheme, defang)
    .replace(markdownSpecial, (character) => `\\${character}`)
    .replace(templateExpressionStart, () => '$\\{');
  return (
    text
      .replace(
        leadingBlockMarker,
        (_match, indent: string, marker?: string, digits?: string, delimiter?: string) =>
          marker !== undefined ? `${indent}\\${marker}` : `${indent}${digits}\\${delimiter}`,
      )
      // Card markdown needs a blank line to break a line: keep the author's line breaks visible.
      .replace(/\n+/g, '\n\n')
  );
}

/** `https` → `hxxps`, `http` → `hxxp`, `ftp` → `fxp`, keeping the letter case of the original. */
function defang(scheme: string): string {
  return scheme.toLowerCase() === 'ftp'
    ? `${scheme[0]}${scheme[1] === 'T' ? 'X' : 'x'}${scheme.slice(2)}`
    : `${scheme[0]}${scheme.slice(1, 3).replace(/t/g, 'x').replace(/T/g, 'X')}${scheme.slice(3)}`;
}

/** Cuts at a code point boundary (never half a surrogate pair) and marks the cut with "…". */
function truncate(text: string, maxLength: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= maxLength) return text;
  return `${codePoints
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}…`;
}
