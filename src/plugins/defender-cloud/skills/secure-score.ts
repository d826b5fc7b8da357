/**
 * Skill `defender-cloud.secureScore`: a subscription's secure score (ascScore) and its controls, each with its
 * score, unhealthy/healthy resource counts and the recommendations it counts (so a trend can be estimated from
 * when those changed, see `estimate-score-trend.ts`). ARM serves no score history; this says so by returning
 * only the current value. Read-only.
 */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { secureScoreControlSchema, secureScoreSchema } from '../../../clients/arm-resources.js';
import { defineSkill } from '../../types.js';
import { citedPath, secureScoreControlsPath, secureScorePath } from '../defender-cloud-paths.js';
import { subscriptionIdSchema } from '../resource-id.js';

/** Points of a maximum, and the ratio (0..1). */
export interface ScoreValue {
  current: number;
  max: number;
  percentage: number;
}

/** One secure score control. */
export interface ScoreControl extends ScoreValue {
  name: string;
  displayName: string;
  /** The most the control can give (its definition's `maxScore`). */
  maxScore: number;
  healthyResourceCount: number;
  unhealthyResourceCount: number;
  notApplicableResourceCount: number;
  /** Keys of the recommendations the control counts. */
  assessmentKeys: string[];
}

/** A subscription's secure score now. */
export interface CloudSecureScore {
  subscriptionId: string;
  score: ScoreValue;
  /** Lowest-scoring first (most points to gain). */
  controls: ScoreControl[];
}

/** The `defender-cloud.secureScore` skill on `arm`. */
export function secureScoreSkill(arm: ArmClient) {
  return defineSkill({
    name: 'secureScore',
    description:
      "Gets a subscription's Defender for Cloud secure score (points, maximum, percentage) and its controls with their scores, unhealthy resource counts and the recommendations each counts; the controls with the most points to gain come first.",
    input: z.object({ subscriptionId: subscriptionIdSchema }),
    async run(input, context) {
      const scorePath = secureScorePath(input.subscriptionId);
      const controlsPath = secureScoreControlsPath(input.subscriptionId);
      const [score, controls] = await Promise.all([
        arm.get(scorePath, secureScoreSchema, { signal: context.signal }),
        arm.list(controlsPath, secureScoreControlSchema, { signal: context.signal, maxItems: 200 }),
      ]);
      const data: CloudSecureScore = {
        subscriptionId: input.subscriptionId,
        score: { ...score.properties.score },
        controls: controls.items
          .map((control): ScoreControl => {
            const definition = control.properties.definition?.properties;
            return {
              name: control.name,
              displayName: control.properties.displayName,
              ...control.properties.score,
              maxScore: definition?.maxScore ?? control.properties.score.max,
              healthyResourceCount: control.properties.healthyResourceCount,
              unhealthyResourceCount: control.properties.unhealthyResourceCount,
              notApplicableResourceCount: control.properties.notApplicableResourceCount,
              assessmentKeys: (definition?.assessmentDefinitions ?? []).map(
                (entry) => entry.id.split('/').at(-1) ?? entry.id,
              ),
            };
          })
          .sort(
            (a, b) => b.max - b.current - (a.max - a.current) || a.displayName.localeCompare(b.displayName),
          ),
      };
      return { data, requests: [citedPath('GET', scorePath), citedPath('GET', controlsPath)] };
    },
  });
}
