/**
 * Skill `defender-cloud.recommendation`: one recommendation on one resource, with its description,
 * remediation steps, status, risk and the link to it in the Azure portal. Read-only; the path is built from a
 * validated resource id and assessment key.
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { securityAssessmentWithRiskSchema } from '../../../clients/arm-security-resources.js';
import { defineSkill } from '../../types.js';
import { toCloudRecommendation } from '../cloud-recommendation.js';
import { assessmentPath, citedPath } from '../defender-cloud-paths.js';
import { assessmentKeySchema, resourceIdSchema } from '../resource-id.js';

/** The `defender-cloud.recommendation` skill on `arm`. */
export function recommendationSkill(arm: ArmClient) {
  return defineSkill({
    name: 'recommendation',
    description:
      'Gets one Defender for Cloud recommendation on one resource: status and since when, severity, risk level and factors, CVEs, description, remediation steps and its Azure portal link.',
    input: z.object({ resourceId: resourceIdSchema, assessmentKey: assessmentKeySchema }),
    async run(input, context) {
      const path = assessmentPath(input.resourceId, input.assessmentKey);
      const assessment = await arm.get(path, securityAssessmentWithRiskSchema, { signal: context.signal });
      return { data: toCloudRecommendation(assessment), requests: [citedPath('GET', path)] };
    },
  });
}
