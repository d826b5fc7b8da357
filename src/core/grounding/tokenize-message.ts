/**
 * Splits a cleaned message (see clean-message-text.ts) into tokens that entity extraction and intent
 * classification both read, so they agree on what a "word" is. A token keeps what it was written as, minus the
 * punctuation around it, and remembers the punctuation that mattered: a break before it (so "adele, megan" are
 * two names, not one), a sentence start (where a capital letter says nothing) and a leading `#`.
 * It only splits: it never decides what a token is, and it runs in one linear pass with no backtracking regex.
 */

/** One token of a message. */
export interface MessageToken {
  /** The token as written, without surrounding punctuation. */
  text: string;
  /**
   * `url`: a chunk with a scheme (`https://...`), kept whole; `ipv6`: an IPv6-looking chunk, kept whole with its
   * colons; `word`: everything else (words, numbers, emails, IPv4, hashes, host names).
   */
  kind: 'word' | 'url' | 'ipv6';
  /** Punctuation or a line break separates this token from the one before it. */
  breakBefore: boolean;
  /** First token of the message, of a line, or after `.`, `!`, `?`. */
  sentenceStart: boolean;
  /** Written with a `#` right before it (`#4211`). */
  hashPrefix: boolean;
}

/** Pieces longer than this are never an entity or a word; they are skipped (a 50 KB base64 blob, say). */
export const MAX_TOKEN_LENGTH = 256;

/** Runs between these characters are chunks; the characters themselves are punctuation that breaks a name. */
const CHUNK = /[^\s,;()[\]{}<>"|`]+/g;
const URL_START = /^[a-zA-Z][a-zA-Z0-9+.-]{0,15}:\/\//;
const IPV6_SHAPE = /^[0-9A-Fa-f:.]+(?:%[0-9A-Za-z._-]{1,32})?$/;
const SENTENCE_END = /[.!?…]/;

/** Splits cleaned message text into tokens, in order. */
export function tokenizeMessage(text: string): MessageToken[] {
  const tokens: MessageToken[] = [];
  let previousEnd = 0;
  let pendingBreak = false;
  let pendingSentenceStart = true;

  const push = (piece: string, kind: MessageToken['kind'], hashPrefix: boolean): void => {
    tokens.push({
      text: piece,
      kind,
      breakBefore: pendingBreak,
      sentenceStart: pendingSentenceStart,
      hashPrefix,
    });
    pendingBreak = false;
    pendingSentenceStart = false;
  };

  for (const match of text.matchAll(CHUNK)) {
    const start = match.index;
    const gap = text.slice(previousEnd, start);
    previousEnd = start + match[0].length;
    if (gap.includes('\n') || gap.includes('\r')) {
      pendingBreak = true;
      pendingSentenceStart = true;
    } else if (gap.trim().length > 0) {
      pendingBreak = true;
    }
    const chunk = match[0];
    if (chunk.length > MAX_TOKEN_LENGTH) {
      pendingBreak = true;
      continue;
    }

    if (URL_START.test(chunk) || chunk.includes('://')) {
      const { core, trailing } = trimPunctuation(chunk, isUrlCharacter);
      if (core.length > 0) push(core, 'url', false);
      afterTrailing(trailing);
      continue;
    }

    const pieces = chunk.split(/[=\\/]+/);
    for (let index = 0; index < pieces.length; index++) {
      if (index > 0) pendingBreak = true;
      const piece = pieces[index]!;
      if (piece.length === 0) continue;

      const ipv6 = trimPunctuation(piece, isIpv6Character);
      if (countColons(ipv6.core) >= 2 && IPV6_SHAPE.test(ipv6.core) && /[0-9A-Fa-f]/.test(ipv6.core)) {
        if (ipv6.leading.length > 0) pendingBreak = true;
        push(ipv6.core, 'ipv6', false);
        afterTrailing(ipv6.trailing);
        continue;
      }

      const parts = piece.split(':');
      for (let partIndex = 0; partIndex < parts.length; partIndex++) {
        if (partIndex > 0) pendingBreak = true;
        const { leading, core, trailing } = trimPunctuation(parts[partIndex]!, isWordCharacter);
        if (leading.length > 0) pendingBreak = true;
        if (core.length > 0) push(core, 'word', leading.includes('#'));
        afterTrailing(trailing);
      }
    }
  }
  return tokens;

  function afterTrailing(trailing: string): void {
    if (trailing.length === 0) return;
    pendingBreak = true;
    if (SENTENCE_END.test(trailing)) pendingSentenceStart = true;
  }
}

function countColons(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index++) if (value.charCodeAt(index) === 0x3a) count++;
  return count;
}

/** Splits `value` into leading punctuation, the core (from the first to the last kept character) and trailing. */
function trimPunctuation(
  value: string,
  keep: (character: string) => boolean,
): { leading: string; core: string; trailing: string } {
  const characters = Array.from(value);
  let start = 0;
  while (start < characters.length && !keep(characters[start]!)) start++;
  let end = characters.length;
  while (end > start && !keep(characters[end - 1]!)) end--;
  return {
    leading: characters.slice(0, start).join(''),
    core: characters.slice(start, end).join(''),
    trailing: characters.slice(end).join(''),
  };
}

const LETTER_MARK_OR_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;

function isWordCharacter(character: string): boolean {
  return LETTER_MARK_OR_NUMBER.test(character);
}

function isIpv6Character(character: string): boolean {
  return character === ':' || /^[0-9A-Za-z]$/.test(character);
}

function isUrlCharacter(character: string): boolean {
  return character === '/' || LETTER_MARK_OR_NUMBER.test(character);
}
