/**
 * Ward's ARM client over real HTTP: against the demo tenant (seeded Defender for Cloud, injected faults)
 * behind a recording server that times every request on arrival, and against small servers for what the
 * demo tenant cannot do (an HTTP-date Retry-After, a foreign nextLink). Retries and waits are counted and
 * timed where they happen, not inferred from the client.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ArmClient, createArmClient } from '../../../src/clients/arm.js';
import {
  attackPathSchema,
  resourceGraphResponseSchema,
  secureScoreSchema,
  securityAssessmentSchema,
} from '../../../src/clients/arm-resources.js';
import { ConfigError, NotFoundError, SourceUnavailableError } from '../../../src/core/errors.js';
import { ASSESSMENTS_PAGE_SIZE } from '../../../src/demo/arm/routes-assessments.js';
import { DEMO_SUBSCRIPTION_ID, STORY_RESOURCES } from '../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../src/demo/seed/defender-recommendations.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
import { addDemoFault } from '../../support/demo-faults.js';
import {
  type Arrival,
  type RecordingServer,
  rejectionOf,
  sendJson,
  startRecordingServer,
} from '../../support/recording-server.js';

const SECURITY = `/subscriptions/${DEMO_SUBSCRIPTION_ID}/providers/Microsoft.Security`;
const ASSESSMENTS = `${SECURITY}/assessments?api-version=2021-06-01`;
const SCORE = `${SECURITY}/secureScores/ascScore?api-version=2020-01-01`;
const WEB_PROD_VULNERABILITY = `${STORY_RESOURCES.webProd01.id}/providers/Microsoft.Security/assessments/${AZURE_ASSESSMENT_KEYS.vulnerabilityFindings}?api-version=2021-06-01`;
const ARG = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';

let demo: RunningDemoTenant;
let recorded: RecordingServer;
const servers: RecordingServer[] = [];

beforeAll(async () => {
  demo = await startDemoTenant({ port: 0 });
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

/** An ARM client on the recorded demo tenant. */
function demoArm(options: { timeoutMs?: number; maxRetries?: number } = {}): ArmClient {
  return createArmClient({
    baseUrl: `${recorded.url}/arm`,
    serviceName: 'Defender for Cloud',
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
  });
}

/** An ARM client on a test server whose requests `handler` answers. */
async function armOn(
  handler: Parameters<typeof startRecordingServer>[0],
  options: { timeoutMs?: number; maxRetries?: number } = {},
): Promise<{ arm: ArmClient; server: RecordingServer }> {
  const server = await startRecordingServer(handler);
  servers.push(server);
  const arm = createArmClient({
    baseUrl: `${server.url}/arm`,
    serviceName: 'Defender for Cloud',
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
  });
  return { arm, server };
}

const gap = (arrivals: Arrival[], i: number) => arrivals[i]!.at - arrivals[i - 1]!.at;

describe('reading Defender for Cloud', () => {
  it('gets web-prod-01’s critical recommendation, validated by the shared schema', async () => {
    const assessment = await demoArm().get(WEB_PROD_VULNERABILITY, securityAssessmentSchema);
    expect(assessment.properties.status.code).toBe('Unhealthy');
    expect(assessment.properties.resourceDetails.id).toBe(STORY_RESOURCES.webProd01.id);
    expect(recorded.arrivals).toHaveLength(1);
    expect(recorded.arrivals[0]?.headers.authorization).toBeUndefined();
  });

  it('follows nextLink to the end of a list', async () => {
    const expected = demo.tenant.state.defenderForCloud.assessments.length;
    const list = await demoArm().list(`${ASSESSMENTS}&$expand=metadata`, securityAssessmentSchema, {
      maxItems: 1_000,
    });
    expect(list.items).toHaveLength(expected);
    expect(list.truncated).toBe(false);
    expect(list.pages).toBe(Math.ceil(expected / ASSESSMENTS_PAGE_SIZE));
    expect(recorded.arrivals).toHaveLength(list.pages);
    for (const arrival of recorded.arrivals.slice(1)) {
      expect(arrival.url).toMatch(
        /^\/arm\/subscriptions\/.*\/assessments\?api-version=2021-06-01&.*\$skipToken=/,
      );
    }
  });

  it('stops at maxItems and says the list was truncated', async () => {
    const list = await demoArm().list(ASSESSMENTS, securityAssessmentSchema, { maxItems: 60 });
    expect(list.items).toHaveLength(60);
    expect(list.truncated).toBe(true);
    expect(list.pages).toBe(2);
  });

  it('queries attack paths through Resource Graph with a read-only POST', async () => {
    const result = await demoArm().post(
      ARG,
      {
        subscriptions: [DEMO_SUBSCRIPTION_ID],
        query: 'securityresources | where type == "microsoft.security/attackpaths"',
      },
      resourceGraphResponseSchema(attackPathSchema),
      { readOnly: true },
    );
    expect(result.data.some((p) => p.properties.entryPointEntityInternalID?.endsWith('/web-prod-01'))).toBe(
      true,
    );
    expect(recorded.arrivals[0]?.headers['content-type']).toBe('application/json');
  });

  it('turns 404 into NotFoundError and explains a rejected request with ARM’s code and message', async () => {
    const missing = await rejectionOf(
      demoArm().get(
        WEB_PROD_VULNERABILITY.replace(AZURE_ASSESSMENT_KEYS.vulnerabilityFindings, 'nope'),
        securityAssessmentSchema,
      ),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    const rejected = await rejectionOf(demoArm().get(`${SECURITY}/secureScores/ascScore`, secureScoreSchema));
    expect(rejected).toBeInstanceOf(SourceUnavailableError);
    expect((rejected as SourceUnavailableError).status).toBe(400);
    expect((rejected as Error).message).toMatch(
      /rejected the request \(400 MissingApiVersionParameter\): The api-version/,
    );
    const unsupported = await rejectionOf(
      demoArm().post(ARG, { query: 'Resources | take 1' }, resourceGraphResponseSchema(attackPathSchema), {
        readOnly: true,
      }),
    );
    expect((unsupported as Error).message).toMatch(/not supported by the demo tenant/);
  });

  it('refuses data that does not match the schema, as a source failure', async () => {
    const error = await rejectionOf(demoArm().get(SCORE, securityAssessmentSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/Defender for Cloud returned data Ward could not read/);
  });
});

describe('throttling, outages and broken connections', () => {
  it('waits as long as Retry-After (seconds) asks, then succeeds', async () => {
    await addFault({ path: '/secureScores/', status: 429, retryAfterSeconds: 1, times: 1 });
    const score = await demoArm().get(SCORE, secureScoreSchema);
    expect(score.name).toBe('ascScore');
    expect(recorded.arrivals).toHaveLength(2);
    expect(gap(recorded.arrivals, 1)).toBeGreaterThanOrEqual(950);
  });

  it('waits for a Retry-After given as an HTTP date', async () => {
    const { arm, server } = await armOn((_request, response, arrival) => {
      if (server.arrivals.length === 1) {
        // HTTP dates have whole seconds: two seconds ahead is at least one second's wait.
        const when = new Date(Math.ceil((Date.now() + 2_000) / 1_000) * 1_000).toUTCString();
        sendJson(
          response,
          503,
          { error: { code: 'ServiceUnavailable', message: 'busy' } },
          { 'Retry-After': when },
        );
      } else
        sendJson(response, 200, {
          id: 'x',
          name: 'ascScore',
          type: 't',
          properties: { displayName: 'ASC score', score: { max: 1, current: 1, percentage: 1 } },
        });
      void arrival;
    });
    const score = await arm.get(SCORE, secureScoreSchema);
    expect(score.name).toBe('ascScore');
    expect(server.arrivals).toHaveLength(2);
    expect(gap(server.arrivals, 1)).toBeGreaterThanOrEqual(900);
  });

  it('backs off exponentially, with jitter, when no Retry-After is given', async () => {
    const { arm, server } = await armOn((_request, response) => {
      if (server.arrivals.length <= 2)
        sendJson(response, 502, { error: { code: 'BadGateway', message: 'x' } });
      else sendJson(response, 200, { value: [] });
    });
    await arm.list(ASSESSMENTS, securityAssessmentSchema);
    expect(server.arrivals).toHaveLength(3);
    expect(gap(server.arrivals, 1)).toBeGreaterThan(0);
    expect(gap(server.arrivals, 2)).toBeLessThan(5_000);
  });

  it('gives up after maxRetries retries of a 503 that never ends, with the status', async () => {
    await addFault({ path: '/secureScores/', status: 503, retryAfterSeconds: 0 });
    const error = await rejectionOf(demoArm({ maxRetries: 2 }).get(SCORE, secureScoreSchema));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(503);
    expect((error as Error).message).toBe(
      'Defender for Cloud failed (503 serviceNotAvailable) after 2 retries.',
    );
    expect(recorded.arrivals).toHaveLength(3);
  });

  it('says throttling, in words, when 429s outlast the retries', async () => {
    await addFault({ path: '/secureScores/', status: 429, retryAfterSeconds: 0 });
    const error = await rejectionOf(demoArm({ maxRetries: 1 }).get(SCORE, secureScoreSchema));
    expect((error as Error).message).toBe(
      'Defender for Cloud is throttling requests (429) and retries ran out.',
    );
    expect((error as SourceUnavailableError).status).toBe(429);
    expect(recorded.arrivals).toHaveLength(2);
  });

  it('does not sleep past the deadline: a Retry-After longer than the time left ends the call at once', async () => {
    await addFault({ path: '/secureScores/', status: 429, retryAfterSeconds: 30, times: 1 });
    const started = performance.now();
    const error = await rejectionOf(demoArm({ timeoutMs: 3_000 }).get(SCORE, secureScoreSchema));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((error as Error).message).toMatch(/asked Ward to wait 30 s, longer than the time left/);
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('answers "did not answer in time" at the deadline when the source is slow', async () => {
    await addFault({ path: '/secureScores/', delayMs: 5_000, times: 1 });
    const started = performance.now();
    const error = await rejectionOf(demoArm({ timeoutMs: 600 }).get(SCORE, secureScoreSchema));
    const elapsed = performance.now() - started;
    expect((error as Error).message).toMatch(/Defender for Cloud did not answer in time/);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('stops when the caller aborts', async () => {
    await addFault({ path: '/secureScores/', delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const error = await rejectionOf(demoArm().get(SCORE, secureScoreSchema, { signal: controller.signal }));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/cancelled/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('retries a read whose connection dropped, and succeeds', async () => {
    await addFault({ path: '/secureScores/', kind: 'drop', times: 1 });
    const score = await demoArm().get(SCORE, secureScoreSchema);
    expect(score.name).toBe('ascScore');
    expect(recorded.arrivals).toHaveLength(2);
  });

  it('says the source could not be reached when every attempt drops', async () => {
    await addFault({ path: '/secureScores/', kind: 'drop' });
    const error = await rejectionOf(demoArm({ maxRetries: 2 }).get(SCORE, secureScoreSchema));
    expect((error as Error).message).toMatch(
      /Defender for Cloud could not be reached \(GET \/subscriptions\//,
    );
    expect(recorded.arrivals).toHaveLength(3);
  });

  it('refuses a body cut in half as unreadable data', async () => {
    await addFault({ path: '/secureScores/', kind: 'truncate', times: 1 });
    const error = await rejectionOf(demoArm().get(SCORE, secureScoreSchema));
    expect((error as Error).message).toMatch(/returned data Ward could not read/);
  });

  it('never resends a write POST whose connection dropped', async () => {
    const { arm, server } = await armOn((request) => request.socket.destroy());
    const error = await rejectionOf(
      arm.post(`${SECURITY}/something?api-version=2021-06-01`, {}, secureScoreSchema),
    );
    expect((error as Error).message).toMatch(
      /may or may not have been carried out, so Ward did not send it again/,
    );
    expect(server.arrivals).toHaveLength(1);
  });
});

describe('paging safety and credentials', () => {
  it('refuses a nextLink to another host and sends it nothing', async () => {
    const foreign = await startRecordingServer((_request, response) =>
      sendJson(response, 200, { value: [] }),
    );
    servers.push(foreign);
    const { arm, server } = await armOn((_request, response) =>
      sendJson(response, 200, { value: [], nextLink: `${foreign.url}/arm${ASSESSMENTS}&$skipToken=steal` }),
    );
    const error = await rejectionOf(arm.list(ASSESSMENTS, securityAssessmentSchema));
    expect((error as Error).message).toMatch(/next-page link to another host/);
    expect(server.arrivals).toHaveLength(1);
    expect(foreign.arrivals).toHaveLength(0);
  });

  it('refuses a nextLink back to a page already read', async () => {
    const { arm } = await armOn((request, response) =>
      sendJson(response, 200, { value: [], nextLink: `http://${request.headers.host}/arm${ASSESSMENTS}` }),
    );
    const error = await rejectionOf(arm.list(ASSESSMENTS, securityAssessmentSchema));
    expect((error as Error).message).toMatch(/already read/);
  });

  class RecordingCredential implements TokenCredential {
    readonly scopes: (string | string[])[] = [];
    constructor(private readonly answer: () => AccessToken) {}
    async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
      this.scopes.push(scopes);
      return this.answer();
    }
  }

  it('sends no token over http on loopback, even with a credential', async () => {
    const credential = new RecordingCredential(() => ({
      token: 'secret',
      expiresOnTimestamp: Date.now() + 3_600_000,
    }));
    const arm = createArmClient({
      baseUrl: `${recorded.url}/arm`,
      credential,
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    await arm.get(SCORE, secureScoreSchema);
    expect(credential.scopes).toEqual([]);
    expect(recorded.arrivals[0]?.headers.authorization).toBeUndefined();
  });

  it('asks @azure/identity for an ARM token for https://management.azure.com', async () => {
    const credential = new RecordingCredential(() => {
      throw new Error('no identity here');
    });
    const arm = createArmClient({
      baseUrl: 'https://management.azure.com',
      credential,
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    const error = await rejectionOf(arm.get(SCORE, secureScoreSchema));
    expect(credential.scopes).toEqual(['https://management.azure.com/.default']);
    expect((error as Error).message).toMatch(/could not get a token for Azure Resource Manager/);
  });

  it('refuses unsafe settings at construction', () => {
    const credential = new RecordingCredential(() => ({ token: 't', expiresOnTimestamp: 0 }));
    expect(() =>
      createArmClient({ baseUrl: 'http://management.example', credential, timeoutMs: 1, maxRetries: 0 }),
    ).toThrow(ConfigError);
    expect(() => createArmClient({ baseUrl: 'http://10.0.0.4/arm', timeoutMs: 1, maxRetries: 0 })).toThrow(
      /https/,
    );
    expect(() =>
      createArmClient({ baseUrl: 'https://management.azure.com', timeoutMs: 1, maxRetries: 0 }),
    ).toThrow(/no credential/);
  });
});
