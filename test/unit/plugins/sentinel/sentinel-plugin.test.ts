/**
 * The Sentinel plugin against the demo tenant's Log Analytics API through `@azure/monitor-query-logs` over
 * loopback http: the templates' queries validate and run over the seeded workspace (the failed sign-ins by address,
 * Adele's encoded PowerShell), an invalid query is refused with diagnostics and never sent,
 * injection attempts in parameters are refused or quoted, and the health check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../../src/clients/kql/kql-workspace-schema.js';
import { validateKql } from '../../../../src/clients/kql/parse-kql.js';
import { createLogAnalyticsClient, type LogAnalyticsClient } from '../../../../src/clients/log-analytics.js';
import { WardError } from '../../../../src/core/errors.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { userSignInsQuery } from '../../../../src/plugins/sentinel/hunting-queries.js';
import type { HuntingResult } from '../../../../src/plugins/sentinel/run-hunting-query.js';
import { createSentinelPlugin } from '../../../../src/plugins/sentinel/sentinel-plugin.js';
import type { Plugin } from '../../../../src/plugins/types.js';

let demo: RunningDemoTenant;
let logs: LogAnalyticsClient;
let workspaceId: string;
beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, identityProtectionRate: false });
  logs = createLogAnalyticsClient({ baseUrl: demo.logAnalyticsUrl, timeoutMs: 10_000, maxRetries: 1 });
  workspaceId = demo.tenant.state.logAnalytics.workspace.workspaceId;
});
afterAll(async () => {
  await demo?.close();
});

const context = () => ({ signal: new AbortController().signal });

async function call(plugin: Plugin, skill: string, raw: unknown) {
  const found = plugin.skills.find((s) => s.name === skill)!;
  const input = found.input.parse(raw);
  return (await found.run(input, context())) as { data: HuntingResult; requests: string[] };
}

/** A client that counts what it is asked to send. */
function countingClient(inner: LogAnalyticsClient) {
  const sent: string[] = [];
  const client: LogAnalyticsClient = {
    baseUrl: inner.baseUrl,
    describe: inner.describe,
    query(id, query, options) {
      sent.push(query);
      return inner.query(id, query, options);
    },
  };
  return { client, sent };
}

describe('templates against the demo workspace', () => {
  it('failedSignInsByIp puts the address with the most failures first, as the seeded rows count them', async () => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    const { data, requests } = await call(plugin, 'failedSignInsByIp', { hours: 24 * 30, top: 5 });
    expect(data.columns.map((c) => c.name)).toEqual([
      'IPAddress',
      'Failures',
      'Users',
      'UserList',
      'FirstSeen',
      'LastSeen',
    ]);
    expect(data.rowCount).toBe(5);
    const failures = data.rows.map((r) => r.Failures as number);
    expect(failures).toEqual([...failures].sort((a, b) => b - a));
    const seeded = new Map<string, number>();
    for (const row of demo.tenant.state.logAnalytics.tables.SigninLogs) {
      if (row.ResultType !== '0') seeded.set(row.IPAddress, (seeded.get(row.IPAddress) ?? 0) + 1);
    }
    const top = data.rows[0]!;
    expect(top.Failures).toBe(seeded.get(top.IPAddress as string));
    expect(Math.max(...seeded.values())).toBe(top.Failures);
    expect(Array.isArray(top.UserList)).toBe(true);
    expect(requests[0]).toMatch(/^POST \/v1\/workspaces\/.+\/query \(PT720H\): SigninLogs \| where/);
  });

  it('userSignIns returns only that user, newest first, with ISO datetimes', async () => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    const { data } = await call(plugin, 'userSignIns', { user: 'ADELE.VANCE@contoso.com', hours: 24 * 30 });
    expect(data.rowCount).toBeGreaterThan(0);
    expect(new Set(data.rows.map((r) => r.UserPrincipalName))).toEqual(new Set(['adele.vance@contoso.com']));
    const times = data.rows.map((r) => r.TimeGenerated as string);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("encodedPowerShell finds Adele's encoded command", async () => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    const { data } = await call(plugin, 'encodedPowerShell', { days: 30 });
    const adele = data.rows.find((r) => r.AccountUpn === 'adele.vance@contoso.com');
    expect(adele?.ProcessCommandLine).toMatch(/-EncodedCommand /);
    expect(data.query).toMatch(/^DeviceProcessEvents\n/);
  });

  it('runQuery runs a valid query and keeps it for "Run again"', async () => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    const query = 'SecurityIncident | where Severity == "High" | project IncidentNumber, Title | take 5';
    const { data } = await call(plugin, 'runQuery', { query, hours: 24 * 30 });
    expect(data.query).toBe(query);
    expect(data.rows.some((r) => r.IncidentNumber === 4211)).toBe(true);
  });
});

describe('bad inputs', () => {
  it('refuses an invalid query with its diagnostics and never sends it', async () => {
    const { client, sent } = countingClient(logs);
    const plugin = createSentinelPlugin({ logs: client, workspaceId });
    const refused = call(plugin, 'runQuery', { query: 'SigninLogs\n| where Nope == "x"' });
    await expect(refused).rejects.toThrow(
      /not valid against the Sentinel workspace schema.*\nline 2, column 9: The name 'Nope'/s,
    );
    await expect(call(plugin, 'runQuery', { query: 'SigninLogs | where' })).rejects.toBeInstanceOf(WardError);
    expect(sent).toEqual([]);
  });

  it('turns KQL the demo does not run into a source error that names the part', async () => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    const failure = call(plugin, 'runQuery', { query: 'SigninLogs | join (AuditLogs) on CorrelationId' });
    await expect(failure).rejects.toMatchObject({
      name: 'SourceUnavailableError',
      status: 400,
      message: expect.stringMatching(/`join` is not supported by the demo tenant/),
    });
  });

  it.each(['adele.vance@contoso.com" | take 100000 //', 'x | union *', "adele' or 1==1", '', 'not-an-upn'])(
    'refuses the user %j at the schema',
    (user) => {
      const plugin = createSentinelPlugin({ logs, workspaceId });
      expect(plugin.skills.find((s) => s.name === 'userSignIns')!.input.safeParse({ user }).success).toBe(
        false,
      );
    },
  );

  it('quotes a user that passes the schema but carries quotes, so the query keeps its shape', async () => {
    const user = 'a"|take(1)//\\"@contoso.com';
    const { query } = userSignInsQuery(user, 24);
    expect(validateKql(query, SENTINEL_WORKSPACE_SCHEMA)).toEqual([]);
    expect(query.split('\n')).toHaveLength(6);
    const { client, sent } = countingClient(logs);
    const plugin = createSentinelPlugin({ logs: client, workspaceId });
    const { data } = await call(plugin, 'userSignIns', { user });
    expect(data.rowCount).toBe(0);
    expect(sent).toEqual([query]);
  });

  it.each([
    ['failedSignInsByIp', { hours: -1 }],
    ['failedSignInsByIp', { top: 1000 }],
    ['failedSignInsByIp', { hours: '24h; drop' }],
    ['encodedPowerShell', { days: 1.5 }],
    ['runQuery', { query: '' }],
  ])('refuses %s with %j at the schema', (skill, input) => {
    const plugin = createSentinelPlugin({ logs, workspaceId });
    expect(plugin.skills.find((s) => s.name === skill)!.input.safeParse(input).success).toBe(false);
  });

  it('refuses a workspace id that is not a GUID at construction', () => {
    expect(() => createSentinelPlugin({ logs, workspaceId: '../secrets' })).toThrow(/GUID/);
  });
});

describe('health', () => {
  it('is ok against the demo workspace, and says why not against an unknown one', async () => {
    expect(await createSentinelPlugin({ logs, workspaceId }).health(context())).toEqual({ ok: true });
    const unknown = await createSentinelPlugin({
      logs,
      workspaceId: '11111111-2222-3333-4444-555555555555',
    }).health(context());
    expect(unknown.ok).toBe(false);
    expect(unknown.detail).toMatch(/HTTP 404/);
  });
});
