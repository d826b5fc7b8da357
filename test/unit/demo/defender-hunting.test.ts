/**
 * The demo tenant's Defender XDR advanced hunting: the tables derived from the seeded tenant (every column of
 * the advanced hunting schema on every row, the same story as Graph and the Sentinel workspace tell) and the
 * `POST /security/runHuntingQuery` route that runs the KQL subset over them — windowed on `Timestamp`, sliding
 * stored times to the present, answering `{ schema, results }`, and refusing what it does not run with Graph's
 * 400 and the reason.
 */
import { describe, expect, it } from 'vitest';
import { huntingQueryResultsSchema } from '../../../src/clients/graph-hunting-resources.js';
import { DEFENDER_HUNTING_TABLES } from '../../../src/clients/kql/defender-hunting-schema.js';
import { createDemoClock } from '../../../src/demo/demo-clock.js';
import { GraphHttpError } from '../../../src/demo/graph/graph-error.js';
import type { GraphRequest } from '../../../src/demo/graph/graph-request.js';
import { runHuntingQuery } from '../../../src/demo/graph/routes-security-alerts.js';
import { defenderHuntingTables } from '../../../src/demo/loganalytics/defender-hunting-tables.js';
import { ENCODED_COMMAND_LINE } from '../../../src/demo/seed/encoded-powershell.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00Z');
const HOUR = 3_600_000;
const state = seedTenant(4211, ANCHOR);
const tables = defenderHuntingTables(state);

describe('the Defender tables', () => {
  it('hold every column of the advanced hunting schema on every row, and nothing else', () => {
    for (const [name, columns] of Object.entries(DEFENDER_HUNTING_TABLES)) {
      const expected = columns.map((column) => column.name);
      for (const row of tables[name as keyof typeof tables]) expect(Object.keys(row)).toEqual(expected);
    }
    expect(tables.DeviceProcessEvents.length).toBe(state.logAnalytics.tables.DeviceProcessEvents.length);
    expect(tables.DeviceProcessEvents[0]).not.toHaveProperty('TimeGenerated');
    expect(tables.DeviceNetworkEvents).toEqual([]);
    expect(tables.EmailEvents).toEqual([]);
  });

  it('report every sign-in as an IdentityLogonEvents logon, failures with their reason', () => {
    expect(tables.IdentityLogonEvents).toHaveLength(state.signIns.length);
    const failed = state.signIns.find((signIn) => signIn.status.errorCode !== 0)!;
    expect(tables.IdentityLogonEvents.find((row) => row.ReportId === failed.id)).toMatchObject({
      Timestamp: failed.createdDateTime,
      ActionType: 'LogonFailed',
      AccountUpn: failed.userPrincipalName,
      IPAddress: failed.ipAddress,
      FailureReason: failed.status.failureReason ?? `Error ${failed.status.errorCode}`,
    });
  });

  it('name incident 4211’s encoded PowerShell in AlertEvidence and its device in DeviceInfo', () => {
    const process = tables.AlertEvidence.find((row) => row.ProcessCommandLine === ENCODED_COMMAND_LINE);
    expect(process).toMatchObject({ EntityType: 'Process', AccountUpn: 'adele.vance@contoso.com' });
    const device = tables.DeviceInfo.find((row) => row.DeviceId === process?.DeviceId);
    expect(String(device?.DeviceName)).toMatch(/desktop-adele01/i);
    expect(tables.AlertInfo).toHaveLength(state.securityAlerts.length);
    expect(new Set(tables.AlertInfo.map((row) => row.Severity))).toEqual(
      new Set(['High', 'Medium', 'Low', 'Informational']),
    );
  });
});

describe('POST /security/runHuntingQuery', () => {
  // The demo has been running for an hour: stored times slide forward by it.
  const context = {
    state,
    clock: createDemoClock(
      () => new Date(ANCHOR + HOUR),
      () => ANCHOR,
    ),
  };
  const request = (body: unknown): GraphRequest => ({
    method: 'POST',
    version: 'v1.0',
    segments: ['security', 'runHuntingQuery'],
    rawPath: '/security/runHuntingQuery',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    serviceRoot: 'http://127.0.0.1:1/graph/v1.0',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const run = (body: unknown) =>
    huntingQueryResultsSchema.parse(runHuntingQuery(request(body), context).body);
  const refusal = (body: unknown): GraphHttpError => {
    try {
      runHuntingQuery(request(body), context);
    } catch (error) {
      if (GraphHttpError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected a Graph error');
  };

  it('answers { schema, results } with Defender’s type names and times slid to the present', () => {
    const response = runHuntingQuery(
      request({ Query: 'AlertInfo | summarize Alerts = count(), Latest = max(Timestamp) by Severity' }),
      context,
    );
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty(
      '@odata.context',
      'http://127.0.0.1:1/graph/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
    );
    const results = huntingQueryResultsSchema.parse(response.body);
    expect(results.schema).toEqual([
      { name: 'Severity', type: 'String' },
      { name: 'Alerts', type: 'Int64' },
      { name: 'Latest', type: 'DateTime' },
    ]);
    const high = results.results.find((row) => row.Severity === 'High');
    const seededHigh = state.securityAlerts.filter(
      (alert) => alert.severity === 'high' && Date.parse(alert.createdDateTime) >= ANCHOR - 30 * 24 * HOUR,
    );
    expect(high?.Alerts).toBe(seededHigh.length);
    const newest = Math.max(...seededHigh.map((alert) => Date.parse(alert.createdDateTime)));
    expect(high?.Latest).toBe(new Date(newest + HOUR).toISOString());
  });

  it('windows on Timestamp: the Timespan, a lone start time, or 30 days', () => {
    const count = (Timespan?: string) =>
      run({ Query: 'IdentityLogonEvents | project Timestamp', ...(Timespan ? { Timespan } : {}) }).results
        .length;
    const within = (hours: number) =>
      state.signIns.filter(
        (signIn) => Date.parse(signIn.createdDateTime) + HOUR >= ANCHOR + HOUR - hours * HOUR,
      ).length;
    expect(count('PT24H')).toBe(within(24));
    expect(count('P7D')).toBe(within(24 * 7));
    expect(count(new Date(ANCHOR + HOUR - 24 * HOUR).toISOString())).toBe(within(24));
    expect(count()).toBe(within(24 * 30));
  });

  it('refuses what it does not run with Graph’s 400 and the reason', () => {
    const join = refusal({ Query: 'DeviceProcessEvents | join DeviceInfo on DeviceId' });
    expect(join).toMatchObject({ status: 400, graphCode: 'BadRequest' });
    expect(join.message).toMatch(/^The query is not supported by the demo tenant\. The operator `join`/);
    expect(refusal({ Query: 'DeviceProcessEvents | where TimeGenerated > ago(1d)' }).message).toMatch(
      /^The query could not be parsed or analysed: line 1, column 29: .*TimeGenerated.*\(KS142\)/,
    );
    expect(refusal({ Query: 'DeviceInfo', Timespan: 'last week' }).message).toMatch(/Timespan must be/);
    expect(refusal({ Timespan: 'P1D' }).message).toMatch(/Query/);
    expect(refusal('not json').message).toMatch(/Unable to read JSON request payload/);
  });
});
