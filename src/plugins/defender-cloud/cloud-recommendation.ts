/**
 * One Defender for Cloud recommendation on one resource (an assessment), in the shape Ward's skills return:
 * what it is (name, severity, remediation), where (the resource, its kind), its status and since when, the
 * contextual risk Defender CSPM gives it (level, risk factors, attack paths) and whether the resource is
 * reachable from the internet. Built from a validated ARM assessment; pure, it never calls ARM.
 */
import type { SecurityAssessmentWithRisk } from '../../clients/arm-security-resources.js';
import { parseResourceId, resourceTypeLabel } from './resource-id.js';

/** The resource a recommendation is about. */
export interface CloudResource {
  /** ARM id (a subscription's id for subscription-wide recommendations). */
  id: string;
  name: string;
  /** `Microsoft.Compute/virtualMachines`, or `subscription`. */
  type: string;
  /** "virtual machine" */
  kind: string;
  resourceGroup?: string;
  subscriptionId?: string;
}

/** A recommendation on a resource. */
export interface CloudRecommendation {
  /** ARM id of the assessment. */
  id: string;
  /** The recommendation's key (its metadata name), the same on every resource. */
  assessmentKey: string;
  displayName: string;
  /** Low | Medium | High (Defender for Cloud's severity of the recommendation itself). */
  severity: string;
  /** Healthy | Unhealthy | NotApplicable */
  status: string;
  statusCause?: string;
  statusDescription?: string;
  firstEvaluationDate?: string;
  statusChangeDate?: string;
  resource: CloudResource;
  /** Defender CSPM's contextual risk level (Low | Medium | High | Critical), when the tenant has it. */
  riskLevel?: string;
  riskFactors: string[];
  /** Names of the attack paths this finding is on, as Defender CSPM references them. */
  attackPathsReferences: string[];
  /** The resource is reachable from the internet, as far as this assessment says. */
  internetExposed: boolean;
  /** How it is exposed, when the assessment says (e.g. "Public IP …, ports 443 and 22 open"). */
  exposureDetail?: string;
  /** CVE ids named by the assessment's status or additional data. */
  cves: string[];
  /** The assessment's additional data (service-defined keys), as sent. */
  additionalData: Record<string, string>;
  description?: string;
  /** The recommendation's remediation steps, as Defender for Cloud writes them. */
  remediation?: string;
  categories: string[];
  threats: string[];
  portalUrl?: string;
}

const CVE = /\bCVE-\d{4}-\d{4,7}\b/gi;
const EXPOSURE_FACTOR = /internet|public/i;
const EXPOSURE_KEY = /^(?:internet.?exposure|public.?ip|exposure)$/i;

/** The resource named by an ARM id. */
export function cloudResource(id: string): CloudResource {
  const parts = parseResourceId(id);
  const type = parts?.type ?? 'unknown';
  return {
    id,
    name: parts?.name ?? id.split('/').at(-1) ?? id,
    type,
    kind: resourceTypeLabel(type),
    resourceGroup: parts?.resourceGroup,
    subscriptionId: parts?.subscriptionId,
  };
}

/** The recommendation an ARM assessment describes. */
export function toCloudRecommendation(assessment: SecurityAssessmentWithRisk): CloudRecommendation {
  const { properties } = assessment;
  const resourceId =
    properties.resourceDetails.id ?? assessment.id.split('/providers/Microsoft.Security/assessments/')[0]!;
  const additionalData = { ...(properties.additionalData ?? {}) };
  const risk = properties.risk;
  const riskFactors = risk?.riskFactors ?? [];
  const exposureEntry = Object.entries(additionalData).find(
    ([key, value]) => EXPOSURE_KEY.test(key) && value.trim() !== '',
  );
  const cveText = [properties.status.description ?? '', ...Object.values(additionalData)].join(' ');
  const cves = [...new Set([...cveText.matchAll(CVE)].map((match) => match[0].toUpperCase()))];
  return {
    id: assessment.id,
    assessmentKey: assessment.name,
    displayName: properties.displayName,
    severity: properties.metadata?.severity ?? 'Unknown',
    status: properties.status.code,
    statusCause: properties.status.cause,
    statusDescription: properties.status.description,
    firstEvaluationDate: properties.status.firstEvaluationDate,
    statusChangeDate: properties.status.statusChangeDate,
    resource: cloudResource(resourceId),
    riskLevel: risk?.level,
    riskFactors,
    attackPathsReferences: risk?.attackPathsReferences ?? [],
    internetExposed:
      riskFactors.some((factor) => EXPOSURE_FACTOR.test(factor)) || exposureEntry !== undefined,
    exposureDetail: exposureEntry?.[1],
    cves,
    additionalData,
    description: properties.metadata?.description,
    remediation: properties.metadata?.remediationDescription,
    categories: properties.metadata?.categories ?? [],
    threats: properties.metadata?.threats ?? [],
    portalUrl: properties.links?.azurePortalUri,
  };
}
