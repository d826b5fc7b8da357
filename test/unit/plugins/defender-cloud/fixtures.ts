/**
 * Builders of Defender for Cloud plugin data for unit tests: recommendations, attack paths, secure scores and
 * governance assignments as the skills return them, with the story's names (web-prod-01 exposed with a critical
 * vulnerability on an attack path to the customer-data storage account). Each builder takes overrides.
 */
import type { CloudAttackPath } from '../../../../src/plugins/defender-cloud/cloud-attack-path.js';
import {
  type CloudRecommendation,
  cloudResource,
} from '../../../../src/plugins/defender-cloud/cloud-recommendation.js';
import type { CloudGovernanceAssignment } from '../../../../src/plugins/defender-cloud/skills/governance-assignments.js';
import type {
  CloudSecureScore,
  ScoreControl,
} from '../../../../src/plugins/defender-cloud/skills/secure-score.js';

export const NOW = new Date('2025-06-11T15:00:00.000Z');
export const DAY = 86_400_000;
export const SUBSCRIPTION_ID = '3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94';
const RG = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups`;
export const WEB_PROD_01 = `${RG}/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-01`;
export const APP_PROD_01 = `${RG}/rg-app-prod/providers/Microsoft.Compute/virtualMachines/app-prod-01`;
export const CUSTOMER_DATA = `${RG}/rg-data-prod/providers/Microsoft.Storage/storageAccounts/stcontosocustdata`;
export const VULNERABILITIES = '1195afff-c881-495e-9bc5-1486211ae03f';
export const MANAGEMENT_PORTS = 'bc303248-3d14-44c2-96a0-55f5c326b5fe';
export const SHARED_KEY = '0c2f6a51-7b43-4e8d-9a1f-2b3c4d5e6f70';

export const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/** A recommendation on a resource; unhealthy, high severity, on web-prod-01 unless overridden. */
export function recommendation(
  overrides: Partial<CloudRecommendation> & { resourceId?: string } = {},
): CloudRecommendation {
  const { resourceId = WEB_PROD_01, ...rest } = overrides;
  const assessmentKey = rest.assessmentKey ?? VULNERABILITIES;
  return {
    id: `${resourceId}/providers/Microsoft.Security/assessments/${assessmentKey}`,
    assessmentKey,
    displayName: 'Machines should have vulnerability findings resolved',
    severity: 'High',
    status: 'Unhealthy',
    firstEvaluationDate: daysAgo(200),
    statusChangeDate: daysAgo(2),
    resource: cloudResource(resourceId),
    riskFactors: [],
    attackPathsReferences: [],
    internetExposed: false,
    cves: [],
    additionalData: {},
    remediation: 'Apply the vendor fix.',
    categories: ['Compute'],
    threats: [],
    ...rest,
  };
}

export const PATH_NAME = '6f1a0b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';

/** web-prod-01's attack path: internet → web-prod-01 → stcontosocustdata, resting on its vulnerabilities. */
export function attackPath(overrides: Partial<CloudAttackPath> = {}): CloudAttackPath {
  return {
    id: `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Security/attackPaths/${PATH_NAME}`,
    name: PATH_NAME,
    displayName:
      'Internet exposed VM with high severity vulnerabilities has read permission to a storage account with sensitive data',
    description: 'web-prod-01 is reachable from the internet.',
    riskLevel: 'Critical',
    riskCategories: ['Exposure'],
    potentialImpact: 'Customer data exfiltration.',
    remediationSteps: ['Patch CVE-2024-3400 on web-prod-01.', 'Close port 22 to the internet.'],
    entryPoint: { name: 'web-prod-01', type: 'microsoft.compute/virtualmachines', resourceId: WEB_PROD_01 },
    target: {
      name: 'stcontosocustdata',
      type: 'microsoft.storage/storageaccounts',
      resourceId: CUSTOMER_DATA,
    },
    resourceIds: [WEB_PROD_01, CUSTOMER_DATA],
    internetExposedResourceIds: [WEB_PROD_01],
    assessments: [{ assessmentKey: VULNERABILITIES, resourceId: WEB_PROD_01 }],
    insights: ['Exposed to the internet'],
    subscriptionId: SUBSCRIPTION_ID,
    ...overrides,
  };
}

/** A secure score control counting `assessmentKeys`. */
export function control(overrides: Partial<ScoreControl> = {}): ScoreControl {
  return {
    name: 'c1',
    displayName: 'Remediate vulnerabilities',
    current: 3,
    max: 6,
    percentage: 0.5,
    maxScore: 6,
    healthyResourceCount: 1,
    unhealthyResourceCount: 1,
    notApplicableResourceCount: 0,
    assessmentKeys: [VULNERABILITIES],
    ...overrides,
  };
}

/** The subscription's score with `controls`. */
export function secureScore(controls: ScoreControl[] = [control()]): CloudSecureScore {
  return { subscriptionId: SUBSCRIPTION_ID, score: { current: 30, max: 50, percentage: 0.6 }, controls };
}

/** A governance assignment on web-prod-01's vulnerabilities. */
export function assignment(overrides: Partial<CloudGovernanceAssignment> = {}): CloudGovernanceAssignment {
  return {
    id: `${WEB_PROD_01}/providers/Microsoft.Security/assessments/${VULNERABILITIES}/governanceAssignments/a1`,
    assignmentKey: 'a1',
    resourceId: WEB_PROD_01,
    owner: 'nestor.wilke@contoso.com',
    remediationDueDate: new Date(NOW.getTime() + 5 * DAY).toISOString(),
    isGracePeriod: false,
    ...overrides,
  };
}
