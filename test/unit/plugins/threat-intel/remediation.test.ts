/**
 * What Ward advises for indicators: block what is bad where it is blocked (firewall and Defender for Endpoint
 * indicators for addresses; Defender, proxy and Tenant Allow/Block List for domains and URLs; file indicators
 * for hashes), work the incidents they appear in, hunt with ready-to-paste queries whose values are quoted
 * safely, and patch CVEs by urgency.
 */
import { describe, expect, it } from 'vitest';
import { huntingQueries, indicatorRemediation } from '../../../../src/plugins/threat-intel/remediation.js';

const SHA256 = 'ab'.repeat(32);

describe('indicatorRemediation', () => {
  it('orders block, incident, hunt and patch steps', () => {
    const { steps, guidance } = indicatorRemediation({
      block: [
        { kind: 'ip', value: '192.0.2.66' },
        { kind: 'domain', value: 'evil-login.xyz' },
        { kind: 'hash', value: SHA256 },
      ],
      hunt: [{ kind: 'ip', value: '192.0.2.66' }],
      incidents: ['4211'],
      cves: [
        {
          cve: 'CVE-2024-3400',
          patchFirst: true,
          knownExploited: true,
          due: '2024-04-19',
          requiredAction: 'Apply mitigations.',
          advisory: 'https://security.paloaltonetworks.com/CVE-2024-3400',
        },
        { cve: 'CVE-2022-0778', patchFirst: false, knownExploited: false },
      ],
      anonymiser: true,
      unverified: false,
    });
    expect(steps.map((step) => step.title)).toEqual([
      'Block 192.0.2.66 at the perimeter firewall and as Defender for Endpoint indicators',
      'Block evil-login.xyz in Defender for Endpoint, the web proxy and the Tenant Allow/Block List',
      `Add a file indicator for ${SHA256.slice(0, 12)}… in Defender for Endpoint`,
      'Work incident 4211, where it appears',
      'Hunt for other contacts in the last 30 days (Defender XDR advanced hunting)',
      "Patch CVE-2024-3400 now (known exploited); CISA's due date: 2024-04-19",
      'Find every exposed asset and look for exploitation of CVE-2024-3400',
      'Patch CVE-2022-0778 in the normal cycle',
    ]);
    expect(steps[5]?.detail).toBe(
      'CISA: Apply mitigations.\nVendor advisory: https://security.paloaltonetworks.com/CVE-2024-3400',
    );
    expect(guidance).toHaveLength(3);
  });

  it('advises nothing to block for clean or unknown indicators, and says why', () => {
    const { steps, guidance } = indicatorRemediation({
      block: [],
      hunt: [{ kind: 'domain', value: 'new-site.example' }],
      incidents: [],
      cves: [],
      anonymiser: false,
      unverified: true,
    });
    expect(steps.map((step) => step.title)).toEqual([
      'Hunt for other contacts in the last 30 days (Defender XDR advanced hunting)',
    ]);
    expect(guidance[0]).toMatch(/not a clean bill of health/);
  });
});

describe('huntingQueries', () => {
  it('writes one query per table with values quoted, the hash column by algorithm', () => {
    expect(
      huntingQueries([
        { kind: 'ip', value: '192.0.2.66' },
        { kind: 'url', value: 'https://evil.example/a"b\\c' },
        { kind: 'hash', value: 'a'.repeat(32) },
        { kind: 'hash', value: SHA256 },
      ]),
    ).toEqual([
      'DeviceNetworkEvents | where Timestamp > ago(30d) and RemoteIP in ("192.0.2.66") | summarize Connections=count(), Last=max(Timestamp) by DeviceName, RemoteIP',
      'AADSignInEventsBeta | where Timestamp > ago(30d) and IPAddress in ("192.0.2.66") | summarize SignIns=count() by AccountUpn, IPAddress, ErrorCode',
      'UrlClickEvents | where Timestamp > ago(30d) and Url in ("https://evil.example/a\\"b\\\\c") | project Timestamp, AccountUpn, Url, ActionType',
      'EmailUrlInfo | where Timestamp > ago(30d) and Url in ("https://evil.example/a\\"b\\\\c") | join kind=inner EmailEvents on NetworkMessageId | project Timestamp, RecipientEmailAddress, Subject',
      `union DeviceFileEvents, DeviceProcessEvents | where Timestamp > ago(30d) and SHA256 in ("${SHA256}") | summarize count() by DeviceName, FolderPath, FileName`,
      `union DeviceFileEvents, DeviceProcessEvents | where Timestamp > ago(30d) and MD5 in ("${'a'.repeat(32)}") | summarize count() by DeviceName, FolderPath, FileName`,
    ]);
  });
});
