/**
 * Ward's ServiceNow client over real HTTP: against the demo tenant's Table API (seeded incidents, basic auth,
 * injected faults) behind a recording server that times every request on arrival, and against small servers
 * for what the demo tenant cannot do (a foreign Link header). Above all: a create is never sent twice once it
 * may have reached ServiceNow, and is retried only when ServiceNow says it did nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServiceNowClient, type ServiceNowClient } from '../../../src/clients/servicenow.js';
import { encodedQuery } from '../../../src/clients/servicenow-encoded-query.js';
import {
  ConfigError,
  InvalidInputError,
  NotFoundError,
  SourceUnavailableError,
} from '../../../src/core/errors.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
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
  demo = await startDemoTenant({ port: 0 });
  recorded = await startRecordingServer((request, response) => demo.tenant.handle(request, response));
});
afterEach(async () => {
  recorded.arrivals.length = 0;
  await fetch(`${demo.url}/_demo/reset`, { method: 'POST' });
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await recorded?.close();
  await demo?.close();
});

function addFault(rule: Record<string, unknown>): Promise<void> {
  return addDemoFault(demo.url, rule);
}

function serviceNow(
  options: { timeoutMs?: number; maxRetries?: number; password?: string; baseUrl?: string } = {},
): ServiceNowClient {
  return createServiceNowClient({
    baseUrl: options.baseUrl ?? `${recorded.url}/servicenow`,
    auth: {
      username: SERVICENOW_DEMO_CREDENTIALS.username,
      password: options.password ?? SERVICENOW_DEMO_CREDENTIALS.password,
    },
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
  });
}

const posts = () => recorded.arrivals.filter((a) => a.method === 'POST');
const incidents = () => demo.tenant.state.serviceNow.incidents;

describe('reading incidents', () => {
  it('follows the Link header to the last page and reports X-Total-Count', async () => {
    const count = incidents().length;
    const list = await serviceNow().listIncidents('', { limit: 7, maxItems: 1_000 });
    expect(list.items).toHaveLength(count);
    expect(list.total).toBe(count);
    expect(list.pages).toBe(Math.ceil(count / 7));
    expect(list.truncated).toBe(false);
    expect(recorded.arrivals).toHaveLength(list.pages);
    expect(recorded.arrivals.every((a) => a.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(recorded.arrivals.at(-1)?.url).toMatch(/sysparm_offset=\d+/);
  });

  it('finds the ticket linked to incident 4211 with a built encoded query', async () => {
    const query = encodedQuery(
      [{ field: 'correlation_id', operator: '=', value: '4211' }],
      [{ field: 'sys_created_on', descending: true }],
    );
    const list = await serviceNow().listIncidents(query);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.short_description).toMatch(/incident 4211/);
    expect(list.items[0]?.caller_id).toMatch(/^[0-9a-f]{32}$/);
    const ticket = await serviceNow().getIncident(list.items[0]!.sys_id);
    expect(ticket.number).toBe(list.items[0]?.number);
  });

  it('stops at maxItems and says the list was truncated', async () => {
    const list = await serviceNow().listIncidents('ORDERBYnumber', { limit: 5, maxItems: 8 });
    expect(list.items).toHaveLength(8);
    expect(list.truncated).toBe(true);
    expect(list.pages).toBe(2);
  });

  it('turns an unknown sys_id into NotFoundError, and refuses one that is not a sys_id without asking', async () => {
    const missing = await rejectionOf(serviceNow().getIncident('0123456789abcdef0123456789abcdef'));
    expect(missing).toBeInstanceOf(NotFoundError);
    const bad = await rejectionOf(serviceNow().getIncident('../sys_user'));
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('explains a wrong password as a 401, without retrying', async () => {
    const error = await rejectionOf(serviceNow({ password: 'wrong' }).listIncidents(''));
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).status).toBe(401);
    expect((error as Error).message).toMatch(
      /^ServiceNow refused access \(401 User Not Authenticated\): check the ServiceNow user name and password/,
    );
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('retries a throttled read after Retry-After', async () => {
    await addFault({ path: '^/servicenow/', status: 429, retryAfterSeconds: 1, times: 1 });
    const list = await serviceNow().listIncidents('correlation_id=4211');
    expect(list.items).toHaveLength(1);
    expect(recorded.arrivals).toHaveLength(2);
    expect(recorded.arrivals[1]!.at - recorded.arrivals[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('answers "did not answer in time" at the deadline', async () => {
    await addFault({ path: '^/servicenow/', delayMs: 5_000, times: 1 });
    const started = performance.now();
    const error = await rejectionOf(serviceNow({ timeoutMs: 500 }).listIncidents(''));
    expect((error as Error).message).toMatch(/ServiceNow did not answer in time/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a Link to another host and sends it nothing', async () => {
    const foreign = await startRecordingServer((_request, response) =>
      sendJson(response, 200, { result: [] }),
    );
    servers.push(foreign);
    const server = await startRecordingServer((_request, response) =>
      sendJson(
        response,
        200,
        { result: [] },
        { Link: `<${foreign.url}/servicenow/api/now/table/incident?sysparm_offset=1>;rel="next"` },
      ),
    );
    servers.push(server);
    const error = await rejectionOf(serviceNow({ baseUrl: `${server.url}/servicenow` }).listIncidents(''));
    expect((error as Error).message).toMatch(/next-page link to another host/);
    expect(foreign.arrivals).toHaveLength(0);
  });
});

describe('reading one incident and its journal', () => {
  it('reads an incident by its number, as pasted, with names and labels, through a built query', async () => {
    const ticket = await serviceNow().readIncident({ number: 'inc0010030' });
    expect(ticket.number.value).toBe('INC0010030');
    expect(ticket.state).toEqual({ value: '2', display: 'In Progress' });
    expect(ticket.caller_id?.display).toBe('Adele Vance');
    expect(ticket.assignment_group?.display).toBe('Security Operations');
    const url = new URL(recorded.arrivals[0]!.url, 'http://x');
    expect(url.pathname).toBe('/servicenow/api/now/table/incident');
    expect(url.searchParams.get('sysparm_query')).toBe('number=INC0010030');
    expect(url.searchParams.get('sysparm_display_value')).toBe('all');
    const again = await serviceNow().readIncident({ sysId: ticket.sys_id.value });
    expect(again.number.value).toBe('INC0010030');
  });

  it('says an unknown number does not exist, and refuses a number with a query in it without asking', async () => {
    const missing = await rejectionOf(serviceNow().readIncident({ number: 'INC0019999' }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe('ServiceNow has no incident INC0019999.');
    expect(recorded.arrivals).toHaveLength(1);
    for (const number of ['INC0010030^ORactive=true', 'INC0010030\nactive=true', 'RITM0010001', '4211']) {
      expect(await rejectionOf(serviceNow().readIncident({ number }))).toBeInstanceOf(InvalidInputError);
    }
    expect(recorded.arrivals).toHaveLength(1);
  });

  it('reads the journal newest first from sys_journal_field', async () => {
    const ticket = await serviceNow().readIncident({ number: 'INC0010030' });
    const query = encodedQuery(
      [
        { field: 'element_id', operator: '=', value: ticket.sys_id.value },
        { field: 'element', operator: 'IN', value: 'comments,work_notes' },
      ],
      [{ field: 'sys_created_on', descending: true }],
    );
    const journal = await serviceNow().listJournalEntries(query, { limit: 2, maxItems: 2 });
    expect(journal.items.map((entry) => entry.element)).toEqual(['work_notes', 'comments']);
    expect(journal.truncated).toBe(true);
    expect(recorded.arrivals.at(-1)?.url).toMatch(/^\/servicenow\/api\/now\/table\/sys_journal_field\?/);
  });

  it('names the journal’s read access when ServiceNow refuses it', async () => {
    // An instance whose ACLs let the user read incidents but not sys_journal_field.
    const server = await startRecordingServer((_request, response) =>
      sendJson(response, 403, {
        error: {
          message: 'Operation Failed',
          detail: 'ACL Exception Read Failed due to security constraints',
        },
        status: 'failure',
      }),
    );
    servers.push(server);
    const error = await rejectionOf(
      serviceNow({ baseUrl: `${server.url}/servicenow` }).listJournalEntries('element_id=0'),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(
      /^ServiceNow refused access \(403 Operation Failed\): .*may read sys_journal_field/,
    );
    expect(server.arrivals).toHaveLength(1);
  });

  it('lists incidents with display values through a dot-walked caller condition', async () => {
    const list = await serviceNow().listDisplayedIncidents(
      encodedQuery(
        [{ field: 'caller_id.email', operator: '=', value: 'adele.vance@contoso.com' }],
        [{ field: 'sys_created_on', descending: true }],
      ),
    );
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((incident) => incident.caller_id?.display === 'Adele Vance')).toBe(true);
  });
});

describe('writing incidents', () => {
  it('creates an incident that reads back, with its idempotency key on the wire; reset restores the table', async () => {
    const before = incidents().length;
    const created = await serviceNow().createIncident(
      {
        short_description: 'Ward: contain adele.vance@contoso.com',
        impact: '1',
        urgency: '1',
        correlation_id: '4211',
      },
      { idempotencyKey: 'action-123' },
    );
    expect(created.number).toMatch(/^INC\d{7}$/);
    expect(created.priority).toBe('1');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.headers['idempotency-key']).toBe('action-123');
    const read = await serviceNow().getIncident(created.sys_id);
    expect(read.short_description).toBe('Ward: contain adele.vance@contoso.com');
    expect(incidents()).toHaveLength(before + 1);

    await fetch(`${demo.url}/_demo/reset`, { method: 'POST' });
    expect(await rejectionOf(serviceNow().getIncident(created.sys_id))).toBeInstanceOf(NotFoundError);
    expect(incidents()).toHaveLength(before);
  });

  it('never resends a create whose connection dropped: the incident exists once, and the error says so', async () => {
    const before = incidents().length;
    await addFault({ path: '^/servicenow/api/now/table/incident$', kind: 'drop', times: 1 });
    const error = await rejectionOf(
      serviceNow().createIncident(
        { short_description: 'dropped on the way back' },
        { idempotencyKey: 'k-drop' },
      ),
    );
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(
      /connection to ServiceNow dropped during POST \/api\/now\/table\/incident; it may or may not have been carried out, so Ward did not send it again/,
    );
    expect(posts()).toHaveLength(1);
    expect(incidents()).toHaveLength(before + 1);
  });

  it('never resends a create that timed out', async () => {
    await addFault({ path: '^/servicenow/api/now/table/incident$', delayMs: 2_000, times: 1 });
    const error = await rejectionOf(
      serviceNow({ timeoutMs: 500 }).createIncident(
        { short_description: 'slow' },
        { idempotencyKey: 'k-slow' },
      ),
    );
    expect((error as Error).message).toMatch(/did not answer in time .*Ward did not send it again/);
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(posts()).toHaveLength(1);
  });

  it('retries a create ServiceNow throttled (429: nothing was done), creating exactly one incident', async () => {
    const before = incidents().length;
    await addFault({
      path: '^/servicenow/api/now/table/incident$',
      status: 429,
      retryAfterSeconds: 0,
      times: 1,
    });
    await serviceNow().createIncident({ short_description: 'throttled once' }, { idempotencyKey: 'k-429' });
    expect(posts()).toHaveLength(2);
    expect(incidents()).toHaveLength(before + 1);
  });

  it('retries a create refused with 503 and Retry-After, but not a bare 503 or a 500', async () => {
    await addFault({
      path: '^/servicenow/api/now/table/incident$',
      status: 503,
      retryAfterSeconds: 0,
      times: 1,
    });
    await serviceNow().createIncident({ short_description: 'refused once' }, { idempotencyKey: 'k-503' });
    expect(posts()).toHaveLength(2);

    for (const status of [503, 500]) {
      recorded.arrivals.length = 0;
      await addFault({ path: '^/servicenow/api/now/table/incident$', status, times: 1 });
      const error = await rejectionOf(
        serviceNow().createIncident(
          { short_description: `failed ${status}` },
          { idempotencyKey: `k-${status}` },
        ),
      );
      expect((error as SourceUnavailableError).status).toBe(status);
      expect((error as Error).message).toMatch(/may or may not have been carried out/);
      expect(posts()).toHaveLength(1);
    }
  });

  it('refuses fields Ward may not set, and a missing idempotency key, before sending anything', async () => {
    const unknown = await rejectionOf(
      serviceNow().createIncident(
        { short_description: 'x', sys_id: 'abc' } as unknown as Parameters<
          ServiceNowClient['createIncident']
        >[0],
        { idempotencyKey: 'k' },
      ),
    );
    expect(unknown).toBeInstanceOf(InvalidInputError);
    const noKey = await rejectionOf(
      serviceNow().createIncident({ short_description: 'x' }, { idempotencyKey: ' ' }),
    );
    expect(noKey).toBeInstanceOf(InvalidInputError);
    expect(recorded.arrivals).toHaveLength(0);
  });

  it('updates an incident with PATCH', async () => {
    const ticket = (await serviceNow().listIncidents('correlation_id=4211')).items[0]!;
    const updated = await serviceNow().updateIncident(ticket.sys_id, {
      state: '6',
      close_code: 'Solved (Permanently)',
      close_notes: 'Account contained by Ward.',
    });
    expect(updated.state).toBe('6');
    expect(updated.resolved_at).not.toBe('');
    expect(recorded.arrivals.at(-1)?.method).toBe('PATCH');
  });

  it('refuses to send a password over plain http to anything but loopback', () => {
    expect(() =>
      createServiceNowClient({
        baseUrl: 'http://contoso.service-now.com',
        auth: { username: 'u', password: 'p' },
        timeoutMs: 1_000,
        maxRetries: 0,
      }),
    ).toThrow(ConfigError);
  });
});
