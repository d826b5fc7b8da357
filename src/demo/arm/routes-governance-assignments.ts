/**
 * Defender for Cloud governance assignments as ARM serves them (api-version 2022-01-01-preview): who owns
 * fixing a recommendation on a resource, and by when.
 * `GET {scope}/providers/Microsoft.Security/assessments/{key}/governanceAssignments` (a resource's, or every
 * resource's in the subscription when the scope is the subscription), `GET .../governanceAssignments/{assignmentKey}`
 * and `PUT .../governanceAssignments/{assignmentKey}` (201 created, 200 updated), whose body is validated with
 * the same schema Ward's plugin sends it with. The one route of `/arm` that writes: the next question sees the
 * owner and due date. Due dates are stored on the seeded timeline and slid to the present on the wire.
 */
import { z } from 'zod/v4';
import { governanceAssignmentBodySchema } from '../../clients/arm-security-resources.js';
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import { armPage } from './arm-paging.js';
import type { DemoDefenderForCloud, DemoGovernanceAssignment } from './defender-for-cloud-state.js';

const TYPE = 'Microsoft.Security/assessments/governanceAssignments';
const ASSIGNMENT_KEY = /^[\w\-.()]{1,100}$/;
const EMAIL = /^[^\s@/\\?#'"<>]{1,64}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;

const lower = (value: string) => value.toLowerCase();

/** Where an assignment route points: the scope (subscription or resource id) and the recommendation's key. */
export interface GovernanceScope {
  scope: string;
  atSubscription: boolean;
  assessmentKey: string;
}

function slide(iso: string, driftMs: number): string {
  return driftMs === 0 ? iso : new Date(Date.parse(iso) + driftMs).toISOString();
}

/** An assignment as ARM writes it, dates slid to the present. */
export function governanceAssignmentOnWire(
  assignment: DemoGovernanceAssignment,
  driftMs: number,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    ...(assignment.owner !== undefined ? { owner: assignment.owner } : {}),
    remediationDueDate: slide(assignment.remediationDueDate, driftMs),
  };
  if (assignment.remediationEta) {
    properties.remediationEta = {
      eta: slide(assignment.remediationEta.eta, driftMs),
      justification: assignment.remediationEta.justification,
    };
  }
  if (assignment.isGracePeriod !== undefined) properties.isGracePeriod = assignment.isGracePeriod;
  if (assignment.governanceEmailNotification)
    properties.governanceEmailNotification = { ...assignment.governanceEmailNotification };
  if (assignment.additionalData) properties.additionalData = { ...assignment.additionalData };
  return {
    id: `${assignment.resourceId}/providers/Microsoft.Security/assessments/${assignment.assessmentKey}/governanceAssignments/${assignment.assignmentKey}`,
    name: assignment.assignmentKey,
    type: TYPE,
    properties,
  };
}

function assessmentOf(defender: DemoDefenderForCloud, resourceId: string, assessmentKey: string) {
  return defender.assessments.find(
    (a) => lower(a.resourceId) === lower(resourceId) && lower(a.assessmentKey) === lower(assessmentKey),
  );
}

function checkKnownRecommendation(defender: DemoDefenderForCloud, assessmentKey: string): void {
  if (!defender.assessmentMetadata.some((m) => lower(m.name) === lower(assessmentKey))) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/assessmentMetadata/${assessmentKey}' was not found.`,
    );
  }
}

function inScope(assignment: DemoGovernanceAssignment, target: GovernanceScope): boolean {
  if (lower(assignment.assessmentKey) !== lower(target.assessmentKey)) return false;
  return target.atSubscription
    ? lower(assignment.resourceId).startsWith(`${lower(target.scope)}/`) ||
        lower(assignment.resourceId) === lower(target.scope)
    : lower(assignment.resourceId) === lower(target.scope);
}

/** `GET {scope}/providers/Microsoft.Security/assessments/{key}/governanceAssignments` */
export function listGovernanceAssignments(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
  target: GovernanceScope,
): DemoServiceResponse {
  checkKnownRecommendation(defender, target.assessmentKey);
  const items = defender.governanceAssignments
    .filter((assignment) => inScope(assignment, target))
    .map((assignment) => governanceAssignmentOnWire(assignment, driftMs));
  return { status: 200, body: armPage(request, items, 100) };
}

function findAssignment(
  defender: DemoDefenderForCloud,
  target: GovernanceScope,
  assignmentKey: string,
): DemoGovernanceAssignment | undefined {
  return defender.governanceAssignments.find(
    (assignment) => inScope(assignment, target) && lower(assignment.assignmentKey) === lower(assignmentKey),
  );
}

/** `GET .../governanceAssignments/{assignmentKey}` */
export function getGovernanceAssignment(
  defender: DemoDefenderForCloud,
  driftMs: number,
  target: GovernanceScope,
  assignmentKey: string,
): DemoServiceResponse {
  const assignment = findAssignment(defender, target, assignmentKey);
  if (assignment === undefined) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource '${TYPE}/${assignmentKey}' under assessment '${target.assessmentKey}' was not found.`,
    );
  }
  return { status: 200, body: governanceAssignmentOnWire(assignment, driftMs) };
}

function readBody(body: string): z.infer<typeof governanceAssignmentBodySchema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ArmHttpError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = governanceAssignmentBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new ArmHttpError(400, 'BadRequest', `The request is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function storedDate(value: string, field: string, driftMs: number): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ArmHttpError(400, 'BadRequest', `The value '${value}' of '${field}' is not a valid date-time.`);
  }
  return new Date(ms - driftMs).toISOString();
}

/** `PUT .../governanceAssignments/{assignmentKey}`: creates (201) or replaces (200) the assignment. */
export function putGovernanceAssignment(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
  driftMs: number,
  target: GovernanceScope,
  assignmentKey: string,
): DemoServiceResponse {
  if (!ASSIGNMENT_KEY.test(assignmentKey)) {
    throw new ArmHttpError(
      400,
      'BadRequest',
      `The governance assignment key '${assignmentKey}' is not valid.`,
    );
  }
  const assessment = assessmentOf(defender, target.scope, target.assessmentKey);
  if (assessment === undefined) {
    throw new ArmHttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Security/assessments/${target.assessmentKey}' under resource '${target.scope}' was not found.`,
    );
  }
  const { properties } = readBody(request.body);
  if (properties.owner !== undefined && !EMAIL.test(properties.owner)) {
    throw new ArmHttpError(
      400,
      'BadRequest',
      `The owner '${properties.owner}' is not a valid email address.`,
    );
  }
  const stored: DemoGovernanceAssignment = {
    resourceId: assessment.resourceId,
    assessmentKey: assessment.assessmentKey,
    assignmentKey,
    ...(properties.owner !== undefined ? { owner: properties.owner } : {}),
    remediationDueDate: storedDate(properties.remediationDueDate, 'remediationDueDate', driftMs),
    ...(properties.remediationEta
      ? {
          remediationEta: {
            eta: storedDate(properties.remediationEta.eta, 'remediationEta.eta', driftMs),
            justification: properties.remediationEta.justification,
          },
        }
      : {}),
    ...(properties.isGracePeriod !== undefined ? { isGracePeriod: properties.isGracePeriod } : {}),
    ...(properties.governanceEmailNotification
      ? { governanceEmailNotification: { ...properties.governanceEmailNotification } }
      : {}),
    ...(properties.additionalData ? { additionalData: { ...properties.additionalData } } : {}),
  };
  const existing = findAssignment(defender, { ...target, atSubscription: false }, assignmentKey);
  if (existing !== undefined) {
    defender.governanceAssignments[defender.governanceAssignments.indexOf(existing)] = stored;
  } else {
    defender.governanceAssignments.push(stored);
  }
  return { status: existing ? 200 : 201, body: governanceAssignmentOnWire(stored, driftMs) };
}
