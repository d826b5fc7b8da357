/**
 * How ARM's shapes become the plugin's: an assessment's resource, CVEs and internet exposure (risk factor or
 * additional data), and an attack path's resources and which of them the internet reaches (an edge from the
 * internet entity, or an "exposed to the internet" insight; entities named by `azureResourceId` or an
 * `azure://` internal id), with nothing invented from malformed ids.
 */
import { describe, expect, it } from 'vitest';
import type { AttackPath } from '../../../../src/clients/arm-resources.js';
import { securityAssessmentWithRiskSchema } from '../../../../src/clients/arm-security-resources.js';
import { toCloudAttackPath } from '../../../../src/plugins/defender-cloud/cloud-attack-path.js';
import { toCloudRecommendation } from '../../../../src/plugins/defender-cloud/cloud-recommendation.js';
import { CUSTOMER_DATA, SUBSCRIPTION_ID, VULNERABILITIES, WEB_PROD_01 } from './fixtures.js';

function assessment(properties: Record<string, unknown>) {
  return securityAssessmentWithRiskSchema.parse({
    id: `${WEB_PROD_01}/providers/Microsoft.Security/assessments/${VULNERABILITIES}`,
    name: VULNERABILITIES,
    type: 'Microsoft.Security/assessments',
    properties: {
      resourceDetails: { Source: 'Azure', Id: WEB_PROD_01 },
      displayName: 'Machines should have vulnerability findings resolved',
      status: { code: 'Unhealthy', description: 'Includes cve-2024-3400.' },
      ...properties,
    },
  });
}

describe('assessments', () => {
  it('reads the resource (either casing of resourceDetails), the CVEs and the risk', () => {
    const recommendation = toCloudRecommendation(
      assessment({
        additionalData: { cveIds: 'CVE-2024-3400, CVE-2023-4966' },
        risk: { level: 'Critical', riskFactors: ['Internet exposure'], attackPathsReferences: ['p1'] },
        metadata: {
          displayName: 'x',
          severity: 'High',
          assessmentType: 'BuiltIn',
          remediationDescription: 'Patch.',
        },
      }),
    );
    expect(recommendation).toMatchObject({
      resource: {
        id: WEB_PROD_01,
        name: 'web-prod-01',
        kind: 'virtual machine',
        resourceGroup: 'rg-web-prod',
      },
      severity: 'High',
      riskLevel: 'Critical',
      internetExposed: true,
      attackPathsReferences: ['p1'],
      remediation: 'Patch.',
    });
    expect(recommendation.cves).toEqual(['CVE-2024-3400', 'CVE-2023-4966']);
  });

  it('reads exposure from the assessment’s data when Defender CSPM is absent', () => {
    const recommendation = toCloudRecommendation(
      assessment({ additionalData: { internetExposure: 'Public IP 198.51.100.80, port 22 open' } }),
    );
    expect(recommendation).toMatchObject({
      internetExposed: true,
      exposureDetail: 'Public IP 198.51.100.80, port 22 open',
      severity: 'Unknown',
    });
  });

  it('is not exposed without a sign of it', () => {
    expect(toCloudRecommendation(assessment({})).internetExposed).toBe(false);
  });
});

function path(graphComponent: unknown): AttackPath {
  return {
    id: `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Security/attackPaths/p1`,
    name: 'p1',
    type: 'microsoft.security/attackpaths',
    properties: {
      displayName: 'Internet exposed VM …',
      riskLevel: 'Critical',
      manualRemediationSteps: 'Patch it.',
      entryPointEntityInternalID: `azure://${WEB_PROD_01.toLowerCase()}`,
      targetEntityInternalID: 'storage',
      assessments: [
        { entityInternalId: `azure://${WEB_PROD_01.toLowerCase()}`, assessmentKey: VULNERABILITIES },
      ],
      graphComponent: graphComponent as never,
    },
  };
}

describe('attack paths', () => {
  const vm = {
    entityInternalId: `azure://${WEB_PROD_01.toLowerCase()}`,
    entityName: 'web-prod-01',
    entityType: 'vm',
  };
  const storage = {
    entityInternalId: 'storage',
    entityName: 'stcontosocustdata',
    entityType: 'microsoft.storage/storageaccounts',
    entityIdentifiers: { azureResourceId: CUSTOMER_DATA },
  };

  it('finds the exposed resource from the internet’s edge, and every resource on the path', () => {
    const converted = toCloudAttackPath(
      path({
        entities: [
          { entityInternalId: 'internet', entityName: 'Internet', entityType: 'internet' },
          vm,
          storage,
        ],
        connections: [{ sourceEntityInternalId: 'internet', targetEntityInternalId: vm.entityInternalId }],
      }),
    );
    expect(converted.internetExposedResourceIds).toEqual([WEB_PROD_01.toLowerCase()]);
    expect(converted.resourceIds).toEqual([WEB_PROD_01.toLowerCase(), CUSTOMER_DATA]);
    expect(converted.entryPoint?.name).toBe('web-prod-01');
    expect(converted.target?.resourceId).toBe(CUSTOMER_DATA);
    expect(converted.remediationSteps).toEqual(['Patch it.']);
    expect(converted.assessments).toEqual([
      { assessmentKey: VULNERABILITIES, displayName: undefined, resourceId: WEB_PROD_01.toLowerCase() },
    ]);
  });

  it('finds it from an "exposed to the internet" insight too', () => {
    const converted = toCloudAttackPath(
      path({
        entities: [vm, storage],
        insights: [
          {
            id: 'exposedToInternet',
            title: 'Exposed to the internet',
            entityInternalId: vm.entityInternalId,
          },
        ],
      }),
    );
    expect(converted.internetExposedResourceIds).toEqual([WEB_PROD_01.toLowerCase()]);
  });

  it('takes no resource id from an entity whose id is not one', () => {
    const converted = toCloudAttackPath(
      path({
        entities: [
          { entityInternalId: 'azure://../../x', entityName: 'x' },
          { ...storage, entityIdentifiers: { azureResourceId: 'x?y' } },
        ],
      }),
    );
    expect(converted.resourceIds).toEqual([]);
  });
});
