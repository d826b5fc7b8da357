/**
 * The identity posture skills against the demo tenant's Graph over loopback HTTP: what they return (policies
 * with their excluded groups' members, privileged holders active and PIM-eligible, tenant-wide or for one user
 * by object id or UPN with the filter quoted as an OData literal, PIM activations), the bad
 * inputs their schemas refuse before any request, and a group that cannot be read. No mocks of Ward's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../../src/clients/graph.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { conditionalAccessPoliciesSkill } from '../../../../src/plugins/entra/skills/conditional-access-policies.js';
import {
  principalFilter,
  privilegedRoleAssignmentsSkill,
  userByPrincipalNamePath,
} from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
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

  it.each([
    { includeEligible: 'yes' },
    { top: 0 },
    { top: 1000 },
    { principalId: "x' or 1 eq 1" },
    { user: 'lynne' },
    { user: "x' or 1 eq 1" },
    { user: 'lynne.robbins@contoso.com/../../users' },
    { user: 'a"b@contoso.com' },
  ])('refuses %j', (input) => {
    expect(skill().input.safeParse(input).success).toBe(false);
  });

  describe('for one user', () => {
    const lynneId = async () => {
      const { data } = await skill().run(skill().input.parse({}), context);
      return data.holders.find(
        (holder) => holder.principal?.userPrincipalName === 'lynne.robbins@contoso.com',
      )!.principalId;
    };
    /** The real Graph client on the demo, recording the paths the skill asks for. */
    const recording = () => {
      const paths: string[] = [];
      const client: GraphClient = {
        ...graph,
        list: (path, schema, options) => {
          paths.push(decodeURIComponent(path));
          return graph.list(path, schema, options);
        },
      };
      return { client, paths };
    };

    it("filters both lists on the user's object id: Lynne's eligible Global Administrator, no one else", async () => {
      const id = await lynneId();
      const { client, paths } = recording();
      const one = privilegedRoleAssignmentsSkill(client);
      const { data, requests } = await one.run(one.input.parse({ user: id }), context);
      expect(data.principalId).toBe(id);
      expect(data.holders.map((holder) => [holder.roleName, holder.assignment, holder.principalId])).toEqual([
        ['Global Administrator', 'eligible', id],
      ]);
      expect(paths).toEqual([
        `/roleManagement/directory/roleAssignments?$filter=principalId eq '${id}'&$expand=principal`,
        `/roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '${id}'&$expand=principal`,
      ]);
      expect(requests).toHaveLength(2);
    });

    it('resolves a UPN to the object id first, with a quoted filter', async () => {
      const id = await lynneId();
      const { client, paths } = recording();
      const one = privilegedRoleAssignmentsSkill(client);
      const { data, requests } = await one.run(
        one.input.parse({ user: 'Lynne.Robbins@contoso.com' }),
        context,
      );
      expect(data.principalId).toBe(id);
      expect(data.holders).toHaveLength(1);
      expect(paths[0]).toBe(
        "/users?$filter=userPrincipalName eq 'Lynne.Robbins@contoso.com'&$select=id,displayName,userPrincipalName",
      );
      expect(requests).toHaveLength(3);
    });

    it('writes a UPN with an apostrophe as one OData literal, and says when no user has it', async () => {
      const { client, paths } = recording();
      const one = privilegedRoleAssignmentsSkill(client);
      const input = one.input.parse({ user: "o'brien@contoso.com" });
      await expect(one.run(input, context)).rejects.toMatchObject({
        name: 'NotFoundError',
        message: "No user o'brien@contoso.com in the directory.",
      });
      expect(paths).toEqual([
        "/users?$filter=userPrincipalName eq 'o''brien@contoso.com'&$select=id,displayName,userPrincipalName",
      ]);
      expect(principalFilter("x' or 1 eq 1")).toBe("principalId eq 'x'' or 1 eq 1'");
      expect(userByPrincipalNamePath("o'brien@contoso.com")).toBe(
        `/users?$filter=${encodeURIComponent("userPrincipalName eq 'o''brien@contoso.com'")}&$select=${encodeURIComponent('id,displayName,userPrincipalName')}`,
      );
    });

    it('the demo Graph filters role assignments and eligibilities on principalId, and a quoted literal stays one value', async () => {
      const id = await lynneId();
      const get = async (collection: string, filter: string) => {
        const response = await fetch(
          `${demo.graphUrl}/v1.0/roleManagement/directory/${collection}?$filter=${encodeURIComponent(filter)}`,
        );
        expect(response.status).toBe(200);
        return ((await response.json()) as { value: { principalId: string }[] }).value;
      };
      const eligible = await get('roleEligibilitySchedules', principalFilter(id));
      expect(eligible.length).toBeGreaterThan(0);
      expect(eligible.every((item) => item.principalId === id)).toBe(true);
      expect(await get('roleAssignments', principalFilter(id))).toEqual([]);
      expect(await get('roleAssignments', principalFilter("x' or principalId ne 'y"))).toEqual([]);
    });
  });
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
