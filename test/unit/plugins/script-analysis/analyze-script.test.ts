/**
 * Script analysis reads a command line without running it: it peels encoded and obfuscated layers, names the
 * behaviours and indicators, and rates it with its reasons; benign admin commands stay benign.
 */
import { describe, expect, it } from 'vitest';
import {
  DECODED_STAGER,
  ENCODED_COMMAND_LINE,
  STAGER_URL,
} from '../../../../src/demo/seed/encoded-powershell.js';
import { analyzeScript } from '../../../../src/plugins/script-analysis/analyze-script.js';
import {
  decodeBase64Text,
  decodeScriptLayers,
} from '../../../../src/plugins/script-analysis/decode-script-layers.js';
import { createScriptAnalysisPlugin } from '../../../../src/plugins/script-analysis/script-analysis-plugin.js';

const utf16 = (text: string) => Buffer.from(text, 'utf16le').toString('base64');

describe('decodeScriptLayers', () => {
  it('decodes incident 4211’s -EncodedCommand to the stager it hides', () => {
    const layers = decodeScriptLayers(ENCODED_COMMAND_LINE);
    expect(layers.map((layer) => layer.step)).toEqual(['as given', 'encoded command']);
    expect(layers[1]?.text).toBe(DECODED_STAGER);
  });

  it('reads every abbreviation of -EncodedCommand, and nested encodings', () => {
    const inner = `powershell -enc ${utf16("IEX 'whoami'")}`;
    for (const flag of ['-e', '-ec', '-en', '-enc', '-EncodedCommand', '/enc']) {
      const layers = decodeScriptLayers(`powershell.exe -nop ${flag} ${utf16(inner)}`);
      expect(layers.at(-1)?.text, flag).toBe("IEX 'whoami'");
    }
  });

  it('unwraps backticks, concatenation and char codes', () => {
    expect(decodeScriptLayers('I`E`X (New-Object Net.WebClient)').at(-1)?.text).toBe(
      'IEX (New-Object Net.WebClient)',
    );
    expect(decodeScriptLayers(`$u = 'ht'+'tp://'+'evil'+'.example/x'`).at(-1)?.text).toBe(
      `$u = 'http://evil.example/x'`,
    );
    expect(decodeScriptLayers('[char]73+[char]69+[char]88').at(-1)?.text).toBe(`'IEX'`);
  });

  it('decodes a FromBase64String blob in place', () => {
    const blob = Buffer.from('Invoke-Expression $payload', 'utf8').toString('base64');
    const layers = decodeScriptLayers(
      `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${blob}'))`,
    );
    expect(layers.at(-1)?.text).toContain('Invoke-Expression $payload');
  });

  it('leaves random Base64 and plain text alone', () => {
    expect(
      decodeBase64Text(
        Buffer.from([0xff, 0x00, 0x13, 0x88, 0x91, 0x02, 0xfe, 0x7f, 0x01, 0x99]).toString('base64'),
      ),
    ).toBe(undefined);
    expect(decodeScriptLayers('Get-Service | Where-Object Status -eq Running')).toHaveLength(1);
  });

  it('stops peeling after a bounded number of layers', () => {
    let text = "IEX 'done'";
    for (let depth = 0; depth < 9; depth++) text = `powershell -enc ${utf16(text)}`;
    expect(decodeScriptLayers(text).length).toBeLessThanOrEqual(8);
  });
});

describe('analyzeScript', () => {
  it('rates the 4211 stager malicious, with its behaviours, techniques and indicators', () => {
    const analysis = analyzeScript(ENCODED_COMMAND_LINE);
    expect(analysis.interpreter).toBe('powershell');
    expect(analysis.verdict).toBe('malicious');
    expect(analysis.behaviours.map((behaviour) => behaviour.id)).toEqual(
      expect.arrayContaining(['download-cradle', 'run-in-memory', 'encoded-command', 'hidden-window']),
    );
    expect(analysis.behaviours.find((b) => b.id === 'run-in-memory')?.technique).toBe('T1059.001');
    expect(analysis.indicators.urls).toEqual([STAGER_URL]);
    expect(analysis.indicators.domains).toEqual([new URL(STAGER_URL).hostname]);
  });

  it('finds persistence, evasion and credential theft', () => {
    const analysis = analyzeScript(
      [
        'Set-MpPreference -DisableRealtimeMonitoring $true;',
        "New-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' -Name upd -Value 'C:\\Users\\Public\\upd.exe';",
        'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Temp\\lsass.dmp full',
      ].join(' '),
    );
    expect(analysis.behaviours.map((behaviour) => behaviour.id)).toEqual(
      expect.arrayContaining(['disable-defender', 'persistence-run-key', 'credential-access']),
    );
    expect(analysis.indicators.registryKeys[0]).toMatch(
      /^HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run/,
    );
    expect(analysis.indicators.files).toContain('C:\\Users\\Public\\upd.exe');
    expect(analysis.verdict).toBe('malicious');
  });

  it('keeps ordinary admin commands below suspicious', () => {
    for (const command of [
      'powershell.exe -File C:\\scripts\\backup.ps1',
      'Get-Service | Where-Object Status -eq Running',
      'cmd.exe /c dir C:\\Users',
    ]) {
      expect(analyzeScript(command).verdict, command).toBe('no known-bad behaviour');
    }
  });

  it('is bounded on hostile input', () => {
    const analysis = analyzeScript(`powershell ${"'a'+".repeat(5_000)}'b' ${'A'.repeat(30_000)}`);
    expect(analysis.layers.length).toBeLessThanOrEqual(8);
  });
});

describe('the script-analysis skill', () => {
  const skill = createScriptAnalysisPlugin().skills[0]!;

  it('refuses empty or oversized input', () => {
    expect(skill.input.safeParse({ text: '' }).success).toBe(false);
    expect(skill.input.safeParse({ text: 'x'.repeat(40_001) }).success).toBe(false);
    expect(skill.input.safeParse({}).success).toBe(false);
  });

  it('says it analysed without executing', async () => {
    const output = await skill.run({ text: ENCODED_COMMAND_LINE }, { signal: new AbortController().signal });
    expect(output.requests).toEqual(['analysed on Ward (not executed)']);
  });
});
