/**
 * The tenant's two emergency-access ("break glass") accounts: cloud-only, on the tenant's initial
 * `onmicrosoft.com` domain, permanent Global Administrators, members of the "Break Glass Accounts" group that
 * every Conditional Access policy excludes, signed in with a FIDO2 key kept in a safe. They never sign in
 * during the seeded fortnight, which is what an analyst should expect of them.
 * It never draws from the seed's random streams: adding them changes nothing else in the tenant.
 */
import type { DemoAuthenticationMethod, DemoUser } from '../demo-tenant-state.js';
import { officeByKey } from './places.js';
import { WELL_KNOWN_METHOD_IDS } from './seed-authentication-methods.js';
import { TIME } from './story-timeline.js';

/** The initial domain every Entra tenant has; emergency accounts live there so they never depend on DNS. */
export const INITIAL_DOMAIN = 'contoso.onmicrosoft.com';

/** Fixed ids of the two emergency-access accounts. */
export const BREAK_GLASS_ACCOUNTS = [
  {
    id: '5c2b1f0e-8d3a-4b6c-9e7f-0a1b2c3d4e71',
    number: '01',
    createdDaysAgo: 912,
    fido2: 'YubiKey 5C NFC (safe A)',
  },
  {
    id: '6d3c2a1f-9e4b-4c7d-8f0a-1b2c3d4e5f82',
    number: '02',
    createdDaysAgo: 912,
    fido2: 'YubiKey 5C NFC (safe B)',
  },
] as const;

/** The two emergency-access accounts as directory users (no devices; excluded from CA through their group). */
export function breakGlassUsers(anchorMs: number): DemoUser[] {
  const seattle = officeByKey('seattle');
  return BREAK_GLASS_ACCOUNTS.map((account) => {
    const created = new Date(anchorMs - account.createdDaysAgo * TIME.DAY).toISOString();
    const passwordSet = new Date(anchorMs - 181 * TIME.DAY).toISOString();
    const upn = `breakglass${account.number}@${INITIAL_DOMAIN}`;
    return {
      user: {
        id: account.id,
        accountEnabled: true,
        businessPhones: [],
        city: null,
        companyName: null,
        country: null,
        createdDateTime: created,
        department: null,
        displayName: `Emergency Access ${account.number}`,
        employeeId: null,
        givenName: null,
        jobTitle: null,
        lastPasswordChangeDateTime: passwordSet,
        mail: null,
        mailNickname: `breakglass${account.number}`,
        mobilePhone: null,
        officeLocation: null,
        onPremisesSyncEnabled: null,
        preferredLanguage: null,
        state: null,
        surname: null,
        usageLocation: 'US',
        userPrincipalName: upn,
        userType: 'Member',
        signInSessionsValidFromDateTime: passwordSet,
      },
      home: seattle.place,
      eligibleDirectoryRoles: [],
      devices: [],
      excludedFromMfaPolicy: false,
    };
  });
}

/** Their methods: the password in the safe and one FIDO2 key each. */
export function breakGlassAuthenticationMethods(
  users: readonly DemoUser[],
): Map<string, DemoAuthenticationMethod[]> {
  return new Map(
    users.map((person, index) => {
      const account = BREAK_GLASS_ACCOUNTS[index]!;
      const methods: DemoAuthenticationMethod[] = [
        {
          '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
          id: WELL_KNOWN_METHOD_IDS.password,
          password: null,
          createdDateTime: person.user.lastPasswordChangeDateTime ?? person.user.createdDateTime,
        },
        {
          '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
          id: Buffer.from(account.id.replaceAll('-', ''), 'hex').toString('base64url'),
          displayName: account.fido2,
          createdDateTime: person.user.createdDateTime,
          aaGuid: 'a25342c0-3cdc-4414-8e46-f4807fca511c',
          model: 'YubiKey 5 Series with NFC',
          attestationCertificates: [account.id.replaceAll('-', '').slice(0, 40)],
          attestationLevel: 'attested',
        },
      ];
      return [person.user.id, methods];
    }),
  );
}
