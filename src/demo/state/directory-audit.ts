/**
 * A directory audit record (`microsoft.graph.directoryAudit`) as Microsoft Graph v1.0 serves it under
 * `/auditLogs/directoryAudits`: who did what to which object, when, through which service.
 * Holds data only: it never computes, validates or talks HTTP.
 */

/** `microsoft.graph.modifiedProperty`: values are JSON text, as Entra writes them (e.g. `"[true]"`). */
export interface DemoModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** `microsoft.graph.targetResource` */
export interface DemoTargetResource {
  id: string;
  displayName: string | null;
  /** `User`, `Group`, `Role`, `Policy`, `Device`, ... */
  type: string;
  userPrincipalName: string | null;
  groupType: string | null;
  modifiedProperties: DemoModifiedProperty[];
}

/** `microsoft.graph.userIdentity` as audit records carry it. */
export interface DemoAuditUserIdentity {
  id: string;
  displayName: string | null;
  userPrincipalName: string | null;
  ipAddress: string | null;
}

/** `microsoft.graph.appIdentity` */
export interface DemoAuditAppIdentity {
  appId: string | null;
  displayName: string | null;
  servicePrincipalId: string | null;
  servicePrincipalName: string | null;
}

/** `microsoft.graph.directoryAudit` */
export interface DemoDirectoryAudit {
  id: string;
  category: string;
  correlationId: string;
  /** `success` | `failure` | `timeout` */
  result: string;
  resultReason: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  /** `Add` | `Assign` | `Update` | `Unassign` | `Delete` */
  operationType: string;
  initiatedBy: { user: DemoAuditUserIdentity | null; app: DemoAuditAppIdentity | null };
  targetResources: DemoTargetResource[];
  additionalDetails: { key: string; value: string }[];
}
