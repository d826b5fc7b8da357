import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../../../src/clients/graph-resources.js';
import { createDemoTenant } from '../../../src/demo/demo-tenant.js';
import { DEFAULT_IDENTITY_PROTECTION_RATE } from '../../../src/demo/identity-protection-throttle.js';
import { startDemoTenant } from '../../../src/demo/start-demo-tenant.js';
import { getJson, SEEDED_AT, sendJson, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant(4211, { identityProtectionRate: { burst: 4, perSecond: 1 } });
});
afterAll(async () => {
  await tenant.close();
});

async function burst(paths: readonly string[]) {
  return Promise.all(paths.map((path) => getJson(`${tenant.graph}${path}`)));
}

function advance(ms: number) {
  tenant.clock.now = new Date(tenant.clock.now.getTime() + ms);
}

describe('the Identity Protection throttle (about one request a second per tenant, across apps)', () => {
  it('is on by default, with a burst of 4 and one more a second', () => {
    expect(DEFAULT_IDENTITY_PROTECTION_RATE).toEqual({ burst: 4, perSecond: 1 });
    expect(createDemoTenant({ now: () => SEEDED_AT }).throttle.rate()).toEqual({ burst: 4, perSecond: 1 });
    expect(() => createDemoTenant({ identityProtectionRate: { burst: 0, perSecond: 1 } })).toThrow(/burst/);
  });

  it('answers 429 TooManyRequests with Retry-After past the burst, counting Conditional Access too', async () => {
    const responses = await burst([
      '/identityProtection/riskyUsers?$top=1',
      '/identityProtection/riskDetections?$top=1',
      '/identity/conditionalAccess/policies',
      '/identityProtection/riskyUsers?$top=1',
      '/identityProtection/riskyUsers?$top=1',
      '/identity/conditionalAccess/namedLocations',
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    for (const throttled of responses.filter((r) => r.status === 429)) {
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(throttled.headers.get('request-id')).toBeTruthy();
      expect(graphErrorSchema.parse(throttled.body).error.code).toBe('TooManyRequests');
    }
    // Other Graph paths are not throttled, and beta counts as much as v1.0.
    expect((await getJson(`${tenant.graph}/users?$top=1`)).status).toBe(200);
    expect((await getJson(`${tenant.graphUrl}/beta/identityProtection/riskyUsers`)).status).toBe(429);
  });

  it('recovers at the refill rate: one request a second, never more than the burst', async () => {
    advance(1_000);
    let statuses = (await burst(Array(3).fill('/identityProtection/riskyUsers'))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 429, 429]);
    advance(2_500);
    statuses = (await burst(Array(4).fill('/identityProtection/riskyUsers'))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    advance(60_000);
    statuses = (await burst(Array(6).fill('/identity/conditionalAccess/policies')))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('can be turned off and on again through /_demo/throttle; a reset refills it and keeps the setting', async () => {
    const off = await sendJson(`${tenant.url}/_demo/throttle`, { identityProtection: false }, 'PUT');
    expect(off.body).toEqual({ identityProtection: false });
    const statuses = (await burst(Array(12).fill('/identityProtection/riskyUsers'))).map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    await sendJson(`${tenant.url}/_demo/throttle`, { identityProtection: { burst: 2, perSecond: 1 } }, 'PUT');
    expect((await getJson(`${tenant.url}/_demo/throttle`)).body).toEqual({
      identityProtection: { burst: 2, perSecond: 1, available: 2 },
    });
    await burst(Array(3).fill('/identityProtection/riskyUsers'));
    expect((await sendJson(`${tenant.url}/_demo/reset`, undefined)).status).toBe(200);
    expect((await getJson(`${tenant.url}/_demo/throttle`)).body).toEqual({
      identityProtection: { burst: 2, perSecond: 1, available: 2 },
    });
    const bad = await sendJson(`${tenant.url}/_demo/throttle`, { identityProtection: { burst: 0 } }, 'PUT');
    expect(bad.status).toBe(400);
  });

  it('refills on the wall clock when the tenant runs on it', async () => {
    const live = await startDemoTenant({ identityProtectionRate: { burst: 2, perSecond: 20 } });
    try {
      const url = `${live.graphUrl}/v1.0/identityProtection/riskyUsers?$top=1`;
      const first = await Promise.all([0, 1, 2].map(() => fetch(url).then((r) => r.status)));
      expect(first.sort()).toEqual([200, 200, 429]);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await live.close();
    }
  });
});
