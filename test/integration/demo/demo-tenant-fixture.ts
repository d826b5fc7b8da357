/**
 * Shared by the demo tenant's integration tests: starts a tenant on an ephemeral loopback port with an
 * injectable clock (and, unless a test is about throttling, without the Identity Protection throttle), fetches
 * JSON from it, sends writes, and follows `@odata.nextLink` to the end of a collection.
 */
import type { z } from 'zod/v4';
import { collectionSchema } from '../../../src/clients/graph-resources.js';
import type { IdentityProtectionRate } from '../../../src/demo/identity-protection-throttle.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../src/demo/start-demo-tenant.js';

/** The instant the tests' tenants are seeded at. */
export const SEEDED_AT = new Date('2025-06-11T15:00:00.000Z');

/** A tenant whose clock the test can move. */
export interface TestTenant extends RunningDemoTenant {
  clock: { now: Date };
  graph: string;
}

export async function startTestTenant(
  seed = 4211,
  options: { identityProtectionRate?: IdentityProtectionRate } = {},
): Promise<TestTenant> {
  const clock = { now: SEEDED_AT };
  const running = await startDemoTenant({
    seed,
    now: () => clock.now,
    // The clock stands still in these tests, so a throttle would never refill: off unless a test turns it on.
    identityProtectionRate: options.identityProtectionRate ?? false,
  });
  return { ...running, clock, graph: `${running.graphUrl}/v1.0` };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function getJson(url: string, init?: RequestInit): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Sends JSON with `method` (POST by default) and reads the answer (an empty body reads as `undefined`). */
export async function sendJson(url: string, body: unknown, method = 'POST'): Promise<JsonResponse> {
  return getJson(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Every item of a collection, following `@odata.nextLink`; also how many pages it took. */
export async function getAllPages<T extends z.ZodType>(
  url: string,
  item: T,
  init?: RequestInit,
): Promise<{ items: z.infer<T>[]; pages: number; first: z.infer<ReturnType<typeof collectionSchema<T>>> }> {
  const schema = collectionSchema(item);
  const items: z.infer<T>[] = [];
  let next: string | undefined = url;
  let pages = 0;
  let first: z.infer<typeof schema> | undefined;
  while (next !== undefined) {
    const response = await getJson(next, init);
    if (response.status !== 200)
      throw new Error(`GET ${next} → ${response.status} ${JSON.stringify(response.body)}`);
    const page = schema.parse(response.body);
    first ??= page;
    items.push(...page.value);
    pages++;
    if (pages > 500) throw new Error('nextLink never ended');
    next = page['@odata.nextLink'];
  }
  return { items, pages, first: first! };
}

/** `'text'` as an OData string literal, URL-encoded for a query string. */
export function odata(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function query(options: Record<string, string | number | boolean>): string {
  return `?${Object.entries(options)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')}`;
}
