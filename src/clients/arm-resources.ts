/**
 * Zod schemas for the Azure Resource Manager resources Ward reads from Microsoft Defender for Cloud, field for
 * field as the public REST references document them (assessments and assessment metadata 2021-06-01, secure
 * scores 2020-01-01, Azure Resource Graph 2022-10-01, subscriptions 2020-01-01). One schema, both sides: the
 * ARM client parses real responses with these, and the demo tenant's contract tests parse its own with them.
 * Enumerations are strings (services add values); optional is used wherever the reference does not promise a
 * field, so a real tenant's answer is never refused for leaving one out.
 */
import { z } from 'zod/v4';

const dateTime = z.string(); // ISO 8601 UTC, as ARM sends it

/** One entry of an ARM error's `details`. */
export const armErrorDetailSchema = z.object({
  code: z.string(),
  message: z.string(),
  target: z.string().nullable().optional(),
});

/** ARM's error body (`CloudError`): `{ error: { code, message, target?, details? } }`. */
export const armErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    target: z.string().nullable().optional(),
    details: z.array(armErrorDetailSchema).nullable().optional(),
  }),
});
export type ArmError = z.infer<typeof armErrorSchema>;

/** An ARM list page: `{ value: [...], nextLink? }` (`nextLink` absolute, absent or null on the last page). */
export function armPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    value: z.array(item),
    nextLink: z.string().nullable().optional(),
  });
}

/** `Microsoft.Resources/subscriptions` (the fields Ward shows). */
export const subscriptionSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  tenantId: z.string().optional(),
  displayName: z.string(),
  /** Enabled | Warned | PastDue | Disabled | Deleted */
  state: z.string(),
  authorizationSource: z.string().optional(),
});
export type ArmSubscription = z.infer<typeof subscriptionSchema>;

/**
 * `properties.resourceDetails` of an assessment. The reference documents `{ source, id }`; some service
 * versions have been seen to write `Source`/`Id`, so both are read and normalised to `{ source, id }`.
 */
export const assessmentResourceDetailsSchema = z
  .object({
    source: z.string().optional(),
    Source: z.string().optional(),
    id: z.string().optional(),
    Id: z.string().optional(),
  })
  .transform((details) => ({
    /** Azure | OnPremise | OnPremiseSql | ... */
    source: details.source ?? details.Source ?? 'Azure',
    /** The assessed resource's ARM id (absent for non-Azure sources). */
    id: details.id ?? details.Id,
  }));

/** `properties.status` of an assessment. */
export const assessmentStatusSchema = z.object({
  /** Healthy | Unhealthy | NotApplicable */
  code: z.string(),
  /** e.g. OffByPolicy, Exempt (NotApplicable only) */
  cause: z.string().optional(),
  description: z.string().optional(),
  firstEvaluationDate: dateTime.optional(),
  statusChangeDate: dateTime.optional(),
});

/** `SecurityAssessmentMetadataProperties`: what a recommendation is, whatever it was assessed on. */
export const assessmentMetadataPropertiesSchema = z.object({
  displayName: z.string(),
  policyDefinitionId: z.string().optional(),
  description: z.string().optional(),
  remediationDescription: z.string().optional(),
  /** Compute | Networking | Data | IdentityAndAccess | IoT */
  categories: z.array(z.string()).optional(),
  /** Low | Medium | High */
  severity: z.string(),
  /** Low | Moderate | High */
  userImpact: z.string().optional(),
  implementationEffort: z.string().optional(),
  /** accountBreach | dataExfiltration | dataSpillage | maliciousInsider | elevationOfPrivilege | ... */
  threats: z.array(z.string()).optional(),
  preview: z.boolean().optional(),
  /** BuiltIn | CustomPolicy | CustomerManaged | VerifiedPartner */
  assessmentType: z.string(),
  publishDates: z.object({ GA: z.string().optional(), public: z.string().optional() }).loose().optional(),
  plannedDeprecationDate: z.string().optional(),
  tactics: z.array(z.string()).optional(),
  techniques: z.array(z.string()).optional(),
});
export type AssessmentMetadataProperties = z.infer<typeof assessmentMetadataPropertiesSchema>;

/** `Microsoft.Security/assessments` (2021-06-01), with `metadata`/`links` when asked for with `$expand`. */
export const securityAssessmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    resourceDetails: assessmentResourceDetailsSchema,
    displayName: z.string(),
    status: assessmentStatusSchema,
    additionalData: z.record(z.string(), z.string()).optional(),
    links: z.object({ azurePortalUri: z.string().optional() }).optional(),
    metadata: assessmentMetadataPropertiesSchema.optional(),
  }),
});
export type SecurityAssessment = z.infer<typeof securityAssessmentSchema>;

/** `Microsoft.Security/assessmentMetadata` */
export const assessmentMetadataSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: assessmentMetadataPropertiesSchema,
});
export type AssessmentMetadata = z.infer<typeof assessmentMetadataSchema>;

/** A secure score value: points, of a maximum, and the ratio (0..1). */
export const scoreDetailsSchema = z.object({
  max: z.number(),
  current: z.number(),
  percentage: z.number(),
});

/** `Microsoft.Security/secureScores` (2020-01-01), e.g. `ascScore`. */
export const secureScoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    displayName: z.string(),
    score: scoreDetailsSchema,
    weight: z.number().optional(),
  }),
});
export type SecureScore = z.infer<typeof secureScoreSchema>;

/** `Microsoft.Security/secureScoreControlDefinitions`, as expanded into a control. */
export const secureScoreControlDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    source: z.object({ sourceType: z.string() }).optional(),
    displayName: z.string(),
    description: z.string().optional(),
    maxScore: z.number(),
    assessmentDefinitions: z.array(z.object({ id: z.string() })).optional(),
  }),
});

/** `Microsoft.Security/secureScores/secureScoreControls` (2020-01-01), `definition` with `$expand=definition`. */
export const secureScoreControlSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.object({
    displayName: z.string(),
    healthyResourceCount: z.number(),
    unhealthyResourceCount: z.number(),
    notApplicableResourceCount: z.number(),
    score: scoreDetailsSchema,
    weight: z.number().optional(),
    definition: secureScoreControlDefinitionSchema.optional(),
  }),
});
export type SecureScoreControl = z.infer<typeof secureScoreControlSchema>;

/** The body of an Azure Resource Graph query (`POST /providers/Microsoft.ResourceGraph/resources`). */
export const resourceGraphQuerySchema = z.object({
  subscriptions: z.array(z.string()).optional(),
  managementGroups: z.array(z.string()).optional(),
  query: z.string().min(1),
  options: z
    .object({
      $top: z.number().int().min(1).max(1000).optional(),
      $skip: z.number().int().min(0).optional(),
      $skipToken: z.string().optional(),
      /** objectArray (default) | table */
      resultFormat: z.string().optional(),
    })
    .optional(),
});
export type ResourceGraphQuery = z.infer<typeof resourceGraphQuerySchema>;

/** An Azure Resource Graph answer with `resultFormat: objectArray`; `$skipToken` when there is more. */
export function resourceGraphResponseSchema<T extends z.ZodType>(row: T) {
  return z.object({
    totalRecords: z.number(),
    count: z.number(),
    /** "true" | "false" (a string, as the service writes it) */
    resultTruncated: z.string(),
    $skipToken: z.string().optional(),
    facets: z.array(z.unknown()).optional(),
    data: z.array(row),
  });
}

/** An entity on an attack path's graph (a VM, a storage account, an identity, the internet...). */
export const attackPathEntitySchema = z.object({
  entityInternalId: z.string().optional(),
  entityName: z.string().optional(),
  entityType: z.string().optional(),
  entityIdentifiers: z.record(z.string(), z.unknown()).optional(),
});

/** `securityresources | where type == "microsoft.security/attackpaths"`: one attack path (Defender CSPM). */
export const attackPathSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  tenantId: z.string().optional(),
  location: z.string().optional(),
  subscriptionId: z.string().optional(),
  properties: z.object({
    displayName: z.string(),
    description: z.string().optional(),
    attackPathType: z.string().optional(),
    riskLevel: z.string().optional(),
    manualRemediationSteps: z.union([z.array(z.string()), z.string()]).optional(),
    refreshInterval: z.string().optional(),
    potentialImpact: z.string().optional(),
    riskCategories: z.array(z.string()).optional(),
    entryPointEntityInternalID: z.string().optional(),
    targetEntityInternalID: z.string().optional(),
    assessments: z.array(z.record(z.string(), z.unknown())).optional(),
    graphComponent: z
      .object({
        insights: z.array(z.record(z.string(), z.unknown())).optional(),
        entities: z.array(attackPathEntitySchema).optional(),
        connections: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .optional(),
    AttackPathID: z.string().optional(),
  }),
});
export type AttackPath = z.infer<typeof attackPathSchema>;
