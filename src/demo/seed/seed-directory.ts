/**
 * Seeds the directory: the named people from `people.ts` (story people and SOC team, with their fixed ids)
 * and generated background staff with plausible names, departments, job titles, offices and devices.
 * It never generates sign-ins or risk: only who exists and what they use.
 */
import type { DemoDevice, DemoGraphUser, DemoUser } from '../demo-tenant-state.js';
import { GIVEN_NAMES, SURNAMES } from './names.js';
import { DEPARTMENTS } from './org-structure.js';
import { DEMO_DOMAIN, type DemoPerson, SOC_TEAM, STORY_PEOPLE } from './people.js';
import { OFFICES, type Office, officeByKey } from './places.js';
import { generateDevices, NAMED_DEVICE_IDS, phone, windowsLaptop } from './seed-devices.js';
import type { SeededRandom } from './seeded-random.js';
import { STORY_TIMELINE, TIME } from './story-timeline.js';

/** How many generated people join the ten named ones. */
export const BACKGROUND_USER_COUNT = 200;

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  US: 'United States',
  CA: 'Canada',
  GB: 'United Kingdom',
  DE: 'Germany',
};

/** Which office each named person sits in. */
const NAMED_OFFICES: Readonly<Record<string, string>> = {
  adele: 'seattle',
  megan: 'seattle',
  alex: 'redmond',
  diego: 'seattle',
  lynne: 'seattle',
  patti: 'seattle',
  isaiah: 'seattle',
  johanna: 'munich',
  nestor: 'redmond',
  miriam: 'redmond',
  lee: 'redmond',
};

interface UserDraft {
  id: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  office: Office;
  employeeId: string;
  accountEnabled: boolean;
  onPremisesSyncEnabled: boolean | null;
  createdAgoMs: number;
  passwordChangedAgoMs: number;
}

function toUser(draft: UserDraft, random: SeededRandom, anchorMs: number): DemoGraphUser {
  const o = draft.office;
  const phoneNumber = () => `${o.phonePrefix}${String(random.int(0, 99)).padStart(2, '0')}`;
  return {
    id: draft.id,
    accountEnabled: draft.accountEnabled,
    businessPhones: [phoneNumber()],
    city: o.place.city,
    companyName: 'Contoso',
    country: COUNTRY_NAMES[o.place.countryOrRegion] ?? o.place.countryOrRegion,
    createdDateTime: new Date(anchorMs - draft.createdAgoMs).toISOString(),
    department: draft.department,
    displayName: `${draft.givenName} ${draft.surname}`,
    employeeId: draft.employeeId,
    givenName: draft.givenName,
    jobTitle: draft.jobTitle,
    lastPasswordChangeDateTime: new Date(anchorMs - draft.passwordChangedAgoMs).toISOString(),
    mail: draft.userPrincipalName,
    mailNickname: draft.userPrincipalName.split('@')[0]!,
    mobilePhone: random.chance(0.7) ? phoneNumber() : null,
    officeLocation: draft.officeLocation,
    onPremisesSyncEnabled: draft.onPremisesSyncEnabled,
    preferredLanguage: o.preferredLanguage,
    state: o.place.state,
    surname: draft.surname,
    usageLocation: o.place.countryOrRegion,
    userPrincipalName: draft.userPrincipalName,
    userType: 'Member',
    // Entra moves it forward on every password change; nobody's sessions were revoked otherwise.
    signInSessionsValidFromDateTime: new Date(anchorMs - draft.passwordChangedAgoMs).toISOString(),
  };
}

function namedDevices(key: string, person: DemoPerson, random: SeededRandom): DemoDevice[] {
  if (key === 'adele') {
    return [
      windowsLaptop(NAMED_DEVICE_IDS.adeleDesktop, 'DESKTOP-ADELE01', 'Edge 124.0.0', true),
      phone(random, true),
    ];
  }
  if (key === 'diego') {
    return [
      windowsLaptop(NAMED_DEVICE_IDS.diegoDesktop, 'DESKTOP-DIEGO01', 'Edge 124.0.0', false, [
        'BitLocker is off',
        'OS version 3 months behind (the last three monthly quality updates are not installed)',
      ]),
      phone(random, true),
    ];
  }
  // Named people's phones are enrolled, so that a device Entra does not know stands out in their stories.
  const [laptop] = generateDevices(random, person.givenName);
  return [laptop!, phone(random, true)];
}

function namedPeople(random: SeededRandom, anchorMs: number, employeeNumber: () => string): DemoUser[] {
  const people: DemoUser[] = [];
  for (const [key, person] of [...Object.entries(STORY_PEOPLE), ...Object.entries(SOC_TEAM)]) {
    const office = officeByKey(NAMED_OFFICES[key]!);
    const draft: UserDraft = {
      ...person,
      office,
      employeeId: employeeNumber(),
      accountEnabled: true,
      onPremisesSyncEnabled: null,
      createdAgoMs: random.int(400, 2200) * TIME.DAY + random.int(0, 24 * 60) * TIME.MINUTE,
      passwordChangedAgoMs:
        key === 'alex'
          ? STORY_TIMELINE.alex.passwordReset
          : random.int(10, 150) * TIME.DAY + random.int(0, 24 * 60) * TIME.MINUTE,
    };
    people.push({
      user: toUser(draft, random, anchorMs),
      home: office.place,
      eligibleDirectoryRoles: key === 'lynne' ? ['Global Administrator'] : [],
      devices: namedDevices(key, person, random),
      excludedFromMfaPolicy: key === 'lynne',
    });
  }
  return people;
}

/** The directory: named people first, then `BACKGROUND_USER_COUNT` generated ones. */
export function seedDirectory(random: SeededRandom, anchorMs: number): DemoUser[] {
  let nextEmployee = 104_210;
  const employeeNumber = () => String(nextEmployee++);
  const people = namedPeople(random, anchorMs, employeeNumber);
  const taken = new Set(people.map((p) => p.user.userPrincipalName));
  const officeChoices = OFFICES.map((o) => [o, o.weight] as const);
  const departmentChoices = DEPARTMENTS.map((d) => [d, d.weight] as const);
  const disabled = new Set([17, 88, 161]);

  for (let i = 0; i < BACKGROUND_USER_COUNT; i++) {
    const givenName = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const base = `${givenName}.${surname}`.toLowerCase();
    let userPrincipalName = `${base}@${DEMO_DOMAIN}`;
    for (let n = 2; taken.has(userPrincipalName); n++) userPrincipalName = `${base}${n}@${DEMO_DOMAIN}`;
    taken.add(userPrincipalName);
    const department = random.weighted(departmentChoices);
    const jobTitle = random.chance(0.45) ? department.jobTitles[0]! : random.pick(department.jobTitles);
    const office = random.weighted(officeChoices);
    const draft: UserDraft = {
      id: random.guid(),
      givenName,
      surname,
      userPrincipalName,
      jobTitle,
      department: department.name,
      officeLocation: `${random.int(2, 40)}/${random.int(1, 4)}${String(random.int(100, 199)).slice(1)}${random.int(0, 9)}`,
      office,
      employeeId: employeeNumber(),
      accountEnabled: !disabled.has(i),
      onPremisesSyncEnabled: random.chance(0.4) ? true : null,
      createdAgoMs: random.int(20, 2400) * TIME.DAY + random.int(0, 24 * 60) * TIME.MINUTE,
      passwordChangedAgoMs: random.int(1, 170) * TIME.DAY + random.int(0, 24 * 60) * TIME.MINUTE,
    };
    people.push({
      user: toUser(draft, random, anchorMs),
      home: office.place,
      eligibleDirectoryRoles: [],
      devices: generateDevices(random, givenName),
      excludedFromMfaPolicy: random.chance(0.05),
    });
  }
  return people;
}
