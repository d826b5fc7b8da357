/**
 * The demo tenant's in-memory state: the directory, Identity Protection, sign-in logs and authentication
 * methods, stored in the shapes Microsoft Graph returns them in, plus the few facts later slices need that
 * Graph serves elsewhere (PIM-eligible roles, devices). Groups, roles, audit logs, Conditional Access, Intune,
 * Defender XDR and long-running operations have their shapes in `state/`. Timestamps are ISO 8601 UTC text
 * on the seeded timeline, which starts at `anchorMs`; responses slide them by `now() - anchorMs`
 * (see `demo-clock.ts`).
 * Holds data only: it never computes, validates or talks HTTP.
 */
import type { DemoDefenderForCloud } from './arm/defender-for-cloud-state.js';
import type { DemoLogAnalytics } from './loganalytics/log-analytics-state.js';
import type { DemoServiceNow } from './servicenow/servicenow-state.js';
import type { DemoAuthenticationOperation } from './state/authentication-operation.js';
import type { DemoConditionalAccessPolicy, DemoNamedLocation } from './state/conditional-access-objects.js';
import type { DemoDirectoryAudit } from './state/directory-audit.js';
import type {
  DemoDirectoryRole,
  DemoGroup,
  DemoRoleAssignment,
  DemoRoleDefinition,
  DemoRoleEligibilitySchedule,
} from './state/directory-objects.js';
import type { DemoLifecycleWorkflow } from './state/lifecycle-workflow.js';
import type { DemoManagedDevice } from './state/managed-device.js';
import type { DemoSecurityAlert, DemoSecurityIncident } from './state/security-incident.js';

/** `microsoft.graph.user`, with every property the demo tenant serves. */
export interface DemoGraphUser {
  id: string;
  accountEnabled: boolean;
  businessPhones: string[];
  city: string | null;
  companyName: string | null;
  country: string | null;
  createdDateTime: string;
  department: string | null;
  displayName: string;
  employeeId: string | null;
  givenName: string | null;
  jobTitle: string | null;
  lastPasswordChangeDateTime: string | null;
  mail: string | null;
  mailNickname: string;
  mobilePhone: string | null;
  officeLocation: string | null;
  onPremisesSyncEnabled: boolean | null;
  preferredLanguage: string | null;
  state: string | null;
  surname: string | null;
  usageLocation: string | null;
  userPrincipalName: string;
  userType: string;
  /** Tokens issued before this instant are refused (set by `revokeSignInSessions` and password resets). */
  signInSessionsValidFromDateTime: string | null;
  /** When the person was or will be hired (the joiner trigger); absent: not set (Graph serves null). */
  employeeHireDate?: string | null;
  /** When the person left or will leave (the leaver trigger); absent: not set (Graph serves null). */
  employeeLeaveDateTime?: string | null;
}

/** A place people sign in from, with the clock offset used to give sign-ins believable local hours. */
export interface DemoPlace {
  city: string;
  state: string;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
  /** Standard-time offset from UTC in hours (daylight saving is ignored). */
  utcOffsetHours: number;
}

/** A device a user signs in from; the devices/Intune slice will serve these. */
export interface DemoDevice {
  /** Entra device id (`deviceDetail.deviceId`); empty for unregistered devices. */
  deviceId: string;
  displayName: string | null;
  /** As sign-in logs spell it: `Windows10`, `MacOs`, `Ios`, `Android`. */
  operatingSystem: string;
  /** Browser (or `Rich Client x.y`) the device usually signs in with. */
  browser: string;
  isCompliant: boolean | null;
  isManaged: boolean | null;
  /** `Azure AD joined` | `Azure AD registered` | `Hybrid Azure AD joined` | null */
  trustType: string | null;
  /** Why Intune calls it non-compliant, for the devices slice (e.g. "BitLocker is off"). */
  complianceIssues: string[];
}

/** One person in the directory, with demo-only facts Graph serves through other APIs. */
export interface DemoUser {
  user: DemoGraphUser;
  /** Where this person usually works and signs in from. */
  home: DemoPlace;
  /** Built-in role names the user is PIM-eligible for (not active); served later with directory roles. */
  eligibleDirectoryRoles: string[];
  /** Devices the user owns or uses, primary first. */
  devices: DemoDevice[];
  /** The user is excluded from the "require MFA" Conditional Access policy (a posture finding). */
  excludedFromMfaPolicy: boolean;
}

/** `microsoft.graph.riskyUser` */
export interface DemoRiskyUser {
  id: string;
  isDeleted: boolean;
  isProcessing: boolean;
  riskLastUpdatedDateTime: string;
  riskLevel: string;
  riskState: string;
  riskDetail: string;
  userDisplayName: string;
  userPrincipalName: string;
}

/** `microsoft.graph.signInLocation` */
export interface DemoSignInLocation {
  city: string | null;
  state: string | null;
  countryOrRegion: string | null;
  geoCoordinates: { altitude: number | null; latitude: number | null; longitude: number | null } | null;
}

/** `microsoft.graph.riskDetection` */
export interface DemoRiskDetection {
  id: string;
  requestId: string | null;
  correlationId: string | null;
  riskEventType: string;
  riskState: string;
  riskLevel: string;
  riskDetail: string;
  source: string;
  detectionTimingType: string;
  activity: string;
  tokenIssuerType: string;
  ipAddress: string | null;
  location: DemoSignInLocation | null;
  activityDateTime: string;
  detectedDateTime: string;
  lastUpdatedDateTime: string;
  userId: string;
  userDisplayName: string;
  userPrincipalName: string;
  additionalInfo: string | null;
}

/** `microsoft.graph.appliedConditionalAccessPolicy` */
export interface DemoAppliedConditionalAccessPolicy {
  id: string;
  displayName: string;
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  result: string;
}

/** `microsoft.graph.signIn` (v1.0). */
export interface DemoSignIn {
  id: string;
  createdDateTime: string;
  userDisplayName: string;
  userPrincipalName: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  clientAppUsed: string;
  correlationId: string;
  conditionalAccessStatus: string;
  isInteractive: boolean;
  riskDetail: string;
  riskLevelAggregated: string;
  riskLevelDuringSignIn: string;
  riskState: string;
  riskEventTypes: string[];
  riskEventTypes_v2: string[];
  resourceDisplayName: string;
  resourceId: string;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  deviceDetail: {
    deviceId: string;
    displayName: string | null;
    operatingSystem: string;
    browser: string;
    isCompliant: boolean | null;
    isManaged: boolean | null;
    trustType: string | null;
  };
  location: DemoSignInLocation;
  appliedConditionalAccessPolicies: DemoAppliedConditionalAccessPolicy[];
}

/** The derived types of `microsoft.graph.authenticationMethod`, discriminated by `@odata.type`. */
export type DemoAuthenticationMethod =
  | {
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod';
      id: string;
      password: null;
      createdDateTime: string;
    }
  | {
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod';
      id: string;
      displayName: string;
      deviceTag: string;
      phoneAppVersion: string;
      createdDateTime: string;
    }
  | {
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod';
      id: string;
      phoneNumber: string;
      phoneType: 'mobile' | 'alternateMobile' | 'office';
      smsSignInState: string;
    }
  | {
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod';
      id: string;
      displayName: string;
      createdDateTime: string;
      aaGuid: string;
      model: string;
      attestationCertificates: string[];
      attestationLevel: 'attested' | 'notAttested';
    }
  | { '@odata.type': '#microsoft.graph.emailAuthenticationMethod'; id: string; emailAddress: string }
  | { '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod'; id: string; secretKey: null }
  | {
      '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod';
      id: string;
      displayName: string;
      createdDateTime: string;
      keyStrength: 'normal' | 'weak' | 'unknown';
    };

/** Everything the demo tenant knows. Mutable: write routes change it; `reset()` restores the seed. */
export interface DemoTenantState {
  /** The seed the data was generated from. */
  seed: number;
  tenantId: string;
  domain: string;
  /** Epoch ms the seeded timeline was computed for (the tenant's `now()` at seed time). */
  anchorMs: number;
  users: DemoUser[];
  riskyUsers: DemoRiskyUser[];
  riskDetections: DemoRiskDetection[];
  /** Newest first. */
  signIns: DemoSignIn[];
  /** Registered authentication methods by user id. */
  authenticationMethods: Map<string, DemoAuthenticationMethod[]>;
  /** Groups and their members (see `state/directory-objects.ts` for the Graph-side shapes). */
  groups: DemoGroup[];
  /** Built-in roles activated in the tenant, with their active members. */
  directoryRoles: DemoDirectoryRole[];
  roleDefinitions: DemoRoleDefinition[];
  /** Active role assignments. */
  roleAssignments: DemoRoleAssignment[];
  /** PIM eligibilities. */
  roleEligibilitySchedules: DemoRoleEligibilitySchedule[];
  /** Newest first; writes add theirs at the front. */
  directoryAudits: DemoDirectoryAudit[];
  conditionalAccessPolicies: DemoConditionalAccessPolicy[];
  namedLocations: DemoNamedLocation[];
  /** Intune-managed devices. */
  managedDevices: DemoManagedDevice[];
  /** Defender XDR incidents, newest first. */
  securityIncidents: DemoSecurityIncident[];
  /** Defender XDR alerts (alerts_v2), newest first. */
  securityAlerts: DemoSecurityAlert[];
  /** Password resets accepted since the seed (long-running operations). */
  authenticationOperations: DemoAuthenticationOperation[];
  /** Lifecycle Workflows (Microsoft Entra ID Governance): the joiner and leaver processes. */
  lifecycleWorkflows: DemoLifecycleWorkflow[];
  /** Defender for Cloud in the "Contoso Production" subscription, behind Azure Resource Manager (`/arm`). */
  defenderForCloud: DemoDefenderForCloud;
  /** The Sentinel workspace behind the Log Analytics query API (`/loganalytics`). */
  logAnalytics: DemoLogAnalytics;
  /** The ServiceNow instance behind the Table API (`/servicenow`). */
  serviceNow: DemoServiceNow;
}
