/**
 * The demo tenant's Azure Resource Manager answers with the paths and shapes of the real one: every response
 * parses with the ARM client's own schemas (`src/clients/arm-resources.ts`), lists page with `nextLink` to
 * the end, errors are ARM's `{ error: { code, message } }` with `x-ms-request-id`, and the story facts
 * (web-prod-01, its attack path, the secure score) are there.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  armErrorSchema,
  armPageSchema,
  assessmentMetadataSchema,
  attackPathSchema,
  resourceGraphResponseSchema,
  type SecurityAssessment,
  secureScoreControlSchema,
  secureScoreSchema,
  securityAssessmentSchema,
  subscriptionSchema,
} from '../../../src/clients/arm-resources.js';
import { ASSESSMENTS_PAGE_SIZE } from '../../../src/demo/arm/routes-assessments.js';
import {
  DEMO_SUBSCRIPTION_ID,
  DEMO_SUBSCRIPTION_NAME,
  STORY_RESOURCES,
} from '../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../src/demo/seed/defender-recommendations.js';
import { WEB_PROD_01_CVE, WEB_PROD_01_FINDING_AGO } from '../../../src/demo/seed/seed-defender-for-cloud.js';
import { getJson, SEEDED_AT, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const SUBSCRIPTION = `/subscriptions/${DEMO_SUBSCRIPTION_ID}`;
const SECURITY = `${SUBSCRIPTION}/providers/Microsoft.Security`;
const ASSESSMENTS_VERSION = 'api-version=2021-06-01';
const SCORES_VERSION = 'api-version=2020-01-01';
const ARG = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';
const ATTACK_PATHS = 'securityresources | where type == "microsoft.security/attackpaths"';
const HOUR = 3_600_000;

let tenant: TestTenant;
let arm: string;
beforeAll(async () => {
  tenant = await startTestTenant();
  arm = tenant.armUrl;
});
afterEach(async () => {
  tenant.clock.now = SEEDED_AT;
  await fetch(`${tenant.url}/_demo/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await tenant.close();
});

async function allAssessments(query = ''): Promise<{ items: SecurityAssessment[]; pages: string[] }> {
  const schema = armPageSchema(securityAssessmentSchema);
  const items: SecurityAssessment[] = [];
  const pages: string[] = [];
  let next: string | undefined = `${arm}${SECURITY}/assessments?${ASSESSMENTS_VERSION}${query}`;
  while (next !== undefined) {
    pages.push(next);
    const response = await getJson(next);
    expect(response.status).toBe(200);
    const page = schema.parse(response.body);
    items.push(...page.value);
    next = page.nextLink ?? undefined;
    if (pages.length > 50) throw new Error('nextLink never ended');
  }
  return { items, pages };
}

function postQuery(body: unknown) {
  return getJson(`${arm}${ARG}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('Defender for Cloud assessments', () => {
  it('lists at least 50 recommendations over at least 20 resources, paging with nextLink to the end', async () => {
    const { items, pages } = await allAssessments();
    expect(items).toHaveLength(tenant.tenant.state.defenderForCloud.assessments.length);
    expect(items.length).toBeGreaterThanOrEqual(50);
    expect(pages.length).toBe(Math.ceil(items.length / ASSESSMENTS_PAGE_SIZE));
    expect(new Set(items.map((a) => a.properties.resourceDetails.id)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(items.map((a) => a.properties.status.code))).toEqual(
      new Set(['Healthy', 'Unhealthy', 'NotApplicable']),
    );
    for (const next of pages.slice(1)) expect(next).toMatch(/[?&]api-version=2021-06-01&.*\$skipToken=/);
    const namespaces = new Set(
      items.map(
        (a) => a.properties.resourceDetails.id?.split('/providers/')[1]?.split('/')[0] ?? 'subscription',
      ),
    );
    for (const namespace of [
      'Microsoft.Compute',
      'Microsoft.Storage',
      'Microsoft.Sql',
      'Microsoft.ContainerService',
      'Microsoft.KeyVault',
      'Microsoft.Web',
      'subscription',
    ]) {
      expect(namespaces).toContain(namespace);
    }
  });

  it('expands metadata (severity, categories) and keeps $expand on every next page', async () => {
    const { items, pages } = await allAssessments('&$expand=metadata');
    expect(items.every((a) => a.properties.metadata !== undefined)).toBe(true);
    expect(new Set(items.map((a) => a.properties.metadata?.severity))).toEqual(
      new Set(['Low', 'Medium', 'High']),
    );
    for (const next of pages.slice(1)) expect(next).toContain('$expand=metadata');
    const { items: plain } = await allAssessments();
    expect(plain.every((a) => a.properties.metadata === undefined)).toBe(true);
  });

  it('serves web-prod-01: internet-exposed, the critical vulnerability finding unhealthy since two days', async () => {
    const vm = STORY_RESOURCES.webProd01;
    const response = await getJson(
      `${arm}${vm.id}/providers/Microsoft.Security/assessments/${AZURE_ASSESSMENT_KEYS.vulnerabilityFindings}?${ASSESSMENTS_VERSION}&$expand=metadata,links`,
    );
    expect(response.status).toBe(200);
    const assessment = securityAssessmentSchema.parse(response.body);
    expect(assessment.name).toBe(AZURE_ASSESSMENT_KEYS.vulnerabilityFindings);
    expect(assessment.id).toBe(`${vm.id}/providers/Microsoft.Security/assessments/${assessment.name}`);
    expect(assessment.properties.displayName).toBe('Machines should have vulnerability findings resolved');
    expect(assessment.properties.status.code).toBe('Unhealthy');
    expect(assessment.properties.additionalData?.cveIds).toContain(WEB_PROD_01_CVE);
    expect(assessment.properties.additionalData?.highestSeverity).toBe('Critical');
    expect(assessment.properties.metadata?.severity).toBe('High');
    expect(assessment.properties.links?.azurePortalUri).toContain(assessment.name);
    expect(Date.parse(assessment.properties.status.statusChangeDate!)).toBe(
      SEEDED_AT.getTime() - WEB_PROD_01_FINDING_AGO,
    );
  });

  it('slides its dates with the clock, so "two days ago" stays two days ago', async () => {
    const url = `${arm}${STORY_RESOURCES.webProd01.id}/providers/Microsoft.Security/assessments/${AZURE_ASSESSMENT_KEYS.vulnerabilityFindings}?${ASSESSMENTS_VERSION}`;
    const before = securityAssessmentSchema.parse((await getJson(url)).body);
    tenant.clock.now = new Date(SEEDED_AT.getTime() + 5 * HOUR);
    const after = securityAssessmentSchema.parse((await getJson(url)).body);
    expect(
      Date.parse(after.properties.status.statusChangeDate!) -
        Date.parse(before.properties.status.statusChangeDate!),
    ).toBe(5 * HOUR);
  });

  it('lists one resource’s assessments at its scope', async () => {
    const response = await getJson(
      `${arm}${STORY_RESOURCES.customerData.id}/providers/Microsoft.Security/assessments?${ASSESSMENTS_VERSION}`,
    );
    const page = armPageSchema(securityAssessmentSchema).parse(response.body);
    expect(page.value.length).toBeGreaterThan(0);
    expect(page.value.every((a) => a.properties.resourceDetails.id === STORY_RESOURCES.customerData.id)).toBe(
      true,
    );
  });

  it('serves the recommendation catalog at subscription and tenant scope', async () => {
    for (const url of [
      `${arm}${SECURITY}/assessmentMetadata?${ASSESSMENTS_VERSION}`,
      `${arm}/providers/Microsoft.Security/assessmentMetadata?${ASSESSMENTS_VERSION}`,
    ]) {
      const page = armPageSchema(assessmentMetadataSchema).parse((await getJson(url)).body);
      expect(page.value.map((m) => m.name)).toContain(AZURE_ASSESSMENT_KEYS.vulnerabilityFindings);
      expect(page.nextLink).toBeUndefined();
    }
    const one = await getJson(
      `${arm}/providers/Microsoft.Security/assessmentMetadata/${AZURE_ASSESSMENT_KEYS.managementPorts}?${ASSESSMENTS_VERSION}`,
    );
    expect(assessmentMetadataSchema.parse(one.body).properties.displayName).toMatch(/Management ports/);
  });
});

describe('secure score', () => {
  it('serves ascScore, the sum of its controls, and the controls with their definitions', async () => {
    const scores = armPageSchema(secureScoreSchema).parse(
      (await getJson(`${arm}${SECURITY}/secureScores?${SCORES_VERSION}`)).body,
    );
    expect(scores.value).toHaveLength(1);
    const [score] = scores.value;
    expect(score?.name).toBe('ascScore');
    const { current, max, percentage } = score!.properties.score;
    expect(percentage).toBeGreaterThan(0.3);
    expect(percentage).toBeLessThan(0.9);
    expect(percentage).toBeCloseTo(current / max, 3);

    const controls = armPageSchema(secureScoreControlSchema).parse(
      (
        await getJson(
          `${arm}${SECURITY}/secureScores/ascScore/secureScoreControls?${SCORES_VERSION}&$expand=definition`,
        )
      ).body,
    );
    const sum = controls.value.reduce((total, c) => total + c.properties.score.current, 0);
    expect(sum).toBeCloseTo(current, 1);
    expect(controls.value.every((c) => c.properties.definition !== undefined)).toBe(true);
    const vulnerabilities = controls.value.find(
      (c) => c.properties.displayName === 'Remediate vulnerabilities',
    )!;
    expect(vulnerabilities.properties.unhealthyResourceCount).toBeGreaterThan(0);

    const single = secureScoreSchema.parse(
      (await getJson(`${arm}${SECURITY}/secureScores/ascScore?${SCORES_VERSION}`)).body,
    );
    expect(single).toEqual(score);
    const flat = armPageSchema(secureScoreControlSchema).parse(
      (await getJson(`${arm}${SECURITY}/secureScoreControls?${SCORES_VERSION}`)).body,
    );
    expect(flat.value).toHaveLength(controls.value.length);
  });

  it('keeps a 30-day history in state whose last day is the current score', async () => {
    const history = tenant.tenant.state.defenderForCloud.secureScoreHistory;
    expect(history).toHaveLength(30);
    const score = secureScoreSchema.parse(
      (await getJson(`${arm}${SECURITY}/secureScores/ascScore?${SCORES_VERSION}`)).body,
    );
    expect(history.at(-1)?.percentage).toBe(score.properties.score.percentage);
    expect(new Set(history.map((h) => h.percentage)).size).toBeGreaterThan(1);
  });
});

describe('attack paths through Azure Resource Graph', () => {
  it('answers the documented query with web-prod-01’s path to the storage account with sensitive data', async () => {
    const response = await postQuery({ subscriptions: [DEMO_SUBSCRIPTION_ID], query: ATTACK_PATHS });
    expect(response.status).toBe(200);
    const result = resourceGraphResponseSchema(attackPathSchema).parse(response.body);
    expect(result.totalRecords).toBe(result.data.length);
    const web = result.data.find((p) => p.properties.entryPointEntityInternalID?.endsWith('/web-prod-01'));
    expect(web).toBeDefined();
    expect(web?.type).toBe('microsoft.security/attackpaths');
    expect(web?.properties.riskLevel).toBe('Critical');
    expect(web?.properties.targetEntityInternalID).toContain(STORY_RESOURCES.customerData.name);
    expect(web?.properties.AttackPathID).toBe(web?.name);
    expect(web?.properties.graphComponent?.entities?.map((e) => e.entityName)).toEqual(
      expect.arrayContaining(['web-prod-01', 'stcontosocustdata']),
    );
  });

  it('filters by subscription and display name, and pages with $skipToken', async () => {
    const first = resourceGraphResponseSchema(attackPathSchema).parse(
      (
        await postQuery({
          query: `${ATTACK_PATHS} | where subscriptionId == "${DEMO_SUBSCRIPTION_ID}"`,
          options: { $top: 1 },
        })
      ).body,
    );
    expect(first.count).toBe(1);
    expect(first.$skipToken).toBeDefined();
    const second = resourceGraphResponseSchema(attackPathSchema).parse(
      (await postQuery({ query: ATTACK_PATHS, options: { $top: 1, $skipToken: first.$skipToken } })).body,
    );
    expect(second.data[0]?.name).not.toBe(first.data[0]?.name);
    const name = first.data[0]!.properties.displayName;
    const byName = resourceGraphResponseSchema(attackPathSchema).parse(
      (
        await postQuery({
          query: `${ATTACK_PATHS} | extend AttackPathDisplayName = tostring(properties["displayName"]) | where AttackPathDisplayName == "${name}"`,
        })
      ).body,
    );
    expect(byName.data.map((p) => p.properties.displayName)).toEqual([name]);
    const elsewhere = resourceGraphResponseSchema(attackPathSchema).parse(
      (await postQuery({ subscriptions: ['00000000-0000-0000-0000-000000000000'], query: ATTACK_PATHS }))
        .body,
    );
    expect(elsewhere.data).toEqual([]);
  });

  it('answers any other query with a clear "not supported by the demo tenant" ARM error', async () => {
    const response = await postQuery({ query: 'Resources | project id, name' });
    expect(response.status).toBe(400);
    const error = armErrorSchema.parse(response.body);
    expect(error.error.message).toMatch(/not supported by the demo tenant/);
    expect(error.error.details?.map((d) => d.code)).toContain('NotSupportedByDemoTenant');
    const notJson = await getJson(`${arm}${ARG}`, { method: 'POST', body: '{nope' });
    expect(armErrorSchema.parse(notJson.body).error.code).toBe('InvalidRequestContent');
    const noQuery = await postQuery({ subscriptions: [DEMO_SUBSCRIPTION_ID] });
    expect(noQuery.status).toBe(400);
  });
});

describe('ARM errors and headers', () => {
  it('requires api-version, like ARM', async () => {
    const response = await getJson(`${arm}${SECURITY}/assessments`);
    expect(response.status).toBe(400);
    expect(armErrorSchema.parse(response.body).error.code).toBe('MissingApiVersionParameter');
    expect(response.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an api-version the resource type does not have', async () => {
    const response = await getJson(`${arm}${SECURITY}/secureScores?api-version=2099-01-01`);
    expect(response.status).toBe(400);
    const error = armErrorSchema.parse(response.body).error;
    expect(error.code).toBe('NoRegisteredProviderFound');
    expect(error.message).toContain('2020-01-01');
  });

  it('answers 404 for another subscription and for an unknown assessment', async () => {
    const other = await getJson(
      `${arm}/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Security/assessments?${ASSESSMENTS_VERSION}`,
    );
    expect(other.status).toBe(404);
    expect(armErrorSchema.parse(other.body).error.code).toBe('SubscriptionNotFound');
    const unknown = await getJson(
      `${arm}${STORY_RESOURCES.webProd01.id}/providers/Microsoft.Security/assessments/00000000-0000-0000-0000-000000000000?${ASSESSMENTS_VERSION}`,
    );
    expect(unknown.status).toBe(404);
    expect(armErrorSchema.parse(unknown.body).error.code).toBe('ResourceNotFound');
    const nowhere = await getJson(
      `${arm}${SUBSCRIPTION}/providers/Microsoft.Compute/virtualMachines?api-version=2024-03-01`,
    );
    expect(nowhere.status).toBe(404);
    expect(armErrorSchema.parse(nowhere.body).error.message).toMatch(/does not serve/);
  });

  it('echoes the caller’s correlation id and matches paths without regard to case', async () => {
    const response = await getJson(
      `${arm}/SUBSCRIPTIONS/${DEMO_SUBSCRIPTION_ID}/providers/microsoft.security/SECURESCORES?${SCORES_VERSION}`,
      { headers: { 'x-ms-correlation-request-id': 'corr-1234' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ms-correlation-request-id')).toBe('corr-1234');
  });

  it('serves the subscription, "Contoso Production"', async () => {
    const one = subscriptionSchema.parse(
      (await getJson(`${arm}${SUBSCRIPTION}?api-version=2020-01-01`)).body,
    );
    expect(one.displayName).toBe(DEMO_SUBSCRIPTION_NAME);
    const all = armPageSchema(subscriptionSchema).parse(
      (await getJson(`${arm}/subscriptions?api-version=2020-01-01`)).body,
    );
    expect(all.value.map((s) => s.subscriptionId)).toEqual([DEMO_SUBSCRIPTION_ID]);
  });

  it('is subject to fault rules on its paths', async () => {
    await getJson(`${tenant.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: '^/arm/subscriptions/.*/secureScores$',
        status: 429,
        retryAfterSeconds: 3,
        times: 1,
      }),
    });
    const throttled = await getJson(`${arm}${SECURITY}/secureScores?${SCORES_VERSION}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect(armErrorSchema.safeParse(throttled.body).success).toBe(true);
    expect((await getJson(`${arm}${SECURITY}/secureScores?${SCORES_VERSION}`)).status).toBe(200);
  });
});
