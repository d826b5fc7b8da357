/**
 * The demo tenant's groups, directory roles and role management (PIM) records, stored in the shapes Microsoft
 * Graph v1.0 returns them in (`microsoft.graph.group`, `directoryRole`, `unifiedRoleDefinition`,
 * `unifiedRoleAssignment`, `unifiedRoleEligibilitySchedule`), plus the member ids Graph serves through
 * navigation properties. Timestamps are ISO 8601 text on the seeded timeline.
 * Holds data only: it never computes, validates or talks HTTP.
 */

/** `microsoft.graph.group` (the properties the demo tenant serves). */
export interface DemoGraphGroup {
  id: string;
  deletedDateTime: string | null;
  classification: string | null;
  createdDateTime: string;
  creationOptions: string[];
  description: string | null;
  displayName: string;
  expirationDateTime: string | null;
  /** `[]` for security groups, `['Unified']` for Microsoft 365 groups, plus `DynamicMembership`. */
  groupTypes: string[];
  isAssignableToRole: boolean | null;
  mail: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  membershipRule: string | null;
  membershipRuleProcessingState: string | null;
  onPremisesLastSyncDateTime: string | null;
  onPremisesSecurityIdentifier: string | null;
  onPremisesSyncEnabled: boolean | null;
  preferredDataLocation: string | null;
  preferredLanguage: string | null;
  proxyAddresses: string[];
  renewedDateTime: string;
  resourceBehaviorOptions: string[];
  resourceProvisioningOptions: string[];
  securityEnabled: boolean;
  securityIdentifier: string;
  theme: string | null;
  visibility: string | null;
}

/** A group and the object ids of its direct members (users). */
export interface DemoGroup {
  group: DemoGraphGroup;
  memberIds: string[];
}

/** `microsoft.graph.directoryRole`: a built-in role activated in the tenant, with its active members. */
export interface DemoDirectoryRole {
  role: {
    id: string;
    deletedDateTime: string | null;
    description: string;
    displayName: string;
    roleTemplateId: string;
  };
  memberIds: string[];
}

/** `microsoft.graph.unifiedRolePermission` */
export interface DemoRolePermission {
  allowedResourceActions: string[];
  condition: string | null;
  excludedResourceActions: string[];
}

/** `microsoft.graph.unifiedRoleDefinition` (built-in roles: `id` equals `templateId`). */
export interface DemoRoleDefinition {
  id: string;
  description: string;
  displayName: string;
  isBuiltIn: boolean;
  isEnabled: boolean;
  resourceScopes: string[];
  templateId: string;
  version: string | null;
  rolePermissions: DemoRolePermission[];
}

/** `microsoft.graph.unifiedRoleAssignment`: an active assignment (permanent, or a PIM activation). */
export interface DemoRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  condition: string | null;
}

/** `microsoft.graph.expirationPattern` */
export interface DemoExpirationPattern {
  /** `notSpecified` | `noExpiration` | `afterDateTime` | `afterDuration` */
  type: string;
  endDateTime: string | null;
  duration: string | null;
}

/** `microsoft.graph.unifiedRoleEligibilitySchedule`: who may activate a role through PIM. */
export interface DemoRoleEligibilitySchedule {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  /** The id of the request that created it. */
  createdUsing: string;
  createdDateTime: string;
  modifiedDateTime: string | null;
  /** `Provisioned` once in force. */
  status: string;
  /** `Direct` | `Group` | `Inherited` */
  memberType: string;
  scheduleInfo: {
    startDateTime: string;
    recurrence: null;
    expiration: DemoExpirationPattern;
  };
}
