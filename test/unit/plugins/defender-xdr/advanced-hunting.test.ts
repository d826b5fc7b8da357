/**
 * `defender-xdr.advancedHunting` through the real Graph client against the demo tenant's `runHuntingQuery`: the
 * templates validate against the advanced hunting schema and run over the seeded Defender tables; a query that
 * does not fit the schema (a Sentinel-style `TimeGenerated`, an unknown table) is refused with the parser's
 * diagnostic and never sent; a query the service refuses fails with the service's own words; rows are bounded
 * and counted; and the request is cited with its timespan and query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../../src/clients/graph.js';
import { DEFENDER_HUNTING_SCHEMA } from '../../../../src/clients/kql/defender-hunting-schema.js';
import { validateKql } from '../../../../src/clients/kql/parse-kql.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { createDefenderXdrPlugin } from '../../../../src/plugins/defender-xdr/defender-xdr-plugin.js';
import {
  encodedPowerShellHuntingQuery,
  failedLogonsByIpHuntingQuery,
  userLogonsHuntingQuery,
} from '../../../../src/plugins/defender-xdr/hunting-queries.js';
import {
  type AdvancedHuntingResult,
  huntingTimespan,
  MAX_HUNTING_ROWS,
} from '../../../../src/plugins/defender-xdr/skills/advanced-hunting.js';

let demo: RunningDemoTenant;
let graph: GraphClient;
beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, identityProtectionRate: false });
  graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 10_000, maxRetries: 0 });
});
afterAll(async () => {
  await demo?.close();
});

/** The plugin on a Graph client that records every POST it is asked to send. */
function setup() {
  const posted: { path: string; body: unknown }[] = [];
  const counting: GraphClient = {
    ...graph,
    baseUrl: graph.baseUrl,
    get: graph.get,
    list: graph.list,
    patch: graph.patch,
    describe: graph.describe,
    post(path, body, schema, options) {
      posted.push({ path, body });
      return graph.post(path, body, schema, options);
    },
  };
  const plugin = createDefenderXdrPlugin({ graph: counting });
  const ledger = createSkillLedger({
    registry: createPluginRegistry([plugin]),
    signal: AbortSignal.timeout(10_000),
  });
  const hunt = (input: unknown) => ledger.call<AdvancedHuntingResult>('defender-xdr.advancedHunting', input);
  return { posted, hunt, ledger };
}

describe('the templates', () => {
  it.each([
    ['encoded PowerShell', encodedPowerShellHuntingQuery(7).query],
    ['failed logons by address', failedLogonsByIpHuntingQuery(24, 10).query],
    ['a user’s logons', userLogonsHuntingQuery('adele.vance@contoso.com', 24).query],
  ])('%s validates against the advanced hunting schema', (_name, query) => {
    expect(validateKql(query, DEFENDER_HUNTING_SCHEMA)).toEqual([]);
  });

  it('quotes a user so it cannot change the query’s shape', () => {
    const { query } = userLogonsHuntingQuery('x" or 1==1 | take 1000 //@contoso.com', 24);
    expect(query).toContain('where AccountUpn =~ "x\\" or 1==1 | take 1000 //@contoso.com"');
    expect(validateKql(query, DEFENDER_HUNTING_SCHEMA)).toEqual([]);
  });
});

describe('defender-xdr.advancedHunting', () => {
  it('sends { Query, Timespan } to runHuntingQuery and finds Adele’s encoded PowerShell, cited', async () => {
    const { posted, hunt, ledger } = setup();
    const template = encodedPowerShellHuntingQuery(7);
    const call = await hunt({ query: template.query, hours: template.hours });
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    expect(posted).toEqual([
      { path: '/security/runHuntingQuery', body: { Query: template.query, Timespan: 'P7D' } },
    ]);
    expect(call.data.columns).toEqual([
      { name: 'Timestamp', type: 'DateTime' },
      { name: 'DeviceName', type: 'String' },
      { name: 'AccountUpn', type: 'String' },
      { name: 'FileName', type: 'String' },
      { name: 'ProcessCommandLine', type: 'String' },
      { name: 'InitiatingProcessFileName', type: 'String' },
    ]);
    expect(call.data.rows).toHaveLength(call.data.rowCount);
    expect(call.data.rows[0]).toMatchObject({
      DeviceName: 'desktop-adele01',
      AccountUpn: 'adele.vance@contoso.com',
      ProcessCommandLine: expect.stringMatching(/-EncodedCommand [A-Za-z0-9+/=]{40,}/),
    });
    expect(ledger.sources()[0]?.requests).toEqual([
      `POST /v1.0/security/runHuntingQuery (P7D): ${template.query.replace(/\s+/g, ' ')}`,
    ]);
  });

  it('keeps at most 50 rows and says how many there were', async () => {
    const { hunt } = setup();
    const call = await hunt({ query: 'IdentityLogonEvents | project Timestamp, AccountUpn', hours: 24 * 7 });
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    // Seeded times are relative to the anchor; the tenant slides them (and the window) to the present alike.
    const { anchorMs, signIns } = demo.tenant.state;
    const expected = signIns.filter(
      (signIn) => Date.parse(signIn.createdDateTime) >= anchorMs - 7 * 86_400_000,
    ).length;
    expect(call.data.rowCount).toBe(expected);
    expect(call.data.rows).toHaveLength(MAX_HUNTING_ROWS);
    expect(call.data.truncated).toBe(true);
  });

  it.each([
    [
      'a Sentinel column advanced hunting does not have',
      'DeviceProcessEvents | where TimeGenerated > ago(1d)',
      /TimeGenerated.*\(KS142\)/,
    ],
    ['a table it does not have', 'SigninLogs | take 5', /SigninLogs.*\(KS204\)/],
    ['a syntax error', 'DeviceInfo | where', /line 1, column \d+: .*\(KS\d+\)/],
  ])('refuses %s with the parser’s diagnostic, and sends nothing', async (_name, query, diagnostic) => {
    const { posted, hunt } = setup();
    const call = await hunt({ query });
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.error.code).toBe('invalid_input');
    expect(call.error.message).toMatch(
      /^The KQL query is not valid against the Defender XDR advanced hunting schema, so it was not run:/,
    );
    expect(call.error.message).toMatch(diagnostic);
    expect(posted).toEqual([]);
  });

  it('fails with the service’s own words when advanced hunting refuses the query (HTTP 400)', async () => {
    const { posted, hunt } = setup();
    const call = await hunt({ query: 'DeviceProcessEvents | join DeviceInfo on DeviceId' });
    expect(posted).toHaveLength(1);
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.error).toMatchObject({ code: 'source_unavailable', status: 400 });
    expect(call.error.message).toMatch(
      /^Microsoft Defender XDR refused the query \(HTTP 400\): The query is not supported by the demo tenant\. The operator `join` is not supported/,
    );
  });

  it('refuses hours outside advanced hunting’s 30 days before anything runs', async () => {
    const { posted, hunt } = setup();
    const call = await hunt({ query: 'DeviceInfo | take 1', hours: 24 * 31 });
    expect(call.ok).toBe(false);
    expect(posted).toEqual([]);
  });
});

describe('huntingTimespan', () => {
  it('writes whole days as days and other spans as hours', () => {
    expect(huntingTimespan(24)).toBe('P1D');
    expect(huntingTimespan(168)).toBe('P7D');
    expect(huntingTimespan(36)).toBe('PT36H');
    expect(huntingTimespan(1)).toBe('PT1H');
  });
});
