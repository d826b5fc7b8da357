/**
 * Hand-made Intune records for the Intune plugin and device planner tests, shaped as Microsoft Graph v1.0
 * serves them (and as `src/clients/graph-device-resources.ts` parses them): Diego's non-compliant laptop
 * (BitLocker off, OS below the minimum), Adele's compliant laptop, phones, and the compliance policy states
 * that say why. Every time is relative to one fixed `NOW`. Defaults describe an ordinary compliant Windows
 * laptop; a test overrides only what its story is about.
 */
import type {
  DeviceCompliancePolicySettingState,
  DeviceCompliancePolicyState,
  ManagedDevice,
} from '../../../../src/clients/graph-device-resources.js';
import type { OsVersionCounts } from '../../../../src/plugins/intune/skills/os-versions.js';

/** The fixed "now" of every Intune test. */
export const NOW = new Date('2026-11-24T15:00:00.000Z');

export const DIEGO_ID = 'd4a3f7b5-9e4a-4f88-8dab-5a8ebc6b3d04';
export const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';
export const DIEGO_LAPTOP_ID = '33230555-2b0d-4532-9765-57bf5215b9e3';
export const DIEGO_PHONE_ID = '0b7c2f1e-9a8d-4c6b-8e5f-3a2b1c0d9e8f';
export const ADELE_LAPTOP_ID = '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910';
export const DIEGO_ENTRA_DEVICE_ID = '5a2e3d4c-6b7f-4c8a-9d0e-1f2a3b4c5d62';

/** ISO time `hours` before `NOW`. */
export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * 3_600_000).toISOString();
}

/** ISO time `days` before `NOW`. */
export function daysAgo(days: number): string {
  return hoursAgo(days * 24);
}

const NO_END = '9999-12-31T23:59:59Z';

/** A managed device: by default a compliant company Windows laptop of Adele's that checked in an hour ago. */
export function managedDevice(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: ADELE_LAPTOP_ID,
    deviceName: 'DESKTOP-ADELE01',
    userId: ADELE_ID,
    userPrincipalName: 'adele.vance@contoso.com',
    userDisplayName: 'Adele Vance',
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.4602',
    complianceState: 'compliant',
    complianceGracePeriodExpirationDateTime: NO_END,
    managedDeviceOwnerType: 'company',
    managementAgent: 'mdm',
    enrolledDateTime: daysAgo(400),
    lastSyncDateTime: hoursAgo(1),
    azureADDeviceId: '4f1d2c3b-5a6e-4b7f-8c9d-0e1f2a3b4c51',
    deviceEnrollmentType: 'windowsAzureADJoin',
    isEncrypted: true,
    jailBroken: 'Unknown',
    model: 'Surface Laptop 5',
    manufacturer: 'Microsoft Corporation',
    serialNumber: 'ADELE0000001',
    partnerReportedThreatState: 'unknown',
    ...overrides,
  };
}

/** Diego's laptop: BitLocker off, OS three updates behind, last check-in two days ago, grace period over. */
export function diegoLaptop(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return managedDevice({
    id: DIEGO_LAPTOP_ID,
    deviceName: 'DESKTOP-DIEGO01',
    userId: DIEGO_ID,
    userPrincipalName: 'diego.siciliani@contoso.com',
    userDisplayName: 'Diego Siciliani',
    osVersion: '10.0.22631.4169',
    complianceState: 'noncompliant',
    complianceGracePeriodExpirationDateTime: daysAgo(15),
    lastSyncDateTime: hoursAgo(53),
    azureADDeviceId: DIEGO_ENTRA_DEVICE_ID,
    isEncrypted: false,
    model: 'Latitude 7420',
    manufacturer: 'Dell Inc.',
    serialNumber: 'UCJB7BXTMRP2',
    ...overrides,
  });
}

/** Diego's compliant, personally owned iPhone. */
export function diegoPhone(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return managedDevice({
    id: DIEGO_PHONE_ID,
    deviceName: "Diego's iPhone",
    userId: DIEGO_ID,
    userPrincipalName: 'diego.siciliani@contoso.com',
    userDisplayName: 'Diego Siciliani',
    operatingSystem: 'iOS',
    osVersion: '18.1.1',
    managedDeviceOwnerType: 'personal',
    azureADDeviceId: '9c8b7a65-4321-4fed-8cba-987654321012',
    deviceEnrollmentType: 'userEnrollment',
    jailBroken: 'False',
    model: 'iPhone 14',
    manufacturer: 'Apple',
    serialNumber: 'F2LDIEGO01',
    ...overrides,
  });
}

/** One setting's state; compliant unless `state` says otherwise. */
export function settingState(
  settingName: string,
  state = 'compliant',
  currentValue: string | null = 'true',
  prefix = 'Windows10CompliancePolicy',
): DeviceCompliancePolicySettingState {
  return {
    setting: `${prefix}.${settingName}`,
    settingName,
    state,
    currentValue,
    errorCode: 0,
    errorDescription: null,
    userPrincipalName: 'diego.siciliani@contoso.com',
    sources: [{ id: 'policy', displayName: 'policy', sourceType: 'deviceConfiguration' }],
    complianceGracePeriodExpirationDateTime: state === 'compliant' ? NO_END : daysAgo(15),
  };
}

/** A policy's state on a device, non-compliant when any of its settings is. */
export function policyState(
  displayName: string,
  settingStates: DeviceCompliancePolicySettingState[],
  id = `policy-${displayName.toLowerCase().replace(/\W+/g, '-')}`,
): DeviceCompliancePolicyState {
  return {
    id,
    displayName,
    version: 1,
    platformType: 'windows10AndLater',
    state: settingStates.some((s) => s.state === 'nonCompliant') ? 'nonCompliant' : 'compliant',
    settingCount: settingStates.length,
    settingStates,
  };
}

/** The Windows baseline with the named settings failing (values as the device reports them). */
export function windowsBaseline(failing: Record<string, string> = {}): DeviceCompliancePolicyState {
  const names = [
    'BitLockerEnabled',
    'SecureBootEnabled',
    'CodeIntegrityEnabled',
    'OsMinimumVersion',
    'DefenderEnabled',
    'RtpEnabled',
    'ActiveFirewallRequired',
  ];
  return policyState(
    'Windows 11 - Compliance baseline',
    names.map((name) =>
      Object.hasOwn(failing, name)
        ? settingState(name, 'nonCompliant', failing[name] ?? null)
        : settingState(name, 'compliant', name === 'OsMinimumVersion' ? '10.0.22631.4317' : 'true'),
    ),
  );
}

/** The default policy every device gets, all compliant. */
export function defaultPolicy(): DeviceCompliancePolicyState {
  return policyState(
    'Default Device Compliance Policy',
    ['RequireRemainContact', 'RequireDeviceCompliancePolicyAssigned', 'RequireUserExistence'].map((name) =>
      settingState(name, 'compliant', 'true', 'DefaultDeviceCompliancePolicy'),
    ),
  );
}

/** Diego's laptop's policy states: BitLocker off and OS version below the minimum. */
export function diegoPolicies(): DeviceCompliancePolicyState[] {
  return [
    windowsBaseline({ BitLockerEnabled: 'false', OsMinimumVersion: '10.0.22631.4169' }),
    defaultPolicy(),
  ];
}

/** The tenant's Windows builds: most on the current one, a few behind. */
export function windowsFleet(overrides: Partial<OsVersionCounts> = {}): OsVersionCounts {
  return {
    operatingSystem: 'Windows',
    versions: [
      { version: '10.0.22631.4602', count: 152 },
      { version: '10.0.22631.4460', count: 47 },
      { version: '10.0.22631.4169', count: 2 },
      { version: '10.0.22631.3880', count: 1 },
      { version: '10.0.26100.2605', count: 9 },
    ],
    devicesRead: 211,
    truncated: false,
    ...overrides,
  };
}
