/**
 * Gives each person the devices they sign in from: a work laptop (Windows, some Macs) and usually a phone,
 * as sign-in logs describe them. The devices/Intune slice will serve these later; the two named devices of
 * the stories (DESKTOP-ADELE01, DESKTOP-DIEGO01) have fixed ids so other services can refer to them.
 * It never decides who owns what beyond one person at a time.
 */
import type { DemoDevice } from '../demo-tenant-state.js';
import type { SeededRandom } from './seeded-random.js';

/** Fixed device ids of the named devices in the stories. */
export const NAMED_DEVICE_IDS = {
  adeleDesktop: '4f1d2c3b-5a6e-4b7f-8c9d-0e1f2a3b4c51',
  diegoDesktop: '5a2e3d4c-6b7f-4c8a-9d0e-1f2a3b4c5d62',
} as const;

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const PHONE_MODELS = {
  Ios: ['iPhone 13', 'iPhone 14', 'iPhone 15', 'iPhone 15 Pro'],
  Android: ['Pixel 7', 'Pixel 8', 'Galaxy S23', 'Galaxy S24', 'Galaxy A54'],
} as const;

function windowsName(random: SeededRandom): string {
  let suffix = '';
  for (let i = 0; i < 7; i++) suffix += ALNUM[random.int(0, ALNUM.length - 1)];
  return `DESKTOP-${suffix}`;
}

/** A managed Windows laptop with the given name and id. */
export function windowsLaptop(
  deviceId: string,
  displayName: string,
  browser: string,
  compliant: boolean,
  complianceIssues: string[] = [],
): DemoDevice {
  return {
    deviceId,
    displayName,
    operatingSystem: 'Windows10',
    browser,
    isCompliant: compliant,
    isManaged: true,
    trustType: 'Azure AD joined',
    complianceIssues,
  };
}

/** A phone; registered ones are Intune-managed and compliant, others are unknown to Entra. */
export function phone(random: SeededRandom, registered: boolean): DemoDevice {
  const os = random.chance(0.6) ? 'Ios' : 'Android';
  const model = random.pick(PHONE_MODELS[os]);
  const browser =
    os === 'Ios'
      ? `Mobile Safari ${random.pick(['17.4', '17.5', '17.6'])}`
      : `Chrome Mobile ${random.int(122, 126)}.0.0`;
  return registered
    ? {
        deviceId: random.guid(),
        displayName: model,
        operatingSystem: os,
        browser,
        isCompliant: true,
        isManaged: true,
        trustType: 'Azure AD registered',
        complianceIssues: [],
      }
    : {
        deviceId: '',
        displayName: null,
        operatingSystem: os,
        browser,
        isCompliant: false,
        isManaged: false,
        trustType: null,
        complianceIssues: [],
      };
}

/** The devices of one background person: a laptop (about 1 in 7 a Mac) and usually a phone. */
export function generateDevices(random: SeededRandom, givenName: string): DemoDevice[] {
  const devices: DemoDevice[] = [];
  if (random.chance(0.86)) {
    const compliant = random.chance(0.94);
    devices.push(
      windowsLaptop(
        random.guid(),
        windowsName(random),
        random.chance(0.7) ? `Edge ${random.int(122, 126)}.0.0` : `Chrome ${random.int(122, 126)}.0.0`,
        compliant,
        compliant
          ? []
          : [
              random.pick([
                'BitLocker is off',
                'OS version below the minimum',
                'Microsoft Defender Antivirus real-time protection is off',
              ]),
            ],
      ),
    );
  } else {
    devices.push({
      deviceId: random.guid(),
      displayName: `${givenName}s-MacBook-Pro`,
      operatingSystem: 'MacOs',
      browser: random.chance(0.5)
        ? `Safari ${random.pick(['17.4', '17.5'])}`
        : `Chrome ${random.int(122, 126)}.0.0`,
      isCompliant: true,
      isManaged: true,
      trustType: 'Azure AD registered',
      complianceIssues: [],
    });
  }
  if (random.chance(0.85)) devices.push(phone(random, random.chance(0.7)));
  return devices;
}
