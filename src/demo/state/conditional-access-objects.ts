/**
 * Conditional Access as Microsoft Graph v1.0 serves it under `/identity/conditionalAccess`: policies
 * (`microsoft.graph.conditionalAccessPolicy`) and named locations (`ipNamedLocation`, `countryNamedLocation`).
 * Holds data only: it never evaluates a policy (see `seed/conditional-access.ts` for how sign-ins fare).
 */

/** `microsoft.graph.conditionalAccessUsers` */
export interface DemoConditionalAccessUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeGuestsOrExternalUsers: null | {
    guestOrExternalUserTypes: string;
    externalTenants: { membershipKind: string } | null;
  };
  excludeGuestsOrExternalUsers: null;
}

/** `microsoft.graph.conditionalAccessConditionSet` (the conditions the demo policies use). */
export interface DemoConditionalAccessConditions {
  userRiskLevels: string[];
  signInRiskLevels: string[];
  servicePrincipalRiskLevels: string[];
  clientAppTypes: string[];
  platforms: null;
  locations: { includeLocations: string[]; excludeLocations: string[] } | null;
  devices: { deviceFilter: { mode: string; rule: string } | null } | null;
  clientApplications: null;
  applications: {
    includeApplications: string[];
    excludeApplications: string[];
    includeUserActions: string[];
    includeAuthenticationContextClassReferences: string[];
    applicationFilter: null;
  };
  users: DemoConditionalAccessUsers;
}

/** `microsoft.graph.conditionalAccessPolicy` */
export interface DemoConditionalAccessPolicy {
  id: string;
  templateId: string | null;
  displayName: string;
  createdDateTime: string;
  modifiedDateTime: string | null;
  /** `enabled` | `disabled` | `enabledForReportingButNotEnforced` */
  state: string;
  conditions: DemoConditionalAccessConditions;
  grantControls: null | {
    /** `AND` | `OR` */
    operator: string;
    /** `block`, `mfa`, `compliantDevice`, `domainJoinedDevice`, `approvedApplication`, ... */
    builtInControls: string[];
    customAuthenticationFactors: string[];
    termsOfUse: string[];
    authenticationStrength: null;
  };
  sessionControls: null | {
    applicationEnforcedRestrictions: null;
    cloudAppSecurity: null;
    persistentBrowser: null;
    disableResilienceDefaults: boolean | null;
    signInFrequency: null | {
      value: number | null;
      type: string | null;
      authenticationType: string;
      frequencyInterval: string;
      isEnabled: boolean;
    };
  };
}

/** `microsoft.graph.namedLocation` and its two derived types, discriminated by `@odata.type`. */
export type DemoNamedLocation =
  | {
      '@odata.type': '#microsoft.graph.ipNamedLocation';
      id: string;
      displayName: string;
      createdDateTime: string;
      modifiedDateTime: string;
      isTrusted: boolean;
      ipRanges: { '@odata.type': '#microsoft.graph.iPv4CidrRange'; cidrAddress: string }[];
    }
  | {
      '@odata.type': '#microsoft.graph.countryNamedLocation';
      id: string;
      displayName: string;
      createdDateTime: string;
      modifiedDateTime: string;
      countriesAndRegions: string[];
      includeUnknownCountriesAndRegions: boolean;
      /** `clientIpAddress` | `authenticatorAppGps` */
      countryLookupMethod: string;
    };
