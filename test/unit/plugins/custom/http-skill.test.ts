/**
 * Custom HTTP skills against a real local HTTP server (node:http), loaded from a manifest and an OpenAPI
 * document as Ward loads them: the API key or bearer secret is sent where the manifest says and never appears
 * in the request description or an error; 429 is retried after the Retry-After the server asks for; a 500 is a
 * SourceUnavailableError and a 404 a NotFoundError; a body over 1 MB, or one that is not JSON, is refused; the
 * caller's abort is honoured; path values cannot step out of the path.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { MAX_RESPONSE_BYTES } from '../../../../src/plugins/custom/http-skill.js';
import { loadCustomPlugins } from '../../../../src/plugins/custom/load-custom-plugins.js';
import type { Skill } from '../../../../src/plugins/types.js';

const SECRET = 'sk-test-5f2b9c71e04d4a8f';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
const received: { url: string; headers: IncomingMessage['headers']; at: number }[] = [];
let folder: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers, at: Date.now() });
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  folder = await mkdtemp(join(tmpdir(), 'ward-http-skill-'));
  await mkdir(join(folder, 'openapi'));
  await writeFile(
    join(folder, 'openapi', 'assets.yaml'),
    `openapi: 3.1.0
info: { title: assets, version: '1' }
paths:
  /assets/{hostname}:
    get:
      operationId: getAsset
      parameters:
        - { name: hostname, in: path, required: true, schema: { type: string } }
        - { name: includeSoftware, in: query, schema: { type: boolean, default: false } }
  /assets:
    get:
      operationId: listAssets
      parameters:
        - { name: owner, in: query, schema: { type: string, format: email } }
        - { name: top, in: query, schema: { type: integer, minimum: 1, maximum: 100, default: 25 } }
`,
  );
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  received.length = 0;
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };
};

/** Loads the plugin with `auth`, the server as its base URL; returns its skills by name. */
async function skills(auth: string, options: { maxRetries?: number; timeoutMs?: number } = {}) {
  await writeFile(
    join(folder, 'assets.yaml'),
    `name: assets
displayName: Asset inventory
version: 0.1.0
description: The CMDB.
baseUrl: \${ASSETS_URL}/api
${auth}
skills:
  - { kind: http, name: asset, description: One asset., openapi: openapi/assets.yaml, operationId: getAsset }
  - { kind: http, name: assets, description: Assets., openapi: openapi/assets.yaml, operationId: listAssets }
`,
  );
  const loaded = await loadCustomPlugins(folder, {
    env: (name) => ({ ASSETS_URL: baseUrl, ASSETS_KEY: SECRET })[name],
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRetries: options.maxRetries ?? 2,
  });
  const byName = new Map(loaded.plugins[0]!.skills.map((skill) => [skill.name, skill]));
  return { asset: byName.get('asset')!, assets: byName.get('assets')! };
}

const HEADER_KEY = 'auth: { type: apiKey, in: header, name: X-Api-Key, secretEnv: ASSETS_KEY }';
const QUERY_KEY = 'auth: { type: apiKey, in: query, name: api_key, secretEnv: ASSETS_KEY }';
const BEARER = 'auth: { type: bearer, secretEnv: ASSETS_KEY }';

async function call(skill: Skill, input: unknown, signal: AbortSignal = AbortSignal.timeout(10_000)) {
  return skill.run(skill.input.parse(input), { signal }) as Promise<{
    data: { operationId: string; status: number; body: unknown };
    requests: string[];
  }>;
}

async function failure(skill: Skill, input: unknown, signal?: AbortSignal): Promise<Error> {
  const error = await call(skill, input, signal).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('calls', () => {
  it('sends the API key header, path and query parameters, and returns the JSON', async () => {
    handler = json(200, { hostname: 'DESKTOP-ADELE01', owner: 'adele.vance@contoso.com' });
    const { asset } = await skills(HEADER_KEY);
    const { data, requests } = await call(asset, { hostname: 'DESKTOP-ADELE01', includeSoftware: true });
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe('/api/assets/DESKTOP-ADELE01?includeSoftware=true');
    expect(received[0]?.headers['x-api-key']).toBe(SECRET);
    expect(received[0]?.headers.accept).toBe('application/json');
    expect(data).toEqual({
      operationId: 'getAsset',
      status: 200,
      body: { hostname: 'DESKTOP-ADELE01', owner: 'adele.vance@contoso.com' },
    });
    expect(requests).toEqual(['GET /assets/DESKTOP-ADELE01?includeSoftware=true']);
  });

  it('sends a query API key without showing it in the request description', async () => {
    handler = json(200, { items: [] });
    const { assets } = await skills(QUERY_KEY);
    const { requests } = await call(assets, { owner: 'adele.vance@contoso.com' });
    expect(received[0]?.url).toBe(`/api/assets?owner=adele.vance%40contoso.com&top=25&api_key=${SECRET}`);
    expect(requests).toEqual(['GET /assets?owner=adele.vance%40contoso.com&top=25&api_key=***']);
    expect(JSON.stringify(requests)).not.toContain(SECRET);
  });

  it('sends a bearer secret as Authorization', async () => {
    handler = json(200, {});
    const { asset } = await skills(BEARER);
    await call(asset, { hostname: 'web-prod-01' });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('encodes path values, and refuses one that would step out of the path', async () => {
    handler = json(200, {});
    const { asset } = await skills(HEADER_KEY);
    await call(asset, { hostname: 'a/b?c' });
    expect(received[0]?.url).toBe('/api/assets/a%2Fb%3Fc?includeSoftware=false');
    const error = await failure(asset, { hostname: '..' });
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(received).toHaveLength(1);
  });
});

describe('failures', () => {
  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    let calls = 0;
    handler = (request, response) => {
      calls++;
      if (calls === 1) return json(429, { error: 'slow down' }, { 'retry-after': '1' })(request, response);
      return json(200, { ok: true })(request, response);
    };
    const { asset } = await skills(HEADER_KEY);
    const { data } = await call(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(data.body).toEqual({ ok: true });
    expect(received).toHaveLength(2);
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('a 500 is a SourceUnavailableError naming the service, never the secret', async () => {
    handler = json(500, { error: `internal: key ${SECRET} rejected` });
    const { asset } = await skills(QUERY_KEY);
    const error = await failure(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toBe('Asset inventory failed (500).');
    expect(error.message).not.toContain(SECRET);
  });

  it('429s that never stop end as a SourceUnavailableError after the retries', async () => {
    handler = json(429, {}, { 'retry-after': '0' });
    const { asset } = await skills(HEADER_KEY, { maxRetries: 2 });
    const error = await failure(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toMatch(/Asset inventory is throttling requests \(429\)/);
    expect(received).toHaveLength(3);
  });

  it('a 404 is a NotFoundError', async () => {
    handler = json(404, { error: 'no such asset' });
    const { asset } = await skills(HEADER_KEY);
    const error = await failure(asset, { hostname: 'NOPE-01' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('Asset inventory has no such object (GET /assets/{hostname}).');
  });

  it('refuses an answer over 1 MB, declared or streamed, without retrying', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(MAX_RESPONSE_BYTES) });
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
      response.end(big);
    };
    const { asset } = await skills(HEADER_KEY);
    const declared = await failure(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(declared).toBeInstanceOf(SourceUnavailableError);
    expect(declared.message).toMatch(/too large to read .*larger than 1048576 bytes/);
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let sent = 0; sent < MAX_RESPONSE_BYTES + 65_536; sent += 65_536)
        response.write('x'.repeat(65_536));
      response.end();
    };
    const streamed = await failure(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(streamed.message).toMatch(/too large to read/);
    expect(received).toHaveLength(2);
  });

  it('refuses an answer that is not JSON', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>login</html>');
    };
    const { asset } = await skills(HEADER_KEY);
    const error = await failure(asset, { hostname: 'DESKTOP-ADELE01' });
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toMatch(/answered GET \/assets\/\{hostname\} with text\/html, not JSON/);
  });

  it('stops when the caller aborts', async () => {
    handler = () => {
      // Never answers.
    };
    const { asset } = await skills(HEADER_KEY, { timeoutMs: 20_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(asset, { hostname: 'DESKTOP-ADELE01' }, controller.signal);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a timeout names the call, not the secret', async () => {
    handler = () => {
      // Never answers.
    };
    const { assets } = await skills(QUERY_KEY, { timeoutMs: 300, maxRetries: 0 });
    const error = await failure(assets, {});
    expect(error.message).toBe('Asset inventory did not answer in time (GET /assets).');
    expect(error.message).not.toContain(SECRET);
  });
});
