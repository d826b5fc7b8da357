/**
 * The identity posture skills against the demo tenant's Graph over loopback HTTP: what they return (policies
 * with their excluded groups' members, privileged holders active and PIM-eligible, PIM activations), the bad
 * inputs their schemas refuse before any request, and a group that cannot be read. No mocks of Ward's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../../src/clients/graph.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { conditionalAccessPoliciesSkill } from '../../../../src/plugins/entra/skills/conditional-access-policies.js';
import { privilegedRoleAssignmentsSkill } from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
import { roleActivationsSkill } from '../../../../src/plugins/entra/skills/role-activations.js';

let demo: RunningDemoTenant;
let graph: GraphClient;
const context = { signal: new AbortController().signal };

beforeAll(async () => {
  demo = await startDemoTenant({ port: 0, identityProtectionRate: false });
  graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 5_000, maxRetries: 0 });
});
afterAll(async () => {
  await demo?.close();
});

describe('entra.conditionalAccessPolicies', () => {
  const skill = () => conditionalAccessPoliciesSkill(graph);

  it('lists the policies and names the members of the groups they exclude', async () => {
    const { data, requests } = await skill().run(skill().input.parse({}), context);
    expect(data.policies.map((policy) => policy.displayName)).toContain('CA002: Block legacy authentication');
    const mfaExclusion = data.excludedGroups.find((group) => group.displayName === 'CA Exclusion - MFA');
    expect(mfaExclusion?.members.map((member) => member.userPrincipalName)).toContain(
      'lynne.robbins@contoso.com',
    );
    expect(requests[0]).toMatch(/GET \/v1\.0\/identity\/conditionalAccess\/policies/);
  });

  it.each([
    { maxGroups: -1 },
    { maxGroups: 21 },
    { membersPerGroup: 0 },
    { membersPerGroup: 'all' },
    { top: 5 },
  ])('refuses %j', (input) => {
    expect(skill().input.safeParse(input).success).toBe(false);
  });

  it('names a group it cannot read by id instead of failing the policy list', async () => {
    await fetch(`${demo.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'groups', status: 503, times: 20 }),
    });
    try {
      const { data } = await skill().run(skill().input.parse({}), context);
      expect(data.policies.length).toBeGreaterThan(0);
      expect(data.excludedGroups.every((group) => group.unreadable)).toBe(true);
    } finally {
      await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
    }
  });
});

describe('entra.privilegedRoleAssignments', () => {
  const skill = () => privilegedRoleAssignmentsSkill(graph);

  it('returns active and PIM-eligible holders of privileged roles only', async () => {
    const { data, requests } = await skill().run(skill().input.parse({}), context);
    const lynne = data.holders.find(
      (holder) => holder.principal?.userPrincipalName === 'lynne.robbins@contoso.com',
    );
    expect(lynne).toMatchObject({ roleName: 'Global Administrator', assignment: 'eligible' });
    expect(data.holders.some((holder) => holder.assignment === 'active')).toBe(true);
    // Security Reader and Global Reader are not privileged.
    expect(data.holders.map((holder) => holder.roleName)).not.toContain('Security Reader');
    expect(requests).toHaveLength(2);
  });

  it('leaves out eligibilities when asked', async () => {
    const { data, requests } = await skill().run(skill().input.parse({ includeEligible: false }), context);
    expect(data.holders.every((holder) => holder.assignment === 'active')).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it.each([{ includeEligible: 'yes' }, { top: 0 }, { top: 1000 }, { principalId: "x' or 1 eq 1" }])(
    'refuses %j',
    (input) => {
      expect(skill().input.safeParse(input).success).toBe(false);
    },
  );
});

describe('entra.roleActivations', () => {
  const skill = () => roleActivationsSkill(graph, () => new Date());

  it("finds Lynne's Global Administrator activation, with its expiry and justification", async () => {
    const { data } = await skill().run(skill().input.parse({}), context);
    expect(data.activations).toHaveLength(1);
    expect(data.activations[0]).toMatchObject({
      roleName: 'Global Administrator',
      userPrincipalName: 'lynne.robbins@contoso.com',
      justification: 'planner setup',
    });
    expect(Date.parse(data.activations[0]!.endsAt!)).toBeGreaterThan(
      Date.parse(data.activations[0]!.activatedAt),
    );
  });

  it.each([{ days: 0 }, { days: 31 }, { days: 1.5 }, { days: '7' }, { filter: "loggedByService eq 'x'" }])(
    'refuses %j',
    (input) => {
      expect(skill().input.safeParse(input).success).toBe(false);
    },
  );
});
