/**
 * Seeds each person's registered authentication methods (`/users/{id}/authentication/methods`): everyone has
 * a password; most have Microsoft Authenticator, many a phone, Windows Hello on Windows laptops, some a FIDO2
 * key, an email for self-service reset or a software OATH token. People excluded from the MFA policy have
 * only a password (Lynne Robbins among them: a posture finding).
 * It never changes the directory: it reads who exists and what devices they have.
 */
import type { DemoAuthenticationMethod, DemoUser } from '../demo-tenant-state.js';
import type { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

/** Ids Graph uses for these methods in every tenant. */
export const WELL_KNOWN_METHOD_IDS = {
  password: '28c10230-6103-485e-b985-444c60001490',
  email: '3ddfcfc8-9383-446f-83cc-3ab9be4be18f',
  mobilePhone: '3179e48a-750b-4051-897c-87b9720928f7',
} as const;

const YUBIKEY_5_NFC = { aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', model: 'YubiKey 5 Series with NFC' };

interface Registration {
  authenticator: boolean;
  phone: boolean;
  fido2: boolean;
  email: boolean;
  softwareOath: boolean;
  windowsHello: boolean;
}

const NAMED_REGISTRATIONS: Readonly<Record<string, Registration>> = {
  'adele.vance@contoso.com': {
    authenticator: true,
    phone: false,
    fido2: false,
    email: false,
    softwareOath: false,
    windowsHello: true,
  },
  'megan.bowen@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: false,
    email: false,
    softwareOath: false,
    windowsHello: false,
  },
  'alex.wilber@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: false,
    email: true,
    softwareOath: false,
    windowsHello: false,
  },
  'diego.siciliani@contoso.com': {
    authenticator: true,
    phone: false,
    fido2: false,
    email: false,
    softwareOath: false,
    windowsHello: true,
  },
  'patti.fernandez@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: true,
    email: false,
    softwareOath: false,
    windowsHello: true,
  },
  'isaiah.langer@contoso.com': {
    authenticator: true,
    phone: false,
    fido2: true,
    email: false,
    softwareOath: false,
    windowsHello: true,
  },
  'johanna.lorenz@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: true,
    email: false,
    softwareOath: true,
    windowsHello: true,
  },
  'nestor.wilke@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: false,
    email: false,
    softwareOath: false,
    windowsHello: true,
  },
  'miriam.graham@contoso.com': {
    authenticator: true,
    phone: true,
    fido2: false,
    email: true,
    softwareOath: false,
    windowsHello: true,
  },
};

function randomRegistration(random: SeededRandom): Registration {
  const registration = {
    authenticator: random.chance(0.9),
    phone: random.chance(0.45),
    fido2: random.chance(0.08),
    email: random.chance(0.25),
    softwareOath: random.chance(0.04),
    windowsHello: random.chance(0.65),
  };
  if (!registration.authenticator && !registration.phone && !registration.fido2) registration.phone = true;
  return registration;
}

function base64url(random: SeededRandom, bytes: number): string {
  const hex = random.hex(bytes * 2);
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** The methods of one person, password first. */
function methodsFor(person: DemoUser, random: SeededRandom, anchorMs: number): DemoAuthenticationMethod[] {
  const user = person.user;
  const iso = (agoMs: number) => new Date(anchorMs - agoMs).toISOString();
  const createdAgo = anchorMs - Date.parse(user.createdDateTime);
  const registeredAgo = () => Math.max(TIME.DAY, Math.floor(createdAgo * (0.2 + 0.75 * random.next())));
  const methods: DemoAuthenticationMethod[] = [
    {
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
      id: WELL_KNOWN_METHOD_IDS.password,
      password: null,
      createdDateTime: user.lastPasswordChangeDateTime ?? user.createdDateTime,
    },
  ];
  if (person.excludedFromMfaPolicy) return methods;
  const registration = NAMED_REGISTRATIONS[user.userPrincipalName] ?? randomRegistration(random);
  const phoneDevice = person.devices.find(
    (d) => d.operatingSystem === 'Ios' || d.operatingSystem === 'Android',
  );
  const laptop = person.devices[0];
  if (registration.authenticator) {
    methods.push({
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      id: random.guid(),
      displayName: phoneDevice?.displayName ?? random.pick(['iPhone 14', 'Pixel 8', 'Galaxy S23']),
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: random.pick(['6.8.7', '6.8.9', '6.2405.3287', '6.2406.4158']),
      createdDateTime: iso(registeredAgo()),
    });
  }
  if (registration.phone) {
    methods.push({
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
      id: WELL_KNOWN_METHOD_IDS.mobilePhone,
      phoneNumber:
        user.mobilePhone ??
        `${user.businessPhones[0]?.slice(0, -2) ?? '+1 206 555 01'}${String(random.int(0, 99)).padStart(2, '0')}`,
      phoneType: 'mobile',
      smsSignInState: 'notAllowedByPolicy',
    });
  }
  if (registration.fido2) {
    methods.push({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
      id: base64url(random, 16),
      displayName: random.pick(['YubiKey', 'Security key', 'Backup key']),
      createdDateTime: iso(registeredAgo()),
      aaGuid: YUBIKEY_5_NFC.aaGuid,
      model: YUBIKEY_5_NFC.model,
      attestationCertificates: [random.hex(40)],
      attestationLevel: 'attested',
    });
  }
  if (registration.email) {
    methods.push({
      '@odata.type': '#microsoft.graph.emailAuthenticationMethod',
      id: WELL_KNOWN_METHOD_IDS.email,
      emailAddress: `${user.givenName?.toLowerCase() ?? 'user'}.${random.int(10, 99)}@outlook.com`,
    });
  }
  if (registration.softwareOath) {
    methods.push({
      '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod',
      id: random.guid(),
      secretKey: null,
    });
  }
  if (registration.windowsHello && laptop?.operatingSystem === 'Windows10' && laptop.displayName !== null) {
    methods.push({
      '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
      id: random.guid(),
      displayName: laptop.displayName,
      createdDateTime: iso(registeredAgo()),
      keyStrength: 'normal',
    });
  }
  return methods;
}

/** Registered methods for everyone, by user id. */
export function seedAuthenticationMethods(
  people: readonly DemoUser[],
  random: SeededRandom,
  anchorMs: number,
): Map<string, DemoAuthenticationMethod[]> {
  return new Map(people.map((person) => [person.user.id, methodsFor(person, random, anchorMs)]));
}
