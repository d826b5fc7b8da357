/**
 * The Microsoft Defender for Cloud plugin, through Azure Resource Manager: subscriptions, recommendations
 * (assessments, with Defender CSPM's risk level, risk factors and attack path references), one recommendation
 * with its remediation steps, the secure score and its controls, attack paths (Azure Resource Graph),
 * governance assignments (owner and due date), a resource's owner tag and the vulnerabilities (CVEs) its
 * scanners found (sub-assessments); and one action, "Assign owner",
 * which delegates a recommendation to its owner with a due date. The plugin never decides to run it: the
 * guarded action flow in the core calls `run` only after a responder's click and an exactly-once claim.
 */
import type { ArmClient } from '../../clients/arm.js';
import { subscriptionSchema } from '../../clients/arm-resources.js';
import type { Plugin } from '../types.js';
import { assignOwnerAction } from './actions/assign-owner.js';
import { subscriptionsPath } from './defender-cloud-paths.js';
import { attackPathsSkill } from './skills/attack-paths.js';
import { governanceAssignmentsSkill } from './skills/governance-assignments.js';
import { recommendationSkill } from './skills/recommendation.js';
import { recommendationsSkill } from './skills/recommendations.js';
import { resourceOwnerSkill } from './skills/resource-owner.js';
import { secureScoreSkill } from './skills/secure-score.js';
import { subscriptionsSkill } from './skills/subscriptions.js';
import { vulnerabilityFindingsSkill } from './skills/vulnerability-findings.js';

/** What the Defender for Cloud plugin needs. */
export interface DefenderCloudPluginOptions {
  arm: ArmClient;
  now?: () => Date;
}

/** Creates the `defender-cloud` plugin on an ARM client. */
export function createDefenderCloudPlugin(options: DefenderCloudPluginOptions): Plugin {
  const now = options.now ?? (() => new Date());
  const { arm } = options;
  return {
    name: 'defender-cloud',
    displayName: 'Microsoft Defender for Cloud',
    version: '0.2.0',
    skills: [
      subscriptionsSkill(arm),
      recommendationsSkill(arm),
      recommendationSkill(arm),
      secureScoreSkill(arm),
      attackPathsSkill(arm),
      governanceAssignmentsSkill(arm),
      resourceOwnerSkill(arm),
      vulnerabilityFindingsSkill(arm),
    ],
    actions: [assignOwnerAction(arm, now)],
    async health(context) {
      try {
        // One subscription proves the URL, the credential and that Ward can see at least one subscription.
        const list = await arm.list(subscriptionsPath(), subscriptionSchema, {
          signal: context.signal,
          maxItems: 1,
        });
        return list.items.length > 0
          ? { ok: true }
          : {
              ok: false,
              detail:
                'Azure Resource Manager answered, but Ward can read no subscription: assign it Security Reader on the subscriptions to watch.',
            };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
