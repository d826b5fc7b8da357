import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conditionalAccessPolicySchema,
  graphErrorSchema,
  namedLocationSchema,
} from '../../../src/clients/graph-resources.js';
import { CONDITIONAL_ACCESS_POLICIES } from '../../../src/demo/seed/conditional-access.js';
import { NAMED_GROUP_IDS } from '../../../src/demo/seed/seed-groups.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
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

const BASE = () => `${tenant.graph}/identity/conditionalAccess`;

describe('Conditional Access, as Microsoft Graph v1.0 serves it', () => {
  it('GET /identity/conditionalAccess/policies lists the six policies the sign-in logs apply', async () => {
    const { items, first } = await getAllPages(`${BASE()}/policies`, conditionalAccessPolicySchema);
    expect(first['@odata.context']).toBe(`${tenant.graph}/$metadata#identity/conditionalAccess/policies`);
    expect(items.map((p) => p.id).sort()).toEqual(
      Object.values(CONDITIONAL_ACCESS_POLICIES)
        .map((p) => p.id)
        .sort(),
    );
    const byId = new Map(items.map((p) => [p.id, p]));
    const mfa = byId.get(CONDITIONAL_ACCESS_POLICIES.requireMfa.id)!;
    expect(mfa).toMatchObject({
      state: 'enabled',
      grantControls: { builtInControls: ['mfa'] },
      conditions: { users: { includeUsers: ['All'] } },
    });
    expect(mfa.conditions.users?.excludeGroups).toEqual([
      NAMED_GROUP_IDS.breakGlass,
      NAMED_GROUP_IDS.mfaExclusions,
    ]);
    expect(byId.get(CONDITIONAL_ACCESS_POLICIES.blockLegacy.id)).toMatchObject({
      grantControls: { builtInControls: ['block'] },
      conditions: { clientAppTypes: ['exchangeActiveSync', 'other'] },
    });
    expect(byId.get(CONDITIONAL_ACCESS_POLICIES.riskySignInMfa.id)?.conditions.signInRiskLevels).toEqual([
      'high',
      'medium',
    ]);
    expect(byId.get(CONDITIONAL_ACCESS_POLICIES.unmanagedSignInFrequency.id)).toMatchObject({
      state: 'enabledForReportingButNotEnforced',
      sessionControls: { signInFrequency: { value: 8, type: 'hours', isEnabled: true } },
    });
    expect(byId.get(CONDITIONAL_ACCESS_POLICIES.guestTermsOfUse.id)?.state).toBe('disabled');
    // Every policy leaves the break-glass accounts out.
    expect(items.every((p) => p.conditions.users?.excludeGroups?.includes(NAMED_GROUP_IDS.breakGlass))).toBe(
      true,
    );
  });

  it('filters policies by state and returns one by id, with its modifiedDateTime in the past', async () => {
    const { items } = await getAllPages(
      `${BASE()}/policies${query({ $filter: `state eq ${odata('enabled')}`, $select: 'id,displayName,state' })}`,
      conditionalAccessPolicySchema.pick({ id: true, displayName: true, state: true }),
    );
    expect(items).toHaveLength(4);
    const one = await getJson(`${BASE()}/policies/${CONDITIONAL_ACCESS_POLICIES.compliantDeviceForAzure.id}`);
    const policy = conditionalAccessPolicySchema.parse(one.body);
    expect(policy.conditions.applications?.includeApplications).toEqual([
      '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    ]);
    expect(Date.parse(policy.modifiedDateTime!)).toBeLessThan(tenant.clock.now.getTime());
  });

  it('GET /identity/conditionalAccess/namedLocations lists the trusted offices and the embargoed countries', async () => {
    const { items } = await getAllPages(`${BASE()}/namedLocations`, namedLocationSchema);
    const ip = items.find((l) => l['@odata.type'] === '#microsoft.graph.ipNamedLocation')!;
    expect(ip.isTrusted).toBe(true);
    expect(ip.ipRanges?.map((r) => r.cidrAddress)).toContain('203.0.113.24/32');
    const country = items.find((l) => l['@odata.type'] === '#microsoft.graph.countryNamedLocation')!;
    expect(country.countriesAndRegions).toContain('KP');
    const one = await getJson(`${BASE()}/namedLocations/${ip.id}`);
    expect(namedLocationSchema.parse(one.body).displayName).toBe(ip.displayName);
  });

  it('404s unknown ids in Graph’s shape', async () => {
    const response = await getJson(`${BASE()}/policies/00000000-0000-4000-8000-000000000000`);
    expect(response.status).toBe(404);
    expect(graphErrorSchema.parse(response.body).error.code).toBe('itemNotFound');
  });
});
