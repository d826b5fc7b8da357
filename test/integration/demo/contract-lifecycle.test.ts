/**
 * The demo tenant's Lifecycle Workflows and HR dates as Microsoft Graph v1.0 serves them, parsed with the
 * schemas Ward's client uses: the workflow list (basic properties only), one workflow with its execution
 * conditions and tasks, filters on category and state, Graph's 404, and `employeeHireDate` /
 * `employeeLeaveDateTime` on users: selectable, filterable only as advanced queries (`ConsistencyLevel:
 * eventual` and `$count=true`), slid with the tenant's clock like every other timestamp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIFECYCLE_USER_SELECT,
  lifecycleUserSchema,
  lifecycleWorkflowSchema,
} from '../../../src/clients/graph-lifecycle-resources.js';
import { collectionSchema, graphErrorSchema } from '../../../src/clients/graph-resources.js';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { LIFECYCLE_DATES, LIFECYCLE_WORKFLOW_IDS } from '../../../src/demo/seed/seed-lifecycle.js';
import { getJson, query, SEEDED_AT, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

const WORKFLOWS = () => `${tenant.graph}/identityGovernance/lifecycleWorkflows/workflows`;
const ADVANCED = { headers: { ConsistencyLevel: 'eventual' } };
const DAY = 86_400_000;

describe('GET /identityGovernance/lifecycleWorkflows/workflows', () => {
  it('lists the joiner and leaver workflows with their basic properties only', async () => {
    const response = await getJson(WORKFLOWS());
    expect(response.status).toBe(200);
    const page = collectionSchema(lifecycleWorkflowSchema).parse(response.body);
    expect(page['@odata.context']).toBe(
      `${tenant.graph}/$metadata#identityGovernance/lifecycleWorkflows/workflows`,
    );
    expect(page.value.map((w) => [w.displayName, w.category, w.isEnabled])).toEqual([
      ['Onboard new hire employee', 'joiner', true],
      ['Offboard an employee', 'leaver', false],
    ]);
    // As Graph: the list has no execution conditions and no tasks; a GET by id has them.
    for (const workflow of page.value) {
      expect(workflow.executionConditions).toBeUndefined();
      expect(workflow.tasks).toBeUndefined();
    }
    expect(page.value.some((w) => w.category === 'mover')).toBe(false);
  });

  it('filters by category and by state, and selects', async () => {
    const leavers = collectionSchema(lifecycleWorkflowSchema).parse(
      (await getJson(`${WORKFLOWS()}${query({ $filter: "category eq 'leaver'" })}`)).body,
    );
    expect(leavers.value.map((w) => w.id)).toEqual([LIFECYCLE_WORKFLOW_IDS.offboardEmployee]);
    const enabled = collectionSchema(lifecycleWorkflowSchema).parse(
      (
        await getJson(
          `${WORKFLOWS()}${query({ $filter: 'isEnabled eq true', $select: 'id,category,displayName,isEnabled,isSchedulingEnabled' })}`,
        )
      ).body,
    );
    expect(enabled.value.map((w) => w.id)).toEqual([LIFECYCLE_WORKFLOW_IDS.onboardNewHire]);
  });

  it('GET by id has the trigger, the scope and the tasks', async () => {
    const offboard = lifecycleWorkflowSchema.parse(
      (await getJson(`${WORKFLOWS()}/${LIFECYCLE_WORKFLOW_IDS.offboardEmployee}`)).body,
    );
    expect(offboard).toMatchObject({
      displayName: 'Offboard an employee',
      isEnabled: false,
      isSchedulingEnabled: false,
      executionConditions: {
        '@odata.type': '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions',
        scope: { rule: "(companyName eq 'Contoso')" },
        trigger: { timeBasedAttribute: 'employeeLeaveDateTime', offsetInDays: 0 },
      },
    });
    expect(offboard.tasks?.map((task) => task.taskDefinitionId)).toEqual([
      '1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950',
      '81f7b200-2816-4b3b-8c5d-dc556f07b024',
      '8fa97d28-3e52-4985-b3a9-a1126f9b8b4e',
    ]);
    expect(Date.parse(offboard.lastModifiedDateTime ?? '')).toBe(
      SEEDED_AT.getTime() + LIFECYCLE_DATES.offboardingTurnedOff,
    );
  });

  it('answers an unknown workflow with 404', async () => {
    const response = await getJson(`${WORKFLOWS()}/00000000-0000-4000-8000-000000000000`);
    expect(response.status).toBe(404);
    expect(graphErrorSchema.parse(response.body).error.message).toMatch(/was not found/);
  });
});

describe('HR dates on users', () => {
  const usersWhere = (filter: string) =>
    `${tenant.graph}/users${query({ $select: LIFECYCLE_USER_SELECT.join(','), $filter: filter, $count: 'true' })}`;

  it('filters on employeeLeaveDateTime as an advanced query: Nestor left nine days ago, still enabled', async () => {
    const now = SEEDED_AT.toISOString();
    const response = await getJson(
      usersWhere(`accountEnabled eq true and employeeLeaveDateTime le ${now}`),
      ADVANCED,
    );
    expect(response.status).toBe(200);
    const page = collectionSchema(lifecycleUserSchema).parse(response.body);
    expect(page['@odata.count']).toBe(1);
    expect(page.value[0]).toMatchObject({ id: SOC_TEAM.nestor.id, accountEnabled: true });
    expect(Date.parse(page.value[0]!.employeeLeaveDateTime ?? '')).toBe(
      SEEDED_AT.getTime() + LIFECYCLE_DATES.nestorLeft,
    );
  });

  it('finds the joiner starting within the next days by employeeHireDate', async () => {
    const from = SEEDED_AT.toISOString();
    const to = new Date(SEEDED_AT.getTime() + 30 * DAY).toISOString();
    const page = collectionSchema(lifecycleUserSchema).parse(
      (await getJson(usersWhere(`employeeHireDate ge ${from} and employeeHireDate le ${to}`), ADVANCED)).body,
    );
    expect(page.value).toHaveLength(1);
    expect(page.value[0]?.accountEnabled).toBe(false);
    expect(Date.parse(page.value[0]!.employeeHireDate ?? '')).toBe(
      SEEDED_AT.getTime() + LIFECYCLE_DATES.joinerStarts,
    );
  });

  it('refuses a filter on the HR dates without ConsistencyLevel: eventual or without $count, as Graph does', async () => {
    const filter = `employeeLeaveDateTime le ${SEEDED_AT.toISOString()}`;
    const plain = `${tenant.graph}/users${query({ $select: 'id', $filter: filter })}`;
    for (const response of [await getJson(plain), await getJson(plain, ADVANCED)]) {
      expect(response.status).toBe(400);
      const { error } = graphErrorSchema.parse(response.body);
      expect(error.code).toBe('Request_UnsupportedQuery');
      expect(error.message).toMatch(
        /advanced query: send the header ConsistencyLevel: eventual and \$count=true/,
      );
    }
    // $count=true alone still needs the header, whatever the filter.
    expect((await getJson(usersWhere(filter))).status).toBe(400);
  });

  it('serves the dates null for people without them, and only on $select', async () => {
    const adele = await getJson(
      `${tenant.graph}/users/adele.vance@contoso.com${query({ $select: 'id,employeeHireDate,employeeLeaveDateTime' })}`,
    );
    expect(adele.body).toMatchObject({ employeeHireDate: null, employeeLeaveDateTime: null });
    const nestor = (await getJson(`${tenant.graph}/users/${SOC_TEAM.nestor.id}`)).body as Record<
      string,
      unknown
    >;
    expect(nestor).not.toHaveProperty('employeeLeaveDateTime');
  });

  it('slides the dates with the clock, as every other timestamp', async () => {
    const later = new Date(SEEDED_AT.getTime() + 2 * DAY);
    tenant.clock.now = later;
    try {
      const nestor = lifecycleUserSchema.parse(
        (
          await getJson(
            `${tenant.graph}/users/${SOC_TEAM.nestor.id}${query({ $select: 'id,employeeLeaveDateTime' })}`,
          )
        ).body,
      );
      expect(Date.parse(nestor.employeeLeaveDateTime ?? '')).toBe(
        later.getTime() + LIFECYCLE_DATES.nestorLeft,
      );
    } finally {
      tenant.clock.now = SEEDED_AT;
    }
  });
});
