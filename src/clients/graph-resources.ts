/**
 * Zod schemas for the Microsoft Graph resources Ward reads, field for field as the public v1.0 reference
 * documents them. One schema, both sides: the Graph client parses real responses with these, and the demo
 * tenant's contract tests parse its own responses with the same ones.
 * Enumerations are parsed as strings (Graph adds values over time, e.g. `unknownFutureValue`); code that
 * interprets them compares against the known values and treats anything else as "unknown".
 */
import { z } from 'zod/v4';

const nullableString = z.string().nullable().optional();
const dateTime = z.string(); // ISO 8601, UTC, as Graph sends it

export const geoCoordinatesSchema = z.object({
  latitude: z.number().nullable().optional(),
  longitude: z.number().nullable().optional(),
  altitude: z.number().nullable().optional(),
});

export const signInLocationSchema = z.object({
  city: nullableString,
  state: nullableString,
  countryOrRegion: nullableString,
  geoCoordinates: geoCoordinatesSchema.nullable().optional(),
});
export type SignInLocation = z.infer<typeof signInLocationSchema>;

/** `microsoft.graph.user` (the subset Ward selects). */
export const userSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  userPrincipalName: nullableString,
  mail: nullableString,
  givenName: nullableString,
  surname: nullableString,
  jobTitle: nullableString,
  department: nullableString,
  officeLocation: nullableString,
  usageLocation: nullableString,
  accountEnabled: z.boolean().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
});
export type GraphUser = z.infer<typeof userSchema>;

/** `microsoft.graph.riskyUser` */
export const riskyUserSchema = z.object({
  id: z.string(),
  isDeleted: z.boolean().nullable().optional(),
  isProcessing: z.boolean().nullable().optional(),
  riskLastUpdatedDateTime: dateTime.nullable().optional(),
  /** low | medium | high | hidden | none | unknownFutureValue */
  riskLevel: z.string(),
  /** none | confirmedSafe | remediated | dismissed | atRisk | confirmedCompromised | unknownFutureValue */
  riskState: z.string(),
  riskDetail: nullableString,
  userDisplayName: nullableString,
  userPrincipalName: nullableString,
});
export type RiskyUser = z.infer<typeof riskyUserSchema>;

/** `microsoft.graph.riskDetection` */
export const riskDetectionSchema = z.object({
  id: z.string(),
  requestId: nullableString,
  correlationId: nullableString,
  /** e.g. anonymizedIPAddress, unlikelyTravel, passwordSpray, unfamiliarFeatures, leakedCredentials, ... */
  riskEventType: z.string(),
  riskState: z.string(),
  riskLevel: z.string(),
  riskDetail: nullableString,
  /** activeDirectory | IdentityProtection | MicrosoftCloudAppSecurity | ... */
  source: nullableString,
  /** notDefined | realtime | nearRealtime | offline */
  detectionTimingType: nullableString,
  /** signin | user */
  activity: nullableString,
  tokenIssuerType: nullableString,
  ipAddress: nullableString,
  location: signInLocationSchema.nullable().optional(),
  activityDateTime: dateTime.nullable().optional(),
  detectedDateTime: dateTime.nullable().optional(),
  lastUpdatedDateTime: dateTime.nullable().optional(),
  userId: nullableString,
  userDisplayName: nullableString,
  userPrincipalName: nullableString,
  additionalInfo: nullableString,
});
export type RiskDetection = z.infer<typeof riskDetectionSchema>;

export const signInStatusSchema = z.object({
  errorCode: z.number().nullable().optional(),
  failureReason: nullableString,
  additionalDetails: nullableString,
});

export const deviceDetailSchema = z.object({
  deviceId: nullableString,
  displayName: nullableString,
  operatingSystem: nullableString,
  browser: nullableString,
  isCompliant: z.boolean().nullable().optional(),
  isManaged: z.boolean().nullable().optional(),
  trustType: nullableString,
});

export const appliedConditionalAccessPolicySchema = z.object({
  id: nullableString,
  displayName: nullableString,
  /** success | failure | notApplied | notEnabled | unknown | unknownFutureValue | reportOnly... */
  result: nullableString,
  enforcedGrantControls: z.array(z.string()).nullable().optional(),
  enforcedSessionControls: z.array(z.string()).nullable().optional(),
});

/** `microsoft.graph.signIn` */
export const signInSchema = z.object({
  id: z.string(),
  createdDateTime: dateTime,
  userDisplayName: nullableString,
  userPrincipalName: nullableString,
  userId: nullableString,
  appId: nullableString,
  appDisplayName: nullableString,
  ipAddress: nullableString,
  clientAppUsed: nullableString,
  correlationId: nullableString,
  /** success | failure | notApplied | unknownFutureValue */
  conditionalAccessStatus: nullableString,
  isInteractive: z.boolean().nullable().optional(),
  riskDetail: nullableString,
  riskLevelAggregated: nullableString,
  riskLevelDuringSignIn: nullableString,
  riskState: nullableString,
  riskEventTypes_v2: z.array(z.string()).nullable().optional(),
  resourceDisplayName: nullableString,
  resourceId: nullableString,
  status: signInStatusSchema.nullable().optional(),
  deviceDetail: deviceDetailSchema.nullable().optional(),
  location: signInLocationSchema.nullable().optional(),
  appliedConditionalAccessPolicies: z.array(appliedConditionalAccessPolicySchema).nullable().optional(),
});
export type SignIn = z.infer<typeof signInSchema>;

/**
 * `microsoft.graph.authenticationMethod` and its derived types, discriminated by `@odata.type`
 * (e.g. `#microsoft.graph.microsoftAuthenticatorAuthenticationMethod`). Type-specific fields are optional.
 */
export const authenticationMethodSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: nullableString,
  createdDateTime: dateTime.nullable().optional(),
  /** microsoftAuthenticator */
  deviceTag: nullableString,
  phoneAppVersion: nullableString,
  /** phone */
  phoneNumber: nullableString,
  phoneType: nullableString,
  /** email */
  emailAddress: nullableString,
  /** fido2 */
  model: nullableString,
});
export type AuthenticationMethod = z.infer<typeof authenticationMethodSchema>;

/** `microsoft.graph.group` */
export const groupSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  description: nullableString,
  /** `[]` security group; `Unified` Microsoft 365 group; `DynamicMembership` */
  groupTypes: z.array(z.string()).nullable().optional(),
  securityEnabled: z.boolean().nullable().optional(),
  mailEnabled: z.boolean().nullable().optional(),
  mail: nullableString,
  mailNickname: nullableString,
  isAssignableToRole: z.boolean().nullable().optional(),
  membershipRule: nullableString,
  membershipRuleProcessingState: nullableString,
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  securityIdentifier: nullableString,
  visibility: nullableString,
  createdDateTime: dateTime.nullable().optional(),
  renewedDateTime: dateTime.nullable().optional(),
});
export type Group = z.infer<typeof groupSchema>;

/** `microsoft.graph.directoryRole` (a built-in role activated in the tenant). */
export const directoryRoleSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  description: nullableString,
  roleTemplateId: nullableString,
});
export type DirectoryRole = z.infer<typeof directoryRoleSchema>;

/**
 * A `microsoft.graph.directoryObject` as navigation properties return it (`members`, `memberOf`, `principal`):
 * `@odata.type` says which (`#microsoft.graph.user`, `#microsoft.graph.group`, `#microsoft.graph.directoryRole`).
 */
export const directoryObjectSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: nullableString,
  userPrincipalName: nullableString,
  mail: nullableString,
  roleTemplateId: nullableString,
  securityEnabled: z.boolean().nullable().optional(),
});
export type DirectoryObject = z.infer<typeof directoryObjectSchema>;

/** `microsoft.graph.unifiedRolePermission` */
export const unifiedRolePermissionSchema = z.object({
  allowedResourceActions: z.array(z.string()),
  excludedResourceActions: z.array(z.string()).nullable().optional(),
  condition: nullableString,
});

/** `microsoft.graph.unifiedRoleDefinition` */
export const unifiedRoleDefinitionSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  description: nullableString,
  isBuiltIn: z.boolean().nullable().optional(),
  isEnabled: z.boolean().nullable().optional(),
  resourceScopes: z.array(z.string()).nullable().optional(),
  templateId: nullableString,
  version: nullableString,
  rolePermissions: z.array(unifiedRolePermissionSchema).nullable().optional(),
});
export type UnifiedRoleDefinition = z.infer<typeof unifiedRoleDefinitionSchema>;

/** `microsoft.graph.unifiedRoleAssignment` (an active assignment); `$expand` adds `roleDefinition`, `principal`. */
export const unifiedRoleAssignmentSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: nullableString,
  appScopeId: nullableString,
  condition: nullableString,
  roleDefinition: unifiedRoleDefinitionSchema.nullable().optional(),
  principal: directoryObjectSchema.nullable().optional(),
});
export type UnifiedRoleAssignment = z.infer<typeof unifiedRoleAssignmentSchema>;

/** `microsoft.graph.expirationPattern` */
export const expirationPatternSchema = z.object({
  /** notSpecified | noExpiration | afterDateTime | afterDuration */
  type: nullableString,
  endDateTime: dateTime.nullable().optional(),
  duration: nullableString,
});

/** `microsoft.graph.requestSchedule` */
export const requestScheduleSchema = z.object({
  startDateTime: dateTime.nullable().optional(),
  expiration: expirationPatternSchema.nullable().optional(),
});

/** `microsoft.graph.unifiedRoleEligibilitySchedule` (PIM: may activate the role). */
export const unifiedRoleEligibilityScheduleSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: nullableString,
  appScopeId: nullableString,
  createdUsing: nullableString,
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  /** Provisioned, ... */
  status: nullableString,
  /** Direct | Group | Inherited */
  memberType: nullableString,
  scheduleInfo: requestScheduleSchema.nullable().optional(),
  roleDefinition: unifiedRoleDefinitionSchema.nullable().optional(),
  principal: directoryObjectSchema.nullable().optional(),
});
export type UnifiedRoleEligibilitySchedule = z.infer<typeof unifiedRoleEligibilityScheduleSchema>;

/** `microsoft.graph.modifiedProperty` (values are JSON text, e.g. `"[true]"`). */
export const modifiedPropertySchema = z.object({
  displayName: nullableString,
  oldValue: nullableString,
  newValue: nullableString,
});

/** `microsoft.graph.targetResource` */
export const targetResourceSchema = z.object({
  id: nullableString,
  displayName: nullableString,
  /** User, Group, Role, Policy, Device, ... */
  type: nullableString,
  userPrincipalName: nullableString,
  groupType: nullableString,
  modifiedProperties: z.array(modifiedPropertySchema).nullable().optional(),
});

/** `microsoft.graph.directoryAudit` */
export const directoryAuditSchema = z.object({
  id: z.string(),
  category: z.string(),
  correlationId: nullableString,
  /** success | failure | timeout | unknownFutureValue */
  result: nullableString,
  resultReason: nullableString,
  activityDisplayName: z.string(),
  activityDateTime: dateTime,
  loggedByService: nullableString,
  /** Add | Assign | Update | Unassign | Delete */
  operationType: nullableString,
  initiatedBy: z.object({
    user: z
      .object({
        id: nullableString,
        displayName: nullableString,
        userPrincipalName: nullableString,
        ipAddress: nullableString,
      })
      .nullable()
      .optional(),
    app: z
      .object({
        appId: nullableString,
        displayName: nullableString,
        servicePrincipalId: nullableString,
        servicePrincipalName: nullableString,
      })
      .nullable()
      .optional(),
  }),
  targetResources: z.array(targetResourceSchema),
  additionalDetails: z
    .array(z.object({ key: nullableString, value: nullableString }))
    .nullable()
    .optional(),
});
export type DirectoryAudit = z.infer<typeof directoryAuditSchema>;

const stringList = z.array(z.string()).nullable().optional();

/** `microsoft.graph.conditionalAccessPolicy` */
export const conditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  templateId: nullableString,
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  /** enabled | disabled | enabledForReportingButNotEnforced */
  state: z.string(),
  conditions: z.object({
    userRiskLevels: stringList,
    signInRiskLevels: stringList,
    servicePrincipalRiskLevels: stringList,
    /** all | browser | mobileAppsAndDesktopClients | exchangeActiveSync | easSupported | other */
    clientAppTypes: stringList,
    locations: z.object({ includeLocations: stringList, excludeLocations: stringList }).nullable().optional(),
    devices: z
      .object({ deviceFilter: z.object({ mode: z.string(), rule: z.string() }).nullable().optional() })
      .nullable()
      .optional(),
    applications: z
      .object({
        includeApplications: stringList,
        excludeApplications: stringList,
        includeUserActions: stringList,
        includeAuthenticationContextClassReferences: stringList,
      })
      .nullable()
      .optional(),
    users: z
      .object({
        includeUsers: stringList,
        excludeUsers: stringList,
        includeGroups: stringList,
        excludeGroups: stringList,
        includeRoles: stringList,
        excludeRoles: stringList,
      })
      .nullable()
      .optional(),
  }),
  grantControls: z
    .object({
      /** AND | OR */
      operator: nullableString,
      /** block | mfa | compliantDevice | domainJoinedDevice | approvedApplication | compliantApplication | passwordChange */
      builtInControls: stringList,
      customAuthenticationFactors: stringList,
      termsOfUse: stringList,
    })
    .nullable()
    .optional(),
  sessionControls: z
    .object({
      signInFrequency: z
        .object({
          value: z.number().nullable().optional(),
          /** days | hours */
          type: nullableString,
          frequencyInterval: nullableString,
          isEnabled: z.boolean().nullable().optional(),
        })
        .nullable()
        .optional(),
      disableResilienceDefaults: z.boolean().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ConditionalAccessPolicy = z.infer<typeof conditionalAccessPolicySchema>;

/**
 * `microsoft.graph.namedLocation` and its derived types, discriminated by `@odata.type`
 * (`#microsoft.graph.ipNamedLocation`, `#microsoft.graph.countryNamedLocation`). Type-specific fields are optional.
 */
export const namedLocationSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: z.string(),
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  /** ip */
  isTrusted: z.boolean().nullable().optional(),
  ipRanges: z
    .array(z.object({ '@odata.type': z.string().optional(), cidrAddress: z.string() }))
    .nullable()
    .optional(),
  /** country */
  countriesAndRegions: stringList,
  includeUnknownCountriesAndRegions: z.boolean().nullable().optional(),
  countryLookupMethod: nullableString,
});
export type NamedLocation = z.infer<typeof namedLocationSchema>;

/** `microsoft.graph.managedDevice` (Intune; the properties a SOC reads). */
export const managedDeviceSchema = z.object({
  id: z.string(),
  deviceName: nullableString,
  userId: nullableString,
  userPrincipalName: nullableString,
  userDisplayName: nullableString,
  emailAddress: nullableString,
  /** Windows | macOS | iOS | Android | ... */
  operatingSystem: nullableString,
  osVersion: nullableString,
  /** unknown | compliant | noncompliant | conflict | error | inGracePeriod | configManager */
  complianceState: nullableString,
  complianceGracePeriodExpirationDateTime: dateTime.nullable().optional(),
  /** company | personal | unknown */
  managedDeviceOwnerType: nullableString,
  managementAgent: nullableString,
  enrolledDateTime: dateTime.nullable().optional(),
  lastSyncDateTime: dateTime.nullable().optional(),
  azureADDeviceId: nullableString,
  azureADRegistered: z.boolean().nullable().optional(),
  deviceEnrollmentType: nullableString,
  deviceRegistrationState: nullableString,
  isEncrypted: z.boolean().nullable().optional(),
  isSupervised: z.boolean().nullable().optional(),
  jailBroken: nullableString,
  model: nullableString,
  manufacturer: nullableString,
  serialNumber: nullableString,
  imei: nullableString,
  wiFiMacAddress: nullableString,
  androidSecurityPatchLevel: nullableString,
  partnerReportedThreatState: nullableString,
  totalStorageSpaceInBytes: z.number().nullable().optional(),
  freeStorageSpaceInBytes: z.number().nullable().optional(),
  managedDeviceName: nullableString,
});
export type ManagedDevice = z.infer<typeof managedDeviceSchema>;

/** `microsoft.graph.deviceCompliancePolicySettingState` */
export const deviceCompliancePolicySettingStateSchema = z.object({
  setting: nullableString,
  settingName: nullableString,
  /** unknown | notApplicable | compliant | remediated | nonCompliant | error | conflict | notAssigned */
  state: z.string(),
  currentValue: nullableString,
  errorCode: z.number().nullable().optional(),
  errorDescription: nullableString,
  userPrincipalName: nullableString,
  sources: z
    .array(z.object({ id: nullableString, displayName: nullableString, sourceType: nullableString }))
    .nullable()
    .optional(),
  complianceGracePeriodExpirationDateTime: dateTime.nullable().optional(),
});

/** `microsoft.graph.deviceCompliancePolicyState` */
export const deviceCompliancePolicyStateSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  version: z.number().nullable().optional(),
  /** android | iOS | macOS | windows10AndLater | androidWorkProfile | all | ... */
  platformType: nullableString,
  state: z.string(),
  settingCount: z.number().nullable().optional(),
  settingStates: z.array(deviceCompliancePolicySettingStateSchema).nullable().optional(),
});
export type DeviceCompliancePolicyState = z.infer<typeof deviceCompliancePolicyStateSchema>;

/** `microsoft.graph.security.userAccount` */
export const securityUserAccountSchema = z.object({
  accountName: nullableString,
  domainName: nullableString,
  userSid: nullableString,
  azureAdUserId: nullableString,
  userPrincipalName: nullableString,
  displayName: nullableString,
});

/** `microsoft.graph.security.fileDetails` */
export const securityFileDetailsSchema = z.object({
  fileName: nullableString,
  filePath: nullableString,
  fileSize: z.number().nullable().optional(),
  filePublisher: nullableString,
  sha1: nullableString,
  sha256: nullableString,
  signer: nullableString,
  issuer: nullableString,
});

/**
 * `microsoft.graph.security.alertEvidence` and its derived types, discriminated by `@odata.type`
 * (`#microsoft.graph.security.userEvidence`, `deviceEvidence`, `ipEvidence`, `processEvidence`, `urlEvidence`,
 * `mailboxEvidence`, `fileEvidence`, ...). Type-specific fields are optional.
 */
export const alertEvidenceSchema = z.object({
  '@odata.type': z.string(),
  createdDateTime: dateTime.nullable().optional(),
  /** unknown | suspicious | malicious | noThreatsFound */
  verdict: nullableString,
  /** none | remediated | prevented | blocked | notFound */
  remediationStatus: nullableString,
  remediationStatusDetails: nullableString,
  /** compromised | attacker | contextual | suspicious | ... */
  roles: stringList,
  detailedRoles: stringList,
  tags: stringList,
  /** user, process, mailbox */
  userAccount: securityUserAccountSchema.nullable().optional(),
  /** device */
  mdeDeviceId: nullableString,
  azureAdDeviceId: nullableString,
  deviceDnsName: nullableString,
  osPlatform: nullableString,
  osBuild: z.number().nullable().optional(),
  healthStatus: nullableString,
  riskScore: nullableString,
  onboardingStatus: nullableString,
  firstSeenDateTime: dateTime.nullable().optional(),
  ipInterfaces: stringList,
  loggedOnUsers: z
    .array(z.object({ accountName: nullableString, domainName: nullableString }))
    .nullable()
    .optional(),
  /** ip */
  ipAddress: nullableString,
  countryLetterCode: nullableString,
  /** process */
  processId: z.number().nullable().optional(),
  parentProcessId: z.number().nullable().optional(),
  processCommandLine: nullableString,
  processCreationDateTime: dateTime.nullable().optional(),
  parentProcessCreationDateTime: dateTime.nullable().optional(),
  /** detected | blocked | prevented */
  detectionStatus: nullableString,
  imageFile: securityFileDetailsSchema.nullable().optional(),
  parentProcessImageFile: securityFileDetailsSchema.nullable().optional(),
  /** url */
  url: nullableString,
  /** mailbox */
  primaryAddress: nullableString,
  displayName: nullableString,
});
export type AlertEvidence = z.infer<typeof alertEvidenceSchema>;

/** `microsoft.graph.security.alertComment` */
export const alertCommentSchema = z.object({
  comment: nullableString,
  createdByDisplayName: nullableString,
  createdDateTime: dateTime.nullable().optional(),
});

/** `microsoft.graph.security.alert` (`/security/alerts_v2`). */
export const securityAlertSchema = z.object({
  id: z.string(),
  providerAlertId: nullableString,
  incidentId: nullableString,
  /** new | inProgress | resolved | unknownFutureValue */
  status: z.string(),
  /** informational | low | medium | high | unknownFutureValue */
  severity: z.string(),
  /** unknown | falsePositive | truePositive | informationalExpectedActivity */
  classification: nullableString,
  determination: nullableString,
  /** microsoftDefenderForEndpoint | microsoftDefenderForOffice365 | azureAdIdentityProtection | ... */
  serviceSource: nullableString,
  detectionSource: nullableString,
  productName: nullableString,
  detectorId: nullableString,
  tenantId: nullableString,
  title: nullableString,
  description: nullableString,
  recommendedActions: nullableString,
  /** MITRE ATT&CK tactic, e.g. InitialAccess, CredentialAccess, Execution */
  category: nullableString,
  assignedTo: nullableString,
  alertWebUrl: nullableString,
  incidentWebUrl: nullableString,
  actorDisplayName: nullableString,
  threatDisplayName: nullableString,
  threatFamilyName: nullableString,
  mitreTechniques: stringList,
  createdDateTime: dateTime,
  lastUpdateDateTime: dateTime.nullable().optional(),
  resolvedDateTime: dateTime.nullable().optional(),
  firstActivityDateTime: dateTime.nullable().optional(),
  lastActivityDateTime: dateTime.nullable().optional(),
  comments: z.array(alertCommentSchema).nullable().optional(),
  evidence: z.array(alertEvidenceSchema).nullable().optional(),
  systemTags: stringList,
});
export type SecurityAlert = z.infer<typeof securityAlertSchema>;

/** `microsoft.graph.security.incident`; `$expand=alerts` adds its alerts. */
export const securityIncidentSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  incidentWebUrl: nullableString,
  tenantId: nullableString,
  redirectIncidentId: nullableString,
  createdDateTime: dateTime,
  lastUpdateDateTime: dateTime.nullable().optional(),
  assignedTo: nullableString,
  classification: nullableString,
  determination: nullableString,
  /** active | resolved | inProgress | redirected | awaitingAction | unknownFutureValue */
  status: z.string(),
  /** informational | low | medium | high | unknownFutureValue */
  severity: z.string(),
  customTags: stringList,
  systemTags: stringList,
  description: nullableString,
  comments: z.array(alertCommentSchema).nullable().optional(),
  alerts: z.array(securityAlertSchema).nullable().optional(),
});
export type SecurityIncident = z.infer<typeof securityIncidentSchema>;

/**
 * `microsoft.graph.longRunningOperation` as `/users/{id}/authentication/operations/{id}` returns it (a password
 * reset). `succeeded` and `failed` are final.
 */
export const authenticationOperationSchema = z.object({
  id: z.string(),
  /** notStarted | running | succeeded | failed | unknownFutureValue */
  status: z.string(),
  createdDateTime: dateTime.nullable().optional(),
  lastActionDateTime: dateTime.nullable().optional(),
  resourceLocation: nullableString,
  statusDetail: nullableString,
});
export type AuthenticationOperation = z.infer<typeof authenticationOperationSchema>;

/** `microsoft.graph.passwordResetResponse`: the system-generated password, when the caller gave none. */
export const passwordResetResponseSchema = z.object({
  newPassword: nullableString,
});

/** An action's `Edm.Boolean` answer, e.g. `revokeSignInSessions`: `{ "@odata.context", "value": true }`. */
export const booleanValueSchema = z.object({
  '@odata.context': z.string().optional(),
  value: z.boolean(),
});

/** An OData collection page: `{ "@odata.context", "@odata.nextLink"?, value: [...] }`. */
export function collectionSchema<T extends z.ZodType>(item: T) {
  return z.object({
    '@odata.context': z.string().optional(),
    '@odata.nextLink': z.string().optional(),
    '@odata.count': z.number().optional(),
    value: z.array(item),
  });
}

/** Graph's error body: `{ error: { code, message, innerError? } }`. */
export const graphErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    innerError: z.record(z.string(), z.unknown()).optional(),
  }),
});
