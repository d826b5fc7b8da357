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
