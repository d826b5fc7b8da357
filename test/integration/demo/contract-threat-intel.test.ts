/**
 * The demo tenant's threat-intelligence sources answer VirusTotal's, NVD's and FIRST's paths and shapes (every
 * body parses with Ward's own schemas), with VirusTotal's key check and errors, relative to the tenant's clock,
 * under the fault rules every service obeys; and what they know agrees with the tenant's stories: incident
 * 4211's and Adele Vance's addresses, URLs and domains are known-bad, the Windows binaries in its evidence are
 * clean, the background's lures are phishing, Contoso's own egress is clean, and CVE-2024-3400 (web-prod-01's)
 * is critical, known exploited and likely to be exploited.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { threatIntelPaths, urlIdentifier } from '../../../src/clients/threat-intel.js';
import { cveIntelPaths } from '../../../src/clients/threat-intel-cve.js';
import {
  epssResponseSchema,
  nvdResponseSchema,
  vtDomainAttributesSchema,
  vtErrorSchema,
  vtFileAttributesSchema,
  vtIpAddressAttributesSchema,
  vtObjectSchema,
  vtUrlAttributesSchema,
} from '../../../src/clients/threat-intel-resources.js';
import { STAGER_IP, STAGER_URL } from '../../../src/demo/seed/encoded-powershell.js';
import { HOSTILE_IPS, OFFICES } from '../../../src/demo/seed/places.js';
import { WEB_PROD_01_CVE } from '../../../src/demo/seed/seed-defender-for-cloud.js';
import { ADELE_INCIDENT_ID } from '../../../src/demo/seed/story-adele-incident.js';
import { THREAT_INTEL_DEMO_API_KEY } from '../../../src/demo/threatintel/threat-intel-demo-key.js';
import {
  DEMO_PHISHING_DOMAINS,
  STAGE_TWO_HASHES,
  STAGER_DOMAIN,
  TOR_EXIT_RELAY,
} from '../../../src/demo/threatintel/threat-intel-seed.js';
import { assessReputation, assessVulnerability } from '../../../src/plugins/threat-intel/assess-indicator.js';
import {
  domainReport,
  fileReport,
  ipAddressReport,
  urlReport,
} from '../../../src/plugins/threat-intel/reputation-report.js';
import { epssReport, vulnerabilityReport } from '../../../src/plugins/threat-intel/vulnerability-report.js';
import { getJson, SEEDED_AT, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const KEY = { 'x-apikey': THREAT_INTEL_DEMO_API_KEY };

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterEach(async () => {
  tenant.clock.now = SEEDED_AT;
  await fetch(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await tenant.close();
});

const get = (path: string, headers: Record<string, string> = KEY) =>
  getJson(`${tenant.threatIntelUrl}${path}`, { headers });

async function ip(address: string) {
  const response = await get(threatIntelPaths.ipAddress(address));
  expect(response.status).toBe(200);
  const body = vtObjectSchema(vtIpAddressAttributesSchema).parse(response.body);
  return ipAddressReport({ kind: 'ip', value: address }, 'VirusTotal', {
    id: body.data.id,
    attributes: body.data.attributes,
  });
}

async function domain(name: string) {
  const response = await get(threatIntelPaths.domain(name));
  expect(response.status).toBe(200);
  const body = vtObjectSchema(vtDomainAttributesSchema).parse(response.body);
  return domainReport({ kind: 'domain', value: name }, 'VirusTotal', {
    id: body.data.id,
    attributes: body.data.attributes,
  });
}

async function url(href: string) {
  const response = await get(threatIntelPaths.url(href));
  expect(response.status).toBe(200);
  const body = vtObjectSchema(vtUrlAttributesSchema).parse(response.body);
  return urlReport({ kind: 'url', value: href }, 'VirusTotal', {
    id: body.data.id,
    attributes: body.data.attributes,
  });
}

async function file(hash: string) {
  const response = await get(threatIntelPaths.file(hash));
  expect(response.status).toBe(200);
  const body = vtObjectSchema(vtFileAttributesSchema).parse(response.body);
  return {
    id: body.data.id,
    report: fileReport({ kind: 'hash', value: hash }, 'VirusTotal', {
      id: body.data.id,
      attributes: body.data.attributes,
    }),
  };
}

/** Every evidence item of incident 4211's alerts, read from the tenant's Graph as Ward reads it. */
async function incidentEvidence(): Promise<Record<string, unknown>[]> {
  const response = await getJson(`${tenant.graph}/security/alerts_v2?$top=2000`);
  const alerts = (response.body as { value: { incidentId: string; evidence: Record<string, unknown>[] }[] })
    .value;
  return alerts.filter((alert) => alert.incidentId === ADELE_INCIDENT_ID).flatMap((alert) => alert.evidence);
}

describe("VirusTotal's API", () => {
  it('needs the key, and answers without it as VirusTotal does', async () => {
    for (const [headers, code] of [
      [{}, 'AuthenticationRequiredError'],
      [{ 'x-apikey': 'wrong-key-123' }, 'WrongCredentialsError'],
    ] as const) {
      const response = await get(threatIntelPaths.ipAddress(TOR_EXIT_RELAY), headers);
      expect(response.status).toBe(401);
      expect(vtErrorSchema.parse(response.body).error.code).toBe(code);
    }
  });

  it('answers 404 NotFoundError for what it does not know, and 400 for what is not an address', async () => {
    const unknown = await get(threatIntelPaths.ipAddress('198.51.100.250'));
    expect(unknown.status).toBe(404);
    expect(vtErrorSchema.parse(unknown.body).error).toEqual({
      code: 'NotFoundError',
      message: 'IP address "198.51.100.250" not found',
    });
    const invalid = await get('/api/v3/ip_addresses/999.1.1.1');
    expect(invalid.status).toBe(400);
    expect(vtErrorSchema.parse(invalid.body).error.code).toBe('InvalidArgumentError');
  });

  it('finds a URL by its base64url id and by its SHA-256, and a file by any of its hashes', async () => {
    const byBase64 = await get(`/api/v3/urls/${urlIdentifier(STAGER_URL)}`);
    const id = (byBase64.body as { data: { id: string } }).data.id;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await get(`/api/v3/urls/${id}`)).status).toBe(200);
    for (const hash of Object.values(STAGE_TWO_HASHES)) {
      expect((await file(hash)).id).toBe(STAGE_TWO_HASHES.sha256);
    }
  });

  it('writes times relative to the tenant clock', async () => {
    const before = (await ip(TOR_EXIT_RELAY)).lastAnalysed!;
    tenant.clock.now = new Date(SEEDED_AT.getTime() + 86_400_000);
    const after = (await ip(TOR_EXIT_RELAY)).lastAnalysed!;
    expect(Date.parse(after) - Date.parse(before)).toBe(86_400_000);
  });

  it('obeys fault rules like every service of the demo tenant', async () => {
    const fault = await fetch(`${tenant.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/threatintel/api/v3/', status: 429, retryAfterSeconds: 2, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const throttled = await get(threatIntelPaths.ipAddress(TOR_EXIT_RELAY));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await get(threatIntelPaths.ipAddress(TOR_EXIT_RELAY))).status).toBe(200);
  });
});

describe('NVD and FIRST EPSS', () => {
  it("serves NVD's record of web-prod-01's CVE: critical, in CISA KEV", async () => {
    const response = await get(cveIntelPaths.nvd(WEB_PROD_01_CVE), {});
    expect(response.status).toBe(200);
    const body = nvdResponseSchema.parse(response.body);
    expect(body.totalResults).toBe(1);
    const report = vulnerabilityReport(WEB_PROD_01_CVE, body.vulnerabilities[0]!.cve);
    expect(report).toMatchObject({
      cvss: { version: '3.1', score: 10, severity: 'critical', scoredBy: 'NVD' },
      knownExploited: { added: '2024-04-12', due: '2024-04-19' },
      weaknesses: ['CWE-77'],
    });
  });

  it('answers an unknown CVE with no results, and an invalid id with 404, as NVD does', async () => {
    expect(
      nvdResponseSchema.parse((await get(cveIntelPaths.nvd('CVE-2024-99999'), {})).body).totalResults,
    ).toBe(0);
    expect((await get('/rest/json/cves/2.0?cveId=CVE-24-1', {})).status).toBe(404);
  });

  it("scores CVEs as EPSS does, dated the tenant's today, several at once", async () => {
    const response = await get(`/data/v1/epss?cve=${WEB_PROD_01_CVE},CVE-2022-0778,CVE-2024-99999`, {});
    const body = epssResponseSchema.parse(response.body);
    expect(body.data.map((score) => [score.cve, score.date])).toEqual([
      [WEB_PROD_01_CVE, '2025-06-11'],
      ['CVE-2022-0778', '2025-06-11'],
    ]);
    const nvd = nvdResponseSchema.parse((await get(cveIntelPaths.nvd(WEB_PROD_01_CVE), {})).body)
      .vulnerabilities[0]!.cve;
    expect(
      assessVulnerability(
        vulnerabilityReport(WEB_PROD_01_CVE, nvd),
        epssReport(WEB_PROD_01_CVE, body.data[0]!),
      ),
    ).toMatchObject({ level: 'critical', knownExploited: true, patchFirst: true });
    expect(body.data[0]!.epss).toBeGreaterThan(0.5);
  });
});

describe("what the sources know agrees with the tenant's stories", () => {
  const now = SEEDED_AT;

  it("calls every address and URL of incident 4211, and Adele's anonymous-IP and spray sources, malicious", async () => {
    const evidence = await incidentEvidence();
    const addresses = evidence.flatMap((item) =>
      typeof item.ipAddress === 'string' ? [item.ipAddress] : [],
    );
    const urls = evidence.flatMap((item) => (typeof item.url === 'string' ? [item.url] : []));
    expect(new Set(addresses)).toEqual(
      new Set([HOSTILE_IPS.spraySource, HOSTILE_IPS.torExit, '203.0.113.24', STAGER_IP]),
    );
    for (const address of [HOSTILE_IPS.spraySource, HOSTILE_IPS.torExit, STAGER_IP]) {
      expect(assessReputation(await ip(address), now).verdict, address).toBe('malicious');
    }
    // Seattle's office egress, the "contextual" address of the atypical-travel alert, is Contoso's own.
    expect(assessReputation(await ip('203.0.113.24'), now).verdict).toBe('clean');
    expect(urls).toEqual([STAGER_URL]);
    expect(assessReputation(await url(STAGER_URL), now).verdict).toBe('malicious');
    expect(assessReputation(await domain(STAGER_DOMAIN), now).verdict).toBe('malicious');
    expect(assessReputation((await file(STAGE_TWO_HASHES.sha256)).report, now).verdict).toBe('malicious');
  });

  it("calls the Windows binaries in incident 4211's process evidence clean and signed", async () => {
    const evidence = await incidentEvidence();
    const binaries = evidence.flatMap((item) =>
      item['@odata.type'] === '#microsoft.graph.security.processEvidence'
        ? [item.imageFile as { sha256: string }, item.parentProcessImageFile as { sha256: string }]
        : [],
    );
    expect(binaries).toHaveLength(2);
    for (const binary of binaries) {
      const { report } = await file(binary.sha256);
      expect(assessReputation(report, now).verdict).toBe('clean');
      expect(report.file?.signature).toMatch(/^Signed · Microsoft Windows/);
    }
  });

  it('calls the background lures phishing, every URL the alerts carry malicious, and the anonymisers bad', async () => {
    for (const name of DEMO_PHISHING_DOMAINS) {
      const report = await domain(name);
      expect(assessReputation(report, now).verdict, name).toBe('malicious');
      expect(report.categories.join(' ')).toMatch(/phishing/i);
    }
    const response = await getJson(`${tenant.graph}/security/alerts_v2?$top=2000`);
    const alertUrls = (response.body as { value: { evidence: { url?: string }[] }[] }).value.flatMap(
      (alert) => alert.evidence.flatMap((item) => (item.url ? [item.url] : [])),
    );
    expect(alertUrls.length).toBeGreaterThan(1);
    for (const href of alertUrls)
      expect(assessReputation(await url(href), now).verdict, href).toBe('malicious');
    for (const address of HOSTILE_IPS.others) {
      expect(['malicious', 'suspicious']).toContain(assessReputation(await ip(address), now).verdict);
    }
  });

  it("calls Contoso's egress and well-known names clean, and the headline Tor exit malicious", async () => {
    for (const office of OFFICES) {
      for (const address of office.egressIps)
        expect(assessReputation(await ip(address), now).verdict).toBe('clean');
    }
    expect(assessReputation(await ip('8.8.8.8'), now).verdict).toBe('clean');
    expect(assessReputation(await domain('microsoft.com'), now).verdict).toBe('clean');
    const tor = await ip(TOR_EXIT_RELAY);
    expect(assessReputation(tor, now).verdict).toBe('malicious');
    expect(tor.tags).toEqual(['tor']);
    expect(tor.network?.owner).toBeUndefined();
  });

  it('is the same for the same seed and clock', async () => {
    const other = await startTestTenant();
    try {
      for (const path of [
        threatIntelPaths.ipAddress(HOSTILE_IPS.others[0]),
        threatIntelPaths.url(STAGER_URL),
        threatIntelPaths.file(STAGE_TWO_HASHES.md5),
      ]) {
        const mine = await get(path);
        const theirs = await getJson(`${other.threatIntelUrl}${path}`, { headers: KEY });
        // Only the self link differs: each tenant writes its own address.
        const attributes = (body: unknown) => (body as { data: { attributes: unknown } }).data.attributes;
        expect(attributes(theirs.body)).toEqual(attributes(mine.body));
      }
    } finally {
      await other.close();
    }
  });
});
