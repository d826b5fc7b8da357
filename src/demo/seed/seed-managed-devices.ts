/**
 * Seeds Intune: every managed device people sign in from (their Entra-joined laptops and MacBooks and their
 * enrolled phones; unregistered phones are not managed) plus the stores' shared point-of-sale PCs, each with
 * its compliance policy states. A device the directory marks non-compliant fails the settings its issues name:
 * DESKTOP-DIEGO01 has BitLocker off and is three monthly updates behind; DESKTOP-ADELE01 is compliant.
 * It never invents a device for a person: it follows `DemoUser.devices`, and keeps their Entra device ids.
 */
import type { DemoDevice, DemoUser } from '../demo-tenant-state.js';
import type {
  DemoCompliancePolicySettingState,
  DemoDeviceCompliancePolicyState,
  DemoGraphManagedDevice,
  DemoManagedDevice,
} from '../state/managed-device.js';
import {
  COMPLIANCE_ISSUE_SETTINGS,
  COMPLIANCE_POLICIES,
  type CompliancePolicy,
  WINDOWS_BUILDS,
} from './compliance-policies.js';
import { NAMED_DEVICE_IDS } from './seed-devices.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

/** Shared point-of-sale PCs in the stores (userless, Entra-joined). */
export const POINT_OF_SALE_DEVICE_COUNT = 24;

/** Intune's "never" and "no end" sentinels. */
const NEVER = '0001-01-01T00:00:00Z';
const NO_END = '9999-12-31T23:59:59Z';

const LAPTOP_MODELS: readonly (readonly [string, string])[] = [
  ['Microsoft Corporation', 'Surface Laptop 5'],
  ['Microsoft Corporation', 'Surface Pro 9'],
  ['Dell Inc.', 'Latitude 7440'],
  ['Dell Inc.', 'Latitude 5540'],
  ['LENOVO', 'ThinkPad T14 Gen 4'],
  ['HP', 'HP EliteBook 840 G10'],
];

interface Owner {
  person: DemoUser | null;
}

function mac(random: SeededRandom): string {
  return random.hex(12).toUpperCase();
}

function serial(random: SeededRandom, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

function policyFor(device: DemoDevice): CompliancePolicy {
  switch (device.operatingSystem) {
    case 'Windows10':
      return COMPLIANCE_POLICIES.windows;
    case 'MacOs':
      return COMPLIANCE_POLICIES.macOS;
    case 'Ios':
      return COMPLIANCE_POLICIES.iOS;
    default:
      return COMPLIANCE_POLICIES.android;
  }
}

function policyState(
  policy: CompliancePolicy,
  owner: Owner,
  failing: ReadonlyMap<string, string>,
  graceEnds: string,
): DemoDeviceCompliancePolicyState {
  const user = owner.person?.user;
  const settingStates: DemoCompliancePolicySettingState[] = policy.settings.map((s) => {
    const current = failing.get(s.settingName);
    return {
      setting: s.setting,
      settingName: s.settingName,
      instanceDisplayName: null,
      state: current === undefined ? 'compliant' : 'nonCompliant',
      errorCode: 0,
      errorDescription: null,
      userId: user?.id ?? '',
      userName: user?.displayName ?? '',
      userEmail: user?.mail ?? '',
      userPrincipalName: user?.userPrincipalName ?? '',
      sources: [{ id: policy.id, displayName: policy.displayName, sourceType: 'deviceConfiguration' }],
      currentValue: current ?? s.compliantValue,
      complianceGracePeriodExpirationDateTime: current === undefined ? NO_END : graceEnds,
    };
  });
  return {
    id: policy.id,
    displayName: policy.displayName,
    version: policy.version,
    platformType: policy.platformType,
    state: settingStates.some((s) => s.state === 'nonCompliant') ? 'nonCompliant' : 'compliant',
    settingCount: settingStates.length,
    settingStates,
  };
}

function osOf(device: DemoDevice, random: SeededRandom, failing: Map<string, string>): string {
  switch (device.operatingSystem) {
    case 'Windows10': {
      if (device.deviceId === NAMED_DEVICE_IDS.diegoDesktop) return WINDOWS_BUILDS.threeMonthsBehind;
      if (failing.has('OsMinimumVersion')) {
        return random.pick([WINDOWS_BUILDS.threeMonthsBehind, '10.0.22631.4037', '10.0.22631.3880']);
      }
      return random.chance(0.8) ? WINDOWS_BUILDS.current : WINDOWS_BUILDS.previous;
    }
    case 'MacOs':
      return random.pick(['14.7.2', '15.1.1', '15.2']);
    case 'Ios':
      return random.pick(['17.7.2', '18.1.1', '18.2']);
    default:
      return random.pick(['14', '15']);
  }
}

/** The managed device record for one device of `owner` (or a shared PC when `owner.person` is null). */
function managedDevice(
  device: DemoDevice,
  owner: Owner,
  random: SeededRandom,
  anchorMs: number,
): DemoManagedDevice {
  const iso = (agoMs: number) => new Date(anchorMs - agoMs).toISOString();
  const user = owner.person?.user;
  const failing = new Map<string, string>();
  for (const issue of device.complianceIssues) {
    const match = COMPLIANCE_ISSUE_SETTINGS.find((c) => c.pattern.test(issue));
    if (match !== undefined) failing.set(match.settingName, match.currentValue);
  }
  const osVersion = osOf(device, random, failing);
  if (failing.has('OsMinimumVersion')) failing.set('OsMinimumVersion', osVersion);
  const compliant = failing.size === 0 && device.isCompliant !== false;

  const userCreatedAgo = user === undefined ? 900 * TIME.DAY : anchorMs - Date.parse(user.createdDateTime);
  const enrolledAgo = Math.max(3 * TIME.DAY, Math.floor(userCreatedAgo * (0.1 + 0.8 * random.next())));
  // Diego's PC last checked in two days ago; everything else within the last eight hours.
  const lastSyncAgo =
    device.deviceId === NAMED_DEVICE_IDS.diegoDesktop
      ? 2 * TIME.DAY + 5 * TIME.HOUR
      : random.int(5, 8 * 60) * TIME.MINUTE;
  // A non-compliant device's grace period ran out some days ago.
  const graceEnds = iso(lastSyncAgo + random.int(3, 20) * TIME.DAY);

  const os = device.operatingSystem;
  const isPhone = os === 'Ios' || os === 'Android';
  const [manufacturer, model] =
    os === 'Windows10'
      ? device.deviceId === NAMED_DEVICE_IDS.adeleDesktop
        ? (['Microsoft Corporation', 'Surface Laptop 5'] as const)
        : device.deviceId === NAMED_DEVICE_IDS.diegoDesktop
          ? (['Dell Inc.', 'Latitude 7420'] as const)
          : random.pick(LAPTOP_MODELS)
      : os === 'MacOs'
        ? (['Apple', random.pick(['MacBook Pro (14-inch, 2023)', 'MacBook Air (M2, 2022)'])] as const)
        : os === 'Ios'
          ? (['Apple', device.displayName ?? 'iPhone'] as const)
          : ([
              device.displayName?.startsWith('Pixel') ? 'Google' : 'samsung',
              device.displayName ?? 'Android',
            ] as const);
  const givenName = user?.givenName ?? 'Shared';
  const deviceName =
    os === 'Ios'
      ? `${givenName}'s iPhone`
      : os === 'Android'
        ? `${givenName}'s ${model}`
        : (device.displayName ?? 'DESKTOP');
  const enrolledAt = anchorMs - enrolledAgo;
  const enrolled = new Date(enrolledAt);
  const totalStorage = random.pick([127_999_672_320, 255_999_344_640, 511_101_108_224]);

  const graphDevice: DemoGraphManagedDevice = {
    id: random.guid(),
    userId: user?.id ?? '',
    deviceName,
    managedDeviceOwnerType: isPhone && random.chance(0.6) ? 'personal' : 'company',
    enrolledDateTime: iso(enrolledAgo),
    lastSyncDateTime: iso(lastSyncAgo),
    operatingSystem:
      os === 'Windows10' ? 'Windows' : os === 'MacOs' ? 'macOS' : os === 'Ios' ? 'iOS' : 'Android',
    complianceState: compliant ? 'compliant' : 'noncompliant',
    jailBroken: isPhone ? 'False' : 'Unknown',
    managementAgent: 'mdm',
    osVersion,
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: NEVER,
    azureADRegistered: true,
    deviceEnrollmentType: os === 'Windows10' ? 'windowsAzureADJoin' : 'userEnrollment',
    activationLockBypassCode: null,
    emailAddress: user?.mail ?? '',
    azureADDeviceId: device.deviceId,
    deviceRegistrationState: 'registered',
    deviceCategoryDisplayName: 'Unknown Category',
    isSupervised: false,
    exchangeLastSuccessfulSyncDateTime: NEVER,
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: !failing.has('BitLockerEnabled'),
    userPrincipalName: user?.userPrincipalName ?? '',
    model,
    manufacturer,
    imei: isPhone
      ? `35${String(random.int(0, 9_999_999)).padStart(7, '0')}${String(random.int(0, 999_999)).padStart(6, '0')}`
      : '',
    complianceGracePeriodExpirationDateTime: compliant ? NO_END : graceEnds,
    serialNumber:
      os === 'Ios' || os === 'MacOs' ? serial(random, 10) : serial(random, os === 'Windows10' ? 12 : 11),
    phoneNumber: '',
    androidSecurityPatchLevel:
      os === 'Android' ? random.pick(['2024-11-01', '2024-12-01', '2025-01-01']) : '',
    userDisplayName: user?.displayName ?? '',
    wiFiMacAddress: mac(random),
    subscriberCarrier: isPhone ? random.pick(['T-Mobile', 'Verizon', 'AT&T', 'Vodafone']) : '',
    meid: '',
    totalStorageSpaceInBytes: totalStorage,
    freeStorageSpaceInBytes: Math.floor(totalStorage * (0.15 + 0.6 * random.next())),
    managedDeviceName: `${user?.mailNickname ?? 'shared'}_${os === 'Windows10' ? 'Windows' : os}_${enrolled.getUTCMonth() + 1}/${enrolled.getUTCDate()}/${enrolled.getUTCFullYear()}_${enrolled.getUTCHours()}:${String(enrolled.getUTCMinutes()).padStart(2, '0')}`,
    partnerReportedThreatState: 'unknown',
    requireUserEnrollmentApproval: null,
    managementCertificateExpirationDate: new Date(enrolledAt + 365 * TIME.DAY).toISOString(),
    iccid: null,
    udid: null,
    notes: null,
    ethernetMacAddress: null,
    physicalMemoryInBytes: 0,
  };
  return {
    device: graphDevice,
    compliancePolicyStates: [
      policyState(policyFor(device), owner, failing, graceEnds),
      policyState(COMPLIANCE_POLICIES.default, owner, new Map(), graceEnds),
    ],
  };
}

/** Every managed device: people's (in directory order) then the shared point-of-sale PCs. */
export function seedManagedDevices(
  people: readonly DemoUser[],
  random: SeededRandom,
  anchorMs: number,
): DemoManagedDevice[] {
  const devices: DemoManagedDevice[] = [];
  for (const person of people) {
    for (const device of person.devices) {
      if (device.isManaged !== true || device.deviceId === '') continue;
      devices.push(managedDevice(device, { person }, random, anchorMs));
    }
  }
  for (let n = 1; n <= POINT_OF_SALE_DEVICE_COUNT; n++) {
    const pos: DemoDevice = {
      deviceId: random.guid(),
      displayName: `CONTOSO-POS-${String(n).padStart(3, '0')}`,
      operatingSystem: 'Windows10',
      browser: 'Edge 124.0.0',
      isCompliant: true,
      isManaged: true,
      trustType: 'Azure AD joined',
      complianceIssues: [],
    };
    devices.push(managedDevice(pos, { person: null }, random, anchorMs));
  }
  return devices;
}
