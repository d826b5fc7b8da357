import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huntingQueryResultsSchema } from '../../../src/clients/graph-hunting-resources.js';
import {
  collectionSchema,
  graphErrorSchema,
  type SecurityAlert,
  securityAlertSchema,
  securityIncidentSchema,
} from '../../../src/clients/graph-resources.js';
import {
  DECODED_STAGER,
  ENCODED_COMMAND_LINE,
  STAGER_URL,
} from '../../../src/demo/seed/encoded-powershell.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { NAMED_DEVICE_IDS } from '../../../src/demo/seed/seed-devices.js';
import {
  getAllPages,
  getJson,
  query,
  SEEDED_AT,
  sendJson,
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

const { adele } = STORY_PEOPLE;
const DAY = 86_400_000;

function evidenceOf(alert: SecurityAlert, type: string) {
  return (alert.evidence ?? []).filter((e) => e['@odata.type'] === `#microsoft.graph.security.${type}`);
}

describe('Defender XDR incidents, as Microsoft Graph v1.0 serves them', () => {
  it('GET /security/incidents pages 20 at a time, newest first, to the end', async () => {
    const first = await getJson(`${tenant.graph}/security/incidents`);
    const page = collectionSchema(securityIncidentSchema).parse(first.body);
    expect(page['@odata.context']).toBe(`${tenant.graph}/$metadata#security/incidents`);
    expect(page.value).toHaveLength(20);
    expect(page.value[0]!.id).toBe('4211');
    const { items, pages } = await getAllPages(`${tenant.graph}/security/incidents`, securityIncidentSchema);
    expect(pages).toBe(Math.ceil(items.length / 20));
    const created = items.map((i) => i.createdDateTime);
    expect([...created].sort().reverse()).toEqual(created);
    expect(items.every((i) => SEEDED_AT.getTime() - Date.parse(i.createdDateTime) <= 31 * DAY)).toBe(true);
  });

  it('filters incidents by status and severity, honours $top, and refuses $top above 50', async () => {
    const { items } = await getAllPages(
      `${tenant.graph}/security/incidents${query({ $filter: "status eq 'active' and severity eq 'high'", $top: 5 })}`,
      securityIncidentSchema,
    );
    expect(items.map((i) => i.id)).toContain('4211');
    expect(items.every((i) => i.status === 'active' && i.severity === 'high')).toBe(true);
    const resolved = await getAllPages(
      `${tenant.graph}/security/incidents${query({ $filter: "status eq 'resolved'" })}`,
      securityIncidentSchema,
    );
    expect(resolved.items.length).toBeGreaterThan(10);
    expect(resolved.items.every((i) => i.classification !== 'unknown')).toBe(true);
    const tooMany = await getJson(`${tenant.graph}/security/incidents${query({ $top: 51 })}`);
    expect(tooMany.status).toBe(400);
    expect(graphErrorSchema.parse(tooMany.body).error.message).toMatch(/between 1 and 50/);
  });

  it('incident 4211 tells Adele’s story: high, active, on adele.vance and DESKTOP-ADELE01', async () => {
    const response = await getJson(`${tenant.graph}/security/incidents/4211${query({ $expand: 'alerts' })}`);
    expect(response.body).toHaveProperty(
      '@odata.context',
      `${tenant.graph}/$metadata#security/incidents(alerts())/$entity`,
    );
    const incident = securityIncidentSchema.parse(response.body);
    expect(incident).toMatchObject({
      id: '4211',
      severity: 'high',
      status: 'active',
      displayName: 'Multi-stage incident involving Initial access & Credential access on one endpoint',
    });
    const alerts = incident.alerts ?? [];
    expect(alerts.map((a) => a.title).sort()).toEqual([
      'Anonymous IP address',
      'Atypical travel',
      'Password spray',
      'Suspicious PowerShell command line',
    ]);
    expect(alerts.every((a) => a.incidentId === '4211')).toBe(true);
    const users = alerts.flatMap((a) => evidenceOf(a, 'userEvidence'));
    expect(users.every((u) => u.userAccount?.userPrincipalName === adele.userPrincipalName)).toBe(true);
    const addresses = alerts.flatMap((a) => evidenceOf(a, 'ipEvidence').map((e) => e.ipAddress));
    expect(addresses).toEqual(expect.arrayContaining(['192.0.2.45', '192.0.2.66']));
    const spray = alerts.find((a) => a.title === 'Password spray')!;
    expect(evidenceOf(spray, 'ipEvidence')[0]).toMatchObject({
      ipAddress: '192.0.2.45',
      countryLetterCode: 'RO',
    });
    const anonymous = alerts.find((a) => a.title === 'Anonymous IP address')!;
    expect(evidenceOf(anonymous, 'ipEvidence')[0]).toMatchObject({
      ipAddress: '192.0.2.66',
      countryLetterCode: 'NL',
    });
  });

  it('its PowerShell alert carries the device and a real -EncodedCommand that decodes to a download-and-run', async () => {
    const { items } = await getAllPages(
      `${tenant.graph}/security/alerts_v2${query({ $filter: "serviceSource eq 'microsoftDefenderForEndpoint' and severity eq 'high' and status eq 'new'" })}`,
      securityAlertSchema,
    );
    const alert = items.find((a) => a.incidentId === '4211')!;
    expect(alert.title).toBe('Suspicious PowerShell command line');
    const [device] = evidenceOf(alert, 'deviceEvidence');
    expect(device).toMatchObject({
      deviceDnsName: 'desktop-adele01',
      azureAdDeviceId: NAMED_DEVICE_IDS.adeleDesktop,
    });
    const [process] = evidenceOf(alert, 'processEvidence');
    expect(process!.processCommandLine).toBe(ENCODED_COMMAND_LINE);
    expect(process!.imageFile?.fileName).toBe('powershell.exe');
    expect(process!.userAccount?.userPrincipalName).toBe(adele.userPrincipalName);
    const match = /^powershell\.exe -NoP -W Hidden -EncodedCommand ([A-Za-z0-9+/=]+)$/.exec(
      process!.processCommandLine!,
    );
    const decoded = Buffer.from(match![1]!, 'base64').toString('utf16le');
    expect(decoded).toBe(DECODED_STAGER);
    expect(decoded).toContain(`DownloadString('${STAGER_URL}')`);
    expect(new URL(STAGER_URL).hostname.endsWith('.example')).toBe(true);
    expect(evidenceOf(alert, 'ipEvidence')[0]?.ipAddress).toMatch(/^192\.0\.2\./);
  });
});

describe('Defender XDR alerts (alerts_v2), as Microsoft Graph v1.0 serves them', () => {
  it('has at least 100 alerts, 100 a page, each parsing with the shared schema', async () => {
    const first = collectionSchema(securityAlertSchema).parse(
      (await getJson(`${tenant.graph}/security/alerts_v2`)).body,
    );
    expect(first['@odata.context']).toBe(`${tenant.graph}/$metadata#security/alerts_v2`);
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toBeDefined();
    const { items } = await getAllPages(
      `${tenant.graph}/security/alerts_v2${query({ $top: 2000 })}`,
      securityAlertSchema,
    );
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(new Set(items.map((a) => a.serviceSource)).size).toBeGreaterThanOrEqual(4);
    expect(items.every((a) => (a.evidence ?? []).length > 0)).toBe(true);
  });

  it('filters by severity, status, serviceSource and createdDateTime ge', async () => {
    const since = new Date(SEEDED_AT.getTime() - 3 * DAY).toISOString();
    const { items } = await getAllPages(
      `${tenant.graph}/security/alerts_v2${query({ $filter: `createdDateTime ge ${since} and severity ne 'informational'` })}`,
      securityAlertSchema,
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.createdDateTime >= since && a.severity !== 'informational')).toBe(true);
    const identity = await getAllPages(
      `${tenant.graph}/security/alerts_v2${query({ $filter: "serviceSource eq 'azureAdIdentityProtection' and status eq 'resolved'" })}`,
      securityAlertSchema,
    );
    expect(
      identity.items.every((a) => a.serviceSource === 'azureAdIdentityProtection' && a.status === 'resolved'),
    ).toBe(true);
  });

  it('GET /security/alerts_v2/{id} returns one alert with its evidence; unknown ids are 404', async () => {
    const list = collectionSchema(securityAlertSchema).parse(
      (await getJson(`${tenant.graph}/security/alerts_v2${query({ $top: 1 })}`)).body,
    );
    const id = list.value[0]!.id;
    const one = await getJson(`${tenant.graph}/security/alerts_v2/${id}`);
    expect(securityAlertSchema.parse(one.body).id).toBe(id);
    expect(one.body).toHaveProperty('@odata.type', '#microsoft.graph.security.alert');
    const missing = await getJson(`${tenant.graph}/security/alerts_v2/da000000000000000000_1`);
    expect(missing.status).toBe(404);
    expect(graphErrorSchema.parse(missing.body).error.code).toBe('NotFound');
    const incident = await getJson(`${tenant.graph}/security/incidents/999999`);
    expect(incident.status).toBe(404);
  });

  it('runs POST /security/runHuntingQuery over the Defender tables and answers { schema, results }', async () => {
    const response = await sendJson(`${tenant.graph}/security/runHuntingQuery`, {
      Query:
        'DeviceProcessEvents | where ProcessCommandLine has "-EncodedCommand" | project Timestamp, DeviceName, AccountUpn, ProcessCommandLine | sort by Timestamp desc',
      Timespan: 'P7D',
    });
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty(
      '@odata.context',
      expect.stringMatching(/\$metadata#microsoft\.graph\.security\.huntingQueryResults$/),
    );
    const results = huntingQueryResultsSchema.parse(response.body);
    expect(results.schema).toEqual([
      { name: 'Timestamp', type: 'DateTime' },
      { name: 'DeviceName', type: 'String' },
      { name: 'AccountUpn', type: 'String' },
      { name: 'ProcessCommandLine', type: 'String' },
    ]);
    const adeles = results.results.find((row) => row.ProcessCommandLine === ENCODED_COMMAND_LINE);
    expect(adeles).toMatchObject({ AccountUpn: adele.userPrincipalName });
    expect(String(adeles?.DeviceName)).toMatch(/desktop-adele01/i);
    for (const row of results.results) {
      expect(Date.parse(String(row.Timestamp))).toBeGreaterThanOrEqual(SEEDED_AT.getTime() - 7 * DAY);
    }
  });

  it('windows advanced hunting on Timestamp: 30 days without a Timespan, less with one', async () => {
    const count = async (body: Record<string, unknown>) => {
      const response = await sendJson(`${tenant.graph}/security/runHuntingQuery`, body);
      expect(response.status).toBe(200);
      return huntingQueryResultsSchema.parse(response.body).results.length;
    };
    const all = await count({ Query: 'IdentityLogonEvents | project Timestamp' });
    const lastDay = await count({ Query: 'IdentityLogonEvents | project Timestamp', Timespan: 'PT24H' });
    expect(all).toBeGreaterThan(lastDay);
    expect(lastDay).toBeGreaterThan(0);
  });

  it('refuses a query outside the demo subset, a wrong column and a missing Query with Graph 400s', async () => {
    const unsupported = await sendJson(`${tenant.graph}/security/runHuntingQuery`, {
      Query: 'DeviceProcessEvents | join DeviceInfo on DeviceId',
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.headers.get('request-id')).toBeTruthy();
    const notSupported = graphErrorSchema.parse(unsupported.body).error;
    expect(notSupported.code).toBe('BadRequest');
    expect(notSupported.message).toMatch(/^The query is not supported by the demo tenant\./);
    expect(notSupported.message).toMatch(/join/);

    // Advanced hunting has no TimeGenerated: a Sentinel-style query is refused with the parser's diagnostic.
    const wrongColumn = await sendJson(`${tenant.graph}/security/runHuntingQuery`, {
      Query: 'DeviceProcessEvents | where TimeGenerated > ago(1d)',
    });
    expect(wrongColumn.status).toBe(400);
    expect(graphErrorSchema.parse(wrongColumn.body).error.message).toMatch(/TimeGenerated.*KS142/);

    const noQuery = await sendJson(`${tenant.graph}/security/runHuntingQuery`, { Timespan: 'P1D' });
    expect(noQuery.status).toBe(400);
    expect(graphErrorSchema.parse(noQuery.body).error.message).toMatch(/Query/);
  });
});
