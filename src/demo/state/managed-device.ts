/**
 * Intune's view of the demo tenant's devices as Microsoft Graph v1.0 serves it under
 * `/deviceManagement/managedDevices`: the `microsoft.graph.managedDevice` record and its
 * `deviceCompliancePolicyStates` (why a device is or is not compliant, setting by setting).
 * Holds data only: it never computes, validates or talks HTTP.
 */

/** `microsoft.graph.managedDevice` (the properties the demo tenant serves). */
export interface DemoGraphManagedDevice {
  id: string;
  userId: string;
  deviceName: string;
  managedDeviceOwnerType: string;
  enrolledDateTime: string;
  lastSyncDateTime: string;
  operatingSystem: string;
  /** `unknown` | `compliant` | `noncompliant` | `conflict` | `error` | `inGracePeriod` | `configManager` */
  complianceState: string;
  jailBroken: string;
  managementAgent: string;
  osVersion: string;
  easActivated: boolean;
  easDeviceId: string;
  easActivationDateTime: string;
  azureADRegistered: boolean;
  deviceEnrollmentType: string;
  activationLockBypassCode: string | null;
  emailAddress: string;
  azureADDeviceId: string;
  deviceRegistrationState: string;
  deviceCategoryDisplayName: string;
  isSupervised: boolean;
  exchangeLastSuccessfulSyncDateTime: string;
  exchangeAccessState: string;
  exchangeAccessStateReason: string;
  remoteAssistanceSessionUrl: string | null;
  remoteAssistanceSessionErrorDetails: string | null;
  isEncrypted: boolean;
  userPrincipalName: string;
  model: string;
  manufacturer: string;
  imei: string;
  complianceGracePeriodExpirationDateTime: string;
  serialNumber: string;
  phoneNumber: string;
  androidSecurityPatchLevel: string;
  userDisplayName: string;
  wiFiMacAddress: string;
  subscriberCarrier: string;
  meid: string;
  totalStorageSpaceInBytes: number;
  freeStorageSpaceInBytes: number;
  managedDeviceName: string;
  partnerReportedThreatState: string;
  requireUserEnrollmentApproval: boolean | null;
  managementCertificateExpirationDate: string;
  iccid: string | null;
  udid: string | null;
  notes: string | null;
  ethernetMacAddress: string | null;
  physicalMemoryInBytes: number;
}

/** `microsoft.graph.deviceCompliancePolicySettingState` */
export interface DemoCompliancePolicySettingState {
  setting: string;
  settingName: string;
  instanceDisplayName: string | null;
  /** `unknown` | `notApplicable` | `compliant` | `remediated` | `nonCompliant` | `error` | `conflict` | `notAssigned` */
  state: string;
  errorCode: number;
  errorDescription: string | null;
  userId: string;
  userName: string;
  userEmail: string;
  userPrincipalName: string;
  sources: { id: string; displayName: string; sourceType: string }[];
  currentValue: string | null;
  complianceGracePeriodExpirationDateTime: string;
}

/** `microsoft.graph.deviceCompliancePolicyState` */
export interface DemoDeviceCompliancePolicyState {
  id: string;
  displayName: string;
  version: number;
  /** `android` | `iOS` | `macOS` | `windows10AndLater` | `all` | ... */
  platformType: string;
  state: string;
  settingCount: number;
  settingStates: DemoCompliancePolicySettingState[];
}

/** A managed device and its compliance policy states. */
export interface DemoManagedDevice {
  device: DemoGraphManagedDevice;
  compliancePolicyStates: DemoDeviceCompliancePolicyState[];
}
