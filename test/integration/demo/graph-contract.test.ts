import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticationMethodSchema,
  collectionSchema,
  graphErrorSchema,
  riskDetectionSchema,
  riskyUserSchema,
  signInSchema,
  userSchema,
} from '../../../src/clients/graph-resources.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  startTestTenant,
  type TestTenant,
} from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

const adele = STORY_PEOPLE.adele;

describe('the demo tenant answers in the shapes of Microsoft Graph v1.0', () => {
  it.each([
    ['/users', userSchema, 'users'],
    ['/identityProtection/riskyUsers', riskyUserSchema, 'identityProtection/riskyUsers'],
    ['/identityProtection/riskDetections', riskDetectionSchema, 'identityProtection/riskDetections'],
    ['/auditLogs/signIns', signInSchema, 'auditLogs/signIns'],
    [
      `/users/${adele.id}/authentication/methods`,
      authenticationMethodSchema,
      `users('${adele.id}')/authentication/methods`,
    ],
  ] as const)(
    'GET %s parses with the shared schema and names its @odata.context',
    async (path, schema, context) => {
      const response = await getJson(`${tenant.graph}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('content-type')).toContain('application/json');
      const page = collectionSchema(schema).parse(response.body);
      expect(page['@odata.context']).toBe(`${tenant.graph}/$metadata#${context}`);
      expect(page.value.length).toBeGreaterThan(0);
    },
  );

  it('GET /users/{id} and /users/{userPrincipalName} return the same user, with the default properties only', async () => {
    const byId = await getJson(`${tenant.graph}/users/${adele.id}`);
    const byUpn = await getJson(`${tenant.graph}/users/${encodeURIComponent('Adele.Vance@contoso.com')}`);
    expect(byId.status).toBe(200);
    expect(byUpn.body).toEqual(byId.body);
    const user = userSchema.parse(byId.body);
    expect(user).toMatchObject({
      id: adele.id,
      displayName: 'Adele Vance',
      userPrincipalName: adele.userPrincipalName,
    });
    expect(byId.body).toHaveProperty('@odata.context', `${tenant.graph}/$metadata#users/$entity`);
    expect(byId.body).not.toHaveProperty('department');
  });

  it('$select returns exactly the selected properties and says so in @odata.context', async () => {
    const response = await getJson(
      `${tenant.graph}/users/${adele.id}${query({ $select: 'id,department,accountEnabled' })}`,
    );
    expect(response.body).toEqual({
      '@odata.context': `${tenant.graph}/$metadata#users(id,department,accountEnabled)/$entity`,
      id: adele.id,
      department: 'Retail',
      accountEnabled: true,
    });
  });

  it('GET /identityProtection/riskyUsers/{id} and /auditLogs/signIns/{id} return single entities', async () => {
    const risky = await getJson(`${tenant.graph}/identityProtection/riskyUsers/${adele.id}`);
    expect(riskyUserSchema.parse(risky.body).riskLevel).toBe('high');
    const list = collectionSchema(signInSchema).parse(
      (await getJson(`${tenant.graph}/auditLogs/signIns?$top=1`)).body,
    );
    const one = await getJson(`${tenant.graph}/auditLogs/signIns/${list.value[0]!.id}`);
    expect(signInSchema.parse(one.body).id).toBe(list.value[0]!.id);
  });

  it('serves the same under /beta', async () => {
    const response = await getJson(`${tenant.graphUrl}/beta/identityProtection/riskyUsers/${adele.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty(
      '@odata.context',
      `${tenant.graphUrl}/beta/$metadata#identityProtection/riskyUsers/$entity`,
    );
  });

  it('echoes client-request-id', async () => {
    const response = await getJson(`${tenant.graph}/users?$top=1`, {
      headers: { 'client-request-id': 'abc-123' },
    });
    expect(response.headers.get('client-request-id')).toBe('abc-123');
  });
});

describe('filters, ordering and paging', () => {
  it('finds users by any name part with case-insensitive startswith, or and parentheses', async () => {
    const filter = `startswith(displayName,${odata('ADELE')}) or (startswith(givenName,${odata('meg')}) and startswith(surname,${odata('bow')})) or userPrincipalName eq ${odata('ALEX.WILBER@contoso.com')}`;
    const { items } = await getAllPages(
      `${tenant.graph}/users${query({ $filter: filter, $select: 'id,displayName' })}`,
      userSchema,
    );
    expect(items.map((u) => u.displayName).sort()).toEqual(['Adele Vance', 'Alex Wilber', 'Megan Bowen']);
  });

  it('filters risky users by level and state, and pages 20 at a time by default', async () => {
    const all = await getAllPages(
      `${tenant.graph}/identityProtection/riskyUsers${query({ $top: 4 })}`,
      riskyUserSchema,
    );
    expect(all.pages).toBe(Math.ceil(all.items.length / 4));
    const high = await getAllPages(
      `${tenant.graph}/identityProtection/riskyUsers${query({ $filter: "riskState eq 'atRisk' and (riskLevel eq 'high' or riskLevel eq 'medium')" })}`,
      riskyUserSchema,
    );
    expect(high.items.length).toBeGreaterThan(1);
    expect(
      high.items.every((u) => u.riskState === 'atRisk' && ['high', 'medium'].includes(u.riskLevel)),
    ).toBe(true);
  });

  it('lists risk detections for a user since a time, newest first', async () => {
    const since = new Date(Date.parse('2025-06-11T15:00:00Z') - 86_400_000).toISOString();
    const filter = `userId eq ${odata(adele.id)} and detectedDateTime ge ${since}`;
    const { items } = await getAllPages(
      `${tenant.graph}/identityProtection/riskDetections${query({ $filter: filter, $orderby: 'detectedDateTime desc', $top: 2 })}`,
      riskDetectionSchema,
    );
    expect(items).toHaveLength(3);
    const times = items.map((d) => d.detectedDateTime ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages through all sign-ins of a filter with nextLink, 100 at a time by default, without loss or repeats', async () => {
    const filter = `createdDateTime ge 2025-06-08T00:00:00Z`;
    const first = await getJson(
      `${tenant.graph}/auditLogs/signIns${query({ $filter: filter, $count: true })}`,
    );
    const page = collectionSchema(signInSchema).parse(first.body);
    expect(page.value).toHaveLength(100);
    expect(page['@odata.nextLink']).toMatch(
      new RegExp(`^${tenant.graph}/auditLogs/signIns\\?.*\\$skiptoken=`),
    );
    const { items, pages } = await getAllPages(
      `${tenant.graph}/auditLogs/signIns${query({ $filter: filter })}`,
      signInSchema,
    );
    expect(items).toHaveLength(page['@odata.count']!);
    expect(pages).toBe(Math.ceil(items.length / 100));
    expect(new Set(items.map((s) => s.id)).size).toBe(items.length);
    expect(items.every((s) => s.createdDateTime >= '2025-06-08T00:00:00Z')).toBe(true);
  });

  it('answers $count on users only with ConsistencyLevel: eventual, as Graph does', async () => {
    const refused = await getJson(`${tenant.graph}/users?$count=true`);
    expect(refused.status).toBe(400);
    const counted = await getJson(`${tenant.graph}/users?$count=true&$top=5`, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(collectionSchema(userSchema).parse(counted.body)['@odata.count']).toBeGreaterThanOrEqual(200);
  });
});

describe('errors, in the shape Graph sends them', () => {
  async function expectGraphError(url: string, status: number, code: string, message: string | RegExp) {
    const response = await getJson(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('request-id')).toBeTruthy();
    const body = graphErrorSchema.parse(response.body);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(body.error.innerError).toMatchObject({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': response.headers.get('request-id'),
      'client-request-id': expect.any(String),
    });
  }

  it('404s an unknown user with Graph’s own message', async () => {
    await expectGraphError(
      `${tenant.graph}/users/nobody@contoso.com`,
      404,
      'Request_ResourceNotFound',
      "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
    );
    await expectGraphError(
      `${tenant.graph}/users/nobody@contoso.com/authentication/methods`,
      404,
      'Request_ResourceNotFound',
      /does not exist/,
    );
  });

  it('404s a riskyUser for someone Identity Protection never flagged', async () => {
    await expectGraphError(
      `${tenant.graph}/identityProtection/riskyUsers/${STORY_PEOPLE.lynne.id}`,
      404,
      'itemNotFound',
      /no risk record/,
    );
  });

  it('refuses unsupported filters, options and paths by name', async () => {
    await expectGraphError(
      `${tenant.graph}/auditLogs/signIns${query({ $filter: "jobTitle eq 'x'" })}`,
      400,
      'Request_UnsupportedQuery',
      /'jobTitle'/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $filter: "contains(displayName,'a')" })}`,
      400,
      'Request_UnsupportedQuery',
      /'contains'/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $filter: "displayName eq 'x" })}`,
      400,
      'BadRequest',
      /unterminated string/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $expand: 'manager' })}`,
      400,
      'BadRequest',
      /'\$expand' is not supported/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $select: 'id,shoeSize' })}`,
      400,
      'BadRequest',
      /Could not find a property named 'shoeSize' on type 'microsoft.graph.user'/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $top: 1000 })}`,
      400,
      'BadRequest',
      /Must be between 1 and 999/,
    );
    await expectGraphError(
      `${tenant.graph}/users${query({ $skiptoken: 'forged' })}`,
      400,
      'BadRequest',
      /\$skiptoken/,
    );
    await expectGraphError(
      `${tenant.graph}/devices`,
      400,
      'BadRequest',
      /Resource not found for the segment 'devices'/,
    );
    await expectGraphError(
      `${tenant.graph}/users/${adele.id}/ownedDevices`,
      400,
      'BadRequest',
      /segment 'ownedDevices'/,
    );
    await expectGraphError(`${tenant.graph}/me`, 400, 'BadRequest', /delegated authentication flow/);
    await expectGraphError(`${tenant.graphUrl}/v2.0/users`, 400, 'BadRequest', /Invalid version/);
    // Log Analytics, ARM and ServiceNow have their own prefixes now; a path under none of them is still a 404.
    await expectGraphError(`${tenant.url}/nowhere/v1/things`, 404, 'NotFound', /serves no service/);
  });

  it('refuses methods other than GET on Graph paths', async () => {
    const response = await getJson(`${tenant.graph}/users`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(graphErrorSchema.parse(response.body).error.message).toContain("'POST'");
  });
});
