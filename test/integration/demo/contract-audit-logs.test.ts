import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryAuditSchema, graphErrorSchema } from '../../../src/clients/graph-resources.js';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  SEEDED_AT,
  startTestTenant,
  type TestTenant,
} from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

const DAY = 86_400_000;
const AUDITS = () => `${tenant.graph}/auditLogs/directoryAudits`;

describe('the directory audit log, as Microsoft Graph v1.0 serves it', () => {
  it('holds a month of records, newest first, paged with nextLink', async () => {
    const { items, pages, first } = await getAllPages(
      `${AUDITS()}${query({ $top: 25 })}`,
      directoryAuditSchema,
    );
    expect(first['@odata.context']).toBe(`${tenant.graph}/$metadata#auditLogs/directoryAudits`);
    expect(items.length).toBeGreaterThan(50);
    expect(pages).toBe(Math.ceil(items.length / 25));
    const times = items.map((a) => a.activityDateTime);
    expect([...times].sort().reverse()).toEqual(times);
    expect(SEEDED_AT.getTime() - Date.parse(times.at(-1)!)).toBeLessThanOrEqual(30 * DAY);
  });

  it('finds what happened to someone with targetResources/any(), and filters by time, category and initiator', async () => {
    const lynne = STORY_PEOPLE.lynne;
    const { items } = await getAllPages(
      `${AUDITS()}${query({ $filter: `targetResources/any(t: t/id eq ${odata(lynne.id)}) and category eq 'RoleManagement'` })}`,
      directoryAuditSchema,
    );
    expect(items.map((a) => a.activityDisplayName)).toEqual([
      'Remove member from role (PIM activation expired)',
      'Add member to role completed (PIM activation)',
      'Add eligible member to role in PIM completed (permanent)',
    ]);
    expect(items.every((a) => a.targetResources.some((t) => t.id === lynne.id))).toBe(true);

    const since = new Date(SEEDED_AT.getTime() - 7 * DAY).toISOString();
    const recent = await getAllPages(
      `${AUDITS()}${query({ $filter: `activityDateTime ge ${since} and loggedByService eq 'Core Directory'` })}`,
      directoryAuditSchema,
    );
    expect(
      recent.items.every((a) => a.activityDateTime >= since && a.loggedByService === 'Core Directory'),
    ).toBe(true);

    const byIsaiah = await getAllPages(
      `${AUDITS()}${query({ $filter: `initiatedBy/user/id eq ${odata(SOC_TEAM.isaiah.id)}` })}`,
      directoryAuditSchema,
    );
    expect(byIsaiah.items.map((a) => a.activityDisplayName)).toEqual(['DismissUser', 'DismissUser']);
    const sspr = await getAllPages(
      `${AUDITS()}${query({ $filter: "startswith(activityDisplayName,'Reset password (self')" })}`,
      directoryAuditSchema,
    );
    expect(sspr.items[0]!.targetResources[0]!.userPrincipalName).toBe(STORY_PEOPLE.alex.userPrincipalName);
  });

  it('returns one record by id and refuses filters it does not support', async () => {
    const { items } = await getAllPages(`${AUDITS()}${query({ $top: 1 })}`, directoryAuditSchema);
    const one = await getJson(`${AUDITS()}/${encodeURIComponent(items[0]!.id)}`);
    expect(directoryAuditSchema.parse(one.body).id).toBe(items[0]!.id);
    const bad = await getJson(`${AUDITS()}${query({ $filter: "targetResources/id eq 'x'" })}`);
    expect(bad.status).toBe(400);
    expect(graphErrorSchema.parse(bad.body).error.message).toMatch(/targetResources\/any/);
  });
});
