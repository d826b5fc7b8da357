/**
 * Seeds Defender for Cloud for "Contoso Production": every recommendation of the catalog assessed on every
 * resource of its type (Healthy, Unhealthy or NotApplicable, with evaluation dates), the story facts
 * (web-prod-01 internet-exposed with a critical, exploitable vulnerability finding that turned it unhealthy two
 * days ago; its attack path to the storage account holding customer data), a 30-day secure score history
 * computed from when each assessment last changed, the attack paths, and one governance assignment (the
 * customer-data storage account's shared key access, assigned to its owner and overdue), so an owner and a due
 * date can be seen before anyone assigns one; and the vulnerabilities behind each unhealthy machine
 * vulnerability assessment (`seed-vulnerability-findings.ts`).
 * It never reads the clock: every date is relative to `anchorMs`.
 */
import { computeSecureScore } from '../arm/compute-secure-score.js';
import type {
  DemoAssessment,
  DemoAttackPath,
  DemoAzureResource,
  DemoDefenderForCloud,
  DemoSecureScoreSnapshot,
} from '../arm/defender-for-cloud-state.js';
import {
  AZURE_RESOURCES,
  DEMO_SUBSCRIPTION_ID,
  DEMO_SUBSCRIPTION_NAME,
  DEMO_WORKSPACE,
  STORY_RESOURCES,
} from './contoso-azure-estate.js';
import {
  AZURE_ASSESSMENT_KEYS,
  RECOMMENDATIONS,
  SECURE_SCORE_CONTROLS,
  SUBSCRIPTION_SCOPE,
} from './defender-recommendations.js';
import { DEMO_TENANT_ID } from './people.js';
import { seedVulnerabilityFindings } from './seed-vulnerability-findings.js';
import { SeededRandom } from './seeded-random.js';
import { TIME } from './story-timeline.js';

const { HOUR, DAY } = TIME;
const HISTORY_DAYS = 30;

/** The CVE behind web-prod-01's critical finding (an unauthenticated RCE in an internet-facing gateway). */
export const WEB_PROD_01_CVE = 'CVE-2024-3400';

/** When web-prod-01's vulnerability finding appeared (the day its assessment turned Unhealthy). */
export const WEB_PROD_01_FINDING_AGO = 2 * DAY + 5 * HOUR;

type Status = { code: 'Healthy' | 'Unhealthy' | 'NotApplicable'; cause?: string; description?: string };

const NOT_APPLICABLE: readonly Status[] = [
  {
    code: 'NotApplicable',
    cause: 'OffByPolicy',
    description:
      'The effective policy for the assessment was evaluated to off - use Microsoft.Authorization/policyAssignments to turn this assessment on',
  },
  {
    code: 'NotApplicable',
    cause: 'Exempt',
    description: 'This resource is exempt from the recommendation (risk accepted by the resource owner).',
  },
];

/** Statuses the stories need, by resource name and assessment key (or display name). */
const STORY_STATUSES: Readonly<Record<string, Readonly<Record<string, Status['code']>>>> = {
  'web-prod-01': {
    [AZURE_ASSESSMENT_KEYS.vulnerabilityFindings]: 'Unhealthy',
    [AZURE_ASSESSMENT_KEYS.systemUpdates]: 'Unhealthy',
    [AZURE_ASSESSMENT_KEYS.managementPorts]: 'Unhealthy',
    'EDR solution should be installed on Virtual Machines': 'Healthy',
    'Internet-facing virtual machines should be protected with network security groups': 'Healthy',
  },
  stcontosocustdata: {
    'Storage accounts should prevent shared key access': 'Unhealthy',
    'Storage accounts should restrict network access using virtual network rules': 'Unhealthy',
    'Secure transfer to storage accounts should be enabled': 'Healthy',
  },
  'aks-contoso-prod': {
    'Azure running container images should have vulnerabilities resolved': 'Unhealthy',
    'Authorized IP ranges should be defined on Kubernetes Services': 'Unhealthy',
  },
};

/** ARM id of the subscription, the "resource" subscription-wide recommendations are assessed on. */
export const SUBSCRIPTION_RESOURCE_ID = `/subscriptions/${DEMO_SUBSCRIPTION_ID}`;

/** Defender for Cloud's state for the demo subscription. */
export function seedDefenderForCloud(random: SeededRandom, anchorMs: number): DemoDefenderForCloud {
  const iso = (ms: number) => new Date(ms).toISOString();
  const assessments: DemoAssessment[] = [];
  const targets: { id: string; name: string; type: string }[] = [
    ...AZURE_RESOURCES,
    { id: SUBSCRIPTION_RESOURCE_ID, name: DEMO_SUBSCRIPTION_NAME, type: SUBSCRIPTION_SCOPE },
  ];
  for (const target of targets) {
    for (const metadata of RECOMMENDATIONS) {
      if (!metadata.resourceTypes.includes(target.type)) continue;
      const story = STORY_STATUSES[target.name];
      const fixed = story?.[metadata.name] ?? story?.[metadata.displayName];
      const status: Status =
        fixed !== undefined
          ? { code: fixed }
          : random.weighted<Status>([
              [{ code: 'Healthy' }, 56],
              [{ code: 'Unhealthy' }, 34],
              [random.pick(NOT_APPLICABLE), 10],
            ]);
      const firstEvaluated = anchorMs - random.int(45, 420) * DAY - random.int(0, 23) * HOUR;
      // About a quarter of the assessments changed within the history window, so the score moves; none in
      // the last three days, so web-prod-01's new finding is the one change an analyst sees there.
      const changed =
        status.code !== 'NotApplicable' && random.chance(0.25)
          ? anchorMs - random.int(4, HISTORY_DAYS - 1) * DAY - random.int(0, 23) * HOUR
          : firstEvaluated + random.int(0, 30) * DAY;
      assessments.push({
        resourceId: target.id,
        assessmentKey: metadata.name,
        status: {
          ...status,
          firstEvaluationDate: iso(firstEvaluated),
          statusChangeDate: iso(Math.min(changed, anchorMs - HOUR)),
        },
      });
    }
  }

  const vulnerable = assessments.find(
    (a) =>
      a.resourceId === STORY_RESOURCES.webProd01.id &&
      a.assessmentKey === AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
  )!;
  vulnerable.status.statusChangeDate = iso(anchorMs - WEB_PROD_01_FINDING_AGO);
  vulnerable.status.description = `1 critical and 3 high severity vulnerabilities found, including ${WEB_PROD_01_CVE} (CVSS 10.0, exploited in the wild) on an internet-facing port.`;
  vulnerable.additionalData = {
    cveIds: `${WEB_PROD_01_CVE}, CVE-2024-21762, CVE-2023-4966, CVE-2024-6387`,
    highestSeverity: 'Critical',
    criticalFindingsCount: '1',
    highFindingsCount: '3',
    exploitability: 'Exploit is publicly available; exploited in the wild',
    internetExposure: 'Public IP 198.51.100.80, ports 443 and 22 open to 0.0.0.0/0',
    linkedWorkspaceId: DEMO_WORKSPACE.resourceId,
  };

  const defender: DemoDefenderForCloud = {
    subscription: {
      subscriptionId: DEMO_SUBSCRIPTION_ID,
      displayName: DEMO_SUBSCRIPTION_NAME,
      tenantId: DEMO_TENANT_ID,
      state: 'Enabled',
    },
    resources: AZURE_RESOURCES.map((r) => ({ ...r, tags: { ...r.tags } })),
    assessmentMetadata: RECOMMENDATIONS.map((m) => ({ ...m })),
    assessments,
    secureScoreControls: Object.values(SECURE_SCORE_CONTROLS).map((c) => ({ ...c })),
    secureScoreHistory: [],
    attackPaths: [],
    governanceAssignments: [overdueAssignment(anchorMs)],
    subAssessments: [],
  };
  defender.secureScoreHistory = scoreHistory(defender, anchorMs);
  defender.attackPaths = [webProdAttackPath(random), aksAttackPath(random)];
  // Last: it draws from the same generator, so everything above stays as it was before it existed.
  defender.subAssessments = seedVulnerabilityFindings(assessments, random);
  return defender;
}

/** The recommendation of the seeded governance assignment, and how long ago it fell due. */
export const SEEDED_ASSIGNMENT = {
  resource: STORY_RESOURCES.customerData,
  recommendation: 'Storage accounts should prevent shared key access',
  overdueBy: 5 * DAY,
} as const;

/** The customer-data storage account's shared key access: assigned to its owner a month ago, now overdue. */
function overdueAssignment(anchorMs: number) {
  const { resource, recommendation, overdueBy } = SEEDED_ASSIGNMENT;
  return {
    resourceId: resource.id,
    assessmentKey: RECOMMENDATIONS.find((m) => m.displayName === recommendation)!.name,
    // Not drawn from the seed's stream, so adding it shifted nothing else.
    assignmentKey: SeededRandom.stream(0, 'governance-assignment:shared-key').guid(),
    owner: resource.tags.owner,
    remediationDueDate: new Date(anchorMs - overdueBy).toISOString(),
    isGracePeriod: false,
    governanceEmailNotification: {
      disableManagerEmailNotification: false,
      disableOwnerEmailNotification: false,
    },
  };
}

/** The score on each of the last 30 days, oldest first, from when each assessment was evaluated and changed. */
function scoreHistory(defender: DemoDefenderForCloud, anchorMs: number): DemoSecureScoreSnapshot[] {
  const snapshots: DemoSecureScoreSnapshot[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const at = anchorMs - daysAgo * DAY;
    const score = computeSecureScore(defender, (a) => {
      if (Date.parse(a.status.firstEvaluationDate) > at) return undefined;
      if (Date.parse(a.status.statusChangeDate) <= at) return a.status.code;
      return a.status.code === 'Healthy'
        ? 'Unhealthy'
        : a.status.code === 'Unhealthy'
          ? 'Healthy'
          : a.status.code;
    });
    const midnight = new Date(at);
    midnight.setUTCHours(0, 0, 0, 0);
    snapshots.push({
      date: midnight.toISOString(),
      current: score.current,
      max: score.max,
      percentage: score.percentage,
    });
  }
  return snapshots;
}

/** Attack path entities' internal ids, as Defender CSPM writes them. */
function internalId(resourceId: string): string {
  return `azure://${resourceId.toLowerCase()}`;
}

function entity(resource: DemoAzureResource) {
  return {
    entityInternalId: internalId(resource.id),
    entityName: resource.name,
    entityType: resource.type.toLowerCase(),
    entityIdentifiers: { azureResourceId: resource.id },
  };
}

const INTERNET = {
  entityInternalId: 'internet',
  entityName: 'Internet',
  entityType: 'internet',
  entityIdentifiers: {},
};

function webProdAttackPath(random: SeededRandom): DemoAttackPath {
  const vm = STORY_RESOURCES.webProd01;
  const storage = STORY_RESOURCES.customerData;
  const identity = {
    entityInternalId: `${internalId(vm.id)}/identity/systemassigned`,
    entityName: `${vm.name} (system-assigned managed identity)`,
    entityType: 'microsoft.managedidentity/systemassigned',
    entityIdentifiers: { principalId: random.guid() },
  };
  return {
    name: random.guid(),
    displayName:
      'Internet exposed VM with high severity vulnerabilities has read permission to a storage account with sensitive data',
    description: `Virtual machine '${vm.name}' is reachable from the internet and has a critical vulnerability (${WEB_PROD_01_CVE}) that allows remote code execution. Its system-assigned managed identity can read blobs in storage account '${storage.name}', which holds sensitive customer data.`,
    attackPathType: 'InternetExposedVMWithHighSeverityVulnerabilitiesToSensitiveStorage',
    riskLevel: 'Critical',
    riskCategories: ['Exposure', 'Data exfiltration'],
    potentialImpact:
      'An attacker who exploits the vulnerability can use the machine identity to read and exfiltrate customer data.',
    manualRemediationSteps: [
      `Patch ${WEB_PROD_01_CVE} on ${vm.name} (apply the vendor hotfix) or take the service offline until patched.`,
      `Restrict inbound access to ${vm.name}: allow 443 only through the application gateway and close 22 to the internet.`,
      `Remove the Storage Blob Data Reader role of ${vm.name}'s managed identity on ${storage.name} unless the workload needs it.`,
    ],
    refreshInterval: '1.00:00:00',
    entryPointEntityInternalID: internalId(vm.id),
    targetEntityInternalID: internalId(storage.id),
    assessments: [
      {
        entityInternalId: internalId(vm.id),
        assessmentKey: AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
        assessmentName: 'Machines should have vulnerability findings resolved',
      },
      {
        entityInternalId: internalId(vm.id),
        assessmentKey: AZURE_ASSESSMENT_KEYS.managementPorts,
        assessmentName: 'Management ports should be closed on your virtual machines',
      },
    ],
    graphComponent: {
      insights: [
        {
          id: 'exposedToInternet',
          title: 'Exposed to the internet',
          description: 'Public IP 198.51.100.80 with ports 443 and 22 open to 0.0.0.0/0.',
          entityInternalId: internalId(vm.id),
        },
        {
          id: 'vulnerableToRemoteCodeExecution',
          title: 'Vulnerable to remote code execution',
          description: `${WEB_PROD_01_CVE} (CVSS 10.0), exploited in the wild.`,
          entityInternalId: internalId(vm.id),
        },
        {
          id: 'containsSensitiveData',
          title: 'Contains sensitive data',
          description: 'Sensitive data discovery found customer personal data and payment card numbers.',
          entityInternalId: internalId(storage.id),
        },
      ],
      entities: [INTERNET, entity(vm), identity, entity(storage)],
      connections: [
        {
          sourceEntityInternalId: INTERNET.entityInternalId,
          targetEntityInternalId: internalId(vm.id),
          title: 'can reach',
        },
        {
          sourceEntityInternalId: internalId(vm.id),
          targetEntityInternalId: identity.entityInternalId,
          title: 'has assigned',
        },
        {
          sourceEntityInternalId: identity.entityInternalId,
          targetEntityInternalId: internalId(storage.id),
          title: 'has permission to (Storage Blob Data Reader)',
        },
      ],
    },
  };
}

function aksAttackPath(random: SeededRandom): DemoAttackPath {
  const cluster = STORY_RESOURCES.aks;
  const vault = STORY_RESOURCES.keyVault;
  return {
    name: random.guid(),
    displayName:
      'Internet exposed Kubernetes pod is running a container with high severity vulnerabilities and has read permission to a key vault',
    description: `A pod in cluster '${cluster.name}' is exposed through a public load balancer and runs an image with high severity vulnerabilities; its workload identity can read secrets in key vault '${vault.name}'.`,
    attackPathType: 'InternetExposedPodWithHighSeverityVulnerabilitiesToKeyVault',
    riskLevel: 'High',
    riskCategories: ['Exposure', 'Credential theft'],
    potentialImpact:
      'An attacker who compromises the container can read the secrets the workload identity can read.',
    manualRemediationSteps: [
      'Rebuild and redeploy the image on a patched base.',
      `Limit ${vault.name} access of the workload identity to the secrets it needs.`,
    ],
    refreshInterval: '1.00:00:00',
    entryPointEntityInternalID: internalId(cluster.id),
    targetEntityInternalID: internalId(vault.id),
    assessments: [
      {
        entityInternalId: internalId(cluster.id),
        assessmentKey: RECOMMENDATIONS.find(
          (m) => m.displayName === 'Azure running container images should have vulnerabilities resolved',
        )!.name,
        assessmentName: 'Azure running container images should have vulnerabilities resolved',
      },
    ],
    graphComponent: {
      insights: [
        {
          id: 'exposedToInternet',
          title: 'Exposed to the internet',
          description: 'Service of type LoadBalancer with a public IP.',
          entityInternalId: internalId(cluster.id),
        },
      ],
      entities: [INTERNET, entity(cluster), entity(vault)],
      connections: [
        {
          sourceEntityInternalId: INTERNET.entityInternalId,
          targetEntityInternalId: internalId(cluster.id),
          title: 'can reach',
        },
        {
          sourceEntityInternalId: internalId(cluster.id),
          targetEntityInternalId: internalId(vault.id),
          title: 'has permission to (Key Vault Secrets User)',
        },
      ],
    },
  };
}
