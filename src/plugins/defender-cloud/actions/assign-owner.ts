/**
 * Action `defender-cloud.assignOwner`: makes a Defender for Cloud governance assignment, the owner (an email,
 * from the resource's owner tag, written into the proposal) and the remediation due date (chosen on the
 * confirmation card) of one recommendation on one resource:
 * `PUT {resourceId}/providers/Microsoft.Security/assessments/{key}/governanceAssignments/{assignmentKey}`.
 * An existing assignment of that recommendation on that resource is updated in place (one owner at a time);
 * otherwise the execution's idempotency key is the new assignment's key, so a PUT that is sent again after an
 * unknown outcome writes the same assignment, never a second one. No grace period: the finding keeps counting
 * against the secure score until it is fixed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import {
  type GovernanceAssignment,
  type GovernanceAssignmentBody,
  governanceAssignmentSchema,
} from '../../../clients/arm-security-resources.js';
import { defineAction } from '../../types.js';
import { DEFENDER_CLOUD_ACTIONS } from '../defender-cloud-actions.js';
import { citedPath, governanceAssignmentsPath } from '../defender-cloud-paths.js';
import { assessmentKeySchema, parseResourceId, resourceIdSchema } from '../resource-id.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@/\\?#'"<>]{1,64}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;
const DAY = 86_400_000;

/**
 * What `defender-cloud.assignOwner` takes. The action flow passes the pending action's target id under
 * `userId` (whatever its kind): here it is the resource's id.
 */
export const assignOwnerInputSchema = z.object({
  /** The target resource's ARM id (the action flow's name for the target id). */
  userId: resourceIdSchema,
  assessmentKey: assessmentKeySchema,
  /** The owner's email. */
  owner: z.string().trim().regex(EMAIL, 'expected an email address'),
  /** Chosen on the confirmation card. */
  dueInDays: z.enum(
    DEFENDER_CLOUD_ACTIONS.assignOwner.choice.options.map((option) => option.value) as [string, ...string[]],
  ),
  /** The recommendation's name, for the result message. */
  recommendation: z.string().trim().max(300).optional(),
});
export type AssignOwnerInput = z.output<typeof assignOwnerInputSchema>;

/** What the action reports: a sentence for the card, and the assignment. */
export interface AssignOwnerResult {
  message: string;
  assignmentKey: string;
  owner: string;
  remediationDueDate: string;
}

/** The due date `days` days after `now`, at the end of that UTC day (as the portal sets it). */
export function dueDate(now: Date, days: number): string {
  const due = new Date(now.getTime() + days * DAY);
  due.setUTCHours(23, 59, 59, 0);
  return due.toISOString();
}

/** The governance assignment body for an owner and due date. Pure, so the mapping is testable alone. */
export function governanceAssignmentBody(
  owner: string,
  remediationDueDate: string,
): GovernanceAssignmentBody {
  return {
    properties: {
      owner,
      remediationDueDate,
      isGracePeriod: false,
      governanceEmailNotification: {
        disableManagerEmailNotification: false,
        disableOwnerEmailNotification: false,
      },
    },
  };
}

/** The `defender-cloud.assignOwner` action on `arm`; `now` dates the due date. */
export function assignOwnerAction(arm: ArmClient, now: () => Date) {
  return defineAction({
    ...DEFENDER_CLOUD_ACTIONS.assignOwner,
    input: assignOwnerInputSchema,
    async run(input, context) {
      const resourceId = input.userId;
      const resourceName = parseResourceId(resourceId)?.name ?? resourceId;
      const listPath = governanceAssignmentsPath(resourceId, input.assessmentKey);
      const existing = await arm.list(listPath, governanceAssignmentSchema, {
        signal: context.signal,
        maxItems: 20,
      });
      const current: GovernanceAssignment | undefined = existing.items[0];
      const assignmentKey =
        current?.name ?? (GUID.test(context.idempotencyKey) ? context.idempotencyKey : randomUUID());
      const path = governanceAssignmentsPath(resourceId, input.assessmentKey, assignmentKey);
      const remediationDueDate = dueDate(now(), Number(input.dueInDays));
      const saved = await arm.put(
        path,
        governanceAssignmentBody(input.owner.toLowerCase(), remediationDueDate),
        governanceAssignmentSchema,
        { signal: context.signal },
      );
      const what = input.recommendation
        ? `"${input.recommendation}" on ${resourceName}`
        : `the recommendation on ${resourceName}`;
      const previous = current?.properties.owner;
      const data: AssignOwnerResult = {
        message: `${previous && previous.toLowerCase() !== input.owner.toLowerCase() ? `Reassigned from ${previous}: ` : 'Assigned: '}${what} is now owned by ${saved.properties.owner ?? input.owner}, due ${saved.properties.remediationDueDate.slice(0, 10)} (Defender for Cloud governance).`,
        assignmentKey: saved.name,
        owner: saved.properties.owner ?? input.owner,
        remediationDueDate: saved.properties.remediationDueDate,
      };
      return {
        data,
        requests: [
          citedPath('GET', listPath),
          `${citedPath('PUT', path)} (owner ${data.owner}, due ${remediationDueDate})`,
        ],
      };
    },
  });
}
