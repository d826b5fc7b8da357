import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectionSchema, graphErrorSchema, riskyUserSchema } from '../../../src/clients/graph-resources.js';
import { BREAK_GLASS_ACCOUNTS } from '../../../src/demo/seed/break-glass-accounts.js';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { BACKGROUND_USER_COUNT } from '../../../src/demo/seed/seed-directory.js';
import { getJson, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterEach(async () => {
  await fetch(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await tenant.close();
});

async function addFault(rule: Record<string, unknown>) {
  return getJson(`${tenant.url}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
}

describe('fault injection', () => {
  it('throttles with 429 and a Retry-After header, in Graph’s error shape', async () => {
    expect((await addFault({ path: 'riskyUsers', status: 429, retryAfterSeconds: 7 })).status).toBe(201);
    const throttled = await getJson(`${tenant.graph}/identityProtection/riskyUsers`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.headers.get('request-id')).toBeTruthy();
    expect(graphErrorSchema.parse(throttled.body).error.code).toBe('TooManyRequests');
    expect((await getJson(`${tenant.graph}/users?$top=1`)).status).toBe(200);
  });

  it('gives a 429 without retryAfterSeconds a Retry-After all the same', async () => {
    await addFault({ path: '/users', status: 429 });
    expect((await getJson(`${tenant.graph}/users`)).headers.get('retry-after')).toBe('1');
  });

  it('answers 503 until the rule is cleared', async () => {
    await addFault({ path: 'signIns', status: 503 });
    for (let i = 0; i < 3; i++) {
      const response = await getJson(`${tenant.graph}/auditLogs/signIns?$top=1`);
      expect(response.status).toBe(503);
      expect(graphErrorSchema.parse(response.body).error.code).toBe('serviceNotAvailable');
    }
    const cleared = await getJson(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
    expect(cleared.body).toEqual({ cleared: 1 });
    expect((await getJson(`${tenant.graph}/auditLogs/signIns?$top=1`)).status).toBe(200);
  });

  it('applies a rule to `times` requests only, and lists it as spent', async () => {
    await addFault({ path: 'riskDetections', status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await getJson(`${tenant.graph}/identityProtection/riskDetections`)).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    const listed = await getJson(`${tenant.url}/_demo/faults`);
    expect(listed.body).toEqual({
      value: [
        expect.objectContaining({
          id: 'fault-1',
          path: 'riskDetections',
          status: 500,
          remaining: 0,
          applied: 2,
        }),
      ],
    });
  });

  it('slows responses down by delayMs, then answers normally', async () => {
    await addFault({ path: 'riskyUsers', delayMs: 300, times: 1 });
    const started = performance.now();
    const slow = await getJson(`${tenant.graph}/identityProtection/riskyUsers?$top=1`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(collectionSchema(riskyUserSchema).parse(slow.body).value).toHaveLength(1);
  });

  it('drops the connection without an answer, after carrying the request out', async () => {
    expect((await addFault({ path: 'riskyUsers/dismiss', kind: 'drop', times: 1 })).status).toBe(201);
    const adele = STORY_PEOPLE.adele.id;
    const dropped = await fetch(`${tenant.graph}/identityProtection/riskyUsers/dismiss`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userIds: [adele] }),
    }).then(
      () => 'answered',
      (error: unknown) => (error instanceof TypeError ? 'dropped' : String(error)),
    );
    expect(dropped).toBe('dropped');
    // The write happened all the same: exactly what a client must not blindly resend.
    const after = await getJson(`${tenant.graph}/identityProtection/riskyUsers/${adele}`);
    expect(riskyUserSchema.parse(after.body).riskState).toBe('dismissed');
    await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
  });

  it('drops GETs too, for `times` requests, then answers again', async () => {
    await addFault({ path: '/users$', kind: 'drop', times: 2, delayMs: 20 });
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(
        await fetch(`${tenant.graph}/users`).then(
          (response) => response.status,
          () => 'dropped',
        ),
      );
    }
    expect(outcomes).toEqual(['dropped', 'dropped', 200]);
  });

  it('truncates: a 200 whose JSON body stops half way, with a Content-Length that matches', async () => {
    const whole = await (await fetch(`${tenant.graph}/identityProtection/riskyUsers`)).text();
    await addFault({ path: 'riskyUsers', kind: 'truncate', times: 1 });
    const response = await fetch(`${tenant.graph}/identityProtection/riskyUsers`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(Buffer.byteLength(text)).toBe(Math.floor(Buffer.byteLength(whole) / 2));
    expect(whole.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect((await getJson(`${tenant.graph}/identityProtection/riskyUsers`)).status).toBe(200);
  });

  it('never applies to the control endpoints', async () => {
    await addFault({ path: '.', status: 503 });
    expect((await getJson(`${tenant.url}/_demo/health`)).status).toBe(200);
    expect((await getJson(`${tenant.graph}/users`)).status).toBe(503);
  });

  it('refuses bad rules with 400 and says what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ path: '(' }, /valid JavaScript regular expression/],
      [{ path: 'x', status: 418 }, /status/],
      [{ path: 'x' }, /needs a status/],
      [{ path: 'x', kind: 'explode' }, /kind/],
      [{ path: 'x', kind: 'drop', status: 503 }, /cannot be combined/],
    ];
    for (const [rule, message] of cases) {
      const response = await addFault(rule as Record<string, unknown>);
      expect(response.status).toBe(400);
      expect(graphErrorSchema.parse(response.body).error.message).toMatch(message);
    }
    const notJson = await getJson(`${tenant.url}/_demo/faults`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(graphErrorSchema.parse(notJson.body).error.message).toMatch(/not valid JSON/);
  });

  it('reset restores the seed and clears fault rules', async () => {
    const before = (await getJson(`${tenant.graph}/identityProtection/riskyUsers`)).body;
    await addFault({ path: '.', status: 500 });
    tenant.tenant.state.riskyUsers.splice(0, tenant.tenant.state.riskyUsers.length);
    const reset = await getJson(`${tenant.url}/_demo/reset`, { method: 'POST' });
    expect(reset.body).toEqual({ status: 'reset', seed: 4211 });
    const after = await getJson(`${tenant.graph}/identityProtection/riskyUsers`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect((await getJson(`${tenant.url}/_demo/faults`)).body).toEqual({ value: [] });
  });

  it('reports its health and counts', async () => {
    const health = await getJson(`${tenant.url}/_demo/health`);
    expect(health.body).toMatchObject({
      status: 'ok',
      seed: 4211,
      counts: {
        users:
          BACKGROUND_USER_COUNT +
          Object.keys(STORY_PEOPLE).length +
          Object.keys(SOC_TEAM).length +
          BREAK_GLASS_ACCOUNTS.length,
      },
    });
    expect(health.headers.get('request-id')).toBeTruthy();
  });
});
