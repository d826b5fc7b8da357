/**
 * Ward's Graph client over real HTTP: against the demo tenant (seeded data, injected faults) and, for what the
 * demo tenant cannot do (401/403, data of the wrong shape, reset connections, a foreign nextLink), a small
 * node:http server in the test. Every request is recorded on the server side, so retries and waits are
 * counted and timed where they happen rather than inferred from the client.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createGraphClient, type GraphClient, relativeNextLink } from '../../../src/clients/graph.js';
import { riskyUserSchema, userSchema } from '../../../src/clients/graph-resources.js';
import { odataString, queryString } from '../../../src/clients/odata-literal.js';
import { NotFoundError, SourceUnavailableError, WardError } from '../../../src/core/errors.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
import { addDemoFault } from '../../support/demo-faults.js';

/** One request as the server saw it. */
interface Arrival {
  method: string;
  url: string;
  at: number;
}

/** A loopback HTTP server that records every request before `handler` answers it. */
interface RecordingServer {
  url: string;
  arrivals: Arrival[];
  close(): Promise<void>;
}

async function startRecordingServer(
  handler: (request: IncomingMessage, response: ServerResponse, arrival: Arrival) => void,
): Promise<RecordingServer> {
  const arrivals: Arrival[] = [];
  const server: Server = createServer((request, response) => {
    const arrival = { method: request.method ?? 'GET', url: request.url ?? '/', at: performance.now() };
    arrivals.push(arrival);
    handler(request, response, arrival);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}) {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/** Awaits a promise that must reject and returns what it rejected with. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

let demo: RunningDemoTenant;
/** The demo tenant behind a recorder: every Graph request to it is timed on arrival. */
let recorded: RecordingServer;
const servers: RecordingServer[] = [];

beforeAll(async () => {
  // Not about Identity Protection's throttle: these tests count every request the server sees.
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

/** A Graph client on the recorded demo tenant. */
function demoGraph(options: { timeoutMs?: number; maxRetries?: number } = {}): GraphClient {
  return createGraphClient({
    baseUrl: `${recorded.url}/graph`,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
  });
}

/** A Graph client on a test server whose `/graph/...` requests `handler` answers. */
async function graphOn(
  handler: (request: IncomingMessage, response: ServerResponse, arrival: Arrival) => void,
  options: { timeoutMs?: number; maxRetries?: number } = {},
): Promise<{ graph: GraphClient; server: RecordingServer }> {
  const server = await startRecordingServer(handler);
  servers.push(server);
  const graph = createGraphClient({
    baseUrl: `${server.url}/graph`,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
  });
  return { graph, server };
}

const ADELE = 'adele.vance@contoso.com';

describe('get', () => {
  it('parses a response with the schema it is given', async () => {
    const user = await demoGraph().get(`/users/${ADELE}`, userSchema);
    expect(user.userPrincipalName?.toLowerCase()).toBe(ADELE);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorded.arrivals.map((arrival) => arrival.url)).toEqual([`/graph/v1.0/users/${ADELE}`]);
  });

  it('asks the beta endpoint when told to', async () => {
    await demoGraph().get(`/users/${ADELE}`, userSchema, { version: 'beta' });
    expect(recorded.arrivals[0]?.url).toBe(`/graph/beta/users/${ADELE}`);
  });

  it('refuses data that does not match the schema, as a source failure, not as data', async () => {
    const error = await rejectionOf(
      demoGraph().get(`/users/${ADELE}`, z.object({ id: z.string(), securityClearance: z.string() })),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/returned data Ward could not read/);
    expect((error as Error).message).toContain(`GET /users/${ADELE}`);
    expect((error as Error).cause).toBeInstanceOf(z.ZodError);
  });

  it('refuses a body that is not the object it claims to be', async () => {
    const { graph } = await graphOn((_request, response) => sendJson(response, 200, ['not', 'a', 'user']));
    const error = await rejectionOf(graph.get('/users/x', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/returned data Ward could not read/);
  });

  it('turns 404 into NotFoundError', async () => {
    const error = await rejectionOf(demoGraph().get('/users/nobody@contoso.com', userSchema));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('not_found');
    expect((error as Error).message).toContain('/users/nobody@contoso.com');
  });

  it('reports a request the source rejects (400) with its status and Graph code', async () => {
    const error = await rejectionOf(
      demoGraph().list(`/users${queryString({ $filter: 'shoeSize eq 42' })}`, userSchema),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(400);
    expect((error as Error).message).toMatch(/rejected the request \(400/);
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('passes headers through to the source', async () => {
    let seen: string | undefined;
    const { graph } = await graphOn((request, response) => {
      seen = request.headers.consistencylevel as string | undefined;
      sendJson(response, 200, { id: 'u1' });
    });
    await graph.get('/users/u1', userSchema, { headers: { ConsistencyLevel: 'eventual' } });
    expect(seen).toBe('eventual');
  });
});

describe('throttling and outages', () => {
  it('waits for Retry-After on a 429 and then succeeds', async () => {
    await addFault({ path: '/users/', status: 429, retryAfterSeconds: 1, times: 1 });
    const user = await demoGraph().get(`/users/${ADELE}`, userSchema);
    expect(user.userPrincipalName?.toLowerCase()).toBe(ADELE);
    expect(recorded.arrivals).toHaveLength(2);
    const [first, second] = recorded.arrivals as [Arrival, Arrival];
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a 503 that never ends after maxRetries retries, with the status', async () => {
    await addFault({ path: 'riskyUsers', status: 503, retryAfterSeconds: 0 });
    const error = await rejectionOf(
      demoGraph({ maxRetries: 2 }).list('/identityProtection/riskyUsers', riskyUserSchema),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(503);
    expect((error as Error).message).toMatch(/failed \(503\) after retries/);
    expect(recorded.arrivals).toHaveLength(3);
  });

  it('does not retry at all with maxRetries 0', async () => {
    await addFault({ path: 'riskyUsers', status: 503, retryAfterSeconds: 0 });
    await rejectionOf(demoGraph({ maxRetries: 0 }).list('/identityProtection/riskyUsers', riskyUserSchema));
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('says throttling when 429s outlast the retries', async () => {
    await addFault({ path: 'riskyUsers', status: 429, retryAfterSeconds: 0 });
    const error = await rejectionOf(
      demoGraph({ maxRetries: 1 }).list('/identityProtection/riskyUsers', riskyUserSchema),
    );
    expect((error as SourceUnavailableError).status).toBe(429);
    expect((error as Error).message).toMatch(/throttling/);
    expect(recorded.arrivals).toHaveLength(2);
  });

  it.each([401, 403])('explains a %i as a permissions problem, without retrying', async (status) => {
    const { graph, server } = await graphOn((_request, response) =>
      sendJson(response, status, {
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' },
      }),
    );
    const error = await rejectionOf(graph.get('/users/x', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(status);
    expect((error as Error).message).toMatch(/permissions/);
    expect((error as Error).message).toContain(String(status));
    expect(server.arrivals).toHaveLength(1);
  });

  it('answers "did not answer in time" near the deadline when the source is slow', async () => {
    await addFault({ path: '/users/', delayMs: 5_000, times: 1 });
    const started = performance.now();
    const error = await rejectionOf(demoGraph({ timeoutMs: 600 }).get(`/users/${ADELE}`, userSchema));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/did not answer in time/);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('keeps the deadline while the SDK sleeps on a long Retry-After it cannot abort', async () => {
    await addFault({ path: '/users/', status: 429, retryAfterSeconds: 30, times: 1 });
    const started = performance.now();
    const error = await rejectionOf(demoGraph({ timeoutMs: 700 }).get(`/users/${ADELE}`, userSchema));
    const elapsed = performance.now() - started;
    expect((error as Error).message).toMatch(/did not answer in time/);
    expect(elapsed).toBeLessThan(2_000);
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('sends nothing more once the deadline has passed, even when the SDK wakes up to retry', async () => {
    await addFault({ path: '/users/', status: 429, retryAfterSeconds: 1, times: 1 });
    const error = await rejectionOf(demoGraph({ timeoutMs: 300 }).get(`/users/${ADELE}`, userSchema));
    expect((error as Error).message).toMatch(/did not answer in time/);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    await addFault({ path: '/users/', delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const error = await rejectionOf(
      demoGraph().get(`/users/${ADELE}`, userSchema, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('retries a reset connection, then says the source could not be reached', async () => {
    // Network failures are retried at most twice, whatever maxRetries allows for HTTP throttling.
    const { graph, server } = await graphOn((request) => request.socket.destroy(), { maxRetries: 3 });
    const error = await rejectionOf(graph.get('/users/x', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/could not be reached \(GET \/users\/x\)/);
    expect((error as SourceUnavailableError).status).toBeUndefined();
    expect(server.arrivals).toHaveLength(3);
  });

  it('does not retry a reset connection with maxRetries 0', async () => {
    const { graph, server } = await graphOn((request) => request.socket.destroy(), { maxRetries: 0 });
    await rejectionOf(graph.get('/users/x', userSchema));
    expect(server.arrivals).toHaveLength(1);
  });

  it('says the source could not be reached when nothing listens', async () => {
    const closed = await startRecordingServer(() => {});
    await closed.close();
    const graph = createGraphClient({ baseUrl: `${closed.url}/graph`, timeoutMs: 5_000, maxRetries: 1 });
    const error = await rejectionOf(graph.get('/users/x', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/could not be reached/);
  });

  it('recovers when a reset connection is followed by an answer', async () => {
    const { graph, server } = await graphOn((request, response) => {
      if (server.arrivals.length === 1) request.socket.destroy();
      else sendJson(response, 200, { id: 'u1', displayName: 'Back again' });
    });
    const user = await graph.get('/users/u1', userSchema);
    expect(user.displayName).toBe('Back again');
    expect(server.arrivals).toHaveLength(2);
  });
});

describe('list', () => {
  it('follows @odata.nextLink across pages to the end', async () => {
    const expected = demo.tenant.state.riskyUsers.length;
    const list = await demoGraph().list(
      `/identityProtection/riskyUsers${queryString({ $top: 3 })}`,
      riskyUserSchema,
      {
        maxItems: 1_000,
      },
    );
    expect(list.items).toHaveLength(expected);
    expect(list.truncated).toBe(false);
    expect(list.pages).toBe(Math.ceil(expected / 3));
    expect(new Set(list.items.map((item) => item.id)).size).toBe(expected);
    expect(recorded.arrivals).toHaveLength(list.pages);
    for (const arrival of recorded.arrivals.slice(1)) {
      expect(arrival.url).toMatch(/^\/graph\/v1\.0\/identityProtection\/riskyUsers\?.*\$skiptoken=/);
    }
  });

  it('stops at maxItems and says the list was truncated', async () => {
    const list = await demoGraph().list(`/users${queryString({ $top: 5 })}`, userSchema, { maxItems: 12 });
    expect(list.items).toHaveLength(12);
    expect(list.truncated).toBe(true);
    expect(list.pages).toBe(3);
    expect(recorded.arrivals).toHaveLength(3);
  });

  it('is not truncated when the last page ends exactly at maxItems', async () => {
    const { graph } = await graphOn((_request, response) =>
      sendJson(response, 200, { value: [{ id: 'a' }, { id: 'b' }] }),
    );
    const list = await graph.list('/users', userSchema, { maxItems: 2 });
    expect(list).toEqual({ items: [{ id: 'a' }, { id: 'b' }], truncated: false, pages: 1 });
  });

  it('refuses a nextLink to another host and sends it nothing', async () => {
    const foreign = await startRecordingServer((_request, response) =>
      sendJson(response, 200, { value: [] }),
    );
    servers.push(foreign);
    const { graph, server } = await graphOn((_request, response) =>
      sendJson(response, 200, {
        value: [{ id: 'a' }],
        '@odata.nextLink': `${foreign.url}/graph/v1.0/users?$skiptoken=steal-the-token`,
      }),
    );
    const error = await rejectionOf(graph.list('/users', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/next-page link to another host/);
    expect(server.arrivals).toHaveLength(1);
    expect(foreign.arrivals).toHaveLength(0);
  });

  it('refuses a nextLink that leads back to a page already read, instead of looping', async () => {
    const { graph, server } = await graphOn((request, response) =>
      sendJson(response, 200, {
        value: [],
        '@odata.nextLink': `http://${request.headers.host}/graph/v1.0/users?$skiptoken=same`,
      }),
    );
    const error = await rejectionOf(graph.list('/users', userSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/next-page link .* already/);
    expect(server.arrivals).toHaveLength(2);
  });

  it('refuses a page that is not a collection', async () => {
    const { graph } = await graphOn((_request, response) => sendJson(response, 200, { value: 'nope' }));
    const error = await rejectionOf(graph.list('/users', userSchema));
    expect((error as Error).message).toMatch(/returned data Ward could not read for GET \/users/);
  });

  it('keeps OData literals intact on the wire: quotes doubled, & # + and spaces encoded', async () => {
    let seenFilter: string | null = null;
    const { graph } = await graphOn((request, response) => {
      seenFilter = new URL(request.url ?? '/', 'http://x').searchParams.get('$filter');
      sendJson(response, 200, { value: [] });
    });
    const name = "O'Brien & Sons #1 + co";
    await graph.list(
      `/users${queryString({ $filter: `displayName eq ${odataString(name)}`, $top: 5 })}`,
      userSchema,
    );
    expect(seenFilter).toBe("displayName eq 'O''Brien & Sons #1 + co'");
  });

  it('finds a user by a filter through the demo tenant', async () => {
    const list = await demoGraph().list(
      `/users${queryString({ $filter: `userPrincipalName eq ${odataString(ADELE)}` })}`,
      userSchema,
    );
    expect(list.items.map((user) => user.userPrincipalName?.toLowerCase())).toEqual([ADELE]);
  });
});

describe('post', () => {
  it('sends the body and parses the answer when a schema is given', async () => {
    let received = '';
    const { graph, server } = await graphOn((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        received = body;
        sendJson(response, 200, { id: 'created' });
      });
    });
    const result = await graph.post('/things', { userIds: ['a'] }, z.object({ id: z.string() }));
    expect(result).toEqual({ id: 'created' });
    expect(JSON.parse(received)).toEqual({ userIds: ['a'] });
    expect(server.arrivals[0]).toMatchObject({ method: 'POST', url: '/graph/v1.0/things' });
  });

  it('returns undefined for a 204 when no schema is given', async () => {
    const { graph } = await graphOn((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    await expect(graph.post('/things/dismiss', { userIds: ['a'] }, undefined)).resolves.toBeUndefined();
  });
});

describe('relativeNextLink', () => {
  it('drops the base path and the version, and keeps the query', () => {
    expect(
      relativeNextLink(
        'http://127.0.0.1:4000/graph/v1.0/users?$top=5&$skiptoken=abc%3D%3D',
        'http://127.0.0.1:4000/graph',
      ),
    ).toBe('/users?$top=5&$skiptoken=abc%3D%3D');
  });

  it('handles beta links', () => {
    expect(
      relativeNextLink(
        'https://graph.microsoft.com/beta/identityProtection/riskDetections?$skiptoken=x',
        'https://graph.microsoft.com',
      ),
    ).toBe('/identityProtection/riskDetections?$skiptoken=x');
  });

  it('accepts a base URL with a trailing slash', () => {
    expect(relativeNextLink('http://h:1/graph/v1.0/users?a=1', 'http://h:1/graph/')).toBe('/users?a=1');
  });

  it('refuses another host, another port and another scheme', () => {
    const base = 'https://graph.microsoft.com';
    for (const link of [
      'https://evil.example/v1.0/users?$skiptoken=x',
      'https://graph.microsoft.com:8443/v1.0/users',
      'http://graph.microsoft.com/v1.0/users',
    ]) {
      expect(() => relativeNextLink(link, base)).toThrow(SourceUnavailableError);
    }
  });

  it('refuses a path outside the base path', () => {
    expect(() => relativeNextLink('http://h:1/other/v1.0/users', 'http://h:1/graph')).toThrow(/not followed/);
    expect(() => relativeNextLink('http://h:1/graphical/v1.0/users', 'http://h:1/graph')).toThrow(
      /not followed/,
    );
  });
});

describe('describe', () => {
  const graph = createGraphClient({ baseUrl: 'http://127.0.0.1:9/graph', timeoutMs: 1_000, maxRetries: 0 });

  it('shows method, version and path with its query decoded', () => {
    expect(
      graph.describe('GET', `/users${queryString({ $filter: `mail eq ${odataString("o'brien@x")}` })}`),
    ).toBe("GET /v1.0/users?$filter=mail eq 'o''brien@x'");
    expect(graph.describe('POST', 'identityProtection/riskyUsers/dismiss', 'beta')).toBe(
      'POST /beta/identityProtection/riskyUsers/dismiss',
    );
  });

  it('shows a path it cannot decode as it is', () => {
    expect(graph.describe('GET', '/users/100%')).toBe('GET /v1.0/users/100%');
  });

  it('keeps the base URL without a trailing slash', () => {
    expect(
      createGraphClient({ baseUrl: 'http://127.0.0.1:9/graph//', timeoutMs: 1, maxRetries: 0 }).baseUrl,
    ).toBe('http://127.0.0.1:9/graph');
  });
});

describe('odata literals', () => {
  it('odataString doubles single quotes', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
    expect(odataString('plain')).toBe("'plain'");
  });

  it('queryString percent-encodes every value and skips undefined ones', () => {
    expect(queryString({ $filter: 'a & b', $search: '#tag', q: '1+1 = 2', $top: 5, skip: undefined })).toBe(
      '?$filter=a%20%26%20b&$search=%23tag&q=1%2B1%20%3D%202&$top=5',
    );
    expect(queryString({})).toBe('');
    expect(queryString({ only: undefined })).toBe('');
  });
});

describe('construction', () => {
  it('refuses an https base URL without a credential', () => {
    let error: unknown;
    try {
      createGraphClient({ baseUrl: 'https://graph.microsoft.com', timeoutMs: 1_000, maxRetries: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(WardError.isInstance(error)).toBe(true);
    expect((error as WardError).code).toBe('config_error');
    expect((error as Error).message).toMatch(/https but no credential/);
  });

  it('refuses a base URL that is not a URL', () => {
    expect(() =>
      createGraphClient({ baseUrl: 'graph.microsoft.com', timeoutMs: 1, maxRetries: 0 }),
    ).toThrow();
  });
});
