/**
 * The demo tenant's KQL engine, operator by operator, over a small table in the Sentinel schema: where with
 * comparisons, has, contains, in, between and ago(); project, extend, summarize (count, dcount, make_set,
 * min, max by), take, sort, top, distinct; datetimes slid by the clock's drift; the request's timespan; and
 * a clear "not supported by the demo tenant" error for the rest.
 */
import { describe, expect, it } from 'vitest';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../src/clients/kql/kql-workspace-schema.js';
import { KqlExecutionError } from '../../../src/demo/loganalytics/kql-execution-error.js';
import { parseQueryTimespan } from '../../../src/demo/loganalytics/query-timespan.js';
import { type KqlRunOptions, runKql } from '../../../src/demo/loganalytics/run-kql.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const signIn = (at: string, user: string, ip: string, result: string, app = 'Office 365') => ({
  TimeGenerated: at,
  UserPrincipalName: user,
  IPAddress: ip,
  ResultType: result,
  AppDisplayName: app,
  DeviceDetail: { operatingSystem: user.startsWith('adele') ? 'Windows 11' : 'macOS' },
});
const ROWS = [
  signIn('2024-05-01T11:30:00Z', 'adele.vance@contoso.com', '192.0.2.66', '50126', 'Azure Portal'),
  signIn('2024-05-01T11:00:00Z', 'adele.vance@contoso.com', '192.0.2.66', '50126'),
  signIn('2024-05-01T10:00:00Z', 'diego.s@contoso.com', '192.0.2.66', '50126'),
  signIn('2024-05-01T09:00:00Z', 'diego.s@contoso.com', '203.0.113.7', '0'),
  signIn('2024-04-28T09:00:00Z', 'megan.b@contoso.com', '203.0.113.8', '0', 'Microsoft Teams'),
];
const options = (extra: Partial<KqlRunOptions> = {}): KqlRunOptions => ({
  schema: SENTINEL_WORKSPACE_SCHEMA,
  tables: { SigninLogs: ROWS },
  nowMs: NOW,
  driftMs: 0,
  ...extra,
});
const run = (query: string, extra?: Partial<KqlRunOptions>) => runKql(query, options(extra));
const column = (query: string, name: string) => {
  const table = run(query);
  const index = table.columns.findIndex((c) => c.name === name);
  return table.rows.map((r) => r[index]);
};

describe('where', () => {
  it('compares with ==, !=, =~ and ago()', () => {
    expect(run('SigninLogs | where ResultType == "0"').rows).toHaveLength(2);
    expect(run('SigninLogs | where ResultType != "0"').rows).toHaveLength(3);
    expect(run('SigninLogs | where UserPrincipalName =~ "ADELE.VANCE@contoso.com"').rows).toHaveLength(2);
    expect(run('SigninLogs | where TimeGenerated > ago(3h)').rows).toHaveLength(3);
  });

  it('matches has on whole terms and contains on substrings, case-insensitively', () => {
    expect(run('SigninLogs | where AppDisplayName has "portal"').rows).toHaveLength(1);
    expect(run('SigninLogs | where AppDisplayName has "port"').rows).toHaveLength(0);
    expect(run('SigninLogs | where AppDisplayName contains "PORT"').rows).toHaveLength(1);
    expect(run('SigninLogs | where AppDisplayName !contains "office"').rows).toHaveLength(2);
  });

  it('supports in, !in, in~, between, and/or and dynamic members', () => {
    expect(run('SigninLogs | where IPAddress in ("203.0.113.7", "203.0.113.8")').rows).toHaveLength(2);
    expect(run('SigninLogs | where IPAddress !in ("192.0.2.66")').rows).toHaveLength(2);
    expect(run('SigninLogs | where AppDisplayName in~ ("microsoft teams")').rows).toHaveLength(1);
    expect(run('SigninLogs | where TimeGenerated between (ago(3h) .. ago(90m))').rows).toHaveLength(2);
    expect(run('SigninLogs | where ResultType == "0" or AppDisplayName has "Portal"').rows).toHaveLength(3);
    expect(
      run('SigninLogs | where tostring(DeviceDetail.operatingSystem) startswith "mac"').rows,
    ).toHaveLength(3);
  });
});

describe('shaping operators', () => {
  it('projects and renames columns, with types from the parser', () => {
    const table = run('SigninLogs | project When = TimeGenerated, UserPrincipalName | take 1');
    expect(table.columns).toEqual([
      { name: 'When', type: 'datetime' },
      { name: 'UserPrincipalName', type: 'string' },
    ]);
    expect(table.rows).toEqual([['2024-05-01T11:30:00.000Z', 'adele.vance@contoso.com']]);
  });

  it('extends rows with computed columns', () => {
    expect(column('SigninLogs | extend User = toupper(UserPrincipalName) | take 1', 'User')).toEqual([
      'ADELE.VANCE@CONTOSO.COM',
    ]);
  });

  it('takes, sorts, tops and distincts', () => {
    expect(run('SigninLogs | take 2').rows).toHaveLength(2);
    expect(column('SigninLogs | sort by TimeGenerated asc | take 1', 'UserPrincipalName')).toEqual([
      'megan.b@contoso.com',
    ]);
    expect(column('SigninLogs | top 1 by TimeGenerated desc', 'AppDisplayName')).toEqual(['Azure Portal']);
    expect(column('SigninLogs | distinct IPAddress | sort by IPAddress asc', 'IPAddress')).toEqual([
      '192.0.2.66',
      '203.0.113.7',
      '203.0.113.8',
    ]);
  });
});

describe('summarize', () => {
  it('counts, dcounts, collects sets and takes min/max by a key, named as Log Analytics names them', () => {
    const table = run(
      'SigninLogs | where ResultType != "0" | summarize count(), dcount(UserPrincipalName), make_set(UserPrincipalName), min(TimeGenerated), max(TimeGenerated) by IPAddress',
    );
    expect(table.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'IPAddress:string',
      'count_:long',
      'dcount_UserPrincipalName:long',
      'set_UserPrincipalName:dynamic',
      'min_TimeGenerated:datetime',
      'max_TimeGenerated:datetime',
    ]);
    expect(table.rows).toEqual([
      [
        '192.0.2.66',
        3,
        2,
        JSON.stringify(['adele.vance@contoso.com', 'diego.s@contoso.com']),
        '2024-05-01T10:00:00.000Z',
        '2024-05-01T11:30:00.000Z',
      ],
    ]);
  });

  it('counts an empty input as one row of zero', () => {
    expect(run('SigninLogs | where ResultType == "nope" | summarize n = count()').rows).toEqual([[0]]);
  });
});

describe('time', () => {
  it('slides stored datetimes by the clock drift, so ago() keeps meaning "ago"', () => {
    const drift = 24 * 3_600_000;
    const table = run('SigninLogs | where TimeGenerated > ago(3h) | project TimeGenerated', {
      nowMs: NOW + drift,
      driftMs: drift,
    });
    expect(table.rows[0]).toEqual(['2024-05-02T11:30:00.000Z']);
    expect(table.rows).toHaveLength(3);
  });

  it('restricts TimeGenerated to the request timespan', () => {
    const window = parseQueryTimespan('PT1H', NOW);
    expect(run('SigninLogs', { window }).rows).toHaveLength(2);
    expect(parseQueryTimespan('2024-05-01T00:00:00Z/2024-05-01T10:30:00Z', NOW)).toEqual({
      startMs: Date.parse('2024-05-01T00:00:00Z'),
      endMs: Date.parse('2024-05-01T10:30:00Z'),
    });
    expect(parseQueryTimespan('yesterday', NOW)).toBeUndefined();
  });
});

describe('errors', () => {
  const refusal = (query: string) => {
    try {
      run(query);
    } catch (error) {
      if (KqlExecutionError.isInstance(error)) return error;
      throw error;
    }
    throw new Error(`ran: ${query}`);
  };

  it.each([
    ['SigninLogs | join (AuditLogs) on CorrelationId', /operator `join` is not supported by the demo tenant/],
    [
      'SigninLogs | where IPAddress matches regex "^192"',
      /expression `IPAddress matches regex "\^192"` is not supported/,
    ],
    ['SigninLogs | summarize avg(strlen(IPAddress))', /aggregate function `avg\(\)` is not supported/],
    ['SigninLogs | extend h = hash(IPAddress)', /function `hash\(\)` is not supported/],
    ['let x = 1; SigninLogs', /more than one statement/],
    ['print 1', /source `print 1`/],
  ])('refuses %j as not supported, naming the part', (query, message) => {
    const error = refusal(query);
    expect(error.code).toBe('NotSupported');
    expect(error.message).toMatch(message);
  });

  it('refuses an unknown column as a semantic error with its position', () => {
    const error = refusal('SigninLogs | where Nope == 1');
    expect(error.code).toBe('SemanticError');
    expect(error.message).toMatch(/^line 1, column 20: /);
  });
});
