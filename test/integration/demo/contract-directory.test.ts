import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  collectionSchema,
  directoryObjectSchema,
  directoryRoleSchema,
  graphErrorSchema,
  groupSchema,
  unifiedRoleAssignmentSchema,
  unifiedRoleDefinitionSchema,
  unifiedRoleEligibilityScheduleSchema,
} from '../../../src/clients/graph-resources.js';
import { BREAK_GLASS_ACCOUNTS } from '../../../src/demo/seed/break-glass-accounts.js';
import { BUILT_IN_ROLES } from '../../../src/demo/seed/built-in-roles.js';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { NAMED_GROUP_IDS } from '../../../src/demo/seed/seed-groups.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  sendJson,
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

const { lynne, adele } = STORY_PEOPLE;
const { patti, johanna, isaiah, lee, miriam, nestor } = SOC_TEAM;
const GA = BUILT_IN_ROLES.globalAdministrator.templateId;

async function expectGraphError(url: string, status: number, code: string, message: RegExp) {
  const response = await getJson(url);
  expect(response.status).toBe(status);
  expect(response.headers.get('request-id')).toBeTruthy();
  const body = graphErrorSchema.parse(response.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe('groups, as Microsoft Graph v1.0 serves them', () => {
  it('GET /groups parses with the shared schema, pages with nextLink to the end and names its @odata.context', async () => {
    const { items, pages, first } = await getAllPages(
      `${tenant.graph}/groups${query({ $top: 5 })}`,
      groupSchema,
    );
    expect(first['@odata.context']).toBe(`${tenant.graph}/$metadata#groups`);
    expect(pages).toBe(Math.ceil(items.length / 5));
    expect(new Set(items.map((g) => g.id)).size).toBe(items.length);
    expect(items.map((g) => g.displayName)).toEqual(
      expect.arrayContaining([
        'SOC Responders',
        'SOC Approvers',
        'Break Glass Accounts',
        'CA Exclusion - MFA',
      ]),
    );
  });

  it('filters by name, by kind and with groupTypes/any()', async () => {
    const soc = await getAllPages(
      `${tenant.graph}/groups${query({ $filter: `startswith(displayName,${odata('soc')})`, $select: 'id,displayName' })}`,
      groupSchema,
    );
    expect(soc.items.map((g) => g.displayName).sort()).toEqual(['SOC Approvers', 'SOC Responders']);
    expect(soc.first['@odata.context']).toBe(`${tenant.graph}/$metadata#groups(id,displayName)`);
    const unified = await getAllPages(
      `${tenant.graph}/groups${query({ $filter: "groupTypes/any(c: c eq 'Unified')" })}`,
      groupSchema,
    );
    expect(unified.items.length).toBeGreaterThan(5);
    expect(unified.items.every((g) => g.groupTypes?.includes('Unified') && g.mailEnabled === true)).toBe(
      true,
    );
    const security = await getAllPages(
      `${tenant.graph}/groups${query({ $filter: 'securityEnabled eq true and mailEnabled eq false' })}`,
      groupSchema,
    );
    expect(security.items.some((g) => g.id === NAMED_GROUP_IDS.breakGlass)).toBe(true);
    expect(security.items.some((g) => g.groupTypes?.includes('Unified'))).toBe(false);
  });

  it('GET /groups/{id} returns one group; an unknown id is Graph’s 404', async () => {
    const response = await getJson(`${tenant.graph}/groups/${NAMED_GROUP_IDS.socResponders}`);
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty('@odata.context', `${tenant.graph}/$metadata#groups/$entity`);
    expect(groupSchema.parse(response.body)).toMatchObject({
      displayName: 'SOC Responders',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
    });
    await expectGraphError(
      `${tenant.graph}/groups/00000000-0000-4000-8000-000000000000`,
      404,
      'Request_ResourceNotFound',
      /does not exist/,
    );
  });

  it('puts the SOC staff in SOC Responders, Patti and Johanna in SOC Approvers, and the two break-glass accounts in theirs', async () => {
    const members = async (id: string) =>
      (await getAllPages(`${tenant.graph}/groups/${id}/members`, directoryObjectSchema)).items;
    const responders = await members(NAMED_GROUP_IDS.socResponders);
    expect(responders.map((m) => m.id).sort()).toEqual([patti.id, isaiah.id, johanna.id, lee.id].sort());
    expect(responders.every((m) => m['@odata.type'] === '#microsoft.graph.user')).toBe(true);
    expect(responders.map((m) => m.id)).not.toContain(nestor.id);
    expect(responders.map((m) => m.id)).not.toContain(miriam.id);
    expect((await members(NAMED_GROUP_IDS.socApprovers)).map((m) => m.id).sort()).toEqual(
      [patti.id, johanna.id].sort(),
    );
    const breakGlass = await members(NAMED_GROUP_IDS.breakGlass);
    expect(breakGlass.map((m) => m.id).sort()).toEqual(BREAK_GLASS_ACCOUNTS.map((a) => a.id).sort());
    expect(breakGlass.every((m) => m.userPrincipalName?.endsWith('@contoso.onmicrosoft.com'))).toBe(true);
    expect((await members(NAMED_GROUP_IDS.mfaExclusions)).map((m) => m.id)).toContain(lynne.id);
  });

  it('members come with the user default properties, or exactly what $select names', async () => {
    const plain = await getJson(`${tenant.graph}/groups/${NAMED_GROUP_IDS.socApprovers}/members`);
    const first = collectionSchema(directoryObjectSchema).parse(plain.body).value[0]!;
    expect(first).toHaveProperty('userPrincipalName');
    expect(plain.body).toHaveProperty('@odata.context', `${tenant.graph}/$metadata#directoryObjects`);
    expect(JSON.stringify(plain.body)).not.toContain('"department"');
    const selected = await getJson(
      `${tenant.graph}/groups/${NAMED_GROUP_IDS.socApprovers}/members${query({ $select: 'id,department' })}`,
    );
    expect((selected.body as { value: unknown[] }).value[0]).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: expect.any(String),
      department: 'Security Operations',
    });
  });

  it('GET /users/{id | upn}/memberOf lists groups and directory roles, told apart by @odata.type', async () => {
    const { items } = await getAllPages(
      `${tenant.graph}/users/${encodeURIComponent(patti.userPrincipalName)}/memberOf`,
      directoryObjectSchema,
    );
    const groups = items
      .filter((o) => o['@odata.type'] === '#microsoft.graph.group')
      .map((o) => o.displayName);
    expect(groups).toEqual(expect.arrayContaining(['SOC Responders', 'SOC Approvers']));
    const roles = items.filter((o) => o['@odata.type'] === '#microsoft.graph.directoryRole');
    expect(roles.map((r) => r.displayName)).toEqual(['Security Administrator']);
    expect(roles[0]!.roleTemplateId).toBe(BUILT_IN_ROLES.securityAdministrator.templateId);
    // PIM-eligible is not a member: Lynne holds no active role.
    const lynneOf = await getAllPages(`${tenant.graph}/users/${lynne.id}/memberOf`, directoryObjectSchema);
    expect(lynneOf.items.some((o) => o['@odata.type'] === '#microsoft.graph.directoryRole')).toBe(false);
    await expectGraphError(
      `${tenant.graph}/users/nobody@contoso.com/memberOf`,
      404,
      'Request_ResourceNotFound',
      /does not exist/,
    );
  });
});

describe('checking group membership', () => {
  it('POST /users/{id}/checkMemberGroups returns the given groups the user is in; transitiveMemberOf lists them', async () => {
    const url = (key: string) => `${tenant.graph}/users/${encodeURIComponent(key)}/checkMemberGroups`;
    const groupIds = [
      NAMED_GROUP_IDS.socResponders,
      NAMED_GROUP_IDS.socApprovers,
      NAMED_GROUP_IDS.breakGlass,
    ];
    const forPatti = await sendJson(url(patti.userPrincipalName), { groupIds });
    expect(forPatti.status).toBe(200);
    const body = collectionSchema(z.string()).parse(forPatti.body);
    expect(body['@odata.context']).toBe(`${tenant.graph}/$metadata#Collection(Edm.String)`);
    expect(body.value.sort()).toEqual([NAMED_GROUP_IDS.socResponders, NAMED_GROUP_IDS.socApprovers].sort());
    const forIsaiah = collectionSchema(z.string()).parse((await sendJson(url(isaiah.id), { groupIds })).body);
    expect(forIsaiah.value).toEqual([NAMED_GROUP_IDS.socResponders]);
    const forNestor = collectionSchema(z.string()).parse((await sendJson(url(nestor.id), { groupIds })).body);
    expect(forNestor.value).toEqual([]);
    const tooMany = await sendJson(url(patti.id), {
      groupIds: Array(21).fill(NAMED_GROUP_IDS.socResponders),
    });
    expect(tooMany.status).toBe(400);
    const transitive = await getAllPages(
      `${tenant.graph}/users/${johanna.id}/transitiveMemberOf${query({ $select: 'id,displayName' })}`,
      directoryObjectSchema,
    );
    expect(transitive.items.map((o) => o.displayName)).toEqual(
      expect.arrayContaining(['SOC Responders', 'SOC Approvers', 'Authentication Administrator']),
    );
  });
});

describe('directory roles and role management, as Microsoft Graph v1.0 serves them', () => {
  it('GET /directoryRoles lists activated roles; /directoryRoles/{id}/members their active members', async () => {
    const { items, first } = await getAllPages(`${tenant.graph}/directoryRoles`, directoryRoleSchema);
    expect(first['@odata.context']).toBe(`${tenant.graph}/$metadata#directoryRoles`);
    expect(items.map((r) => r.displayName)).toEqual(
      expect.arrayContaining([
        'Global Administrator',
        'Security Administrator',
        'Helpdesk Administrator',
        'Authentication Administrator',
      ]),
    );
    const ga = items.find((r) => r.roleTemplateId === GA)!;
    const members = await getAllPages(
      `${tenant.graph}/directoryRoles/${ga.id}/members`,
      directoryObjectSchema,
    );
    const ids = members.items.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(BREAK_GLASS_ACCOUNTS.map((a) => a.id)));
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(lynne.id);
    const byTemplate = await getJson(`${tenant.graph}/directoryRoles/${GA}`);
    expect(directoryRoleSchema.parse(byTemplate.body).id).toBe(ga.id);
    const helpdesk = items.find((r) => r.displayName === 'Helpdesk Administrator')!;
    const helpdeskMembers = await getAllPages(
      `${tenant.graph}/directoryRoles/${helpdesk.id}/members`,
      directoryObjectSchema,
    );
    expect(helpdeskMembers.items.map((m) => m.id)).toEqual([miriam.id]);
  });

  it('GET /roleManagement/directory/roleDefinitions lists the built-in roles with their permissions', async () => {
    const { items, first } = await getAllPages(
      `${tenant.graph}/roleManagement/directory/roleDefinitions`,
      unifiedRoleDefinitionSchema,
    );
    expect(first['@odata.context']).toBe(
      `${tenant.graph}/$metadata#roleManagement/directory/roleDefinitions`,
    );
    const ga = items.find((d) => d.displayName === 'Global Administrator')!;
    expect(ga).toMatchObject({ id: GA, templateId: GA, isBuiltIn: true });
    expect(ga.rolePermissions?.[0]?.allowedResourceActions.length).toBeGreaterThan(0);
    const one = await getJson(`${tenant.graph}/roleManagement/directory/roleDefinitions/${GA}`);
    expect(unifiedRoleDefinitionSchema.parse(one.body).displayName).toBe('Global Administrator');
  });

  it('filters role assignments by principalId and expands their roleDefinition', async () => {
    const url = `${tenant.graph}/roleManagement/directory/roleAssignments${query({
      $filter: `principalId eq ${odata(johanna.id)}`,
      $expand: 'roleDefinition',
    })}`;
    const { items, first } = await getAllPages(url, unifiedRoleAssignmentSchema);
    expect(first['@odata.context']).toBe(
      `${tenant.graph}/$metadata#roleManagement/directory/roleAssignments(roleDefinition())`,
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.roleDefinition?.displayName).toBe('Authentication Administrator');
    expect(items[0]!.directoryScopeId).toBe('/');
    const all = await getAllPages(
      `${tenant.graph}/roleManagement/directory/roleAssignments${query({ $filter: `roleDefinitionId eq ${odata(GA)}`, $expand: 'principal' })}`,
      unifiedRoleAssignmentSchema,
    );
    expect(all.items.map((a) => a.principal?.['@odata.type'])).toEqual(
      Array(3).fill('#microsoft.graph.user'),
    );
    const one = await getJson(
      `${tenant.graph}/roleManagement/directory/roleAssignments/${encodeURIComponent(items[0]!.id)}`,
    );
    expect(unifiedRoleAssignmentSchema.parse(one.body).principalId).toBe(johanna.id);
  });

  it('says Lynne Robbins is PIM-eligible for Global Administrator, not active', async () => {
    const eligible = await getAllPages(
      `${tenant.graph}/roleManagement/directory/roleEligibilitySchedules${query({
        $filter: `principalId eq ${odata(lynne.id)}`,
        $expand: 'roleDefinition',
      })}`,
      unifiedRoleEligibilityScheduleSchema,
    );
    expect(eligible.items).toHaveLength(1);
    expect(eligible.items[0]).toMatchObject({
      roleDefinitionId: GA,
      status: 'Provisioned',
      memberType: 'Direct',
      roleDefinition: { displayName: 'Global Administrator' },
      scheduleInfo: { expiration: { type: 'noExpiration' } },
    });
    const active = await getAllPages(
      `${tenant.graph}/roleManagement/directory/roleAssignments${query({ $filter: `principalId eq ${odata(lynne.id)}` })}`,
      unifiedRoleAssignmentSchema,
    );
    expect(active.items).toEqual([]);
    const one = await getJson(
      `${tenant.graph}/roleManagement/directory/roleEligibilitySchedules/${eligible.items[0]!.id}?$expand=principal`,
    );
    expect(unifiedRoleEligibilityScheduleSchema.parse(one.body).principal?.userPrincipalName).toBe(
      lynne.userPrincipalName,
    );
  });

  it('answers errors as Graph does: unknown ids, $expand it cannot, nested $expand options', async () => {
    await expectGraphError(
      `${tenant.graph}/directoryRoles/00000000-0000-4000-8000-000000000000`,
      404,
      'Request_ResourceNotFound',
      /does not exist/,
    );
    await expectGraphError(
      `${tenant.graph}/roleManagement/directory/roleAssignments${query({ $expand: 'appScope' })}`,
      400,
      'BadRequest',
      /navigation property named 'appScope'/,
    );
    await expectGraphError(
      `${tenant.graph}/roleManagement/directory/roleAssignments${query({ $expand: 'roleDefinition($select=id)' })}`,
      400,
      'BadRequest',
      /Nested query options/,
    );
    await expectGraphError(
      `${tenant.graph}/groups${query({ $filter: "groupTypes eq 'Unified'" })}`,
      400,
      'Request_UnsupportedQuery',
      /groupTypes\/any/,
    );
    expect((await getJson(`${tenant.graph}/users/${adele.id}/memberOf`)).status).toBe(200);
  });

  it('serves the same under /beta', async () => {
    const response = await getJson(`${tenant.graphUrl}/beta/groups/${NAMED_GROUP_IDS.breakGlass}`);
    expect(groupSchema.parse(response.body).displayName).toBe('Break Glass Accounts');
  });
});
