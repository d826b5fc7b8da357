import { describe, expect, it } from 'vitest';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';
import { SeededRandom } from '../../../src/demo/seed/seeded-random.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00.000Z');
const DAY = 86_400_000;

function serialise(state: ReturnType<typeof seedTenant>): string {
  return JSON.stringify({ ...state, authenticationMethods: [...state.authenticationMethods] });
}

describe('seeding the demo tenant', () => {
  it('gives the same tenant for the same seed and instant', () => {
    expect(serialise(seedTenant(4211, ANCHOR))).toBe(serialise(seedTenant(4211, ANCHOR)));
  });

  it('gives a different background for another seed, but the same named people', () => {
    const a = seedTenant(4211, ANCHOR);
    const b = seedTenant(99, ANCHOR);
    expect(serialise(a)).not.toBe(serialise(b));
    for (const person of [...Object.values(STORY_PEOPLE), ...Object.values(SOC_TEAM)]) {
      expect(
        b.users.some((u) => u.user.id === person.id && u.user.userPrincipalName === person.userPrincipalName),
      ).toBe(true);
    }
  });

  it('computes every timestamp relative to the instant it is given', () => {
    const shift = 37 * DAY + 12_345;
    const a = seedTenant(4211, ANCHOR);
    const b = seedTenant(4211, ANCHOR + shift);
    const adeleTor = (s: typeof a) =>
      s.signIns.find(
        (x) =>
          x.userId === STORY_PEOPLE.adele.id && x.appDisplayName === 'OfficeHome' && x.status.errorCode === 0,
      )!;
    expect(Date.parse(adeleTor(a).createdDateTime)).toBe(ANCHOR - 50 * 60_000);
    expect(Date.parse(adeleTor(b).createdDateTime)).toBe(ANCHOR + shift - 50 * 60_000);
    for (const s of a.signIns) {
      const at = Date.parse(s.createdDateTime);
      expect(at).toBeLessThan(ANCHOR);
      expect(at).toBeGreaterThanOrEqual(ANCHOR - 14 * DAY);
    }
  });

  it('keeps ids fixed by the seed alone, whatever the instant', () => {
    const a = seedTenant(4211, ANCHOR);
    const b = seedTenant(4211, ANCHOR + 3 * DAY + 777);
    const ids = (s: typeof a) => ({
      users: s.users.map((u) => u.user.id),
      detections: s.riskDetections.map((d) => d.id).sort(),
      risky: s.riskyUsers.map((r) => r.id).sort(),
      adeleSignIns: s.signIns
        .filter((x) => x.userId === STORY_PEOPLE.adele.id && x.ipAddress.startsWith('192.0.2.'))
        .map((x) => x.id),
    });
    expect(ids(b)).toEqual(ids(a));
  });

  it('keeps sign-ins newest first and ties each detection to a real sign-in of the same user', () => {
    const state = seedTenant(4211, ANCHOR);
    const times = state.signIns.map((s) => s.createdDateTime);
    expect([...times].sort().reverse()).toEqual(times);
    const byId = new Map(state.signIns.map((s) => [s.id, s]));
    for (const detection of state.riskDetections) {
      if (detection.activity === 'user') continue;
      const signIn = byId.get(detection.requestId ?? '');
      expect(signIn?.userId).toBe(detection.userId);
      expect(signIn?.ipAddress).toBe(detection.ipAddress);
      expect(signIn?.riskEventTypes_v2).toContain(detection.riskEventType);
    }
  });

  it('gives every user a unique id and user principal name, and a password method', () => {
    const state = seedTenant(4211, ANCHOR);
    expect(new Set(state.users.map((u) => u.user.id)).size).toBe(state.users.length);
    expect(new Set(state.users.map((u) => u.user.userPrincipalName)).size).toBe(state.users.length);
    for (const u of state.users) {
      expect(state.authenticationMethods.get(u.user.id)?.[0]?.['@odata.type']).toBe(
        '#microsoft.graph.passwordAuthenticationMethod',
      );
    }
  });
});

describe('the seeded random source', () => {
  it('repeats for a seed and stays in range', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new SeededRandom(1).guid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
