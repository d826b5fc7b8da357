/**
 * The threat-intel plugin through the skill ledger, as a planner calls it: reputation, CVE and sighting skills
 * answer from their sources in small reports with the request cited; a source with no record answers
 * `found: false`; bad input — malformed IPs, hashes, CVEs, domains and URLs, URLs carrying credentials,
 * oversized text, and private addresses — is refused before anything reaches a source; a failing source is a
 * recorded failure that names it. Only configured sources' skills exist, and there are no actions.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import type { ReputationReport } from '../../../../src/plugins/threat-intel/reputation-report.js';
import type { TenantSightings } from '../../../../src/plugins/threat-intel/skills/tenant-sightings.js';
import { createThreatIntelPlugin } from '../../../../src/plugins/threat-intel/threat-intel-plugin.js';
import type {
  EpssReport,
  VulnerabilityReport,
} from '../../../../src/plugins/threat-intel/vulnerability-report.js';
import {
  alert,
  evidence,
  fakeAlertsGraph,
  fakeCveClient,
  fakeReputationClient,
  seconds,
  stats,
} from './fake-threat-intel-clients.js';

const NOW = new Date('2025-06-11T15:00:00Z');
const SHA256 = '37b12861fe414d0282cdc9c6cfe5e2f6510eed66036cf1fda02ebba9a1114dd9';

function setup(options: { failing?: Set<'ip' | 'domain' | 'url' | 'file'> } = {}) {
  const reputation = fakeReputationClient({
    ips: {
      '185.220.101.4': {
        last_analysis_stats: stats(9, 2, 57, 26),
        last_analysis_date: seconds(new Date('2025-06-11T07:00:00Z')),
        reputation: -31,
        tags: ['tor'],
        country: 'DE',
        network: '185.220.101.0/24',
      },
    },
    domains: {
      'evil-login.xyz': {
        last_analysis_stats: stats(15, 1, 53, 22),
        categories: { Forcepoint: 'phishing and other frauds', Sophos: 'phishing', Other: 'Phishing' },
        creation_date: seconds(new Date('2025-06-05T15:00:00Z')),
        registrar: 'Example Registrar, Inc.',
      },
    },
    urls: {
      'https://msft-update-cdn.example/wupd.ps1': {
        url: 'https://msft-update-cdn.example/wupd.ps1',
        last_final_url: 'https://msft-update-cdn.example/wupd.ps1',
        last_analysis_stats: stats(10, 2, 56, 26),
        threat_names: ['Downloader.PowerShell.Stager'],
        first_submission_date: seconds(new Date('2025-06-09T12:00:00Z')),
      },
    },
    files: {
      [SHA256]: {
        sha256: SHA256,
        meaningful_name: 'wupd.ps1',
        names: ['wupd.ps1', 'update.ps1', 'WUPD.PS1'],
        type_description: 'Powershell',
        last_analysis_stats: stats(31, 2, 0, 29),
        popular_threat_classification: { suggested_threat_label: 'trojan.powershell/downloader' },
      },
    },
    failing: options.failing,
  });
  const vulnerabilities = fakeCveClient({
    nvd: {
      'CVE-2024-3400': {
        id: 'CVE-2024-3400',
        published: '2024-04-12T08:15:06.230',
        cisaExploitAdd: '2024-04-12',
        cisaActionDue: '2024-04-19',
        cisaVulnerabilityName: 'Palo Alto Networks PAN-OS Command Injection Vulnerability',
        descriptions: [
          { lang: 'es', value: 'Una inyección' },
          { lang: 'en', value: 'A command injection.' },
        ],
        metrics: {
          cvssMetricV40: [
            {
              source: 'psirt',
              type: 'Secondary',
              cvssData: { version: '4.0', baseScore: 10, baseSeverity: 'CRITICAL' },
            },
          ],
          cvssMetricV31: [
            {
              source: 'psirt',
              type: 'Secondary',
              cvssData: { version: '3.1', baseScore: 9.8, baseSeverity: 'CRITICAL' },
            },
            {
              source: 'nvd@nist.gov',
              type: 'Primary',
              cvssData: {
                version: '3.1',
                baseScore: 10,
                baseSeverity: 'CRITICAL',
                vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
              },
            },
          ],
        },
        weaknesses: [
          {
            description: [
              { lang: 'en', value: 'CWE-77' },
              { lang: 'en', value: 'NVD-CWE-noinfo' },
            ],
          },
        ],
        references: [
          { url: 'https://unit42.example/cve-2024-3400', tags: ['Exploit'] },
          { url: 'https://security.paloaltonetworks.com/CVE-2024-3400', tags: ['Vendor Advisory'] },
        ],
      },
    },
    epss: {
      'CVE-2024-3400': { cve: 'CVE-2024-3400', epss: 0.94339, percentile: 0.99959, date: '2025-06-11' },
    },
  });
  const graph = fakeAlertsGraph([
    alert('a1', [evidence({ ipAddress: '192.0.2.66' })], {
      title: 'Anonymous IP address',
      severity: 'medium',
    }),
    alert('a2', [
      evidence({ '@odata.type': '#microsoft.graph.security.deviceEvidence', ipInterfaces: ['10.20.14.37'] }),
      evidence({
        '@odata.type': '#microsoft.graph.security.urlEvidence',
        url: 'https://msft-update-cdn.example/wupd.ps1',
      }),
    ]),
  ]);
  const plugin = createThreatIntelPlugin({ reputation, vulnerabilities, graph, now: () => NOW });
  const ledger = createSkillLedger({
    registry: createPluginRegistry([plugin]),
    signal: AbortSignal.timeout(5_000),
  });
  return { plugin, ledger, reputation, vulnerabilities, graph };
}

describe('the plugin', () => {
  it('registers the skills of the configured sources only, and no actions', () => {
    const { plugin } = setup();
    expect(plugin.name).toBe('threat-intel');
    expect(plugin.actions).toEqual([]);
    expect(plugin.skills.map((skill) => skill.name)).toEqual([
      'addressReputation',
      'domainReputation',
      'urlReputation',
      'fileReputation',
      'vulnerability',
      'exploitPrediction',
      'tenantSightings',
    ]);
    const cvesOnly = createThreatIntelPlugin({ vulnerabilities: fakeCveClient() });
    expect(cvesOnly.skills.map((skill) => skill.name)).toEqual(['vulnerability', 'exploitPrediction']);
    expect(() => createThreatIntelPlugin({})).toThrow(ConfigError);
  });

  it("reports healthy without spending the source's quota", async () => {
    const { plugin, reputation } = setup();
    expect(await plugin.health({ signal: AbortSignal.timeout(1_000) })).toMatchObject({ ok: true });
    expect(reputation.requests).toEqual([]);
  });
});

describe('reputation skills', () => {
  it('reports an IP address with its detections and network, citing the request', async () => {
    const { ledger } = setup();
    const call = await ledger.call<ReputationReport>('threat-intel.addressReputation', {
      ip: '185.220.101.4',
    });
    expect(call).toMatchObject({
      ok: true,
      data: {
        indicator: { kind: 'ip', value: '185.220.101.4' },
        source: 'VirusTotal',
        found: true,
        detections: { malicious: 9, suspicious: 2, harmless: 57, undetected: 26, engines: 94 },
        reputation: -31,
        tags: ['tor'],
        network: { country: 'DE', range: '185.220.101.0/24' },
        lastAnalysed: '2025-06-11T07:00:00.000Z',
      },
    });
    expect(ledger.sources()[0]?.requests).toEqual(['GET /api/v3/ip_addresses/185.220.101.4']);
  });

  it('reports a domain with its distinct categories and registration, canonicalising the input', async () => {
    const { ledger, reputation } = setup();
    const call = await ledger.call<ReputationReport>('threat-intel.domainReputation', {
      domain: 'EVIL-LOGIN.XYZ.',
    });
    expect(call).toMatchObject({
      ok: true,
      data: {
        categories: ['phishing and other frauds', 'phishing'],
        registered: '2025-06-05T15:00:00.000Z',
        registrar: 'Example Registrar, Inc.',
      },
    });
    expect(reputation.requests).toEqual(['/api/v3/domains/evil-login.xyz']);
  });

  it('reports a URL and a file', async () => {
    const { ledger } = setup();
    const url = await ledger.call<ReputationReport>('threat-intel.urlReputation', {
      url: 'https://msft-update-cdn.example/wupd.ps1',
    });
    expect(url).toMatchObject({
      ok: true,
      data: { threatNames: ['Downloader.PowerShell.Stager'], firstSeen: '2025-06-09T12:00:00.000Z' },
    });
    const file = await ledger.call<ReputationReport>('threat-intel.fileReputation', {
      hash: SHA256.toUpperCase(),
    });
    expect(file).toMatchObject({
      ok: true,
      data: {
        file: {
          names: ['wupd.ps1', 'update.ps1'],
          type: 'Powershell',
          threatLabel: 'trojan.powershell/downloader',
        },
        threatNames: ['trojan.powershell/downloader'],
      },
    });
  });

  it('answers "no record" as found: false, which is an answer, not a failure', async () => {
    const { ledger } = setup();
    const call = await ledger.call<ReputationReport>('threat-intel.addressReputation', {
      ip: '198.51.100.250',
    });
    expect(call).toMatchObject({ ok: true, data: { found: false, indicator: { value: '198.51.100.250' } } });
  });

  it.each([
    [
      'threat-intel.addressReputation',
      { ip: '10.0.0.5' },
      'ip 10.0.0.5 is a private (internal) address: threat intelligence only knows public indicators',
    ],
    [
      'threat-intel.addressReputation',
      { ip: '127.0.0.1' },
      'ip 127.0.0.1 is a loopback address (this machine)',
    ],
    [
      'threat-intel.addressReputation',
      { ip: '192.168.1.1' },
      'ip 192.168.1.1 is a private (internal) address',
    ],
    ['threat-intel.addressReputation', { ip: '999.1.1.1' }, 'ip "999.1.1.1" is not an IP address'],
    [
      'threat-intel.domainReputation',
      { domain: 'dc01.contoso.local' },
      'domain dc01.contoso.local is an internal name',
    ],
    [
      'threat-intel.domainReputation',
      { domain: 'not a domain' },
      'domain "not a domain" is not a domain name',
    ],
    [
      'threat-intel.urlReputation',
      { url: 'https://admin:hunter2@evil.example/' },
      'carries a user name or password',
    ],
    [
      'threat-intel.urlReputation',
      { url: 'http://10.1.2.3/admin' },
      'url http://10.1.2.3/admin is a private (internal) address',
    ],
    ['threat-intel.urlReputation', { url: `https://evil.example/${'a'.repeat(5_000)}` }, 'url Too big'],
    ['threat-intel.fileReputation', { hash: 'abc123' }, 'hash "abc123" is not an MD5, SHA-1 or SHA-256 hash'],
    ['threat-intel.fileReputation', { hash: 'z'.repeat(64) }, 'is not an MD5, SHA-1 or SHA-256 hash'],
    ['threat-intel.vulnerability', { cve: 'CVE-2024-123' }, 'cve "CVE-2024-123" is not a CVE id'],
    ['threat-intel.exploitPrediction', { cve: "CVE-2024-3400' OR 1=1" }, 'is not a CVE id'],
  ])('refuses %s %j before anything is sent', async (ref, input, message) => {
    const { ledger, reputation, vulnerabilities } = setup();
    const call = await ledger.call(ref, input);
    expect(call.ok).toBe(false);
    if (!call.ok) {
      expect(call.error.code).toBe('invalid_input');
      expect(call.error.message).toContain(message);
    }
    expect(reputation.requests).toEqual([]);
    expect(vulnerabilities.requests).toEqual([]);
  });

  it('records a failing source as a failure that names it', async () => {
    const { ledger } = setup({ failing: new Set(['ip']) });
    const call = await ledger.call('threat-intel.addressReputation', { ip: '185.220.101.4' });
    expect(call).toMatchObject({ ok: false });
    expect(ledger.sources()[0]).toMatchObject({
      ok: false,
      error: 'VirusTotal failed (503) after 3 retries.',
    });
  });
});

describe('CVE skills', () => {
  it("reads NVD's record: NVD's own CVSS 3.1 first, CISA KEV, CWE ids only, vendor advisory first", async () => {
    const { ledger } = setup();
    const call = await ledger.call<VulnerabilityReport>('threat-intel.vulnerability', {
      cve: 'cve-2024-3400',
    });
    expect(call).toMatchObject({
      ok: true,
      data: {
        cve: 'CVE-2024-3400',
        found: true,
        description: 'A command injection.',
        cvss: { version: '3.1', score: 10, severity: 'critical', scoredBy: 'NVD' },
        weaknesses: ['CWE-77'],
        knownExploited: {
          name: 'Palo Alto Networks PAN-OS Command Injection Vulnerability',
          added: '2024-04-12',
          due: '2024-04-19',
        },
        references: [
          { url: 'https://security.paloaltonetworks.com/CVE-2024-3400' },
          { url: 'https://unit42.example/cve-2024-3400' },
        ],
      },
    });
    expect(ledger.sources()[0]?.requests).toEqual(['GET /rest/json/cves/2.0?cveId=CVE-2024-3400']);
  });

  it('reads the EPSS score, and "not scored" as found: false', async () => {
    const { ledger } = setup();
    expect(
      await ledger.call<EpssReport>('threat-intel.exploitPrediction', { cve: 'CVE-2024-3400' }),
    ).toMatchObject({
      ok: true,
      data: { found: true, score: 0.94339, percentile: 0.99959, date: '2025-06-11' },
    });
    expect(
      await ledger.call<EpssReport>('threat-intel.exploitPrediction', { cve: 'CVE-2024-99999' }),
    ).toMatchObject({
      ok: true,
      data: { found: false },
    });
  });
});

describe('tenant sightings', () => {
  it('reads the last 30 days of Defender XDR alerts once for all indicators, internal ones included', async () => {
    const { ledger, graph } = setup();
    const call = await ledger.call<TenantSightings>('threat-intel.tenantSightings', {
      indicators: [
        { kind: 'ip', value: '192.0.2.66' },
        { kind: 'ip', value: '10.20.14.37' },
        { kind: 'domain', value: 'msft-update-cdn.example' },
        { kind: 'ip', value: '185.220.101.4' },
      ],
    });
    expect(graph.requests).toEqual([
      `/security/alerts_v2?$filter=${encodeURIComponent('createdDateTime ge 2025-05-12T15:00:00.000Z')}&$top=200`,
    ]);
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    expect(call.data).toMatchObject({ days: 30, alertsSearched: 2, truncated: false });
    expect(
      call.data.sightings.map((item) => [
        item.indicator.value,
        item.alerts.map((a) => `${a.alertId}:${a.matchedIn}`),
      ]),
    ).toEqual([
      ['192.0.2.66', ['a1:IP evidence']],
      ['10.20.14.37', ['a2:device IP']],
      ['msft-update-cdn.example', ['a2:URL evidence']],
      ['185.220.101.4', []],
    ]);
  });
});
