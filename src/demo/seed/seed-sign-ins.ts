/**
 * Generates the background sign-in log: 14 days of ordinary interactive sign-ins by everyone in the
 * directory, in local working hours (fewer at weekends), from the office, from home, from phones and on a few
 * business trips; mostly successful, with the usual share of wrong passwords, MFA interrupts, legacy
 * protocols blocked by Conditional Access and so on. Named people never travel here, so their stories stay
 * the only unusual thing about them.
 * It never creates risk: risky sign-ins belong to the stories and the background risk seed.
 */
import type { DemoDevice, DemoPlace, DemoSignIn, DemoUser } from '../demo-tenant-state.js';
import { APPLICATIONS, EVERYDAY_APPLICATIONS, type SignInApplication } from './applications.js';
import { buildSignIn, type SignInOutcome } from './build-sign-in.js';
import { ipv6Address, mobileIp, near, OFFICES, residentialIp, TRAVEL_PLACES } from './places.js';
import type { SeededRandom } from './seeded-random.js';
import { SIGN_IN_FAILURES, type SignInFailure } from './sign-in-failures.js';
import { TIME } from './story-timeline.js';

/** How many background sign-ins the seed generates. */
export const BACKGROUND_SIGN_IN_COUNT = 5400;
/** How far back the sign-in log goes. */
export const SIGN_IN_LOG_DAYS = 14;

const LOCAL_HOURS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 0.5],
  [2, 0.3],
  [3, 0.3],
  [4, 0.5],
  [5, 1],
  [6, 3],
  [7, 9],
  [8, 16],
  [9, 16],
  [10, 14],
  [11, 12],
  [12, 9],
  [13, 13],
  [14, 13],
  [15, 12],
  [16, 10],
  [17, 7],
  [18, 4],
  [19, 3],
  [20, 3],
  [21, 2.5],
  [22, 2],
  [23, 1.5],
];
const FAILURES: readonly (readonly [SignInFailure, number])[] = Object.values(SIGN_IN_FAILURES)
  .filter((f) => f.weight > 0)
  .map((f) => [f, f.weight] as const);

interface Trip {
  place: DemoPlace;
  hotelIp: string;
  fromMs: number;
  toMs: number;
}

interface Profile {
  person: DemoUser;
  homeIp: string;
  prefersIpv6: boolean;
  trip?: Trip;
  apps: readonly (readonly [SignInApplication, number])[];
}

function profiles(
  random: SeededRandom,
  people: readonly DemoUser[],
  named: ReadonlySet<string>,
  anchorMs: number,
): Profile[] {
  return people.map((person) => {
    const department = person.user.department ?? '';
    const apps = EVERYDAY_APPLICATIONS.filter(
      (a) => a.departments === undefined || a.departments.includes(department),
    ).map((a) => [a, a.weight] as const);
    const profile: Profile = { person, homeIp: residentialIp(random), prefersIpv6: random.chance(0.2), apps };
    if (!named.has(person.user.id) && random.chance(0.1)) {
      const place = random.pick(TRAVEL_PLACES.filter((p) => p.city !== person.home.city));
      const startDay = random.int(2, SIGN_IN_LOG_DAYS - 2);
      const days = random.int(2, 4);
      profile.trip = {
        place,
        hotelIp: residentialIp(random),
        fromMs: anchorMs - startDay * TIME.DAY,
        toMs: anchorMs - (startDay - days) * TIME.DAY,
      };
    }
    return profile;
  });
}

function pickTime(random: SeededRandom, where: DemoPlace, anchorMs: number): number {
  const oldest = anchorMs - SIGN_IN_LOG_DAYS * TIME.DAY;
  const today = Math.floor(anchorMs / TIME.DAY) * TIME.DAY;
  for (;;) {
    const day = today - random.int(0, SIGN_IN_LOG_DAYS) * TIME.DAY;
    const localHour = random.weighted(LOCAL_HOURS);
    const at = day + (localHour - where.utcOffsetHours) * TIME.HOUR + random.int(0, TIME.HOUR - 1);
    if (at >= anchorMs - TIME.MINUTE || at < oldest) continue;
    const weekday = new Date(at + where.utcOffsetHours * TIME.HOUR).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !random.chance(0.15)) continue;
    return at;
  }
}

function richClient(random: SeededRandom): string {
  return `Rich Client ${random.pick(['4.61.0.0', '4.65.0.0', '5.2.0.0'])}`;
}

function pickOutcome(random: SeededRandom, profile: Profile, laptop: DemoDevice): SignInOutcome {
  const person = profile.person;
  if (!person.user.accountEnabled) return { kind: 'failure', failure: SIGN_IN_FAILURES.accountDisabled };
  if (random.chance(0.905)) {
    if (person.excludedFromMfaPolicy) return { kind: 'success', mfa: 'none' };
    return { kind: 'success', mfa: random.chance(0.75) ? 'claimInToken' : 'completed' };
  }
  let failure = random.weighted(FAILURES);
  const mfaFailure =
    failure === SIGN_IN_FAILURES.mfaRequired ||
    failure === SIGN_IN_FAILURES.mfaRequiredLocation ||
    failure === SIGN_IN_FAILURES.mfaDenied;
  if (
    (mfaFailure && person.excludedFromMfaPolicy) ||
    (failure === SIGN_IN_FAILURES.deviceNotCompliant && laptop.isCompliant !== false)
  ) {
    failure = SIGN_IN_FAILURES.invalidPassword;
  }
  return { kind: 'failure', failure };
}

/** `count` background sign-ins over the last `SIGN_IN_LOG_DAYS` days (unsorted). */
export function seedBackgroundSignIns(
  random: SeededRandom,
  people: readonly DemoUser[],
  named: ReadonlySet<string>,
  anchorMs: number,
  count = BACKGROUND_SIGN_IN_COUNT,
): DemoSignIn[] {
  const all = profiles(random, people, named, anchorMs);
  const activity = all.map(
    (p) => [p, p.person.user.accountEnabled ? 0.4 + 1.6 * random.next() : 0.05] as const,
  );
  const signIns: DemoSignIn[] = [];
  while (signIns.length < count) {
    const profile = random.weighted(activity);
    const person = profile.person;
    const laptop = person.devices[0]!;
    const mobile = person.devices.find((d) => d.operatingSystem === 'Ios' || d.operatingSystem === 'Android');
    const onTrip = profile.trip;
    const at = pickTime(random, onTrip?.place ?? person.home, anchorMs);
    const travelling = onTrip !== undefined && at >= onTrip.fromMs && at < onTrip.toMs;

    const outcome = pickOutcome(random, profile, laptop);
    let app = random.weighted(profile.apps);
    if (outcome.kind === 'failure' && outcome.failure === SIGN_IN_FAILURES.blockedByConditionalAccess) {
      app = random.chance(0.6) ? APPLICATIONS.activeSync : APPLICATIONS.imap;
    } else if (outcome.kind === 'failure' && outcome.failure === SIGN_IN_FAILURES.deviceNotCompliant) {
      app = APPLICATIONS.azurePortal;
    }
    const onPhone =
      mobile !== undefined &&
      (app === APPLICATIONS.outlookMobile ||
        app === APPLICATIONS.activeSync ||
        (app === APPLICATIONS.teams && random.chance(0.3)));
    if (app === APPLICATIONS.outlookMobile && mobile === undefined) app = APPLICATIONS.outlookWeb;
    const device = onPhone ? mobile : laptop;

    let where: DemoPlace;
    let ipAddress: string;
    if (travelling) {
      where = near(random, onTrip.place);
      ipAddress = onPhone || random.chance(0.3) ? mobileIp(random) : onTrip.hotelIp;
    } else if (onPhone && random.chance(0.6)) {
      where = near(random, person.home);
      ipAddress = profile.prefersIpv6 || random.chance(0.3) ? ipv6Address(random) : mobileIp(random);
    } else if (random.chance(0.7)) {
      const office = OFFICES.find((o) => o.place.city === person.home.city)!;
      where = office.place;
      ipAddress = random.pick(office.egressIps);
    } else {
      where = near(random, person.home);
      ipAddress = profile.homeIp;
    }

    const browserApp = app.clientAppUsed === 'Browser';
    signIns.push(
      buildSignIn({
        id: random.guid(),
        correlationId: random.guid(),
        at,
        person,
        app,
        ipAddress,
        where,
        device,
        browser: browserApp
          ? undefined
          : app.clientAppUsed === 'Mobile Apps and Desktop clients'
            ? richClient(random)
            : '',
        outcome,
      }),
    );
  }
  return signIns;
}
