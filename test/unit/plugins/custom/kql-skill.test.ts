/**
 * Custom KQL skills against the demo tenant's Log Analytics workspace, through the real client: the shipped
 * example's queries run and return the seeded rows; parameters are bound only as KQL literals, so a value
 * holding quotes, a pipe and `union` is one string the query compares with, never more query; a skill without
 * a Sentinel workspace says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../../src/clients/kql/kql-workspace-schema.js';
import { parseKql, validateKql } from '../../../../src/clients/kql/parse-kql.js';
import { createLogAnalyticsClient, type LogAnalyticsClient } from '../../../../src/clients/log-analytics.js';
import { SourceUnavailableError } from '../../../../src/core/errors.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { bindKqlQuery } from '../../../../src/plugins/custom/kql-skill.js';
import { loadCustomPlugins } from '../../../../src/plugins/custom/load-custom-plugins.js';
import type { HuntingResult, HuntingTarget } from '../../../../src/plugins/sentinel/run-hunting-query.js';
import type { Plugin } from '../../../../src/plugins/types.js';

let demo: RunningDemoTenant;
let hunting: HuntingTarget;
let sent: string[];
let plugin: Plugin;
beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, identityProtectionRate: false });
  const logs = createLogAnalyticsClient({ baseUrl: demo.logAnalyticsUrl, timeoutMs: 10_000, maxRetries: 1 });
  sent = [];
  const counting: LogAnalyticsClient = {
    baseUrl: logs.baseUrl,
    describe: logs.describe,
    query(id, query, options) {
      sent.push(query);
      return logs.query(id, query, options);
    },
  };
  hunting = { logs: counting, workspaceId: demo.tenant.state.logAnalytics.workspace.workspaceId };
  // The example that ships, as Ward loads it on `npm start`.
  const loaded = await loadCustomPlugins('plugins/custom', {
    env: () => undefined,
    timeoutMs: 10_000,
    maxRetries: 1,
    hunting,
  });
  plugin = loaded.plugins.find((candidate) => candidate.name === 'contoso-hunting')!;
});
afterAll(async () => {
  await demo?.close();
});

async function run(skill: string, raw: unknown): Promise<{ data: HuntingResult; requests: string[] }> {
  const found = plugin.skills.find((candidate) => candidate.name === skill)!;
  return (await found.run(found.input.parse(raw), { signal: AbortSignal.timeout(10_000) })) as {
    data: HuntingResult;
    requests: string[];
  };
}

describe('the shipped contoso-hunting plugin on the demo workspace', () => {
  it('legacyAuthSignIns finds the legacy-protocol sign-ins Conditional Access blocked, by user and client app', async () => {
    const { data, requests } = await run('legacyAuthSignIns', {});
    expect(data.timespan).toBe('P30D');
    expect(data.query).toContain('ago(30d)');
    expect(data.columns.map((column) => column.name)).toEqual([
      'UserPrincipalName',
      'ClientAppUsed',
      'SignIns',
      'Results',
      'Addresses',
      'LastSeen',
    ]);
    const seeded = demo.tenant.state.logAnalytics.tables.SigninLogs.filter((row) =>
      ['Exchange ActiveSync', 'IMAP4', 'POP3', 'Authenticated SMTP', 'Other clients'].includes(
        row.ClientAppUsed,
      ),
    );
    expect(seeded.length).toBeGreaterThan(0);
    expect(data.rows.reduce((sum, row) => sum + Number(row.SignIns), 0)).toBe(seeded.length);
    expect(new Set(data.rows.map((row) => row.ClientAppUsed))).toEqual(
      new Set(seeded.map((row) => row.ClientAppUsed)),
    );
    expect(requests[0]).toMatch(/^POST \/v1\/workspaces\/.+\/query \(P30D\): SigninLogs/);
  });

  it('signInsFromCountry returns only that country’s sign-ins over the days asked', async () => {
    const { data } = await run('signInsFromCountry', { country: 'NL', days: 30 });
    expect(data.timespan).toBe('P30D');
    expect(data.rowCount).toBeGreaterThan(0);
    expect(data.rows.every((row) => row.UserPrincipalName === 'adele.vance@contoso.com')).toBe(true);
  });

  it('failedSignInHistory groups one user’s failures by error code', async () => {
    const { data } = await run('failedSignInHistory', { user: 'ADELE.VANCE@contoso.com', days: 30 });
    expect(data.rowCount).toBeGreaterThan(0);
    expect(data.rows.every((row) => row.ResultType !== '0')).toBe(true);
    const failures = demo.tenant.state.logAnalytics.tables.SigninLogs.filter(
      (row) => row.UserPrincipalName === 'adele.vance@contoso.com' && row.ResultType !== '0',
    );
    expect(data.rows.reduce((sum, row) => sum + Number(row.Failures), 0)).toBe(failures.length);
  });
});

describe('parameters are literals, never query text', () => {
  const injections = [
    'x"|union SecurityAlert|where"1"=="1@contoso.com',
    'adele.vance@contoso.com"\n| union SecurityAlert //',
    'a\\"b\'@contoso.com',
  ];

  it.each(injections)('a UPN of %j stays one quoted string in a one-statement query', (value) => {
    const skill = {
      query: 'SigninLogs\n| where UserPrincipalName =~ {{user}}\n| project UserPrincipalName',
      timespan: 'P1D',
    };
    const bound = bindKqlQuery(skill, [{ name: 'user', type: 'upn', description: 'u' }], { user: value });
    expect(validateKql(bound.query, SENTINEL_WORKSPACE_SCHEMA)).toEqual([]);
    const parsed = parseKql(bound.query, SENTINEL_WORKSPACE_SCHEMA);
    expect(parsed.statementCount).toBe(1);
    expect(bound.query.split('\n')).toHaveLength(3);
    expect(bound.query).not.toMatch(/\|\s*union SecurityAlert[^"]*$/m);
  });

  it('a UPN that would turn the filter into `or "1"=="1"` if pasted matches nobody, and runs the template’s shape', async () => {
    const before = sent.length;
    const { data } = await run('failedSignInHistory', { user: 'x"or"1"=="1@contoso.com', days: 30 });
    expect(data.rowCount).toBe(0);
    expect(data.columns.map((column) => column.name)).toEqual([
      'ResultType',
      'ResultDescription',
      'Failures',
      'Apps',
      'Addresses',
      'LastSeen',
    ]);
    expect(sent.slice(before)).toEqual([data.query]);
    expect(data.query).toContain('=~ "x\\"or\\"1\\"==\\"1@contoso.com"');
  });

  it('text that is not a UPN is refused by the skill’s schema before anything is sent', () => {
    const skill = plugin.skills.find((candidate) => candidate.name === 'failedSignInHistory')!;
    expect(skill.input.safeParse({ user: 'x"|union SecurityAlert|where"1"=="1@contoso.com' }).success).toBe(
      false,
    );
    const country = plugin.skills.find((candidate) => candidate.name === 'signInsFromCountry')!;
    expect(country.input.safeParse({ country: 'NL" or 1==1' }).success).toBe(false);
  });

  it('a value holding another placeholder is not expanded again', () => {
    const bound = bindKqlQuery(
      { query: 'SigninLogs | where AppDisplayName == {{app}} and Location == {{country}}', timespan: 'P1D' },
      [
        { name: 'app', type: 'string', description: 'a' },
        { name: 'country', type: 'string', description: 'c' },
      ],
      { app: '{{country}}', country: 'NL' },
    );
    expect(bound.query).toBe('SigninLogs | where AppDisplayName == "{{country}}" and Location == "NL"');
  });

  it('numbers become integers and timespans, and the timespan follows the period parameter', () => {
    const bound = bindKqlQuery(
      { query: 'SigninLogs | where TimeGenerated > ago({{hours}}) | take {{top}}', timespan: 'hours' },
      [
        { name: 'hours', type: 'hours', description: 'h' },
        { name: 'top', type: 'integer', description: 't' },
      ],
      { hours: 12, top: 5 },
    );
    expect(bound).toEqual({
      query: 'SigninLogs | where TimeGenerated > ago(12h) | take 5',
      timespan: 'PT12H',
    });
    expect(() =>
      bindKqlQuery(
        { query: 'SigninLogs | take {{top}}', timespan: 'P1D' },
        [{ name: 'top', type: 'integer', description: 't' }],
        {
          top: -1,
        },
      ),
    ).toThrow(RangeError);
  });
});

describe('without a Sentinel workspace', () => {
  it('the skill says Ward has none, and sends nothing', async () => {
    const loaded = await loadCustomPlugins('plugins/custom', {
      env: () => undefined,
      timeoutMs: 1_000,
      maxRetries: 0,
    });
    const skill = loaded.plugins[0]!.skills.find((candidate) => candidate.name === 'legacyAuthSignIns')!;
    const error = await skill
      .run(skill.input.parse({}), { signal: AbortSignal.timeout(1_000) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/no Sentinel workspace: set LOG_ANALYTICS_WORKSPACE_ID/);
  });
});
