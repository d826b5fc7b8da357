/**
 * Reads a user's sign-ins for what an analyst looks for: sign-ins from different countries too close in time,
 * bursts of failures (spray, brute force), risky sign-ins, and devices never seen before. Pure: data in,
 * observations out; the wording of findings belongs to the assessment.
 */
import type { SignIn } from '../../clients/graph-resources.js';

export interface TravelPair {
  first: SignIn;
  second: SignIn;
  /** Time between the two sign-ins. */
  gapMs: number;
}

export interface SignInObservations {
  total: number;
  successes: number;
  failures: SignIn[];
  /** Most common failure reasons, most frequent first. */
  failureReasons: { reason: string; count: number }[];
  risky: SignIn[];
  countries: string[];
  /** Closest pair of sign-ins from different countries within `travelWindowMs`, if any. */
  travel?: TravelPair;
  /** Devices first seen within the last `newDeviceWindowMs`, when older history exists to compare with. */
  newDevices: { name: string; firstSeen: SignIn }[];
  /** The sign-ins worth showing, most telling first. */
  notable: SignIn[];
}

const TRAVEL_WINDOW_MS = 2 * 3_600_000;
const NEW_DEVICE_WINDOW_MS = 24 * 3_600_000;

export function isSuccessful(signIn: SignIn): boolean {
  return (signIn.status?.errorCode ?? 0) === 0;
}

export function isRisky(signIn: SignIn): boolean {
  return (
    ['medium', 'high'].includes(signIn.riskLevelDuringSignIn ?? '') ||
    ['atRisk', 'confirmedCompromised'].includes(signIn.riskState ?? '')
  );
}

function deviceName(signIn: SignIn): string | undefined {
  const device = signIn.deviceDetail;
  if (!device) return undefined;
  if (device.displayName) return device.displayName;
  const parts = [device.operatingSystem, device.browser].filter(Boolean);
  return parts.length ? parts.join(' / ') : undefined;
}

/** Observations over sign-ins (any order). */
export function analyseSignIns(signIns: readonly SignIn[], now: Date): SignInObservations {
  const sorted = [...signIns].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
  const failures = sorted.filter((signIn) => !isSuccessful(signIn));
  const risky = sorted.filter(isRisky);

  const reasonCounts = new Map<string, number>();
  for (const failure of failures) {
    const reason = failure.status?.failureReason || `error ${failure.status?.errorCode ?? 'unknown'}`;
    reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
  }
  const failureReasons = [...reasonCounts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);

  const countries = [
    ...new Set(sorted.map((signIn) => signIn.location?.countryOrRegion).filter((c): c is string => !!c)),
  ];

  // Closest pair of successful sign-ins from different countries: one pass over time-ordered sign-ins,
  // comparing each with the latest earlier sign-in from every other country.
  let travel: TravelPair | undefined;
  const lastByCountry = new Map<string, SignIn>();
  for (const signIn of sorted) {
    const country = signIn.location?.countryOrRegion;
    if (!country || !isSuccessful(signIn)) continue;
    const at = Date.parse(signIn.createdDateTime);
    for (const [otherCountry, other] of lastByCountry) {
      if (otherCountry === country) continue;
      const gapMs = at - Date.parse(other.createdDateTime);
      if (gapMs <= TRAVEL_WINDOW_MS && (!travel || gapMs < travel.gapMs))
        travel = { first: other, second: signIn, gapMs };
    }
    lastByCountry.set(country, signIn);
  }

  const newDevices: SignInObservations['newDevices'] = [];
  const oldest = sorted[0];
  const cutoff = now.getTime() - NEW_DEVICE_WINDOW_MS;
  if (oldest && Date.parse(oldest.createdDateTime) < cutoff) {
    const firstSeen = new Map<string, SignIn>();
    for (const signIn of sorted) {
      const name = deviceName(signIn);
      if (name && !firstSeen.has(name)) firstSeen.set(name, signIn);
    }
    for (const [name, signIn] of firstSeen) {
      if (Date.parse(signIn.createdDateTime) >= cutoff) newDevices.push({ name, firstSeen: signIn });
    }
  }

  const telling = new Set<SignIn>([
    ...(travel ? [travel.first, travel.second] : []),
    ...risky,
    ...newDevices.map((device) => device.firstSeen),
    ...failures.slice(-5),
  ]);
  const notable = [...telling].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime)).slice(0, 8);
  if (notable.length === 0) notable.push(...[...sorted].reverse().slice(0, 5));

  return {
    total: sorted.length,
    successes: sorted.length - failures.length,
    failures,
    failureReasons,
    risky,
    countries,
    travel,
    newDevices,
    notable,
  };
}

export { deviceName };
