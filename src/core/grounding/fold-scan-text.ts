/**
 * Folds tenant text into the forms the injection rules read, so obfuscation does not hide an instruction:
 * `plain` (NFKC, lower case, accents stripped from Latin/Greek/Cyrillic letters, zero-width and other
 * invisible characters removed, Unicode tag characters decoded to the ASCII they smuggle, whitespace
 * collapsed), `latin` (plain, with Cyrillic/Greek look-alikes and leetspeak digits mapped to Latin letters and
 * `_` read as a space), `latinL` (the same with `1` and `|` read as `l` rather than `i`, only when that
 * differs) and `squashed` (the letters of `latin` alone, for "i g n o r e" and "ig-nore"). Every folded
 * character remembers where it came from in the source, so an excerpt can show the original text.
 * One pass per form, linear in the length of the text. It never decides anything about the text.
 */

/** A folded form of a text and, for each of its characters, the index in the source it came from. */
export interface FoldedText {
  text: string;
  /** For each UTF-16 code unit of `text`, the index in the source it came from. */
  origin: readonly number[];
}

/** The forms of one text the rules run on. */
export interface FoldedForms {
  plain: FoldedText;
  latin: FoldedText;
  /** `latin` with `1`/`|` read as `l`; absent when the text has no such character inside a word. */
  latinL?: FoldedText;
  squashed: FoldedText;
}

// Characters that render as nothing (or nothing visible) and are used to split words a filter looks for.
const INVISIBLE =
  /^(?:[\p{Cf}\u115f\u1160\u3164\uffa0]|\u17b4|\u17b5|[\u180b-\u180f]|\u034f|[\ufe00-\ufe0f])$/u;
const CONTROL = /^\p{Cc}$/u;
const SPACE = /^[\p{Zs}]$/u;
const MARK = /\p{M}/gu;
// Combining marks that decorate Latin, Greek and Cyrillic letters (accents, "Zalgo" text). Other scripts'
// marks (Devanagari vowel signs, Thai tone marks) are part of their words and stay.
const COMBINING_ACCENT = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/u;

const foldCache = new Map<number, string>();

/** One code point as plain text: '' for invisible characters, ' ' or '\n' for spacing, else lower case. */
function foldCodePoint(codePoint: number): string {
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  let folded: string;
  const char = String.fromCodePoint(codePoint);
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) {
    // Unicode tag characters: invisible, and read by some models as the ASCII they mirror.
    folded = String.fromCharCode(codePoint - 0xe0000).toLowerCase();
  } else if ((codePoint >= 0xe0000 && codePoint <= 0xe01ef) || INVISIBLE.test(char)) {
    folded = '';
  } else if (codePoint === 0x2028 || codePoint === 0x2029 || codePoint === 0x85) {
    folded = '\n';
  } else if (CONTROL.test(char) || SPACE.test(char)) {
    folded = ' ';
  } else if (COMBINING_ACCENT.test(char)) {
    folded = '';
  } else {
    const decomposed = char.normalize('NFKD');
    const base = decomposed.codePointAt(0) ?? codePoint;
    // Accents go on Latin, Greek and Cyrillic letters; elsewhere (kana voicing marks, Hangul) they are letters.
    folded = (base < 0x0530 ? decomposed.replace(MARK, '') : char.normalize('NFKC')).toLowerCase();
    if (/\s/.test(folded)) folded = folded.replace(/\s+/g, ' ');
  }
  if (foldCache.size < 4096) foldCache.set(codePoint, folded);
  return folded;
}

/** Appends `piece` (from source index `at`) to `out`, collapsing runs of spaces and newlines into one. */
function append(out: string[], origin: number[], piece: string, at: number): void {
  for (const char of piece) {
    if (char === ' ' || char === '\t' || char === '\r') {
      const last = out[out.length - 1];
      if (last === undefined || last === ' ' || last === '\n') continue;
      out.push(' ');
      origin.push(at);
    } else if (char === '\n') {
      const last = out[out.length - 1];
      if (last === '\n') continue;
      if (last === ' ') {
        out[out.length - 1] = '\n';
        continue;
      }
      if (last === undefined) continue;
      out.push('\n');
      origin.push(at);
    } else {
      out.push(char);
      origin.push(at);
      // Indices are UTF-16 code units, like a RegExp match's.
      if (char.length === 2) origin.push(at);
    }
  }
}

/** `source` as plain text (see the module header). */
export function foldPlain(source: string): FoldedText {
  const out: string[] = [];
  const origin: number[] = [];
  for (let index = 0; index < source.length; ) {
    const codePoint = source.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    let piece: string;
    if (codePoint < 0x80) {
      piece =
        codePoint === 0x0a
          ? '\n'
          : codePoint < 0x20 || codePoint === 0x7f
            ? ' '
            : codePoint >= 0x41 && codePoint <= 0x5a
              ? String.fromCharCode(codePoint + 32)
              : String.fromCharCode(codePoint);
    } else {
      piece = foldCodePoint(codePoint);
    }
    if (piece !== '') append(out, origin, piece, index);
    index += width;
  }
  // Trailing space or newline carries nothing.
  while (out.length > 0 && (out[out.length - 1] === ' ' || out[out.length - 1] === '\n')) {
    out.pop();
    origin.pop();
  }
  return { text: out.join(''), origin };
}

/** Look-alikes of Latin letters (after lower-casing), from Cyrillic, Greek, IPA and Latin extensions. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ш: 'w',
  щ: 'w',
  ь: 'b',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  ɡ: 'g',
  ɑ: 'a',
  ɩ: 'i',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŀ: 'l',
  ʏ: 'y',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  α: 'a',
  β: 'b',
  γ: 'y',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  θ: 'o',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  σ: 'o',
  ς: 's',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
};

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'i',
};

const isAsciiLetter = (char: string | undefined) => char !== undefined && char >= 'a' && char <= 'z';

/** Maps look-alikes, then leetspeak inside words that have at least two real letters. */
function toLatin(plain: FoldedText, one: 'i' | 'l'): FoldedText {
  const chars: string[] = [];
  const origin: number[] = [];
  let index = 0;
  for (const char of plain.text) {
    const mapped = CONFUSABLES[char] ?? (char === '_' ? ' ' : char);
    for (const piece of mapped) {
      chars.push(piece);
      origin.push(plain.origin[index]!);
    }
    index += char.length;
  }
  // Leetspeak: a run of letters and leet characters with at least two letters is a word in disguise.
  let start = 0;
  while (start < chars.length) {
    if (!(isAsciiLetter(chars[start]) || LEET[chars[start]!] !== undefined)) {
      start++;
      continue;
    }
    let end = start;
    let letters = 0;
    while (end < chars.length && (isAsciiLetter(chars[end]) || LEET[chars[end]!] !== undefined)) {
      if (isAsciiLetter(chars[end])) letters++;
      end++;
    }
    if (letters >= 2 && letters < end - start) {
      for (let at = start; at < end; at++) {
        const char = chars[at]!;
        const leet = LEET[char];
        if (leet === undefined) continue;
        // "now!" ends a sentence; "!gnore" and "adm!n" are words.
        if (char === '!' && at === end - 1) continue;
        chars[at] = (char === '1' || char === '|') && one === 'l' ? 'l' : leet;
      }
    }
    start = end;
  }
  // Mapping can leave double spaces (`a _ b`): collapse again.
  const out: string[] = [];
  const outOrigin: number[] = [];
  for (let at = 0; at < chars.length; at++) append(out, outOrigin, chars[at]!, origin[at]!);
  return { text: out.join(''), origin: outOrigin };
}

/** The ASCII letters of `latin` alone. */
function squash(latin: FoldedText): FoldedText {
  const chars: string[] = [];
  const origin: number[] = [];
  const { text } = latin;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (char >= 'a' && char <= 'z') {
      chars.push(char);
      origin.push(latin.origin[at]!);
    }
  }
  return { text: chars.join(''), origin };
}

const LEET_ONE_IN_WORD = /[a-z][1|]|[1|][a-z]/;

/** Every form of `source` the rules read. */
export function foldForScan(source: string): FoldedForms {
  const plain = foldPlain(source);
  const latin = toLatin(plain, 'i');
  const forms: FoldedForms = { plain, latin, squashed: squash(latin) };
  if (LEET_ONE_IN_WORD.test(plain.text)) {
    const latinL = toLatin(plain, 'l');
    if (latinL.text !== latin.text) forms.latinL = latinL;
  }
  return forms;
}
