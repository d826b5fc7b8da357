/**
 * Peels the layers attackers wrap a command in, as text only: PowerShell's `-EncodedCommand` (Base64 of
 * UTF-16LE), `[Convert]::FromBase64String('…')` blobs (UTF-16LE or UTF-8), backtick escapes (`I`E`X`),
 * string concatenation (`'Down'+'load'`), `[char]` codes and `-join`ed char arrays. Each layer is the whole
 * text with one kind of wrapping removed, so an analyst can follow how Ward got from the command line to what
 * it runs. Never executes, evaluates or fetches anything: every step is a bounded regular-expression rewrite
 * or a Base64 decode checked to be readable text.
 */
import { decodeEncodedPowerShell } from '../decode-powershell.js';

/** One step from the text as given to what it really says. */
export interface ScriptLayer {
  /** How this layer was obtained from the previous one. */
  step:
    | 'as given'
    | 'encoded command'
    | 'base64 string'
    | 'backticks removed'
    | 'strings joined'
    | 'char codes';
  text: string;
}

/** Layers kept at most (nesting an attacker can add is cut off there). */
const MAX_LAYERS = 8;
/** Characters of a layer kept. */
const MAX_LAYER_CHARS = 20_000;

const FROM_BASE64 = /FromBase64String\(\s*["']([A-Za-z0-9+/]{16,}={0,2})["']\s*\)/i;
const BACKTICK = /`(?=[A-Za-z])/g;
const CONCATENATION = /(["'])([^"'\r\n]{0,200})\1\s*\+\s*(["'])([^"'\r\n]{0,200})\3/g;
const CHAR_CODES = /(?:\[char\]\s*\(?\s*(\d{1,5})\s*\)?\s*\+?\s*){2,}/gi;
const CHAR_CODE = /\[char\]\s*\(?\s*(\d{1,5})/gi;

/** `text` decoded from Base64 when it decodes to readable text (UTF-16LE first, as PowerShell uses). */
export function decodeBase64Text(encoded: string): string | undefined {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 8) return undefined;
  for (const encoding of ['utf16le', 'utf8'] as const) {
    if (encoding === 'utf16le' && bytes.length % 2 !== 0) continue;
    const text = bytes.toString(encoding);
    if (readable(text)) return text;
  }
  return undefined;
}

/** Mostly printable characters, as script text is; random bytes and the wrong encoding are not. */
function readable(text: string): boolean {
  if (text.length === 0) return false;
  let printable = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0d) printable++;
  }
  return printable / text.length >= 0.9;
}

/** The layers of `text`, the given text first; the last is what the command most plainly says. */
export function decodeScriptLayers(given: string): ScriptLayer[] {
  const layers: ScriptLayer[] = [{ step: 'as given', text: given.slice(0, MAX_LAYER_CHARS) }];
  for (let round = 0; layers.length < MAX_LAYERS && round < MAX_LAYERS; round++) {
    const current = layers[layers.length - 1]?.text ?? '';
    const next = peel(current);
    if (!next || next.text === current) break;
    layers.push({ step: next.step, text: next.text.slice(0, MAX_LAYER_CHARS) });
  }
  return layers;
}

/** One layer removed, or undefined when nothing more can be peeled. */
function peel(text: string): ScriptLayer | undefined {
  const decodedCommand = decodeEncodedPowerShell(text)?.decoded;
  if (decodedCommand) return { step: 'encoded command', text: decodedCommand };
  const blob = FROM_BASE64.exec(text);
  const decodedBlob = blob?.[1] ? decodeBase64Text(blob[1]) : undefined;
  if (blob && decodedBlob) {
    return { step: 'base64 string', text: text.replace(blob[0], `'${decodedBlob.replace(/'/g, "''")}'`) };
  }
  const unticked = text.replace(BACKTICK, '');
  if (unticked !== text) return { step: 'backticks removed', text: unticked };
  let joined = text;
  // `'a'+'b'+'c'` joins pair by pair: repeat (bounded) until nothing is left to join.
  for (let pass = 0; pass < 50; pass++) {
    const next = joined.replace(
      CONCATENATION,
      (_match, quote: string, left: string, _q, right: string) => `${quote}${left}${right}${quote}`,
    );
    if (next === joined) break;
    joined = next;
  }
  if (joined !== text) return { step: 'strings joined', text: joined };
  const fromCodes = text.replace(CHAR_CODES, (run) => {
    const chars = [...run.matchAll(CHAR_CODE)].map((match) => Number(match[1]));
    if (!chars.every((code) => code >= 0x20 && code < 0x7f)) return run;
    return `'${String.fromCharCode(...chars)}'`;
  });
  if (fromCodes !== text) return { step: 'char codes', text: fromCodes };
  return undefined;
}
