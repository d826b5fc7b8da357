/**
 * Turns a Graph sign-in record (`microsoft.graph.signIn`, as the demo tenant stores it) into the row Microsoft
 * Entra diagnostic settings write to the `SigninLogs` table: same event, same people, addresses and times,
 * Log Analytics' column names (`ResultType` as text, `LocationDetails`/`DeviceDetail` as dynamic, the risk
 * event types as a JSON array in a string).
 * It never invents a field the sign-in does not say, except the constant ones (`OperationName`, `Category`).
 */

import type { LogAnalyticsRow } from '../../clients/log-analytics-schema.js';
import type { DemoSignIn } from '../demo-tenant-state.js';

const MFA_ERRORS = new Set([50074, 50076, 500121]);

/** The `SigninLogs` row for `signIn`. */
export function signInLogRow(signIn: DemoSignIn, tenantId: string): LogAnalyticsRow<'SigninLogs'> {
  const { status, location, deviceDetail } = signIn;
  const mfa =
    MFA_ERRORS.has(status.errorCode) ||
    (status.errorCode === 0 && /MFA/.test(status.additionalDetails ?? ''));
  return {
    TimeGenerated: signIn.createdDateTime,
    TenantId: tenantId,
    Id: signIn.id,
    CorrelationId: signIn.correlationId,
    OperationName: 'Sign-in activity',
    Category: 'SignInLogs',
    ResultType: String(status.errorCode),
    ResultDescription: status.failureReason ?? '',
    UserPrincipalName: signIn.userPrincipalName,
    UserDisplayName: signIn.userDisplayName,
    UserId: signIn.userId,
    Identity: signIn.userDisplayName,
    AppDisplayName: signIn.appDisplayName,
    AppId: signIn.appId,
    ResourceDisplayName: signIn.resourceDisplayName,
    ResourceIdentity: signIn.resourceId,
    IPAddress: signIn.ipAddress,
    Location: location.countryOrRegion ?? '',
    LocationDetails: {
      city: location.city,
      state: location.state,
      countryOrRegion: location.countryOrRegion,
      geoCoordinates:
        location.geoCoordinates === null
          ? null
          : {
              altitude: location.geoCoordinates.altitude,
              latitude: location.geoCoordinates.latitude,
              longitude: location.geoCoordinates.longitude,
            },
    },
    ClientAppUsed: signIn.clientAppUsed,
    DeviceDetail: {
      deviceId: deviceDetail.deviceId,
      displayName: deviceDetail.displayName,
      operatingSystem: deviceDetail.operatingSystem,
      browser: deviceDetail.browser,
      isCompliant: deviceDetail.isCompliant,
      isManaged: deviceDetail.isManaged,
      trustType: deviceDetail.trustType,
    },
    IsInteractive: signIn.isInteractive,
    ConditionalAccessStatus: signIn.conditionalAccessStatus,
    AuthenticationRequirement: mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    RiskDetail: signIn.riskDetail,
    RiskLevelAggregated: signIn.riskLevelAggregated,
    RiskLevelDuringSignIn: signIn.riskLevelDuringSignIn,
    RiskState: signIn.riskState,
    RiskEventTypes_V2: JSON.stringify(signIn.riskEventTypes_v2),
    Type: 'SigninLogs',
  };
}
