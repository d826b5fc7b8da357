/**
 * Advanced hunting query templates for Microsoft Defender XDR, built from validated parameters only — strings
 * through `kqlString`, numbers through `kqlInteger`/`kqlTimespan` — so a parameter can never change a query's
 * shape. They name the advanced hunting schema's tables and its `Timestamp` column, and produce the same
 * output columns as Ward's Sentinel templates (`Failures`, `Users`, `UserList` ...), so one summary reads
 * either. Every query is still validated by `defender-xdr.advancedHunting` before it runs.
 * It never pastes raw text into a query and never runs one.
 */
import { kqlInteger, kqlString, kqlTimespan } from '../../clients/kql/kql-literal.js';

/** A query for `defender-xdr.advancedHunting` and the hours it covers. */
export interface AdvancedHuntingQuery {
  query: string;
  hours: number;
}

/** PowerShell processes started with an encoded command over the last `days`, newest first (at most 100). */
export function encodedPowerShellHuntingQuery(days: number): AdvancedHuntingQuery {
  return {
    query: [
      'DeviceProcessEvents',
      `| where Timestamp > ago(${kqlTimespan(days, 'd')})`,
      '| where FileName in~ ("powershell.exe", "pwsh.exe", "powershell_ise.exe")',
      '| where ProcessCommandLine contains "-enc" or ProcessCommandLine has "-ec" or ProcessCommandLine has "-e"',
      '| project Timestamp, DeviceName, AccountUpn, FileName, ProcessCommandLine, InitiatingProcessFileName',
      '| sort by Timestamp desc',
      '| take 100',
    ].join('\n'),
    hours: days * 24,
  };
}

/** Failed logons over the last `hours` grouped by source address, the `top` addresses by failures. */
export function failedLogonsByIpHuntingQuery(hours: number, top: number): AdvancedHuntingQuery {
  return {
    query: [
      'IdentityLogonEvents',
      `| where Timestamp > ago(${kqlTimespan(hours, 'h')})`,
      '| where ActionType == "LogonFailed"',
      '| summarize Failures = count(), Users = dcount(AccountUpn), UserList = make_set(AccountUpn, 10), FirstSeen = min(Timestamp), LastSeen = max(Timestamp) by IPAddress',
      `| top ${kqlInteger(top)} by Failures desc`,
    ].join('\n'),
    hours,
  };
}

/** A user's logons to Microsoft online services and Active Directory over the last `hours`, newest first (at most 100). */
export function userLogonsHuntingQuery(user: string, hours: number): AdvancedHuntingQuery {
  return {
    query: [
      'IdentityLogonEvents',
      `| where Timestamp > ago(${kqlTimespan(hours, 'h')})`,
      `| where AccountUpn =~ ${kqlString(user)}`,
      '| project Timestamp, AccountUpn, Application, IPAddress, Location, ActionType, FailureReason, LogonType',
      '| sort by Timestamp desc',
      '| take 100',
    ].join('\n'),
    hours,
  };
}
