/**
 * The demo tenant's Azure Resource Manager, for delegating Defender for Cloud findings: governance
 * assignments (`.../assessments/{key}/governanceAssignments[/{assignmentKey}]`, GET and PUT, api-version
 * 2022-01-01-preview) in the real service's shapes, parsed with the schemas Ward's plugin uses, whose writes
 * the next read sees until `/_demo/reset`; resource tags (`Microsoft.Resources/tags/default`) naming owners;
 * and the contextual `risk` unhealthy assessments carry from api-version 2025-05-04.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armErrorSchema, armPageSchema } from '../../../src/clients/arm-resources.js';
import {
  governanceAssignmentSchema,
  scopeTagsSchema,
  securityAssessmentWithRiskSchema,
} from '../../../src/clients/arm-security-resources.js';
import { DEMO_SUBSCRIPTION_ID, STORY_RESOURCES } from '../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../src/demo/seed/defender-recommendations.js';
import { SEEDED_ASSIGNMENT } from '../../../src/demo/seed/seed-defender-for-cloud.js';
import { getJson, SEEDED_AT, sendJson, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const SUBSCRIPTION = `/subscriptions/${DEMO_SUBSCRIPTION_ID}`;
const WEB = STORY_RESOURCES.webProd01.id;
const VULNERABILITIES = AZURE_ASSESSMENT_KEYS.vulnerabilityFindings;
const VERSION = 'api-version=2022-01-01-preview';
const KEY = '6634ff9f-127b-4bf2-8e6e-b1737f5e789c';
const DAY = 86_400_000;

let tenant: TestTenant;
let arm: string;
beforeAll(async () => {
  tenant = await startTestTenant();
  arm = tenant.armUrl;
});
afterEach(async () => {
  tenant.clock.now = SEEDED_AT;
  await fetch(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await tenant.close();
});

const assignments = (scope: string, key: string = VULNERABILITIES) =>
  `${arm}${scope}/providers/Microsoft.Security/assessments/${key}/governanceAssignments`;

function body(owner = 'nestor.wilke@contoso.com', due = new Date(SEEDED_AT.getTime() + 7 * DAY)) {
  return {
    properties: {
      owner,
      remediationDueDate: due.toISOString(),
      isGracePeriod: false,
      governanceEmailNotification: {
        disableManagerEmailNotification: false,
        disableOwnerEmailNotification: false,
      },
    },
  };
}

describe('governance assignments', () => {
  it('creates one with PUT (201), reads it back, and replaces it with a second PUT (200)', async () => {
    const created = await sendJson(`${assignments(WEB)}/${KEY}?${VERSION}`, body(), 'PUT');
    expect(created.status).toBe(201);
    const parsed = governanceAssignmentSchema.parse(created.body);
    expect(parsed).toMatchObject({
      id: `${WEB}/providers/Microsoft.Security/assessments/${VULNERABILITIES}/governanceAssignments/${KEY}`,
      name: KEY,
      type: 'Microsoft.Security/assessments/governanceAssignments',
      properties: { owner: 'nestor.wilke@contoso.com', remediationDueDate: '2025-06-18T15:00:00.000Z' },
    });
    const read = await getJson(`${assignments(WEB)}/${KEY}?${VERSION}`);
    expect(governanceAssignmentSchema.parse(read.body)).toEqual(parsed);

    const replaced = await sendJson(
      `${assignments(WEB)}/${KEY}?${VERSION}`,
      body('miriam.graham@contoso.com'),
      'PUT',
    );
    expect(replaced.status).toBe(200);
    const list = armPageSchema(governanceAssignmentSchema).parse(
      (await getJson(`${assignments(WEB)}?${VERSION}`)).body,
    );
    expect(list.value.map((a) => a.properties.owner)).toEqual(['miriam.graham@contoso.com']);
  });

  it('lists a resource’s at its scope, and every resource’s at the subscription’s', async () => {
    await sendJson(`${assignments(WEB)}/${KEY}?${VERSION}`, body(), 'PUT');
    const other = tenant.tenant.state.defenderForCloud.assessments.find(
      (a) => a.assessmentKey === VULNERABILITIES && a.resourceId !== WEB,
    )!;
    await sendJson(
      `${assignments(other.resourceId)}/${KEY}?${VERSION}`,
      body('miriam.graham@contoso.com'),
      'PUT',
    );
    const atResource = armPageSchema(governanceAssignmentSchema).parse(
      (await getJson(`${assignments(WEB)}?${VERSION}`)).body,
    );
    expect(atResource.value).toHaveLength(1);
    const atSubscription = armPageSchema(governanceAssignmentSchema).parse(
      (await getJson(`${assignments(SUBSCRIPTION)}?${VERSION}`)).body,
    );
    expect(atSubscription.value.map((a) => a.properties.owner).sort()).toEqual([
      'miriam.graham@contoso.com',
      'nestor.wilke@contoso.com',
    ]);
  });

  it('serves the seeded overdue assignment, its due date sliding with the clock like every seeded time', async () => {
    const { resource, overdueBy } = SEEDED_ASSIGNMENT;
    const key = tenant.tenant.state.defenderForCloud.governanceAssignments[0]!.assessmentKey;
    const read = async () =>
      armPageSchema(governanceAssignmentSchema).parse(
        (await getJson(`${assignments(resource.id, key)}?${VERSION}`)).body,
      ).value[0]!.properties.remediationDueDate;
    expect(Date.parse(await read())).toBe(SEEDED_AT.getTime() - overdueBy);
    tenant.clock.now = new Date(SEEDED_AT.getTime() + DAY);
    expect(Date.parse(await read())).toBe(SEEDED_AT.getTime() + DAY - overdueBy);
  });

  it('forgets what was written on reset', async () => {
    await sendJson(`${assignments(WEB)}/${KEY}?${VERSION}`, body(), 'PUT');
    await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
    expect((await getJson(`${assignments(WEB)}/${KEY}?${VERSION}`)).status).toBe(404);
  });

  it('refuses bodies ARM would refuse, and writes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ properties: { owner: 'x@contoso.com' } }, 400, 'BadRequest'],
      [{ properties: { remediationDueDate: 'tomorrow' } }, 400, 'BadRequest'],
      [
        { properties: { owner: 'not an email', remediationDueDate: '2025-06-18T00:00:00Z' } },
        400,
        'BadRequest',
      ],
    ];
    for (const [content, status, code] of cases) {
      const response = await sendJson(`${assignments(WEB)}/${KEY}?${VERSION}`, content, 'PUT');
      expect(response.status).toBe(status);
      expect(armErrorSchema.parse(response.body).error.code).toBe(code);
    }
    const broken = await getJson(`${assignments(WEB)}/${KEY}?${VERSION}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"properties":',
    });
    expect(armErrorSchema.parse(broken.body).error.code).toBe('InvalidRequestContent');
    expect(tenant.tenant.state.defenderForCloud.governanceAssignments).toHaveLength(1);
  });

  it('answers 404 for a recommendation the resource does not have, an unknown key, or an unknown assignment', async () => {
    const storage = STORY_RESOURCES.customerData.id;
    const notOnStorage = await sendJson(`${assignments(storage)}/${KEY}?${VERSION}`, body(), 'PUT');
    expect(notOnStorage.status).toBe(404);
    const unknownKey = await getJson(
      `${assignments(WEB, '00000000-0000-4000-8000-000000000000')}?${VERSION}`,
    );
    expect(unknownKey.status).toBe(404);
    const unknown = await getJson(`${assignments(WEB)}/${KEY}?${VERSION}`);
    expect(armErrorSchema.parse(unknown.body).error.code).toBe('ResourceNotFound');
  });

  it('requires its api-version and serves only GET and PUT', async () => {
    const wrong = await getJson(`${assignments(WEB)}?api-version=2021-06-01`);
    expect(wrong.status).toBe(400);
    expect(armErrorSchema.parse(wrong.body).error.code).toBe('NoRegisteredProviderFound');
    const removed = await getJson(`${assignments(WEB)}/${KEY}?${VERSION}`, { method: 'DELETE' });
    expect(removed.status).toBe(405);
  });

  it('is subject to fault rules like every ARM path', async () => {
    await sendJson(`${tenant.url}/_demo/faults`, { path: 'governanceAssignments', status: 503, times: 1 });
    expect((await sendJson(`${assignments(WEB)}/${KEY}?${VERSION}`, body(), 'PUT')).status).toBe(503);
    expect(tenant.tenant.state.defenderForCloud.governanceAssignments).toHaveLength(1);
  });
});

describe('resource tags', () => {
  const tags = (scope: string) =>
    `${arm}${scope}/providers/Microsoft.Resources/tags/default?api-version=2021-04-01`;

  it('names each resource’s owner, and leaves two resources untagged', async () => {
    const web = scopeTagsSchema.parse((await getJson(tags(WEB))).body);
    expect(web).toMatchObject({
      id: `${WEB}/providers/Microsoft.Resources/tags/default`,
      type: 'Microsoft.Resources/tags',
      properties: { tags: { owner: 'nestor.wilke@contoso.com', environment: 'production' } },
    });
    const untagged = tenant.tenant.state.defenderForCloud.resources.filter((r) => r.tags.owner === undefined);
    expect(untagged.map((r) => r.name).sort()).toEqual(['aks-contoso-batch', 'build-agent-01']);
    expect(scopeTagsSchema.parse((await getJson(tags(SUBSCRIPTION))).body).properties.tags).toEqual({});
  });

  it('answers 404 for a resource it does not have', async () => {
    const response = await getJson(
      tags(`${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/nope`),
    );
    expect(response.status).toBe(404);
  });
});

describe('contextual risk (api-version 2025-05-04)', () => {
  const one = (version: string) =>
    `${arm}${WEB}/providers/Microsoft.Security/assessments/${VULNERABILITIES}?api-version=${version}&$expand=metadata`;

  it('rates web-prod-01’s vulnerability finding critical: internet exposure, on the attack path', async () => {
    const assessment = securityAssessmentWithRiskSchema.parse((await getJson(one('2025-05-04'))).body);
    const path = tenant.tenant.state.defenderForCloud.attackPaths[0]!;
    expect(assessment.properties.risk).toEqual({
      level: 'Critical',
      riskFactors: ['Internet exposure'],
      attackPathsReferences: [path.name],
      isContextualRisk: true,
    });
  });

  it('carries no risk on older api-versions, nor on healthy findings', async () => {
    const old = securityAssessmentWithRiskSchema.parse((await getJson(one('2021-06-01'))).body);
    expect(old.properties.risk).toBeUndefined();
    const page = armPageSchema(securityAssessmentWithRiskSchema).parse(
      (await getJson(`${arm}${SUBSCRIPTION}/providers/Microsoft.Security/assessments?api-version=2025-05-04`))
        .body,
    );
    for (const assessment of page.value) {
      expect(assessment.properties.risk !== undefined).toBe(
        assessment.properties.status.code === 'Unhealthy',
      );
    }
  });
});
