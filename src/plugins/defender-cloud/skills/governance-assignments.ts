/**
 * Skill `defender-cloud.governanceAssignments`: who owns fixing a recommendation and by when (Defender for
 * Cloud governance assignments), on one resource, or on every resource of a subscription when the scope is
 * the subscription. Read-only.
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { governanceAssignmentSchema } from '../../../clients/arm-security-resources.js';
import { defineSkill } from '../../types.js';
import { citedPath, governanceAssignmentsPath } from '../defender-cloud-paths.js';
import { assessmentKeySchema, resourceIdSchema } from '../resource-id.js';

/** One owner and due date. */
export interface CloudGovernanceAssignment {
  /** ARM id of the assignment. */
  id: string;
  assignmentKey: string;
  /** The resource it is on (from its id). */
  resourceId: string;
  owner?: string;
  remediationDueDate: string;
  isGracePeriod?: boolean;
  ticket?: { number?: number; link?: string; status?: string };
}

/** What the skill returns. */
export interface CloudGovernanceAssignments {
  assignments: CloudGovernanceAssignment[];
}

/** The `defender-cloud.governanceAssignments` skill on `arm`. */
export function governanceAssignmentsSkill(arm: ArmClient) {
  return defineSkill({
    name: 'governanceAssignments',
    description:
      'Lists the owner and remediation due date assigned to a Defender for Cloud recommendation (governance assignments) on a resource, or on every resource of a subscription when given the subscription id.',
    input: z.object({ resourceId: resourceIdSchema, assessmentKey: assessmentKeySchema }),
    async run(input, context) {
      const path = governanceAssignmentsPath(input.resourceId, input.assessmentKey);
      const list = await arm.list(path, governanceAssignmentSchema, {
        signal: context.signal,
        maxItems: 200,
      });
      const data: CloudGovernanceAssignments = {
        assignments: list.items
          .map((assignment): CloudGovernanceAssignment => {
            const extra = assignment.properties.additionalData;
            return {
              id: assignment.id,
              assignmentKey: assignment.name,
              resourceId:
                assignment.id.split('/providers/Microsoft.Security/assessments/')[0] ?? assignment.id,
              owner: assignment.properties.owner,
              remediationDueDate: assignment.properties.remediationDueDate,
              isGracePeriod: assignment.properties.isGracePeriod,
              ...(extra
                ? {
                    ticket: {
                      number: extra.ticketNumber,
                      link: extra.ticketLink,
                      status: extra.ticketStatus,
                    },
                  }
                : {}),
            };
          })
          .sort((a, b) => a.remediationDueDate.localeCompare(b.remediationDueDate)),
      };
      return { data, requests: [citedPath('GET', path)] };
    },
  });
}
