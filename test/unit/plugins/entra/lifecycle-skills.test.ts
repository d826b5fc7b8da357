/**
 * The lifecycle skills against the demo tenant's Graph over loopback HTTP: `entra.lifecycleWorkflows` (every
 * workflow read in detail, a category filter, a workflow whose detail cannot be read keeps what the list
 * said) and `entra.joinersAndLeavers` (leavers with the still-enabled first, who leaves and starts soon, every
 * request an advanced query), the bad inputs their schemas refuse before any request, and a tenant without
 * Microsoft Entra ID Governance: Graph's 403 said in those words. No mocks of Ward's code.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../../src/clients/graph.js';
import { SourceUnavailableError } from '../../../../src/core/errors.js';
import { SOC_TEAM } from '../../../../src/demo/seed/people.js';
import { LIFECYCLE_DATES, LIFECYCLE_WORKFLOW_IDS } from '../../../../src/demo/seed/seed-lifecycle.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { joinersAndLeaversSkill } from '../../../../src/plugins/entra/skills/joiners-and-leavers.js';
import { lifecycleWorkflowsSkill } from '../../../../src/plugins/entra/skills/lifecycle-workflows.js';

const NOW = new Date('2025-06-11T15:00:00.000Z');
let demo: RunningDemoTenant;
let graph: GraphClient;
const context = { signal: new AbortController().signal };

async function addFault(rule: Record<string, unknown>) {
  const response = await fetch(`${demo.url}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  demo = await startDemoTenant({ port: 0, now: () => NOW, identityProtectionRate: false });
  graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 5_000, maxRetries: 0 });
});
afterAll(async () => {
  await demo?.close();
});

describe('entra.lifecycleWorkflows', () => {
  const skill = () => lifecycleWorkflowsSkill(graph);

  it('reads every workflow in detail: trigger, scope and tasks', async () => {
    const { data, requests } = await skill().run(skill().input.parse({}), context);
    expect(data.truncated).toBe(false);
    expect(data.workflows.map(({ workflow, details }) => [workflow.displayName, details])).toEqual([
      ['Onboard new hire employee', true],
      ['Offboard an employee', true],
    ]);
    const offboard = data.workflows[1]!.workflow;
    expect(offboard.isEnabled).toBe(false);
    expect(offboard.executionConditions?.trigger?.timeBasedAttribute).toBe('employeeLeaveDateTime');
    expect(offboard.tasks?.map((task) => task.displayName)).toContain('Disable User Account');
    expect(requests).toEqual([
      'GET /v1.0/identityGovernance/lifecycleWorkflows/workflows',
      `GET /v1.0/identityGovernance/lifecycleWorkflows/workflows/${LIFECYCLE_WORKFLOW_IDS.onboardNewHire}`,
      `GET /v1.0/identityGovernance/lifecycleWorkflows/workflows/${LIFECYCLE_WORKFLOW_IDS.offboardEmployee}`,
    ]);
  });

  it('filters one category with an OData-quoted value', async () => {
    const { data, requests } = await skill().run(skill().input.parse({ category: 'leaver' }), context);
    expect(data.workflows.map(({ workflow }) => workflow.category)).toEqual(['leaver']);
    expect(requests[0]).toBe(
      "GET /v1.0/identityGovernance/lifecycleWorkflows/workflows?$filter=category eq 'leaver'",
    );
  });

  it('keeps what the list said about a workflow it cannot read in detail', async () => {
    await addFault({ path: `workflows/${LIFECYCLE_WORKFLOW_IDS.offboardEmployee}`, status: 503, times: 5 });
    try {
      const { data } = await skill().run(skill().input.parse({}), context);
      const offboard = data.workflows.find(
        ({ workflow }) => workflow.id === LIFECYCLE_WORKFLOW_IDS.offboardEmployee,
      );
      expect(offboard).toMatchObject({
        details: false,
        workflow: { displayName: 'Offboard an employee', isEnabled: false },
      });
      expect(offboard?.workflow.tasks).toBeUndefined();
      expect(data.workflows.find(({ details }) => details)?.workflow.tasks?.length).toBe(2);
    } finally {
      await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
    }
  });

  it.each([
    { category: 'contractor' },
    { category: 'Leaver' },
    { top: 0 },
    { top: 101 },
    { top: 'all' },
    { filter: "category eq 'leaver'" },
  ])('refuses %j', (input) => {
    expect(skill().input.safeParse(input).success).toBe(false);
  });
});

describe('entra.joinersAndLeavers', () => {
  const skill = () => joinersAndLeaversSkill(graph, () => NOW);

  it('lists the leavers (still enabled first), who leaves soon and who starts soon', async () => {
    const { data, requests } = await skill().run(skill().input.parse({}), context);
    expect(data.leavers.map((user) => [user.id === SOC_TEAM.nestor.id, user.accountEnabled])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(Date.parse(data.leavers[0]!.employeeLeaveDateTime ?? '')).toBe(
      NOW.getTime() + LIFECYCLE_DATES.nestorLeft,
    );
    expect(Date.parse(data.leavers[1]!.employeeLeaveDateTime ?? '')).toBe(
      NOW.getTime() + LIFECYCLE_DATES.offboardedLeaverLeft,
    );
    expect(data.upcomingLeavers.map((user) => user.department)).toEqual(['Sales']);
    expect(data.upcomingJoiners).toHaveLength(1);
    expect(Date.parse(data.upcomingJoiners[0]!.employeeHireDate ?? '')).toBe(
      NOW.getTime() + LIFECYCLE_DATES.joinerStarts,
    );
    expect(data.truncated).toBe(false);
    // Advanced queries: the demo tenant, like Graph, refuses these filters without both.
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatch(/\$count=true/);
      expect(request).toMatch(/\(ConsistencyLevel: eventual\)$/);
    }
  });

  it('finds no leaver inside a short look-back except the ones still enabled', async () => {
    const { data } = await skill().run(skill().input.parse({ lookbackDays: 5, aheadDays: 1 }), context);
    expect(data.leavers.map((user) => user.id)).toEqual([SOC_TEAM.nestor.id]);
    expect(data.upcomingLeavers).toEqual([]);
    expect(data.upcomingJoiners).toEqual([]);
  });

  it.each([
    { lookbackDays: 0 },
    { lookbackDays: 366 },
    { aheadDays: 91 },
    { aheadDays: -1 },
    { top: 1000 },
    { top: 1.5 },
    { user: 'nestor.wilke@contoso.com' },
  ])('refuses %j', (input) => {
    expect(skill().input.safeParse(input).success).toBe(false);
  });
});

describe('a tenant without Microsoft Entra ID Governance', () => {
  let server: Server;
  let body: { error: { code: string; message: string } };
  let unlicensed: GraphClient;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    unlicensed = createGraphClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000, maxRetries: 0 });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('says Lifecycle Workflows need the licence when Graph says the tenant lacks it', async () => {
    body = {
      error: {
        code: 'NoLicense',
        message:
          'User is not authorized to perform the operation. Reason: Tenant does not meet license requirement!',
      },
    };
    const skill = lifecycleWorkflowsSkill(unlicensed);
    const failure = await skill.run(skill.input.parse({}), context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SourceUnavailableError);
    expect((failure as SourceUnavailableError).status).toBe(403);
    expect((failure as Error).message).toMatch(
      /^Lifecycle Workflows need Microsoft Entra ID Governance: Microsoft Graph says the tenant does not have the licence \(403 NoLicense\)/,
    );
  });

  it('names the licence and the permission when Graph refuses without saying why', async () => {
    body = {
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    };
    const skill = lifecycleWorkflowsSkill(unlicensed);
    const failure = await skill.run(skill.input.parse({}), context).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/Lifecycle Workflows need Microsoft Entra ID Governance/);
    expect((failure as Error).message).toMatch(/LifecycleWorkflows\.Read\.All/);
  });
});
