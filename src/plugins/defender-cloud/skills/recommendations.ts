/**
 * Skill `defender-cloud.recommendations`: Defender for Cloud's recommendations (assessments) in a subscription
 * or on one resource, filtered by severity, status, recommendation and internet exposure, riskiest first
 * (Defender CSPM risk level, then severity, then exposure, then the most recent change). Read-only; the scope
 * is a validated subscription or resource id, never analyst text.
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { securityAssessmentWithRiskSchema } from '../../../clients/arm-security-resources.js';
import { defineSkill } from '../../types.js';
import { type CloudRecommendation, toCloudRecommendation } from '../cloud-recommendation.js';
import { assessmentsPath, citedPath } from '../defender-cloud-paths.js';
import {
  assessmentKeySchema,
  parseResourceId,
  resourceIdSchema,
  sameResource,
  subscriptionIdSchema,
} from '../resource-id.js';
import { levelRank } from '../risk-rank.js';

/** Assessments read at most per call (a large subscription has thousands; ARM pages them). */
const MAX_READ = 2_000;

/** What the skill returns. */
export interface CloudRecommendations {
  /** `/subscriptions/{id}` or the resource id that was listed. */
  scope: string;
  recommendations: CloudRecommendation[];
  /** How many matched the filters (before `top`). */
  matched: number;
  /** More matched than `top`, or the subscription held more assessments than Ward reads at once. */
  truncated: boolean;
}

/** Riskiest first: risk level, severity, exposure, most recent change. */
export function compareRecommendations(a: CloudRecommendation, b: CloudRecommendation): number {
  return (
    levelRank(b.riskLevel) - levelRank(a.riskLevel) ||
    levelRank(b.severity) - levelRank(a.severity) ||
    Number(b.internetExposed) - Number(a.internetExposed) ||
    (b.statusChangeDate ?? '').localeCompare(a.statusChangeDate ?? '') ||
    a.resource.name.localeCompare(b.resource.name)
  );
}

/** The input: a scope and filters. */
export const recommendationsInputSchema = z
  .object({
    subscriptionId: subscriptionIdSchema.optional(),
    /** Only this resource's recommendations (its own scope); a subscription's id means the subscription. */
    resourceId: resourceIdSchema.optional(),
    /** Only this recommendation, on every resource it was assessed on. */
    assessmentKey: assessmentKeySchema.optional(),
    severities: z
      .array(z.enum(['High', 'Medium', 'Low']))
      .min(1)
      .default(['High', 'Medium', 'Low']),
    statuses: z
      .array(z.enum(['Unhealthy', 'Healthy', 'NotApplicable']))
      .min(1)
      .default(['Unhealthy']),
    /** Only resources the assessment itself marks as internet-exposed (attack paths can show more). */
    exposedOnly: z.boolean().default(false),
    top: z.number().int().min(1).max(500).default(100),
  })
  .refine((input) => input.subscriptionId !== undefined || input.resourceId !== undefined, {
    message: 'give a subscriptionId or a resourceId',
  });

/** The `defender-cloud.recommendations` skill on `arm`. */
export function recommendationsSkill(arm: ArmClient) {
  return defineSkill({
    name: 'recommendations',
    description:
      'Lists Defender for Cloud recommendations (assessments) in a subscription or on one resource, riskiest first: severity, status, the affected resource, risk level and factors (e.g. internet exposure), attack paths, CVEs and remediation steps. Filter by severity, status, recommendation key or exposure.',
    input: recommendationsInputSchema,
    async run(input, context) {
      const scope = input.resourceId ?? `/subscriptions/${input.subscriptionId}`;
      const path = assessmentsPath(scope);
      const list = await arm.list(path, securityAssessmentWithRiskSchema, {
        signal: context.signal,
        maxItems: MAX_READ,
      });
      // A subscription's id as the resource means the whole subscription.
      const onlyResource =
        input.resourceId !== undefined && parseResourceId(input.resourceId)?.type !== 'subscription'
          ? input.resourceId
          : undefined;
      const severities = new Set<string>(input.severities.map((s) => s.toLowerCase()));
      const statuses = new Set<string>(input.statuses.map((s) => s.toLowerCase()));
      const matching = list.items
        .map(toCloudRecommendation)
        .filter(
          (recommendation) =>
            statuses.has(recommendation.status.toLowerCase()) &&
            severities.has(recommendation.severity.toLowerCase()) &&
            (input.assessmentKey === undefined ||
              recommendation.assessmentKey.toLowerCase() === input.assessmentKey.toLowerCase()) &&
            // A resource's scope lists only its own assessments; this keeps a child resource's out as well.
            (onlyResource === undefined || sameResource(recommendation.resource.id, onlyResource)) &&
            (!input.exposedOnly || recommendation.internetExposed),
        )
        .sort(compareRecommendations);
      const data: CloudRecommendations = {
        scope,
        recommendations: matching.slice(0, input.top),
        matched: matching.length,
        truncated: matching.length > input.top || list.truncated,
      };
      return { data, requests: [citedPath('GET', path)] };
    },
  });
}
