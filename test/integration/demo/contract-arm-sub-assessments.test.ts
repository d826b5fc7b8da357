/**
 * The demo tenant's Defender for Cloud vulnerability findings (`Microsoft.Security/assessments/subAssessments`,
 * api-version 2019-01-01-preview) answer like ARM's: one recommendation's findings on a resource or across the
 * subscription, every finding of the subscription, one finding by name, paged with `nextLink`, 404s and
 * api-version errors in ARM's shape; and they agree with the assessments they belong to (web-prod-01's four
 * CVEs, CVE-2024-3400 reported when its assessment turned unhealthy; only unhealthy assessments have any).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armErrorSchema, armPageSchema } from '../../../src/clients/arm-resources.js';
import { SUB_ASSESSMENTS_PAGE_SIZE } from '../../../src/demo/arm/routes-sub-assessments.js';
import { DEMO_SUBSCRIPTION_ID, STORY_RESOURCES } from '../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../src/demo/seed/defender-recommendations.js';
import { WEB_PROD_01_FINDING_AGO } from '../../../src/demo/seed/seed-defender-for-cloud.js';
import { WEB_PROD_01_CVES } from '../../../src/demo/seed/seed-vulnerability-findings.js';
import {
  type SecuritySubAssessment,
  securitySubAssessmentSchema,
} from '../../../src/plugins/defender-cloud/vulnerability-finding.js';
import { getJson, SEEDED_AT, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const SUBSCRIPTION = `/subscriptions/${DEMO_SUBSCRIPTION_ID}`;
const VERSION = 'api-version=2019-01-01-preview';
const KEY = AZURE_ASSESSMENT_KEYS.vulnerabilityFindings;
const WEB = STORY_RESOURCES.webProd01.id;

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

async function all(path: string): Promise<{ items: SecuritySubAssessment[]; pages: number }> {
  const schema = armPageSchema(securitySubAssessmentSchema);
  const items: SecuritySubAssessment[] = [];
  let pages = 0;
  let next: string | undefined = `${tenant.armUrl}${path}`;
  while (next !== undefined) {
    const response = await getJson(next);
    expect(response.status).toBe(200);
    const page = schema.parse(response.body);
    items.push(...page.value);
    pages += 1;
    next = page.nextLink ?? undefined;
  }
  return { items, pages };
}

describe('sub-assessments', () => {
  it("lists web-prod-01's findings for its vulnerability recommendation", async () => {
    const { items } = await all(
      `${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments?${VERSION}`,
    );
    expect(items.map((item) => item.properties.id)).toEqual([...WEB_PROD_01_CVES]);
    const first = items[0]!;
    expect(first.id).toBe(
      `${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments/${first.name}`,
    );
    expect(first).toMatchObject({
      type: 'Microsoft.Security/assessments/subAssessments',
      properties: {
        status: { code: 'Unhealthy', severity: 'High' },
        resourceDetails: { source: 'Azure', id: WEB },
        additionalData: {
          assessedResourceType: 'ServerVulnerabilityAssessment',
          cvss: { '3.0': { base: 10 } },
          patchable: true,
          cve: [{ title: 'CVE-2024-3400' }],
        },
      },
    });
    // Reported when the assessment turned unhealthy, slid to the present like every timestamp.
    expect(Date.parse(first.properties.timeGenerated!)).toBe(SEEDED_AT.getTime() - WEB_PROD_01_FINDING_AGO);
  });

  it('lists the subscription’s findings, paged, each under an unhealthy vulnerability assessment', async () => {
    const { items, pages } = await all(
      `${SUBSCRIPTION}/providers/Microsoft.Security/subAssessments?${VERSION}`,
    );
    const defender = tenant.tenant.state.defenderForCloud;
    expect(items).toHaveLength(defender.subAssessments.length);
    expect(pages).toBe(Math.max(1, Math.ceil(items.length / SUB_ASSESSMENTS_PAGE_SIZE)));
    for (const item of items) {
      const resourceId = item.properties.resourceDetails!.id!;
      const assessment = defender.assessments.find(
        (a) => a.resourceId === resourceId && a.assessmentKey === KEY,
      );
      expect(assessment?.status.code).toBe('Unhealthy');
    }
    const byKey = await all(
      `${SUBSCRIPTION}/providers/Microsoft.Security/assessments/${KEY}/subAssessments?${VERSION}`,
    );
    expect(byKey.items).toHaveLength(items.length);
  });

  it('gets one finding by name, and answers 404s and a wrong api-version as ARM does', async () => {
    const { items } = await all(
      `${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments?${VERSION}`,
    );
    const one = await getJson(
      `${tenant.armUrl}${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments/${items[1]!.name}?${VERSION}`,
    );
    expect(securitySubAssessmentSchema.parse(one.body).properties.id).toBe(WEB_PROD_01_CVES[1]);
    for (const [path, status] of [
      [`${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments/nope?${VERSION}`, 404],
      [`${WEB}/providers/Microsoft.Security/assessments/not-a-key/subAssessments?${VERSION}`, 404],
      [`${WEB}/providers/Microsoft.Security/assessments/${KEY}/subAssessments?api-version=2021-06-01`, 400],
    ] as const) {
      const response = await getJson(`${tenant.armUrl}${path}`);
      expect(response.status, path).toBe(status);
      expect(armErrorSchema.safeParse(response.body).success).toBe(true);
    }
  });
});
