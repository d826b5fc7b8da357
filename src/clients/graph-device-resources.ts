/**
 * Intune's Microsoft Graph resources as Ward reads them: the `managedDevice` and `deviceCompliancePolicyState`
 * schemas (one schema for Ward's client and the demo tenant's contract tests), the properties Ward selects,
 * and the enumeration values it interprets. Field shapes follow the public v1.0 reference; enumerations stay
 * strings (Graph adds values over time) and code compares them with the known values listed here.
 * It only describes data: it never builds a request or interprets a device.
 */
import type { z } from 'zod/v4';
import {
  type DeviceCompliancePolicyState,
  deviceCompliancePolicySettingStateSchema,
  deviceCompliancePolicyStateSchema,
  type ManagedDevice,
  managedDeviceSchema,
} from './graph-resources.js';

export {
  type DeviceCompliancePolicyState,
  deviceCompliancePolicySettingStateSchema,
  deviceCompliancePolicyStateSchema,
  type ManagedDevice,
  managedDeviceSchema,
};

/** `microsoft.graph.deviceCompliancePolicySettingState`: one setting of a policy on one device. */
export type DeviceCompliancePolicySettingState = z.infer<typeof deviceCompliancePolicySettingStateSchema>;

/**
 * The `managedDevice` properties Ward asks for (`$select`): who owns the device, what it runs, whether it is
 * compliant, encrypted and in touch with Intune. Typed against the schema, so a misspelt name fails to compile.
 */
export const MANAGED_DEVICE_SELECT = [
  'id',
  'deviceName',
  'userId',
  'userPrincipalName',
  'userDisplayName',
  'operatingSystem',
  'osVersion',
  'complianceState',
  'complianceGracePeriodExpirationDateTime',
  'managedDeviceOwnerType',
  'managementAgent',
  'enrolledDateTime',
  'lastSyncDateTime',
  'azureADDeviceId',
  'deviceEnrollmentType',
  'isEncrypted',
  'jailBroken',
  'model',
  'manufacturer',
  'serialNumber',
  'partnerReportedThreatState',
] as const satisfies readonly (keyof ManagedDevice)[];

/** The `deviceCompliancePolicyState` properties Ward asks for; `settingStates` says why, setting by setting. */
export const COMPLIANCE_POLICY_STATE_SELECT = [
  'id',
  'displayName',
  'version',
  'platformType',
  'state',
  'settingCount',
  'settingStates',
] as const satisfies readonly (keyof DeviceCompliancePolicyState)[];

/** `managedDevice.complianceState` values (`microsoft.graph.complianceState`). */
export const DEVICE_COMPLIANCE_STATES = [
  'unknown',
  'compliant',
  'noncompliant',
  'conflict',
  'error',
  'inGracePeriod',
  'configManager',
] as const;

/** `deviceCompliancePolicyState.state` and its setting states (`microsoft.graph.complianceStatus`). */
export const POLICY_COMPLIANCE_STATUSES = [
  'unknown',
  'notApplicable',
  'compliant',
  'remediated',
  'nonCompliant',
  'error',
  'conflict',
  'notAssigned',
] as const;

/** `managedDevice.partnerReportedThreatState` values (Defender for Endpoint or another Mobile Threat Defense partner). */
export const PARTNER_THREAT_STATES = [
  'unknown',
  'activated',
  'deactivated',
  'secured',
  'lowSeverity',
  'mediumSeverity',
  'highSeverity',
  'unresponsive',
  'compromised',
  'misconfigured',
] as const;
