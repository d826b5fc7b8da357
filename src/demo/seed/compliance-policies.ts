/**
 * The demo tenant's Intune compliance policies and the settings each checks, with the Windows build numbers
 * they compare against: the current monthly quality update, and the minimum the Windows policy accepts
 * (two updates back; a device three updates behind, like DESKTOP-DIEGO01, is below it). Data only; never used
 * outside the demo tenant.
 */

/** One setting a compliance policy checks. */
export interface ComplianceSetting {
  /** As Intune reports it, e.g. `Windows10CompliancePolicy.BitLockerEnabled`. */
  setting: string;
  settingName: string;
  /** The value a compliant device reports. */
  compliantValue: string;
}

/** A compliance policy and its settings. */
export interface CompliancePolicy {
  id: string;
  displayName: string;
  platformType: string;
  version: number;
  settings: readonly ComplianceSetting[];
}

/** Windows 11 23H2 builds: the current cumulative update, the oldest accepted, and three months behind. */
export const WINDOWS_BUILDS = {
  current: '10.0.22631.4602',
  previous: '10.0.22631.4460',
  minimum: '10.0.22631.4317',
  threeMonthsBehind: '10.0.22631.4169',
} as const;

function setting(prefix: string, name: string, compliantValue: string): ComplianceSetting {
  return { setting: `${prefix}.${name}`, settingName: name, compliantValue };
}

export const COMPLIANCE_POLICIES = {
  windows: {
    id: 'b4a1c2d3-e5f6-4a7b-8c9d-0e1f2a3b4c01',
    displayName: 'Windows 11 - Compliance baseline',
    platformType: 'windows10AndLater',
    version: 7,
    settings: [
      setting('Windows10CompliancePolicy', 'BitLockerEnabled', 'true'),
      setting('Windows10CompliancePolicy', 'SecureBootEnabled', 'true'),
      setting('Windows10CompliancePolicy', 'CodeIntegrityEnabled', 'true'),
      setting('Windows10CompliancePolicy', 'OsMinimumVersion', WINDOWS_BUILDS.minimum),
      setting('Windows10CompliancePolicy', 'DefenderEnabled', 'true'),
      setting('Windows10CompliancePolicy', 'RtpEnabled', 'true'),
      setting('Windows10CompliancePolicy', 'ActiveFirewallRequired', 'true'),
    ],
  },
  macOS: {
    id: 'b4a1c2d3-e5f6-4a7b-8c9d-0e1f2a3b4c02',
    displayName: 'macOS - Compliance baseline',
    platformType: 'macOS',
    version: 3,
    settings: [
      setting('MacOSCompliancePolicy', 'StorageRequireEncryption', 'true'),
      setting('MacOSCompliancePolicy', 'SystemIntegrityProtectionEnabled', 'true'),
      setting('MacOSCompliancePolicy', 'OsMinimumVersion', '14.6'),
      setting('MacOSCompliancePolicy', 'FirewallEnabled', 'true'),
    ],
  },
  iOS: {
    id: 'b4a1c2d3-e5f6-4a7b-8c9d-0e1f2a3b4c03',
    displayName: 'iOS/iPadOS - Compliance baseline',
    platformType: 'iOS',
    version: 4,
    settings: [
      setting('IosCompliancePolicy', 'SecurityBlockJailbrokenDevices', 'true'),
      setting('IosCompliancePolicy', 'PasscodeRequired', 'true'),
      setting('IosCompliancePolicy', 'OsMinimumVersion', '17.5'),
    ],
  },
  android: {
    id: 'b4a1c2d3-e5f6-4a7b-8c9d-0e1f2a3b4c04',
    displayName: 'Android Enterprise work profile - Compliance baseline',
    platformType: 'androidWorkProfile',
    version: 4,
    settings: [
      setting('AndroidWorkProfileCompliancePolicy', 'SecurityBlockJailbrokenDevices', 'true'),
      setting('AndroidWorkProfileCompliancePolicy', 'StorageRequireEncryption', 'true'),
      setting('AndroidWorkProfileCompliancePolicy', 'OsMinimumVersion', '13'),
    ],
  },
  default: {
    id: 'b4a1c2d3-e5f6-4a7b-8c9d-0e1f2a3b4c00',
    displayName: 'Default Device Compliance Policy',
    platformType: 'all',
    version: 1,
    settings: [
      setting('DefaultDeviceCompliancePolicy', 'RequireRemainContact', 'true'),
      setting('DefaultDeviceCompliancePolicy', 'RequireDeviceCompliancePolicyAssigned', 'true'),
      setting('DefaultDeviceCompliancePolicy', 'RequireUserExistence', 'true'),
    ],
  },
} as const satisfies Record<string, CompliancePolicy>;

/** Which failing setting each compliance issue of the directory seed stands for, and what the device reports. */
export const COMPLIANCE_ISSUE_SETTINGS: readonly {
  pattern: RegExp;
  settingName: string;
  currentValue: string;
}[] = [
  { pattern: /BitLocker/i, settingName: 'BitLockerEnabled', currentValue: 'false' },
  { pattern: /real-time protection/i, settingName: 'RtpEnabled', currentValue: 'false' },
  { pattern: /OS version/i, settingName: 'OsMinimumVersion', currentValue: '' },
];
