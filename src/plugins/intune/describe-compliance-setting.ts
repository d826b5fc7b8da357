/**
 * What a failing Intune compliance setting means and how to fix it, by the setting's name as Intune reports it
 * (`Windows10CompliancePolicy.BitLockerEnabled` → `BitLockerEnabled`). Settings Ward does not know are described
 * from their name, state and reported value, never guessed at. Holds words only; never reads a device.
 */
import type { Level } from './level.js';

/** How Ward explains one failing setting. */
export interface SettingDescription {
  /** Short reason for a title: "BitLocker off". */
  short: string;
  /** The finding's title, from the value the device reports. */
  problem: string;
  /** Why it matters to security, one sentence. */
  risk: string;
  severity: Level;
  fix: { title: string; detail: string };
  /** The setting is about disk encryption (so the device's own encryption flag need not be repeated). */
  encryption?: boolean;
  /** The setting compares the OS version (so the fleet's versions are worth reading). */
  osVersion?: boolean;
}

interface KnownSetting {
  short: string;
  problem: (current: string | undefined) => string;
  risk: string;
  severity: Level;
  fix: { title: string; detail: string };
  encryption?: boolean;
  osVersion?: boolean;
}

const reports = (current: string | undefined) => (current ? ` (reports ${current})` : '');

const KNOWN: Readonly<Record<string, KnownSetting>> = {
  bitlockerenabled: {
    short: 'BitLocker off',
    problem: () => 'BitLocker is off (the disk is not encrypted)',
    risk: 'A lost or stolen laptop gives up everything on its disk, cached credentials included.',
    severity: 'medium',
    fix: {
      title: 'Turn on BitLocker',
      detail:
        'Encrypt the OS drive with BitLocker (an Intune disk encryption policy can do it silently on Entra-joined devices) and check that the recovery key is escrowed in Entra ID.',
    },
    encryption: true,
  },
  storagerequireencryption: {
    short: 'storage not encrypted',
    problem: () => 'Device storage is not encrypted',
    risk: 'A lost or stolen device gives up the data on it.',
    severity: 'medium',
    fix: {
      title: 'Turn on device encryption',
      detail:
        'Turn on FileVault (macOS) or device encryption (Android); an Intune encryption policy can enforce it and escrow the key.',
    },
    encryption: true,
  },
  osminimumversion: {
    short: 'OS out of date',
    problem: (current) => `OS version ${current || 'reported'} is below the policy's minimum`,
    risk: 'Missing updates leave vulnerabilities open that attackers already have exploits for.',
    severity: 'medium',
    fix: {
      title: 'Install the latest OS updates',
      detail:
        'Install the latest cumulative or security update (Windows Update for Business ring, or Settings → Windows Update / Software Update), restart, and check that the reported version changes.',
    },
    osVersion: true,
  },
  osmaximumversion: {
    short: 'OS newer than allowed',
    problem: (current) => `OS version ${current || 'reported'} is above the policy's maximum`,
    risk: 'A version the policy has not approved yet may not be supported by the tenant’s controls.',
    severity: 'low',
    fix: {
      title: 'Review the maximum OS version',
      detail:
        'Either raise the policy’s maximum OS version once the release is validated, or roll the device back.',
    },
    osVersion: true,
  },
  securebootenabled: {
    short: 'Secure Boot off',
    problem: () => 'Secure Boot is off',
    risk: 'Without Secure Boot a bootkit or rootkit can load before Windows and its defences.',
    severity: 'medium',
    fix: {
      title: 'Turn on Secure Boot',
      detail: 'Enable Secure Boot in the UEFI firmware settings, then restart and sync the device.',
    },
  },
  codeintegrityenabled: {
    short: 'code integrity off',
    problem: () => 'Code integrity is off',
    risk: 'Unsigned or tampered drivers and system files can load.',
    severity: 'medium',
    fix: {
      title: 'Restore code integrity',
      detail:
        'Find out why boot integrity checks are off (test signing, a debug setting, a tampered boot) and restore them; treat an unexplained change as a possible compromise.',
    },
  },
  defenderenabled: {
    short: 'Defender Antivirus off',
    problem: () => 'Microsoft Defender Antivirus is off',
    risk: 'Malware runs unchecked; attackers turn antivirus off as one of their first steps.',
    severity: 'high',
    fix: {
      title: 'Turn Microsoft Defender Antivirus back on',
      detail:
        'Check whether another antivirus, a policy or tampering turned it off, turn on tamper protection, and look for Defender for Endpoint alerts on this device.',
    },
  },
  rtpenabled: {
    short: 'real-time protection off',
    problem: () => 'Microsoft Defender Antivirus real-time protection is off',
    risk: 'Files are no longer scanned as they run; malware often turns real-time protection off.',
    severity: 'high',
    fix: {
      title: 'Turn real-time protection back on',
      detail:
        'Turn it back on (with tamper protection so it stays on) and look for Defender for Endpoint alerts on this device before trusting it.',
    },
  },
  activefirewallrequired: {
    short: 'firewall off',
    problem: () => 'The firewall is off',
    risk: 'Services on the device are reachable from any network it joins.',
    severity: 'medium',
    fix: { title: 'Turn the firewall on', detail: 'Turn on the firewall for all network profiles.' },
  },
  firewallenabled: {
    short: 'firewall off',
    problem: () => 'The firewall is off',
    risk: 'Services on the device are reachable from any network it joins.',
    severity: 'medium',
    fix: { title: 'Turn the firewall on', detail: 'Turn on the firewall (an Intune policy can enforce it).' },
  },
  systemintegrityprotectionenabled: {
    short: 'System Integrity Protection off',
    problem: () => 'System Integrity Protection is off',
    risk: 'Protected system files and processes can be modified.',
    severity: 'medium',
    fix: {
      title: 'Turn System Integrity Protection back on',
      detail: 'Run `csrutil enable` from macOS Recovery and find out who turned it off.',
    },
  },
  securityblockjailbrokendevices: {
    short: 'jailbroken or rooted',
    problem: () => 'The device is jailbroken or rooted',
    risk: 'The operating system’s protections no longer hold: apps and data on it cannot be trusted.',
    severity: 'high',
    fix: {
      title: 'Treat the device as untrusted',
      detail:
        'Keep it away from corporate data until the user restores the stock OS; ask the user how it came to be jailbroken.',
    },
  },
  passcoderequired: {
    short: 'no passcode',
    problem: () => 'No passcode is set',
    risk: 'Anyone holding the device can open it and the data on it.',
    severity: 'medium',
    fix: { title: 'Set a passcode', detail: 'Have the user set a passcode; the policy then re-evaluates.' },
  },
  passwordrequired: {
    short: 'no password',
    problem: () => 'No device password is set',
    risk: 'Anyone holding the device can open it and the data on it.',
    severity: 'medium',
    fix: { title: 'Set a device password', detail: 'Have the user set a password or PIN.' },
  },
  requireremaincontact: {
    short: 'out of contact with Intune',
    problem: () => 'The device has not contacted Intune within the compliance validity period',
    risk: 'Intune cannot vouch for a device it has not heard from.',
    severity: 'low',
    fix: {
      title: 'Get the device to check in',
      detail:
        'Have the user turn it on, connect it and sync it from Company Portal; retire it if it is gone.',
    },
  },
  requiredevicecompliancepolicyassigned: {
    short: 'no compliance policy assigned',
    problem: () => 'No compliance policy is assigned to the device',
    risk: 'Nothing checks this device’s security settings.',
    severity: 'low',
    fix: {
      title: 'Assign a compliance policy',
      detail: 'Assign a compliance policy for this platform to the device’s user or group.',
    },
  },
  requireuserexistence: {
    short: 'enrolled user no longer exists',
    problem: () => 'The user who enrolled the device no longer exists',
    risk: 'A device without an owner is easy to forget and keeps its access and data.',
    severity: 'medium',
    fix: {
      title: 'Retire or re-enrol the device',
      detail: 'Retire the device, or re-enrol it under its current user.',
    },
  },
  devicethreatprotectionrequiredsecuritylevel: {
    short: 'threat level above the allowed',
    problem: (current) => `The device's threat level is above what the policy allows${reports(current)}`,
    risk: 'Defender for Endpoint (or another threat defense partner) sees an active threat on it.',
    severity: 'high',
    fix: {
      title: 'Investigate the device in Defender for Endpoint',
      detail: 'Open the device’s alerts and timeline, and isolate it if the threat is active.',
    },
  },
};

/** Describes a setting from its name (`settingName`, or the last part of `setting`), state and reported value. */
export function describeComplianceSetting(setting: {
  name: string;
  state: string;
  currentValue?: string | null;
  policy?: string | null;
}): SettingDescription {
  const key = setting.name.toLowerCase();
  const current = setting.currentValue?.trim() || undefined;
  const known = Object.hasOwn(KNOWN, key) ? KNOWN[key] : undefined;
  if (known) {
    return {
      short: known.short,
      problem: known.problem(current),
      risk: known.risk,
      severity: known.severity,
      fix: known.fix,
      encryption: known.encryption,
      osVersion: known.osVersion,
    };
  }
  const policy = setting.policy ? ` of “${setting.policy}”` : '';
  return {
    short: `${setting.name} ${setting.state}`,
    problem: `${setting.name} is ${setting.state}${reports(current)}`,
    risk: `The device does not meet setting ${setting.name}${policy}.`,
    severity: 'low',
    fix: {
      title: `Fix ${setting.name}`,
      detail: `Check setting ${setting.name}${policy} in Intune and bring the device in line with it.`,
    },
  };
}
