/**
 * The hunting query templates: KQL built from validated parameters only — strings through `kqlString`, numbers
 * through `kqlInteger`/`kqlTimespan` — so a parameter can never change a query's shape. Each template names the
 * tables and columns of the Sentinel workspace schema, and every query is still validated before it runs.
 * It never pastes raw text into a query and never runs one.
 */
import { kqlInteger, kqlString, kqlTimespan } from '../../clients/kql/kql-literal.js';

/** A query ready to validate and run, and the timespan (ISO 8601 duration) it covers. */
export interface HuntingQuery {
  query: string;
  timespan: string;
}

/** A user's sign-ins over the last `hours`, newest first (at most 100). */
export function userSignInsQuery(user: string, hours: number): HuntingQuery {
  return {
    query: [
      'SigninLogs',
      `| where TimeGenerated > ago(${kqlTimespan(hours, 'h')})`,
      `| where UserPrincipalName =~ ${kqlString(user)}`,
      '| project TimeGenerated, UserPrincipalName, AppDisplayName, IPAddress, Location, ResultType, ResultDescription, ConditionalAccessStatus, RiskLevelDuringSignIn',
      '| sort by TimeGenerated desc',
      '| take 100',
    ].join('\n'),
    timespan: `PT${kqlInteger(hours)}H`,
  };
}

/** Failed sign-ins over the last `hours` grouped by source address, the `top` addresses by failures. */
export function failedSignInsByIpQuery(hours: number, top: number): HuntingQuery {
  return {
    query: [
      'SigninLogs',
      `| where TimeGenerated > ago(${kqlTimespan(hours, 'h')})`,
      '| where ResultType != "0"',
      '| summarize Failures = count(), Users = dcount(UserPrincipalName), UserList = make_set(UserPrincipalName, 10), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by IPAddress',
      `| top ${kqlInteger(top)} by Failures desc`,
    ].join('\n'),
    timespan: `PT${kqlInteger(hours)}H`,
  };
}

/** PowerShell processes started with an encoded command over the last `days`, newest first (at most 100). */
export function encodedPowerShellQuery(days: number): HuntingQuery {
  return {
    query: [
      'DeviceProcessEvents',
      `| where TimeGenerated > ago(${kqlTimespan(days, 'd')})`,
      '| where FileName in~ ("powershell.exe", "pwsh.exe", "powershell_ise.exe")',
      '| where ProcessCommandLine contains "-enc" or ProcessCommandLine has "-ec" or ProcessCommandLine has "-e"',
      '| project TimeGenerated, DeviceName, AccountUpn, FileName, ProcessCommandLine, InitiatingProcessFileName',
      '| sort by TimeGenerated desc',
      '| take 100',
    ].join('\n'),
    timespan: `P${kqlInteger(days)}D`,
  };
}
