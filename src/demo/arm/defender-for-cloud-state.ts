/**
 * What the demo tenant's Azure subscription holds for Microsoft Defender for Cloud: the resources, the
 * recommendation catalog (assessment metadata), the assessments of each resource, the secure score controls,
 * a 30-day secure score history, the attack paths, the vulnerabilities the scanners found (sub-assessments)
 * and the governance assignments (owner and due date of a recommendation on a resource, the one thing ARM
 * clients write here). Stored close to the shapes ARM serves; timestamps are ISO 8601 UTC on the seeded
 * timeline (slid to the present on the wire, see `demo-clock.ts`).
 * Holds data only: scores are computed from the assessments when asked (`compute-secure-score.ts`).
 */

/** The subscription (`Microsoft.Resources/subscriptions`). */
export interface DemoAzureSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  /** Enabled | Warned | PastDue | Disabled */
  state: string;
}

/** One Azure resource Defender for Cloud assesses. */
export interface DemoAzureResource {
  /** ARM resource id, e.g. `/subscriptions/.../resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-01`. */
  id: string;
  name: string;
  /** e.g. `Microsoft.Compute/virtualMachines` */
  type: string;
  resourceGroup: string;
  location: string;
  /** Reachable from the internet (public IP with an open port, public endpoint...). */
  internetExposed: boolean;
  /** Holds data classified as sensitive (Purview / Defender for Storage sensitive data discovery). */
  sensitiveData: boolean;
  /** ARM tags, e.g. `{ owner: 'nestor.wilke@contoso.com', environment: 'production' }`. */
  tags: Record<string, string>;
}

/** `SecurityAssessmentMetadataProperties`, plus what the demo needs to apply it. */
export interface DemoAssessmentMetadata {
  /** The assessment key (the metadata's `name`), a GUID. */
  name: string;
  displayName: string;
  policyDefinitionId?: string;
  description: string;
  remediationDescription: string;
  categories: string[];
  /** Low | Medium | High */
  severity: string;
  userImpact: string;
  implementationEffort: string;
  threats: string[];
  assessmentType: string;
  preview?: boolean;
  /** Resource types it is assessed on (`Microsoft.Compute/virtualMachines`, or `subscription`). */
  resourceTypes: string[];
  /** Name (GUID) of the secure score control it counts towards. */
  controlName: string;
}

/** The result of one recommendation on one resource. */
export interface DemoAssessment {
  /** The assessed resource's ARM id (the subscription's id for subscription-wide recommendations). */
  resourceId: string;
  /** Key of its metadata. */
  assessmentKey: string;
  status: {
    /** Healthy | Unhealthy | NotApplicable */
    code: string;
    cause?: string;
    description?: string;
    firstEvaluationDate: string;
    statusChangeDate: string;
  };
  additionalData?: Record<string, string>;
}

/** A secure score control (`secureScoreControlDefinitions`); its counts and score come from the assessments. */
export interface DemoSecureScoreControl {
  /** GUID */
  name: string;
  displayName: string;
  description: string;
  maxScore: number;
}

/** The overall secure score on one day. */
export interface DemoSecureScoreSnapshot {
  /** Midnight UTC of the day, ISO 8601. */
  date: string;
  current: number;
  max: number;
  percentage: number;
}

/** One attack path, as Azure Resource Graph serves `microsoft.security/attackpaths` (the `properties`). */
export interface DemoAttackPath {
  /** GUID: the resource's `name` and `properties.AttackPathID`. */
  name: string;
  displayName: string;
  description: string;
  attackPathType: string;
  riskLevel: string;
  riskCategories: string[];
  potentialImpact: string;
  manualRemediationSteps: string[];
  refreshInterval: string;
  entryPointEntityInternalID: string;
  targetEntityInternalID: string;
  assessments: { entityInternalId: string; assessmentKey: string; assessmentName: string }[];
  graphComponent: {
    insights: { id: string; title: string; description: string; entityInternalId: string }[];
    entities: {
      entityInternalId: string;
      entityName: string;
      entityType: string;
      entityIdentifiers: Record<string, string>;
    }[];
    connections: { sourceEntityInternalId: string; targetEntityInternalId: string; title: string }[];
  };
}

/** A governance assignment: who owns fixing one recommendation on one resource, and by when. */
export interface DemoGovernanceAssignment {
  /** The assessed resource's ARM id. */
  resourceId: string;
  /** Key of the recommendation (its metadata name). */
  assessmentKey: string;
  /** The assignment's key (its `name`), chosen by the client that created it. */
  assignmentKey: string;
  /** The owner's email. */
  owner?: string;
  /** On the seeded timeline, like every stored timestamp. */
  remediationDueDate: string;
  remediationEta?: { eta: string; justification: string };
  isGracePeriod?: boolean;
  governanceEmailNotification?: {
    disableManagerEmailNotification?: boolean;
    disableOwnerEmailNotification?: boolean;
  };
  additionalData?: { ticketNumber?: number; ticketLink?: string; ticketStatus?: string };
}

/**
 * One vulnerability a scanner found on a resource: a sub-assessment of a vulnerability recommendation
 * (`Microsoft.Security/assessments/subAssessments`), stored close to the wire's `properties`.
 */
export interface DemoSubAssessment {
  /** The assessed resource's ARM id. */
  resourceId: string;
  /** Key of the vulnerability recommendation it belongs to. */
  assessmentKey: string;
  /** The sub-assessment's name (GUID). */
  name: string;
  /** The finding's id in the scanner: the CVE id. */
  findingId: string;
  displayName: string;
  /** Healthy (fixed) | Unhealthy, with the scanner's severity (Low | Medium | High). */
  status: { code: string; severity: string; cause?: string; description?: string };
  remediation: string;
  impact: string;
  category: string;
  description: string;
  /** When the scanner reported it, on the seeded timeline. */
  timeGenerated: string;
  /** `ServerVulnerabilityAssessment` data: cvss, patchable, cve, threat, publishedTime, vendorReferences. */
  additionalData: Record<string, unknown>;
}

/** Everything Defender for Cloud knows about the demo subscription. */
export interface DemoDefenderForCloud {
  subscription: DemoAzureSubscription;
  resources: DemoAzureResource[];
  assessmentMetadata: DemoAssessmentMetadata[];
  assessments: DemoAssessment[];
  secureScoreControls: DemoSecureScoreControl[];
  /** One snapshot per day for the last 30 days, oldest first; the last one is today's score. */
  secureScoreHistory: DemoSecureScoreSnapshot[];
  attackPaths: DemoAttackPath[];
  /** Owners and due dates of recommendations; written by `PUT .../governanceAssignments/{key}`. */
  governanceAssignments: DemoGovernanceAssignment[];
  /** The vulnerabilities behind each unhealthy vulnerability recommendation. */
  subAssessments: DemoSubAssessment[];
}
