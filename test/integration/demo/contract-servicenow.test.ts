/**
 * The demo tenant's ServiceNow answers the Table API's paths and shapes: every response parses with the
 * ServiceNow client's own schemas (`src/clients/servicenow-resources.ts`), lists page with `Link` headers and
 * `X-Total-Count` to the end, `sysparm_query`/`sysparm_fields`/`sysparm_display_value` behave, basic auth is
 * required, errors are `{ error: { message, detail }, status: "failure" }`, the journal (`sys_journal_field`)
 * holds the comments and work notes of incidents, conditions dot-walk one reference, writes change state and
 * `POST /_demo/reset` restores it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServiceNowIncident,
  serviceNowDisplayedIncidentSchema,
  serviceNowErrorSchema,
  serviceNowIncidentSchema,
  serviceNowJournalEntrySchema,
  serviceNowListSchema,
  serviceNowRecordSchema,
  serviceNowResultSchema,
} from '../../../src/clients/servicenow-resources.js';
import {
  ADELE_TICKET_INJECTED_REPLY,
  FIRST_INCIDENT_NUMBER,
} from '../../../src/demo/seed/seed-service-now.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { getJson, SEEDED_AT, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const BASIC = `Basic ${Buffer.from(`${SERVICENOW_DEMO_CREDENTIALS.username}:${SERVICENOW_DEMO_CREDENTIALS.password}`).toString('base64')}`;
const AUTH = { authorization: BASIC };
const HOUR = 3_600_000;

let tenant: TestTenant;
let table: string;
beforeAll(async () => {
  tenant = await startTestTenant();
  table = `${tenant.serviceNowUrl}/api/now/table/incident`;
});
afterEach(async () => {
  tenant.clock.now = SEEDED_AT;
  await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await tenant.close();
});

function nextLink(header: string | null): string | undefined {
  return /<([^>]*)>;rel="next"/.exec(header ?? '')?.[1];
}

async function listAll(
  query: string,
): Promise<{ items: ServiceNowIncident[]; pages: number; total: number }> {
  const schema = serviceNowListSchema(serviceNowIncidentSchema);
  const items: ServiceNowIncident[] = [];
  let next: string | undefined = `${table}?${query}`;
  let pages = 0;
  let total = -1;
  while (next !== undefined) {
    const response = await getJson(next, { headers: AUTH });
    expect(response.status).toBe(200);
    items.push(...schema.parse(response.body).result);
    total = Number(response.headers.get('x-total-count'));
    pages += 1;
    next = nextLink(response.headers.get('link'));
    if (pages > 100) throw new Error('Link: rel="next" never ended');
  }
  return { items, pages, total };
}

describe('reading incidents', () => {
  it('pages with Link rel="next" and X-Total-Count to the end', async () => {
    const count = tenant.tenant.state.serviceNow.incidents.length;
    expect(count).toBeGreaterThanOrEqual(28);
    const { items, pages, total } = await listAll('sysparm_limit=7');
    expect(total).toBe(count);
    expect(items).toHaveLength(count);
    expect(pages).toBe(Math.ceil(count / 7));
    expect(new Set(items.map((i) => i.sys_id)).size).toBe(count);
    const first = await getJson(`${table}?sysparm_limit=7`, { headers: AUTH });
    const link = first.headers.get('link') ?? '';
    expect(link).toMatch(/rel="first"/);
    expect(link).toMatch(/rel="last"/);
    expect(link).not.toMatch(/rel="prev"/);
  });

  it('filters with sysparm_query (=, LIKE, ^OR) and orders with ORDERBYDESCsys_created_on', async () => {
    const { items } = await listAll('sysparm_query=category=security^ORDERBYDESCsys_created_on');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.category === 'security')).toBe(true);
    const created = items.map((i) => i.sys_created_on!);
    expect(created).toEqual([...created].sort().reverse());
    expect(items[0]?.correlation_id).toBe('4211');

    const like = await listAll(`sysparm_query=${encodeURIComponent('short_descriptionLIKEweb-prod-01')}`);
    expect(like.items.map((i) => i.short_description)).toEqual([
      'Critical vulnerability on internet-facing VM web-prod-01',
    ]);
    const either = await listAll(`sysparm_query=${encodeURIComponent('state=1^ORstate=2')}`);
    expect(either.items.every((i) => i.state === '1' || i.state === '2')).toBe(true);
    expect(new Set(either.items.map((i) => i.state))).toEqual(new Set(['1', '2']));
    const nothing = await listAll('sysparm_query=no_such_field=1');
    expect(nothing.items).toEqual([]);
  });

  it('finds the ticket linked to Defender XDR incident 4211 by correlation_id', async () => {
    const { items } = await listAll('sysparm_query=correlation_id=4211');
    expect(items).toHaveLength(1);
    const [ticket] = items;
    expect(ticket?.short_description).toMatch(/incident 4211/);
    expect(ticket?.description).toMatch(/adele\.vance@contoso\.com/);
    expect(ticket?.correlation_display).toBe('Microsoft Defender XDR');
    expect(ticket?.state).toBe('2');
    expect(ticket?.category).toBe('security');
    const one = await getJson(`${table}/${ticket!.sys_id}`, { headers: AUTH });
    expect(serviceNowResultSchema(serviceNowIncidentSchema).parse(one.body).result.number).toBe(
      ticket?.number,
    );
  });

  it('projects sysparm_fields and writes references as { link, value } unless asked not to', async () => {
    const response = await getJson(
      `${table}?sysparm_limit=1&sysparm_fields=number,caller_id,sys_created_on`,
      {
        headers: AUTH,
      },
    );
    const [record] = serviceNowListSchema(serviceNowRecordSchema).parse(response.body).result;
    expect(Object.keys(record!)).toEqual(['number', 'caller_id', 'sys_created_on']);
    expect(record?.caller_id).toEqual({
      link: expect.stringMatching(/\/servicenow\/api\/now\/table\/sys_user\/[0-9a-f]{32}$/),
      value: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(record?.sys_created_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const caller = await getJson((record!.caller_id as { link: string }).link, { headers: AUTH });
    expect(caller.status).toBe(200);
    const bare = await getJson(`${table}?sysparm_limit=1&sysparm_exclude_reference_link=true`, {
      headers: AUTH,
    });
    expect(typeof serviceNowListSchema(serviceNowRecordSchema).parse(bare.body).result[0]?.caller_id).toBe(
      'string',
    );
  });

  it('writes display values with sysparm_display_value=true, and both with all', async () => {
    const query = 'sysparm_query=correlation_id=4211';
    const shown = serviceNowListSchema(serviceNowRecordSchema).parse(
      (await getJson(`${table}?${query}&sysparm_display_value=true`, { headers: AUTH })).body,
    ).result[0]!;
    expect(shown.state).toBe('In Progress');
    expect(shown.priority).toBe('2 - High');
    expect(shown.caller_id).toEqual({ display_value: 'Adele Vance', link: expect.any(String) });
    const both = serviceNowListSchema(serviceNowRecordSchema).parse(
      (await getJson(`${table}?${query}&sysparm_display_value=all`, { headers: AUTH })).body,
    ).result[0]!;
    expect(both.state).toEqual({ display_value: 'In Progress', value: '2' });
  });

  it('slides dates with the clock', async () => {
    const url = `${table}?sysparm_query=correlation_id=4211&sysparm_fields=sys_created_on`;
    const before = serviceNowListSchema(serviceNowRecordSchema).parse(
      (await getJson(url, { headers: AUTH })).body,
    );
    tenant.clock.now = new Date(SEEDED_AT.getTime() + 2 * HOUR);
    const after = serviceNowListSchema(serviceNowRecordSchema).parse(
      (await getJson(url, { headers: AUTH })).body,
    );
    const at = (text: unknown) => Date.parse(`${String(text).replace(' ', 'T')}Z`);
    expect(at(after.result[0]?.sys_created_on) - at(before.result[0]?.sys_created_on)).toBe(2 * HOUR);
  });
});

describe('reading the journal and dot-walked conditions', () => {
  const journalTable = () => `${tenant.serviceNowUrl}/api/now/table/sys_journal_field`;

  it('serves an incident’s comments and work notes from sys_journal_field, newest first, in the client’s shape', async () => {
    const [ticket] = (await listAll('sysparm_query=correlation_id=4211')).items;
    const query = `element_id=${ticket!.sys_id}^elementINcomments,work_notes^ORDERBYDESCsys_created_on`;
    const response = await getJson(`${journalTable()}?sysparm_query=${encodeURIComponent(query)}`, {
      headers: AUTH,
    });
    expect(response.status).toBe(200);
    const entries = serviceNowListSchema(serviceNowJournalEntrySchema).parse(response.body).result;
    expect(entries.map((entry) => [entry.element, entry.sys_created_by])).toEqual([
      ['work_notes', 'isaiah.langer'],
      ['comments', 'adele.vance'],
      ['comments', 'isaiah.langer'],
    ]);
    expect(entries.every((entry) => entry.element_id === ticket!.sys_id && entry.name === 'incident')).toBe(
      true,
    );
    expect(entries[1]?.value).toBe(ADELE_TICKET_INJECTED_REPLY);
    expect(entries[0]?.sys_created_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const one = await getJson(`${journalTable()}/${entries[0]!.sys_id}`, { headers: AUTH });
    expect(serviceNowResultSchema(serviceNowJournalEntrySchema).parse(one.body).result.value).toMatch(
      /EncodedCommand/,
    );
  });

  it('keeps the journal read-only, and appends a comment or work note sent with a new incident', async () => {
    const refused = await getJson(journalTable(), {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ element_id: '0'.repeat(32), element: 'comments', value: 'x' }),
    });
    expect(refused.status).toBe(403);
    const created = serviceNowResultSchema(serviceNowIncidentSchema).parse(
      (
        await getJson(`${table}?sysparm_exclude_reference_link=true`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify({ short_description: 'from Ward', work_notes: 'Opened by Ward.' }),
        })
      ).body,
    ).result;
    const query = `element_id=${created.sys_id}^elementINcomments,work_notes`;
    const entries = serviceNowListSchema(serviceNowJournalEntrySchema).parse(
      (await getJson(`${journalTable()}?sysparm_query=${encodeURIComponent(query)}`, { headers: AUTH })).body,
    ).result;
    expect(entries).toEqual([
      expect.objectContaining({
        element: 'work_notes',
        value: 'Opened by Ward.',
        sys_created_by: SERVICENOW_DEMO_CREDENTIALS.username,
      }),
    ]);
  });

  it('filters through one reference (caller_id.email, assignment_group.name) and refuses two', async () => {
    const byCaller = await listAll(
      `sysparm_query=${encodeURIComponent('caller_id.email=Adele.Vance@contoso.com^ORDERBYDESCsys_created_on')}`,
    );
    expect(byCaller.items.length).toBeGreaterThan(0);
    expect(byCaller.items[0]?.correlation_id).toBe('4211');
    const adele = tenant.tenant.state.serviceNow.users.find(
      (user) => user.email === 'adele.vance@contoso.com',
    );
    expect(byCaller.items.every((incident) => incident.caller_id === adele?.sys_id)).toBe(true);

    const byGroup = await listAll(
      `sysparm_query=${encodeURIComponent('assignment_group.nameLIKEsecurity oper')}`,
    );
    const soc = tenant.tenant.state.serviceNow.groups.find((group) => group.name === 'Security Operations');
    expect(byGroup.items.length).toBeGreaterThan(0);
    expect(byGroup.items.every((incident) => incident.assignment_group === soc?.sys_id)).toBe(true);
    expect((await listAll('sysparm_query=short_description.name=x')).items).toEqual([]);

    const deep = await getJson(
      `${table}?sysparm_query=${encodeURIComponent('caller_id.manager.email=x@contoso.com')}`,
      { headers: AUTH },
    );
    expect(deep.status).toBe(400);
  });

  it('writes display values with all that the client reads as names and labels, raw times in UTC', async () => {
    const response = await getJson(
      `${table}?sysparm_query=correlation_id=4211&sysparm_display_value=all&sysparm_exclude_reference_link=true`,
      { headers: AUTH },
    );
    const [ticket] = serviceNowListSchema(serviceNowDisplayedIncidentSchema).parse(response.body).result;
    expect(ticket?.state).toEqual({ value: '2', display: 'In Progress' });
    expect(ticket?.caller_id?.display).toBe('Adele Vance');
    expect(ticket?.assignment_group?.display).toBe('Security Operations');
    expect(ticket?.assigned_to?.display).toBe('Isaiah Langer');
    expect(ticket?.opened_at?.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});

describe('errors, as ServiceNow answers them', () => {
  it('answers 401 without credentials or with a wrong password, asking for basic auth', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Basic ${Buffer.from('ward-demo:wrong').toString('base64')}` },
    ]) {
      const response = await getJson(table, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      const error = serviceNowErrorSchema.parse(response.body);
      expect(error.status).toBe('failure');
      expect(error.error.message).toBe('User Not Authenticated');
    }
  });

  it('answers 404 "No Record found" for an unknown sys_id and 400 for an unknown table', async () => {
    const missing = await getJson(`${table}/0123456789abcdef0123456789abcdef`, { headers: AUTH });
    expect(missing.status).toBe(404);
    expect(serviceNowErrorSchema.parse(missing.body).error.message).toBe('No Record found');
    const invalid = await getJson(`${tenant.serviceNowUrl}/api/now/table/not_a_table`, { headers: AUTH });
    expect(invalid.status).toBe(400);
    expect(serviceNowErrorSchema.parse(invalid.body).error.message).toBe('Invalid table not_a_table');
  });

  it('refuses a query it cannot read with a 400 that says so', async () => {
    const response = await getJson(
      `${table}?sysparm_query=${encodeURIComponent('sys_created_on>javascript:gs.daysAgoStart(7)')}`,
      { headers: AUTH },
    );
    expect(response.status).toBe(400);
    expect(serviceNowErrorSchema.parse(response.body).error.detail).toMatch(
      /not supported by the demo instance/,
    );
  });
});

describe('writing incidents', () => {
  async function create(body: unknown) {
    return getJson(`${table}?sysparm_exclude_reference_link=true`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('creates an incident (201, INC number, sys_id, Location) that reads back, and reset removes it', async () => {
    const count = tenant.tenant.state.serviceNow.incidents.length;
    const response = await create({
      short_description: 'Ward: test ticket',
      impact: '1',
      urgency: '2',
      u_unknown: 'x',
    });
    expect(response.status).toBe(201);
    const created = serviceNowResultSchema(serviceNowIncidentSchema).parse(response.body).result;
    expect(created.number).toBe(`INC${String(FIRST_INCIDENT_NUMBER + count).padStart(7, '0')}`);
    expect(created.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.priority).toBe('2');
    expect(created.state).toBe('1');
    expect(created.sys_created_by).toBe(SERVICENOW_DEMO_CREDENTIALS.username);
    expect(response.headers.get('location')).toBe(`${table}/${created.sys_id}`);

    const read = await getJson(`${table}/${created.sys_id}`, { headers: AUTH });
    expect(serviceNowResultSchema(serviceNowIncidentSchema).parse(read.body).result.short_description).toBe(
      'Ward: test ticket',
    );
    expect(tenant.tenant.state.serviceNow.incidents).toHaveLength(count + 1);

    await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
    expect((await getJson(`${table}/${created.sys_id}`, { headers: AUTH })).status).toBe(404);
    expect(tenant.tenant.state.serviceNow.incidents).toHaveLength(count);
  });

  it('updates with PATCH and PUT: resolving sets resolved_at and active=false; work notes go to the journal', async () => {
    const created = serviceNowResultSchema(serviceNowIncidentSchema).parse(
      (await create({ short_description: 'to resolve' })).body,
    ).result;
    const patched = await getJson(`${table}/${created.sys_id}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ state: '6', close_code: 'Solved (Permanently)', work_notes: 'Done by Ward' }),
    });
    expect(patched.status).toBe(200);
    const resolved = serviceNowResultSchema(serviceNowIncidentSchema).parse(patched.body).result;
    expect(resolved.state).toBe('6');
    expect(resolved.active).toBe('false');
    expect(resolved.resolved_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(resolved.sys_mod_count).toBe('1');
    expect(tenant.tenant.state.serviceNow.journal.at(-1)).toMatchObject({
      element_id: created.sys_id,
      element: 'work_notes',
      value: 'Done by Ward',
    });
    const put = await getJson(`${table}/${created.sys_id}`, {
      method: 'PUT',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ urgency: '1' }),
    });
    expect(serviceNowResultSchema(serviceNowIncidentSchema).parse(put.body).result.urgency).toBe('1');
  });

  it('refuses a body that is not JSON, a write to an unknown record, and deletes', async () => {
    const notJson = await getJson(table, { method: 'POST', headers: AUTH, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(serviceNowErrorSchema.parse(notJson.body).error.message).toBe('Exception while reading request');
    const unknown = await getJson(`${table}/0123456789abcdef0123456789abcdef`, {
      method: 'PATCH',
      headers: AUTH,
      body: '{"state":"2"}',
    });
    expect(unknown.status).toBe(404);
    const incident = tenant.tenant.state.serviceNow.incidents[0]!;
    const deleted = await getJson(`${table}/${incident.sys_id}`, { method: 'DELETE', headers: AUTH });
    expect(deleted.status).toBe(403);
    expect(serviceNowErrorSchema.parse(deleted.body).error.detail).toMatch(/Delete Failed/);
  });
});
