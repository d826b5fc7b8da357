/**
 * The schema of the Log Analytics tables Ward queries in a Sentinel workspace (and the demo tenant's workspace
 * holds): table names, column names and KQL types exactly as Azure Monitor spells them (the subset Ward uses). A KQL validator can
 * read it to check table and column names before running a query, and the seeded rows are typed from it
 * (`LogAnalyticsRow<'SigninLogs'>`), so the schema and the data cannot drift apart.
 * Data and types only; it never reads or runs queries.
 */

/** A KQL scalar type, as the query API reports it in `columns[].type`. */
export type KqlType = 'string' | 'datetime' | 'bool' | 'int' | 'long' | 'real' | 'guid' | 'dynamic';

/** A value of a `dynamic` column: any JSON. */
export type DynamicValue =
  | null
  | string
  | number
  | boolean
  | DynamicValue[]
  | { [key: string]: DynamicValue };

/** One column. `nullable` columns may hold null (an empty datetime, an absent dynamic). */
export interface LogAnalyticsColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly nullable?: boolean;
}

function columns<const C extends readonly LogAnalyticsColumn[]>(list: C): C {
  return list;
}

const s = <const N extends string>(name: N) => ({ name, type: 'string' }) as const;
const dt = <const N extends string>(name: N) => ({ name, type: 'datetime' }) as const;
const dtOrNull = <const N extends string>(name: N) => ({ name, type: 'datetime', nullable: true }) as const;
const dyn = <const N extends string>(name: N) => ({ name, type: 'dynamic', nullable: true }) as const;
const bool = <const N extends string>(name: N) => ({ name, type: 'bool' }) as const;
const int = <const N extends string>(name: N) => ({ name, type: 'int' }) as const;
const long = <const N extends string>(name: N) => ({ name, type: 'long' }) as const;

/** Every table the workspace holds, with its columns in the order the service lists them. */
export const LOG_ANALYTICS_TABLES = {
  /** Microsoft Entra interactive sign-ins (the same events as Graph's `auditLogs/signIns`). */
  SigninLogs: columns([
    dt('TimeGenerated'),
    s('TenantId'),
    s('Id'),
    s('CorrelationId'),
    s('OperationName'),
    s('Category'),
    s('ResultType'),
    s('ResultDescription'),
    s('UserPrincipalName'),
    s('UserDisplayName'),
    s('UserId'),
    s('Identity'),
    s('AppDisplayName'),
    s('AppId'),
    s('ResourceDisplayName'),
    s('ResourceIdentity'),
    s('IPAddress'),
    s('Location'),
    dyn('LocationDetails'),
    s('ClientAppUsed'),
    dyn('DeviceDetail'),
    bool('IsInteractive'),
    s('ConditionalAccessStatus'),
    s('AuthenticationRequirement'),
    s('RiskDetail'),
    s('RiskLevelAggregated'),
    s('RiskLevelDuringSignIn'),
    s('RiskState'),
    s('RiskEventTypes_V2'),
    s('Type'),
  ]),
  /** Alerts from every connected product (Identity Protection, Defender for Endpoint, Defender for Cloud...). */
  SecurityAlert: columns([
    dt('TimeGenerated'),
    s('TenantId'),
    s('DisplayName'),
    s('AlertName'),
    s('AlertSeverity'),
    s('Description'),
    s('ProviderName'),
    s('VendorName'),
    s('VendorOriginalId'),
    s('SystemAlertId'),
    s('ProductName'),
    s('ProductComponentName'),
    s('AlertType'),
    dt('StartTime'),
    dt('EndTime'),
    dt('ProcessingEndTime'),
    s('Status'),
    s('CompromisedEntity'),
    s('RemediationSteps'),
    s('ExtendedProperties'),
    s('Entities'),
    s('Tactics'),
    s('Techniques'),
    s('AlertLink'),
    bool('IsIncident'),
    s('Type'),
  ]),
  /** Sentinel incidents (one row per change; the demo keeps the latest). */
  SecurityIncident: columns([
    dt('TimeGenerated'),
    s('TenantId'),
    s('IncidentName'),
    int('IncidentNumber'),
    s('Title'),
    s('Description'),
    s('Severity'),
    s('Status'),
    s('Classification'),
    s('ClassificationReason'),
    dyn('Owner'),
    s('ProviderName'),
    s('ProviderIncidentId'),
    dt('FirstActivityTime'),
    dt('LastActivityTime'),
    dt('FirstModifiedTime'),
    dt('LastModifiedTime'),
    dt('CreatedTime'),
    dtOrNull('ClosedTime'),
    dyn('AlertIds'),
    dyn('Labels'),
    s('IncidentUrl'),
    dyn('AdditionalData'),
    s('Type'),
  ]),
  /** Microsoft Defender for Endpoint process creation events (advanced hunting schema). */
  DeviceProcessEvents: columns([
    dt('TimeGenerated'),
    dt('Timestamp'),
    s('TenantId'),
    s('DeviceId'),
    s('DeviceName'),
    s('ActionType'),
    s('FileName'),
    s('FolderPath'),
    s('SHA1'),
    s('SHA256'),
    s('MD5'),
    long('FileSize'),
    long('ProcessId'),
    s('ProcessCommandLine'),
    dt('ProcessCreationTime'),
    s('ProcessIntegrityLevel'),
    s('AccountDomain'),
    s('AccountName'),
    s('AccountSid'),
    s('AccountUpn'),
    s('AccountObjectId'),
    s('InitiatingProcessFileName'),
    s('InitiatingProcessFolderPath'),
    s('InitiatingProcessCommandLine'),
    long('InitiatingProcessId'),
    s('InitiatingProcessParentFileName'),
    s('InitiatingProcessAccountName'),
    s('InitiatingProcessAccountUpn'),
    long('ReportId'),
    s('Type'),
  ]),
  /** Microsoft Entra audit log (directory changes, password resets, role assignments). */
  AuditLogs: columns([
    dt('TimeGenerated'),
    s('TenantId'),
    s('Id'),
    s('CorrelationId'),
    s('OperationName'),
    s('Category'),
    s('Result'),
    s('ResultReason'),
    s('ActivityDisplayName'),
    dt('ActivityDateTime'),
    s('Identity'),
    dyn('InitiatedBy'),
    dyn('TargetResources'),
    dyn('AdditionalDetails'),
    s('LoggedByService'),
    s('AADOperationType'),
    s('Type'),
  ]),
} as const;

/** A table the workspace holds. */
export type LogAnalyticsTableName = keyof typeof LOG_ANALYTICS_TABLES;

interface KqlTypeValues {
  string: string;
  datetime: string;
  bool: boolean;
  int: number;
  long: number;
  real: number;
  guid: string;
  dynamic: DynamicValue;
}

type ColumnValue<C extends LogAnalyticsColumn> = C extends { nullable: true }
  ? KqlTypeValues[C['type']] | null
  : KqlTypeValues[C['type']];

/** One row of `T`: every column, by its real name, typed from its KQL type (datetime as ISO 8601 text). */
export type LogAnalyticsRow<T extends LogAnalyticsTableName> = {
  [C in (typeof LOG_ANALYTICS_TABLES)[T][number] as C['name']]: ColumnValue<C>;
};
