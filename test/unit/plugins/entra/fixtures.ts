/**
 * Small hand-made Microsoft Graph records for Entra tests, shaped as the v1.0 reference documents them (and as
 * `src/clients/graph-resources.ts` parses them). Every time is relative to one fixed `NOW`, so tests read as
 * "2 h ago" and never depend on the clock. Defaults describe an ordinary, healthy user; a test overrides only
 * what its story is about.
 */
import type {
  AuthenticationMethod,
  GraphUser,
  RiskDetection,
  RiskyUser,
  SignIn,
} from '../../../../src/clients/graph-resources.js';
import type { UserRiskEvidence } from '../../../../src/plugins/entra/assess-user-risk.js';

/** The fixed "now" of every Entra test. */
export const NOW = new Date('2026-11-24T15:00:00.000Z');

export const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';

/** ISO time `hours` before `NOW`. */
export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * 3_600_000).toISOString();
}

/** ISO time `days` before `NOW`. */
export function daysAgo(days: number): string {
  return hoursAgo(days * 24);
}

export function graphUser(overrides: Partial<GraphUser> = {}): GraphUser {
  return {
    id: ADELE_ID,
    displayName: 'Adele Vance',
    userPrincipalName: 'adele.vance@contoso.com',
    mail: 'adele.vance@contoso.com',
    jobTitle: 'Retail Manager',
    department: 'Retail',
    accountEnabled: true,
    ...overrides,
  };
}

export function riskyUser(overrides: Partial<RiskyUser> = {}): RiskyUser {
  return {
    id: ADELE_ID,
    isDeleted: false,
    isProcessing: false,
    riskLevel: 'high',
    riskState: 'atRisk',
    riskDetail: 'none',
    riskLastUpdatedDateTime: hoursAgo(1),
    userDisplayName: 'Adele Vance',
    userPrincipalName: 'adele.vance@contoso.com',
    ...overrides,
  };
}

let detectionCount = 0;

/** A risk detection of `riskEventType`, still at risk, detected `overrides.detectedDateTime` or 2 h ago. */
export function riskDetection(riskEventType: string, overrides: Partial<RiskDetection> = {}): RiskDetection {
  detectionCount += 1;
  return {
    id: `detection-${detectionCount}`,
    riskEventType,
    riskState: 'atRisk',
    riskLevel: 'high',
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: 'realtime',
    activity: 'signin',
    ipAddress: '185.220.101.4',
    location: { city: 'Frankfurt', countryOrRegion: 'DE' },
    activityDateTime: hoursAgo(2),
    detectedDateTime: hoursAgo(2),
    userId: ADELE_ID,
    userDisplayName: 'Adele Vance',
    userPrincipalName: 'adele.vance@contoso.com',
    ...overrides,
  };
}

let signInCount = 0;

/** A successful interactive sign-in to Outlook from Seattle on Adele's laptop, 3 h ago unless overridden. */
export function signIn(overrides: Partial<SignIn> = {}): SignIn {
  signInCount += 1;
  return {
    id: `sign-in-${signInCount}`,
    createdDateTime: hoursAgo(3),
    userDisplayName: 'Adele Vance',
    userPrincipalName: 'adele.vance@contoso.com',
    userId: ADELE_ID,
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: '131.107.1.10',
    clientAppUsed: 'Browser',
    isInteractive: true,
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    status: { errorCode: 0, failureReason: 'Other.' },
    deviceDetail: { displayName: 'DESKTOP-ADELE01', operatingSystem: 'Windows10', browser: 'Edge 131.0' },
    location: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US' },
    ...overrides,
  };
}

/** A failed sign-in with Entra's error code and reason. */
export function failedSignIn(
  errorCode: number,
  failureReason: string,
  overrides: Partial<SignIn> = {},
): SignIn {
  return signIn({ status: { errorCode, failureReason }, ...overrides });
}

export type MethodKind =
  | 'password'
  | 'microsoftAuthenticator'
  | 'fido2'
  | 'phone'
  | 'email'
  | 'temporaryAccessPass'
  | 'softwareOath'
  | 'hardwareOath';

/** An authentication method of `kind`, registered `createdDateTime` (default: long ago). */
export function method(
  kind: MethodKind,
  overrides: Partial<AuthenticationMethod> = {},
): AuthenticationMethod {
  return {
    '@odata.type': `#microsoft.graph.${kind}AuthenticationMethod`,
    id: `${kind}-method`,
    createdDateTime: daysAgo(400),
    ...overrides,
  };
}

/**
 * Evidence for `assessUserRisk`: by default a user Identity Protection never flagged, no detections, one
 * ordinary sign-in and password plus Microsoft Authenticator registered.
 */
export function evidence(overrides: Partial<UserRiskEvidence> = {}): UserRiskEvidence {
  return {
    user: graphUser(),
    riskyUser: null,
    detections: [],
    signIns: [signIn()],
    methods: [method('password'), method('microsoftAuthenticator')],
    now: NOW,
    ...overrides,
  };
}
