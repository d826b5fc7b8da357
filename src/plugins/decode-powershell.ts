/**
 * Reads what a PowerShell command line hides in `-EncodedCommand` (any prefix PowerShell accepts: `-e`,
 * `-ec`, `-enc`, ...): Base64 of UTF-16LE text. Returns the decoded script and the URLs it names, so an
 * analyst sees "downloads and runs https://…" instead of a wall of Base64. Bounded: reads at most the first
 * 32,000 characters of the command line and decodes at most 16,000 characters of Base64.
 * Shared by the plugins that show command lines (Defender XDR evidence, script analysis); it is no plugin.
 * It never runs, evaluates or "cleans" the script; text that does not decode to readable UTF-16LE is refused.
 */

/** What an encoded PowerShell command line decodes to. */
export interface DecodedPowerShell {
  /** The Base64 argument as written. */
  encoded: string;
  /** The script it decodes to. */
  decoded: string;
  /** `http(s)://` addresses in the script, in order, deduplicated (at most 5). */
  urls: string[];
}

const MAX_COMMAND_LINE = 32_000;
const MAX_BASE64 = 16_000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const URL_PATTERN = /https?:\/\/[^\s'"`()<>{};,]{1,300}/gi;
// Control characters other than tab, line feed and carriage return: a script has none.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

/** True for a parameter PowerShell reads as `-EncodedCommand`: `-e`, `-ec`, `-en`, `-enc`, ... `-encodedcommand`. */
function isEncodedCommandParameter(token: string): boolean {
  if (!/^[-/\u2013\u2014]/.test(token)) return false;
  const name = token.slice(1).toLowerCase();
  return name === 'ec' || (name.length >= 1 && 'encodedcommand'.startsWith(name));
}

/** The script behind `-EncodedCommand` in `commandLine`, or undefined when there is none or it is not readable. */
export function decodeEncodedPowerShell(
  commandLine: string | null | undefined,
): DecodedPowerShell | undefined {
  if (!commandLine || !/powershell|pwsh/i.test(commandLine)) return undefined;
  const tokens = commandLine.slice(0, MAX_COMMAND_LINE).split(/\s+/);
  const index = tokens.findIndex(isEncodedCommandParameter);
  if (index < 0) return undefined;
  const encoded = (tokens[index + 1] ?? '').replace(/^["']|["']$/g, '');
  if (encoded.length < 4 || encoded.length > MAX_BASE64 || !BASE64.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const decoded = bytes.toString('utf16le');
  if (CONTROL.test(decoded) || decoded.trim().length === 0) return undefined;
  const urls = [...new Set(decoded.match(URL_PATTERN) ?? [])].slice(0, 5);
  return { encoded, decoded, urls };
}
