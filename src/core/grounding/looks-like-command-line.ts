/**
 * Whether a message carries a command line or script to explain (a pasted PowerShell one-liner, an
 * `-EncodedCommand`, a `cmd /c` chain, a shell pipe into `sh`): the markers are interpreters invoked with a
 * switch (`powershell -nop`, `powershell.exe`), encoding switches and the living-off-the-land binaries
 * attackers use, matched literally. "the powershell on her laptop" names PowerShell; it pastes no command.
 * Linear in the text; it never decodes or runs anything (the script-analysis plugin does the reading).
 */
const COMMAND_MARKERS =
  /\b(?:powershell|pwsh)\.exe\b|\b(?:powershell|pwsh)\s+["']?[-/][A-Za-z]|\bcmd(?:\.exe)?\s+\/[ck]\b|(?:^|\s)-(?:enc|encodedcommand|ec)\s+[A-Za-z0-9+/]{16,}|\bIEX\b|Invoke-Expression|FromBase64String|Net\.WebClient|\b(?:mshta|rundll32|regsvr32|certutil|bitsadmin|schtasks|vssadmin|wmic)(?:\.exe)?\s+\S|\b(?:bash|sh)\s+-c\s|\|\s*(?:ba)?sh\b/i;

/** Longest prefix of a message looked at. */
const MAX_CHARS = 40_000;

/** True when `text` holds a command line or script Ward can analyse. */
export function looksLikeCommandLine(text: string): boolean {
  return COMMAND_MARKERS.test(text.slice(0, MAX_CHARS));
}
