/**
 * Zod schemas for the Azure Resource Manager resources Ward's Defender for Cloud plugin reads and writes beyond
 * `arm-resources.ts`: the risk that assessments carry from api-version 2025-05-04 (Defender CSPM's risk level,
 * risk factors and attack path references), governance assignments (owner and remediation due date of one
 * recommendation on one resource, api-version 2022-01-01-preview) and a scope's tags
 * (`Microsoft.Resources/tags/default`, 2021-04-01), field for field as the public REST references document
 * them. One schema, both sides: the plugin parses real responses with these and the demo tenant validates the
 * bodies it is sent and the answers it writes with them. Enumerations stay strings (services add values).
 */
import { z } from 'zod/v4';
import { securityAssessmentSchema } from './arm-resources.js';

const dateTime = z.string(); // ISO 8601 UTC, as ARM sends it

/**
 * `properties.risk` of an assessment (2025-05-04, with Defender CSPM): the contextual risk level and what
 * raised it. Absent without Defender CSPM and on older api-versions.
 */
export const assessmentRiskSchema = z.object({
  /** Low | Medium | High | Critical */
  level: z.string().optional(),
  /** e.g. "Internet exposure", "Sensitive data", "Lateral movement" */
  riskFactors: z.array(z.string()).optional(),
  /** Ids (names) of the attack paths this finding is on. */
  attackPathsReferences: z.array(z.string()).optional(),
  isContextualRisk: z.boolean().optional(),
  paths: z.array(z.unknown()).optional(),
});
export type AssessmentRisk = z.infer<typeof assessmentRiskSchema>;

/** `Microsoft.Security/assessments` as api-version 2025-05-04 serves it: the 2021-06-01 shape plus `risk`. */
export const securityAssessmentWithRiskSchema = securityAssessmentSchema.extend({
  properties: securityAssessmentSchema.shape.properties.extend({
    risk: assessmentRiskSchema.optional(),
  }),
});
export type SecurityAssessmentWithRisk = z.infer<typeof securityAssessmentWithRiskSchema>;

/** `properties.remediationEta` of a governance assignment: when the owner expects to fix it, and why then. */
export const remediationEtaSchema = z.object({
  eta: dateTime,
  justification: z.string(),
});

/** `properties.additionalData` of a governance assignment: the ticket that tracks it, if any. */
export const governanceAssignmentAdditionalDataSchema = z.object({
  ticketNumber: z.number().int().min(0).optional(),
  ticketLink: z.string().optional(),
  ticketStatus: z.string().optional(),
});

/** `GovernanceAssignmentProperties` (2022-01-01-preview). `remediationDueDate` is the one required field. */
export const governanceAssignmentPropertiesSchema = z.object({
  /** The owner's email, e.g. `user@contoso.com`. */
  owner: z.string().optional(),
  remediationDueDate: dateTime,
  remediationEta: remediationEtaSchema.optional(),
  /** While true, the unhealthy resource does not lower the secure score until the due date. */
  isGracePeriod: z.boolean().optional(),
  governanceEmailNotification: z
    .object({
      disableManagerEmailNotification: z.boolean().optional(),
      disableOwnerEmailNotification: z.boolean().optional(),
    })
    .optional(),
  additionalData: governanceAssignmentAdditionalDataSchema.optional(),
});
export type GovernanceAssignmentProperties = z.infer<typeof governanceAssignmentPropertiesSchema>;

/**
 * `Microsoft.Security/assessments/governanceAssignments`: who owns fixing one recommendation on one resource,
 * and by when. Its id is `{resourceId}/providers/Microsoft.Security/assessments/{assessmentKey}/governanceAssignments/{assignmentKey}`.
 */
export const governanceAssignmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: governanceAssignmentPropertiesSchema,
});
export type GovernanceAssignment = z.infer<typeof governanceAssignmentSchema>;

/** The body of `PUT .../governanceAssignments/{assignmentKey}`: `{ properties }`. */
export const governanceAssignmentBodySchema = z.object({
  properties: governanceAssignmentPropertiesSchema,
});
export type GovernanceAssignmentBody = z.infer<typeof governanceAssignmentBodySchema>;

/** `Microsoft.Resources/tags` at a scope (`{scope}/providers/Microsoft.Resources/tags/default`). */
export const scopeTagsSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    tags: z.record(z.string(), z.string()).nullable().optional(),
  }),
});
export type ScopeTags = z.infer<typeof scopeTagsSchema>;
