/**
 * The demo tenant's Log Analytics query API exists at the real path and answers with the real error shapes
 * (`src/clients/log-analytics-resources.ts`): a query in the documented KQL subset runs over the seeded tables
 * and answers `tables[]`; KQL outside the subset gets a 400 `BadArgumentError` whose `innererror` is
 * `NotSupported` and names the part; an unknown workspace gets 404 `WorkspaceNotFoundError`. The tables
 * restate Graph's records.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  logAnalyticsErrorSchema,
  logAnalyticsQueryResultSchema,
} from '../../../src/clients/log-analytics-resources.js';
import { DEMO_WORKSPACE } from '../../../src/demo/seed/contoso-azure-estate.js';
import { getJson, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

let tenant: TestTenant;
let queryUrl: string;
beforeAll(async () => {
  tenant = await startTestTenant();
  queryUrl = `${tenant.logAnalyticsUrl}/v1/workspaces/${DEMO_WORKSPACE.workspaceId}/query`;
});
afterEach(async () => {
  await fetch(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await tenant.close();
});

function post(url: string, body: unknown) {
  return getJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the query API', () => {
  it('runs a query in the subset and answers with the result table', async () => {
    const response = await post(queryUrl, { query: 'SigninLogs | summarize count()', timespan: 'P30D' });
    expect(response.status).toBe(200);
    const { tables } = logAnalyticsQueryResultSchema.parse(response.body);
    expect(tables[0]?.columns).toEqual([{ name: 'count_', type: 'long' }]);
    expect(tables[0]?.rows[0]?.[0]).toBeGreaterThan(0);
  });

  it('answers KQL outside the subset with BadArgumentError naming the unsupported part', async () => {
    const response = await post(queryUrl, { query: 'SigninLogs | join (AuditLogs) on CorrelationId' });
    expect(response.status).toBe(400);
    const { error } = logAnalyticsErrorSchema.parse(response.body);
    expect(error.code).toBe('BadArgumentError');
    expect(error.innererror?.code).toBe('NotSupported');
    expect(error.innererror?.message).toMatch(/`join` is not supported by the demo tenant/);
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GET ?query= the same way, and an unknown column as a SemanticError', async () => {
    const ok = await getJson(`${queryUrl}?query=${encodeURIComponent('SecurityIncident | take 1')}`);
    expect(ok.status).toBe(200);
    const bad = await post(queryUrl, { query: 'SigninLogs | where Nope == 1' });
    expect(bad.status).toBe(400);
    expect(logAnalyticsErrorSchema.parse(bad.body).error.innererror).toMatchObject({
      code: 'SemanticError',
      message: expect.stringMatching(/line 1, column 20: The name 'Nope'/),
    });
  });

  it('refuses a timespan that is not ISO 8601', async () => {
    const response = await post(queryUrl, { query: 'SigninLogs | take 1', timespan: 'yesterday' });
    expect(response.status).toBe(400);
    expect(logAnalyticsErrorSchema.parse(response.body).error.innererror?.code).toBe('InvalidTimespan');
  });

  it('answers an unknown workspace with 404 WorkspaceNotFoundError', async () => {
    const response = await post(
      `${tenant.logAnalyticsUrl}/v1/workspaces/11111111-2222-3333-4444-555555555555/query`,
      { query: 'SigninLogs' },
    );
    expect(response.status).toBe(404);
    expect(logAnalyticsErrorSchema.parse(response.body).error.code).toBe('WorkspaceNotFoundError');
  });

  it('refuses a body without a query, and a body that is not JSON, as bad arguments', async () => {
    for (const body of [{ timespan: 'PT1H' }, '{nope']) {
      const response = await post(queryUrl, body);
      expect(response.status).toBe(400);
      expect(logAnalyticsErrorSchema.parse(response.body).error.code).toBe('BadArgumentError');
    }
  });

  it('answers a path it does not have with 404 PathNotFoundError', async () => {
    const response = await getJson(
      `${tenant.logAnalyticsUrl}/v1/workspaces/${DEMO_WORKSPACE.workspaceId}/metadata`,
    );
    expect(response.status).toBe(404);
    expect(logAnalyticsErrorSchema.parse(response.body).error.code).toBe('PathNotFoundError');
  });

  it('is subject to fault rules on its paths', async () => {
    await post(`${tenant.url}/_demo/faults`, { path: '^/loganalytics/', status: 503, times: 1 });
    expect((await post(queryUrl, { query: 'SigninLogs' })).status).toBe(503);
    expect((await post(queryUrl, { query: 'SigninLogs' })).status).toBe(200);
  });
});

describe('the seeded workspace', () => {
  it('holds the tables the query API runs over, restating what Graph serves', () => {
    const { state } = tenant.tenant;
    const { tables, workspace } = state.logAnalytics;
    expect(workspace.workspaceId).toBe(DEMO_WORKSPACE.workspaceId);
    expect(tables.SigninLogs).toHaveLength(state.signIns.length);
    expect(tables.SecurityAlert).toHaveLength(state.securityAlerts.length);
    expect(tables.SecurityIncident).toHaveLength(state.securityIncidents.length);
    expect(tables.AuditLogs).toHaveLength(state.directoryAudits.length);
    const adeleTor = tables.SigninLogs.filter(
      (r) => r.UserPrincipalName === 'adele.vance@contoso.com' && r.IPAddress === '192.0.2.66',
    );
    expect(adeleTor.length).toBeGreaterThan(0);
    const incident = tables.SecurityIncident.find((r) => r.ProviderIncidentId === '4211');
    expect(incident?.IncidentNumber).toBe(4211);
    expect(incident?.Severity).toBe('High');
    const powershell = tables.DeviceProcessEvents.find((r) => /-EncodedCommand /.test(r.ProcessCommandLine));
    expect(powershell?.AccountUpn).toBe('adele.vance@contoso.com');
    expect(powershell?.FileName).toBe('powershell.exe');
  });
});
