/**
 * What Ward writes after reading a hunt's rows, over rows shaped as Sentinel and Defender XDR return them: a
 * password spray (one address, many users, a failure each, in minutes) told apart from a brute force (one
 * user, many failures) and from a busy shared address; encoded PowerShell decoded (never run) and rated by
 * script analysis, with its devices and accounts; a user's sign-ins with failures, countries, apps, risky
 * sign-ins and a country change within the hour; the analyst's own query's most frequent values; and plain
 * words when nothing matched. Every finding cites the hunt's source.
 */
import { describe, expect, it } from 'vitest';
import { DEFENDER_HUNTING_SCHEMA } from '../../../../src/clients/kql/defender-hunting-schema.js';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../../src/clients/kql/kql-workspace-schema.js';
import { validateKql } from '../../../../src/clients/kql/parse-kql.js';
import { type HuntRows, summariseHunt } from '../../../../src/core/planner/summarise-hunt.js';
import { ENCODED_COMMAND_LINE, STAGER_URL } from '../../../../src/demo/seed/encoded-powershell.js';

const SENTINEL = { sourceId: 'S1', service: 'Sentinel' };
const XDR = { sourceId: 'S2', service: 'Defender XDR advanced hunting' };

function rows(
  columns: [string, string][],
  records: Record<string, unknown>[],
  extra: Partial<HuntRows> = {},
): HuntRows {
  return {
    query: 'T | take 1',
    timespan: 'P7D',
    columns: columns.map(([name, type]) => ({ name, type })),
    rows: records,
    rowCount: records.length,
    truncated: false,
    ...extra,
  };
}

const users = (count: number, prefix = 'user') =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}@contoso.com`);

const FAILED_COLUMNS: [string, string][] = [
  ['IPAddress', 'string'],
  ['Failures', 'long'],
  ['Users', 'long'],
  ['UserList', 'dynamic'],
  ['FirstSeen', 'datetime'],
  ['LastSeen', 'datetime'],
];

describe('failed sign-ins by address', () => {
  const spray = {
    IPAddress: '192.0.2.45',
    Failures: 45,
    Users: 45,
    UserList: users(10, 'sprayed'),
    FirstSeen: '2025-06-11T00:33:13Z',
    LastSeen: '2025-06-11T00:46:25Z',
  };
  const office = {
    IPAddress: '203.0.113.25',
    Failures: 23,
    Users: 15,
    UserList: users(10, 'office'),
    FirstSeen: '2025-06-04T16:01:37Z',
    LastSeen: '2025-06-11T02:13:45Z',
  };
  const bruteForce = {
    IPAddress: '198.51.100.7',
    Failures: 60,
    Users: 1,
    UserList: ['megan.bowen@contoso.com'],
    FirstSeen: '2025-06-10T22:00:00Z',
    LastSeen: '2025-06-10T23:10:00Z',
  };

  it('names the top addresses with their users, and a password spray by its shape', () => {
    const summary = summariseHunt('failed-sign-ins-by-ip', rows(FAILED_COLUMNS, [spray, office]), SENTINEL);
    expect(summary.summary).toContain('Sentinel found failed sign-ins from 2 addresses in the last 7 days.');
    expect(summary.summary).toContain('192.0.2.45 (45 failures across 45 users in 13 minutes)');
    expect(summary.summary).toContain('203.0.113.25 (23 failures across 15 users over 6 days)');
    expect(summary.summary).toContain(
      '192.0.2.45 looks like a password spray: one address, 45 users, 1 failure each, in 13 minutes',
    );
    expect(summary.riskLevel).toBe('high');
    const [first, second] = summary.findings;
    expect(first).toMatchObject({
      title: 'Password spray from 192.0.2.45: 45 users in 13 minutes',
      severity: 'high',
      when: '2025-06-11T00:46:25.000Z',
      citations: ['S1'],
    });
    expect(first?.detail).toContain('e.g. sprayed0@contoso.com, sprayed1@contoso.com, sprayed2@contoso.com');
    // A busy address with a few failures per user over days is not called a spray.
    expect(second).toMatchObject({ severity: 'low', citations: ['S1'] });
    expect(second?.title).toBe('1 address with many users failing over days');
    expect(second?.detail).toMatch(/203\.0\.113\.25 \(15 users over 6 days\).*shared address/);
    expect(summary.followUps).toEqual([
      'kql: SigninLogs | where IPAddress == "192.0.2.45" and ResultType == "0" | project TimeGenerated, UserPrincipalName, AppDisplayName',
    ]);
  });

  it('suggests follow-up queries that validate against their schemas', () => {
    const sentinel = summariseHunt(
      'failed-sign-ins-by-ip',
      rows(FAILED_COLUMNS, [spray]),
      SENTINEL,
    ).followUps;
    const xdr = summariseHunt('failed-sign-ins-by-ip', rows(FAILED_COLUMNS, [spray]), XDR).followUps;
    expect(validateKql(sentinel[0]!.replace(/^kql: /, ''), SENTINEL_WORKSPACE_SCHEMA)).toEqual([]);
    expect(validateKql(xdr[0]!.replace(/^defender kql: /, ''), DEFENDER_HUNTING_SCHEMA)).toEqual([]);
    expect([...sentinel, ...xdr].every((followUp) => followUp.length <= 200)).toBe(true);
  });

  it('names a brute force: one user, many failures', () => {
    const summary = summariseHunt('failed-sign-ins-by-ip', rows(FAILED_COLUMNS, [bruteForce]), SENTINEL);
    expect(summary.summary).toContain(
      '198.51.100.7 looks like a brute force: 60 failures against megan.bowen@contoso.com',
    );
    expect(summary.findings).toEqual([
      expect.objectContaining({
        title: 'Brute force from 198.51.100.7 against megan.bowen@contoso.com',
        severity: 'high',
        citations: ['S1'],
      }),
    ]);
  });

  it('reads advanced hunting’s dynamic list as JSON text, and suggests an advanced hunting follow-up', () => {
    const fromGraph = { ...spray, UserList: JSON.stringify(spray.UserList) };
    const summary = summariseHunt(
      'failed-sign-ins-by-ip',
      rows(
        FAILED_COLUMNS.map(([name, type]) => [name, type === 'dynamic' ? 'Object' : type]),
        [fromGraph],
      ),
      XDR,
    );
    expect(summary.summary).toMatch(/^Defender XDR advanced hunting found failed sign-ins from 1 address/);
    expect(summary.findings[0]?.detail).toContain('e.g. sprayed0@contoso.com');
    expect(summary.findings[0]?.citations).toEqual(['S2']);
    expect(summary.followUps[0]).toMatch(
      /^defender kql: IdentityLogonEvents \| where IPAddress == "192\.0\.2\.45"/,
    );
  });

  it('says when no address shows a pattern', () => {
    const few = { ...office, Users: 2, Failures: 3 };
    const summary = summariseHunt('failed-sign-ins-by-ip', rows(FAILED_COLUMNS, [few]), SENTINEL);
    expect(summary.summary).toContain('No address shows a password-spray or brute-force pattern');
    expect(summary.riskLevel).toBe('low');
    expect(summary.findings).toEqual([]);
    expect(summary.followUps).toEqual([]);
  });

  it('never writes a follow-up query around an "address" that is not one', () => {
    const forged = { ...bruteForce, IPAddress: '10.0.0.1" | take 1 //' };
    const summary = summariseHunt('failed-sign-ins-by-ip', rows(FAILED_COLUMNS, [forged]), SENTINEL);
    expect(summary.findings[0]?.title).toMatch(/^Brute force from 10\.0\.0\.1" \| take 1 \/\//);
    expect(summary.followUps).toEqual([]);
  });
});

const PROCESS_COLUMNS: [string, string][] = [
  ['Timestamp', 'DateTime'],
  ['DeviceName', 'String'],
  ['AccountUpn', 'String'],
  ['FileName', 'String'],
  ['ProcessCommandLine', 'String'],
  ['InitiatingProcessFileName', 'String'],
];

describe('encoded PowerShell', () => {
  const adele = {
    Timestamp: '2025-06-11T13:31:00Z',
    DeviceName: 'desktop-adele01',
    AccountUpn: 'adele.vance@contoso.com',
    FileName: 'powershell.exe',
    ProcessCommandLine: ENCODED_COMMAND_LINE,
    InitiatingProcessFileName: 'explorer.exe',
  };
  // An admin's harmless encoded command: Get-Service (UTF-16LE, Base64).
  const harmless = Buffer.from('Get-Service | Where-Object Status -eq Running', 'utf16le').toString('base64');
  const admin = {
    Timestamp: '2025-06-10T09:00:00Z',
    DeviceName: 'srv-mgmt-01.contoso.com',
    AccountUpn: 'lynne.robbins@contoso.com',
    FileName: 'powershell.exe',
    ProcessCommandLine: `powershell.exe -EncodedCommand ${harmless}`,
    InitiatingProcessFileName: 'cmd.exe',
  };

  it('names devices and accounts and says what the newest command does once decoded, rated by script analysis', () => {
    const summary = summariseHunt(
      'encoded-powershell',
      rows(PROCESS_COLUMNS, [adele, { ...adele, Timestamp: '2025-06-11T13:20:00Z' }, admin]),
      XDR,
    );
    expect(summary.summary).toContain(
      'Defender XDR advanced hunting found 3 PowerShell processes started with an encoded command in the last 7 days, on 2 devices (desktop-adele01 and srv-mgmt-01.contoso.com) by 2 accounts (adele.vance@contoso.com and lynne.robbins@contoso.com).',
    );
    expect(summary.summary).toContain(
      'The newest (desktop-adele01, 2025-06-11 13:31 UTC) downloads content from the internet',
    );
    expect(summary.summary).toContain(`naming ${STAGER_URL}`);
    expect(summary.summary).toContain('script analysis rates it malicious (read only, nothing was run)');
    expect(summary.riskLevel).toBe('high');
    // One finding per distinct command line, each with what it decodes to.
    expect(summary.findings).toHaveLength(2);
    expect(summary.findings[0]).toMatchObject({
      title: 'Encoded PowerShell on desktop-adele01 by adele.vance@contoso.com',
      severity: 'high',
      when: '2025-06-11T13:31:00.000Z',
      citations: ['S2'],
    });
    expect(summary.findings[0]?.detail).toContain(`DownloadString('${STAGER_URL}')`);
    expect(summary.findings[1]).toMatchObject({
      title: 'Encoded PowerShell on srv-mgmt-01.contoso.com by lynne.robbins@contoso.com',
      severity: 'low',
    });
    expect(summary.findings[1]?.detail).toContain('Decoded: Get-Service | Where-Object Status -eq Running.');
    expect(summary.findings[1]?.detail).toContain('script analysis rates it no known-bad behaviour');
  });

  it('reads Sentinel’s TimeGenerated too, and says so when a command cannot be decoded', () => {
    const summary = summariseHunt(
      'encoded-powershell',
      rows(
        [['TimeGenerated', 'datetime'], ...PROCESS_COLUMNS.slice(1)],
        [
          {
            ...adele,
            Timestamp: undefined,
            TimeGenerated: '2025-06-11T13:31:00Z',
            ProcessCommandLine: 'powershell.exe -enc !!!not-base64!!!',
          },
        ],
      ),
      SENTINEL,
    );
    expect(summary.summary).toContain('(desktop-adele01, 2025-06-11 13:31 UTC)');
    expect(summary.findings[0]?.when).toBe('2025-06-11T13:31:00.000Z');
    expect(summary.findings[0]?.detail).not.toContain('Decoded:');
  });

  it('says plainly that nothing matched for the period', () => {
    const summary = summariseHunt(
      'encoded-powershell',
      rows(PROCESS_COLUMNS, [], { timespan: 'PT24H' }),
      XDR,
    );
    expect(summary.summary).toBe(
      'Nothing matched: no PowerShell process was started with an encoded command in the last 24 hours. Defender XDR advanced hunting returned no rows.',
    );
    expect(summary).toMatchObject({ riskLevel: 'none', findings: [], followUps: [] });
  });
});

describe("a user's sign-ins", () => {
  const SIGN_IN_COLUMNS: [string, string][] = [
    ['TimeGenerated', 'datetime'],
    ['UserPrincipalName', 'string'],
    ['AppDisplayName', 'string'],
    ['IPAddress', 'string'],
    ['Location', 'string'],
    ['ResultType', 'string'],
    ['ResultDescription', 'string'],
    ['ConditionalAccessStatus', 'string'],
    ['RiskLevelDuringSignIn', 'string'],
  ];
  const signIn = (at: string, app: string, ip: string, country: string, result: string, risk = 'none') => ({
    TimeGenerated: at,
    UserPrincipalName: 'adele.vance@contoso.com',
    AppDisplayName: app,
    IPAddress: ip,
    Location: country,
    ResultType: result,
    ResultDescription: result === '0' ? '' : 'Authentication failed during strong authentication request.',
    ConditionalAccessStatus: 'success',
    RiskLevelDuringSignIn: risk,
  });

  it('counts failures and successes, countries and apps, and names risky sign-ins and a country change within the hour', () => {
    const summary = summariseHunt(
      'user-sign-ins',
      rows(SIGN_IN_COLUMNS, [
        signIn('2025-06-11T03:24:53Z', 'Microsoft Teams', '203.0.113.24', 'US', '0'),
        signIn('2025-06-11T02:57:53Z', 'One Outlook Web', '192.0.2.66', 'NL', '0', 'medium'),
        signIn('2025-06-11T02:49:53Z', 'OfficeHome', '192.0.2.66', 'NL', '500121', 'medium'),
        signIn('2025-06-11T02:46:53Z', 'OfficeHome', '192.0.2.66', 'NL', '500121', 'high'),
        signIn('2025-06-11T02:40:00Z', 'OfficeHome', '192.0.2.66', 'NL', '500121', 'medium'),
        signIn('2025-06-10T09:00:00Z', 'Microsoft Teams', '203.0.113.24', 'US', '0'),
      ]),
      { ...SENTINEL, user: 'adele.vance@contoso.com' },
    );
    expect(summary.summary).toContain(
      'adele.vance@contoso.com signed in 6 times in the last 7 days: 3 succeeded, 3 failed.',
    );
    expect(summary.summary).toContain('Countries: NL (4), US (2).');
    expect(summary.summary).toContain('Apps: OfficeHome (3), Microsoft Teams (2), One Outlook Web (1).');
    expect(summary.summary).toContain('4 sign-ins were risky.');
    expect(summary.riskLevel).toBe('high');
    expect(summary.findings.map((finding) => [finding.title, finding.severity])).toEqual([
      ['4 risky sign-ins (highest: high)', 'high'],
      ['Sign-ins from NL and US 27 minutes apart', 'medium'],
      ['3 failed sign-ins', 'low'],
    ]);
    expect(summary.findings[1]?.detail).toContain(
      '2025-06-11 02:57 UTC success to One Outlook Web from 192.0.2.66, NL, then 2025-06-11 03:24 UTC success to Microsoft Teams from 203.0.113.24, US',
    );
    expect(summary.findings.every((finding) => finding.citations.join() === 'S1')).toBe(true);
  });

  it('reads Defender XDR’s IdentityLogonEvents (ActionType, Application, FailureReason) and finds nothing unusual in a quiet week', () => {
    const logon = (at: string, action: string) => ({
      Timestamp: at,
      AccountUpn: 'megan.bowen@contoso.com',
      Application: 'Microsoft Teams',
      IPAddress: '203.0.113.24',
      Location: 'US',
      ActionType: action,
      FailureReason: action === 'LogonFailed' ? 'Invalid username or password.' : '',
    });
    const summary = summariseHunt(
      'user-sign-ins',
      rows(
        [
          'Timestamp',
          'AccountUpn',
          'Application',
          'IPAddress',
          'Location',
          'ActionType',
          'FailureReason',
        ].map((name) => [name, name === 'Timestamp' ? 'DateTime' : 'String']),
        [logon('2025-06-11T09:00:00Z', 'LogonSuccess'), logon('2025-06-10T09:00:00Z', 'LogonFailed')],
      ),
      XDR,
    );
    expect(summary.summary).toBe(
      'megan.bowen@contoso.com signed in 2 times in the last 7 days: 1 succeeded, 1 failed. Countries: US (2). Apps: Microsoft Teams (2). Nothing stands out: no risky sign-ins, no country change within hours.',
    );
    expect(summary).toMatchObject({ riskLevel: 'none', findings: [] });
  });
});

describe("the analyst's own query", () => {
  it('gives the row count and the most frequent values of the first string columns, counted over the rows it has', () => {
    const records = [
      ...Array.from({ length: 30 }, (_, index) => ({
        TimeGenerated: '2025-06-11T00:40:00Z',
        UserPrincipalName: `user${index}@contoso.com`,
        IPAddress: '192.0.2.45',
        AppDisplayName: 'Azure Active Directory PowerShell',
        Attempts: 1,
      })),
      ...Array.from({ length: 20 }, () => ({
        TimeGenerated: '2025-06-11T00:40:00Z',
        UserPrincipalName: 'adele.vance@contoso.com',
        IPAddress: '192.0.2.66',
        AppDisplayName: 'OfficeHome',
        Attempts: 2,
      })),
    ];
    const summary = summariseHunt(
      'own-query',
      rows(
        [
          ['TimeGenerated', 'datetime'],
          ['UserPrincipalName', 'string'],
          ['IPAddress', 'string'],
          ['AppDisplayName', 'string'],
          ['Attempts', 'long'],
        ],
        records,
        { rowCount: 120, truncated: true, timespan: 'PT24H' },
      ),
      SENTINEL,
    );
    expect(summary.summary).toBe(
      'Your query returned 120 rows from Sentinel for the last 24 hours. Most frequent: UserPrincipalName adele.vance@contoso.com (20 rows); IPAddress 192.0.2.45 (30 rows); AppDisplayName Azure Active Directory PowerShell (30 rows). Counted over the first 50 of 120 rows.',
    );
    expect(summary.riskLevel).toBe('unknown');
    expect(summary.findings.map((finding) => finding.title)).toEqual([
      'UserPrincipalName: adele.vance@contoso.com in 20 of 50 rows',
      'IPAddress: 192.0.2.45 in 30 of 50 rows',
      'AppDisplayName: Azure Active Directory PowerShell in 30 of 50 rows',
    ]);
    expect(summary.findings[0]?.detail).toBe(
      '31 distinct values; next: user0@contoso.com (1), user1@contoso.com (1).',
    );
    expect(summary.findings.every((finding) => finding.severity === 'unknown')).toBe(true);
  });

  it('says when nothing matched, and passes on a partial result', () => {
    const summary = summariseHunt(
      'own-query',
      rows([['TimeGenerated', 'datetime']], [], { partialError: 'Query exceeded the result size limit.' }),
      SENTINEL,
    );
    expect(summary.summary).toBe(
      'Nothing matched: your query returned no rows for the last 7 days. Sentinel returned no rows. The service returned a partial result: Query exceeded the result size limit.',
    );
    expect(summary.riskLevel).toBe('unknown');
  });
});
