/**
 * Ward's threat-intelligence clients over real HTTP, against the demo tenant's sources behind a recording
 * server (and small servers for what it cannot do): lookups parse with the wire schemas, a 404 is `null`
 * ("no record"), 429/503 are retried waiting as long as `Retry-After` asks, failures are WardErrors that name
 * the source and never carry the key, redirects are not followed, and unsafe settings are refused at
 * construction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createThreatIntelClient, type ThreatIntelClient } from '../../../src/clients/threat-intel.js';
import { createCveIntelClient } from '../../../src/clients/threat-intel-cve.js';
import { ConfigError, SourceUnavailableError } from '../../../src/core/errors.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
import { THREAT_INTEL_DEMO_API_KEY } from '../../../src/demo/threatintel/threat-intel-demo-key.js';
import { STAGE_TWO_HASHES, TOR_EXIT_RELAY } from '../../../src/demo/threatintel/threat-intel-seed.js';
import { addDemoFault } from '../../support/demo-faults.js';
import {
  type RecordingServer,
  rejectionOf,
  sendJson,
  startRecordingServer,
} from '../../support/recording-server.js';

let demo: RunningDemoTenant;
let recorded: RecordingServer;
const servers: RecordingServer[] = [];

beforeAll(async () => {
  demo = await startDemoTenant({ port: 0, identityProtectionRate: false });
  recorded = await startRecordingServer((request, response) => demo.tenant.handle(request, response));
});
afterEach(async () => {
  recorded.arrivals.length = 0;
  await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await recorded?.close();
  await demo?.close();
});

function addFault(rule: Record<string, unknown>): Promise<void> {
  return addDemoFault(demo.url, rule);
}

function virusTotal(
  options: { apiKey?: string; timeoutMs?: number; maxRetries?: number; baseUrl?: string } = {},
): ThreatIntelClient {
  return createThreatIntelClient({
    baseUrl: options.baseUrl ?? `${recorded.url}/threatintel`,
    apiKey: options.apiKey ?? THREAT_INTEL_DEMO_API_KEY,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 2,
  });
}

describe('the reputation client', () => {
  it('looks up the four kinds with the key, and reads "no record" as null', async () => {
    const client = virusTotal();
    expect((await client.ipAddress(TOR_EXIT_RELAY))?.attributes.tags).toEqual(['tor']);
    expect((await client.domain('evil-login.xyz'))?.attributes.categories).toMatchObject({
      Sophos: 'phishing',
    });
    expect(
      (await client.url('https://msft-update-cdn.example/wupd.ps1'))?.attributes.last_analysis_stats
        ?.malicious,
    ).toBe(10);
    expect((await client.file(STAGE_TWO_HASHES.sha1))?.id).toBe(STAGE_TWO_HASHES.sha256);
    expect(await client.ipAddress('198.51.100.250')).toBeNull();
    expect(
      recorded.arrivals.every((arrival) => arrival.headers['x-apikey'] === THREAT_INTEL_DEMO_API_KEY),
    ).toBe(true);
  });

  it('waits as long as Retry-After asks on a 429, then succeeds', async () => {
    await addFault({ path: '^/threatintel/api/v3/', status: 429, retryAfterSeconds: 1, times: 1 });
    expect(await virusTotal().ipAddress(TOR_EXIT_RELAY)).not.toBeNull();
    expect(recorded.arrivals).toHaveLength(2);
    expect(recorded.arrivals[1]!.at - recorded.arrivals[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('names VirusTotal when it keeps failing, after its retries', async () => {
    await addFault({ path: '^/threatintel/api/v3/', status: 503 });
    const error = await rejectionOf(virusTotal({ maxRetries: 2 }).ipAddress(TOR_EXIT_RELAY));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/^VirusTotal failed \(503[^)]*\) after 2 retries\.$/);
    expect(recorded.arrivals).toHaveLength(3);
  });

  it('says the key was refused, without the key', async () => {
    const error = await rejectionOf(virusTotal({ apiKey: 'not-the-demo-key' }).ipAddress(TOR_EXIT_RELAY));
    expect((error as Error).message).toBe(
      'VirusTotal refused access (401 WrongCredentialsError): check the VirusTotal API key Ward uses (THREAT_INTEL_API_KEY) and its quota.',
    );
    expect((error as Error).message).not.toContain('not-the-demo-key');
  });

  it('refuses a cut-off body and a slow source within the deadline', async () => {
    await addFault({ path: '^/threatintel/api/v3/', kind: 'truncate', times: 1 });
    expect(((await rejectionOf(virusTotal().ipAddress(TOR_EXIT_RELAY))) as Error).message).toBe(
      'VirusTotal returned data Ward could not read (GET /api/v3/ip_addresses/185.220.101.4).',
    );
    await addFault({ path: '^/threatintel/api/v3/', delayMs: 2_000 });
    expect(
      ((await rejectionOf(virusTotal({ timeoutMs: 300 }).ipAddress(TOR_EXIT_RELAY))) as Error).message,
    ).toBe('VirusTotal did not answer in time (GET /api/v3/ip_addresses/185.220.101.4).');
  });

  it('never follows a redirect (the key must not travel to another host)', async () => {
    const redirecting = await startRecordingServer((_request, response) => {
      response.writeHead(302, { location: 'https://elsewhere.example/api/v3/ip_addresses/1.2.3.4' });
      response.end();
    });
    servers.push(redirecting);
    const error = await rejectionOf(virusTotal({ baseUrl: redirecting.url }).ipAddress(TOR_EXIT_RELAY));
    expect((error as Error).message).toMatch(/redirect \(302\); Ward does not follow redirects/);
    expect(redirecting.arrivals).toHaveLength(1);
  });

  it.each([
    [{ baseUrl: 'http://vt.example.com' }, /must use https .*http is allowed only on loopback/],
    [{ baseUrl: 'https://user:secret@vt.example.com' }, /must not contain a user name or password/],
    [
      { apiKey: 'has a space in it' },
      /API key must be 8 to 256 printable characters without spaces \(it was not; it is not shown\)/,
    ],
    [{ apiKey: 'short' }, /API key must be/],
  ])('refuses unsafe settings at construction: %j', (options, message) => {
    const build = () => virusTotal(options);
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
    try {
      build();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
      expect((error as Error).message).not.toContain('has a space');
    }
  });
});

describe('the CVE client', () => {
  const client = () =>
    createCveIntelClient({
      nvdUrl: `${recorded.url}/threatintel`,
      epssUrl: `${recorded.url}/threatintel`,
      timeoutMs: 5_000,
      maxRetries: 1,
    });

  it("reads NVD's record and FIRST's score, and null for a CVE neither knows", async () => {
    expect((await client().nvd('CVE-2024-3400'))?.cisaExploitAdd).toBe('2024-04-12');
    expect((await client().epss('CVE-2024-3400'))?.epss).toBeCloseTo(0.94339);
    expect(await client().nvd('CVE-2024-99999')).toBeNull();
    expect(await client().epss('CVE-2024-99999')).toBeNull();
  });

  it("explains NVD's rate limit when it refuses, and sends the NVD key only to NVD", async () => {
    const nvd = await startRecordingServer((_request, response) =>
      sendJson(response, 403, { message: 'Forbidden' }),
    );
    servers.push(nvd);
    const withKey = createCveIntelClient({
      nvdUrl: nvd.url,
      nvdApiKey: 'nvd-key-0123456789',
      epssUrl: `${recorded.url}/threatintel`,
      timeoutMs: 5_000,
      maxRetries: 1,
    });
    expect(((await rejectionOf(withKey.nvd('CVE-2024-3400'))) as Error).message).toBe(
      'NVD refused access (403): check the NVD API key Ward uses (NVD_API_KEY); NVD also refuses more than 50 requests in 30 s.',
    );
    expect(nvd.arrivals[0]?.headers.apikey).toBe('nvd-key-0123456789');
    await withKey.epss('CVE-2024-3400');
    expect(recorded.arrivals.at(-1)?.headers.apikey).toBeUndefined();
  });
});
