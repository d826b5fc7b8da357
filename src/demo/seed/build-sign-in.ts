/**
 * Builds one sign-in log record (`microsoft.graph.signIn`) from what happened: who, when, which app, from
 * where and which device, how it ended and how risky it looked. Used by the background generator and by
 * the stories alike, so that every record is consistent (Conditional Access results match the outcome,
 * failure text matches the error code, risk fields are all set together).
 * It never invents facts: everything random is drawn by the caller.
 */
import type { DemoDevice, DemoPlace, DemoSignIn, DemoUser } from '../demo-tenant-state.js';
import { LEGACY_CLIENT_APPS, type SignInApplication } from './applications.js';
import { evaluateConditionalAccess } from './conditional-access.js';
import type { SignInFailure } from './sign-in-failures.js';

const AZURE_MANAGEMENT_RESOURCE = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const MFA_DETAILS = {
  claimInToken: 'MFA requirement satisfied by claim in the token',
  completed: 'MFA completed in Azure AD',
} as const;
const FAILURE_DETAILS: Readonly<Record<number, string>> = {
  50126:
    "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.",
  50074:
    "The user didn't complete the MFA prompt. They may have decided not to authenticate, timed out while doing other work, or has an issue with their authentication setup.",
  500121: 'The user did not approve the Microsoft Authenticator notification.',
};
/** Errors raised before Conditional Access is evaluated (primary authentication or an interrupt). */
const BEFORE_CONDITIONAL_ACCESS = new Set([50126, 50140, 50053, 50055, 50057, 50074, 50076]);

/** How a sign-in ended. `mfa` says how MFA was met on success (`none`: single factor). */
export type SignInOutcome =
  | { kind: 'success'; mfa: 'claimInToken' | 'completed' | 'none' }
  | { kind: 'failure'; failure: SignInFailure };

/** Risk Identity Protection attached to the sign-in. */
export interface SignInRisk {
  levelDuringSignIn: 'none' | 'low' | 'medium' | 'high';
  levelAggregated: 'none' | 'low' | 'medium' | 'high';
  state: string;
  detail: string;
  eventTypes: string[];
}

/** Everything one sign-in record is made from. */
export interface SignInEvent {
  id: string;
  correlationId: string;
  /** Epoch ms on the seeded timeline. */
  at: number;
  person: DemoUser;
  app: SignInApplication;
  ipAddress: string;
  where: DemoPlace;
  device: DemoDevice;
  /** Overrides the device's usual browser (e.g. `Rich Client` for desktop apps). */
  browser?: string;
  outcome: SignInOutcome;
  risk?: SignInRisk;
}

const NO_RISK: SignInRisk = {
  levelDuringSignIn: 'none',
  levelAggregated: 'none',
  state: 'none',
  detail: 'none',
  eventTypes: [],
};

/** The sign-in record for `event`. */
export function buildSignIn(event: SignInEvent): DemoSignIn {
  const { person, app, device, outcome } = event;
  const risk = event.risk ?? NO_RISK;
  const legacyClient = LEGACY_CLIENT_APPS.has(app.clientAppUsed);
  const errorCode = outcome.kind === 'failure' ? outcome.failure.errorCode : 0;
  const mfa =
    outcome.kind === 'success'
      ? outcome.mfa === 'none'
        ? 'notAsked'
        : 'success'
      : errorCode === 500121
        ? 'failure'
        : 'notAsked';
  const ca = evaluateConditionalAccess({
    evaluated: !BEFORE_CONDITIONAL_ACCESS.has(errorCode),
    legacyClient,
    azureManagement: app.resourceId === AZURE_MANAGEMENT_RESOURCE,
    deviceCompliant: device.isCompliant === true,
    deviceManaged: device.isManaged === true,
    mfaExcluded: person.excludedFromMfaPolicy,
    mfa,
    signInRiskMediumOrHigher: risk.levelDuringSignIn === 'medium' || risk.levelDuringSignIn === 'high',
  });
  const status =
    outcome.kind === 'success'
      ? {
          errorCode: 0,
          failureReason: null,
          additionalDetails: outcome.mfa === 'none' ? null : MFA_DETAILS[outcome.mfa],
        }
      : {
          errorCode,
          failureReason: outcome.failure.failureReason.replace('{resource}', app.resourceId),
          additionalDetails: FAILURE_DETAILS[errorCode] ?? null,
        };
  return {
    id: event.id,
    createdDateTime: new Date(event.at).toISOString(),
    userDisplayName: person.user.displayName,
    userPrincipalName: person.user.userPrincipalName,
    userId: person.user.id,
    appId: app.appId,
    appDisplayName: app.appDisplayName,
    ipAddress: event.ipAddress,
    clientAppUsed: app.clientAppUsed,
    correlationId: event.correlationId,
    conditionalAccessStatus: ca.conditionalAccessStatus,
    isInteractive: true,
    riskDetail: risk.detail,
    riskLevelAggregated: risk.levelAggregated,
    riskLevelDuringSignIn: risk.levelDuringSignIn,
    riskState: risk.state,
    riskEventTypes: [...risk.eventTypes],
    riskEventTypes_v2: [...risk.eventTypes],
    resourceDisplayName: app.resourceDisplayName,
    resourceId: app.resourceId,
    status,
    deviceDetail: {
      deviceId: device.deviceId,
      displayName: device.displayName,
      operatingSystem: device.operatingSystem,
      browser: event.browser ?? device.browser,
      isCompliant: device.isCompliant,
      isManaged: device.isManaged,
      trustType: device.trustType,
    },
    location: {
      city: event.where.city,
      state: event.where.state,
      countryOrRegion: event.where.countryOrRegion,
      geoCoordinates: { altitude: null, latitude: event.where.latitude, longitude: event.where.longitude },
    },
    appliedConditionalAccessPolicies: ca.appliedConditionalAccessPolicies,
  };
}
