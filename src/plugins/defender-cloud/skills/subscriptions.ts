/** Skill `defender-cloud.subscriptions`: the Azure subscriptions Ward can read, enabled ones first. Read-only. */
import { z } from 'zod/v4';
import type { ArmClient } from '../../../clients/arm.js';
import { type ArmSubscription, subscriptionSchema } from '../../../clients/arm-resources.js';
import { defineSkill } from '../../types.js';
import { citedPath, subscriptionsPath } from '../defender-cloud-paths.js';

/** The subscriptions, and whether there were more than asked for. */
export interface CloudSubscriptions {
  subscriptions: ArmSubscription[];
  truncated: boolean;
}

/** The `defender-cloud.subscriptions` skill on `arm`. */
export function subscriptionsSkill(arm: ArmClient) {
  return defineSkill({
    name: 'subscriptions',
    description:
      'Lists the Azure subscriptions Ward can read (id, name, state), enabled ones first: the scopes of the other Defender for Cloud skills.',
    input: z.object({ top: z.number().int().min(1).max(100).default(25) }),
    async run(input, context) {
      const path = subscriptionsPath();
      const list = await arm.list(path, subscriptionSchema, { signal: context.signal, maxItems: input.top });
      const rank = (subscription: ArmSubscription) => (subscription.state === 'Enabled' ? 0 : 1);
      const subscriptions = [...list.items].sort(
        (a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName),
      );
      const data: CloudSubscriptions = { subscriptions, truncated: list.truncated };
      return { data, requests: [citedPath('GET', path)] };
    },
  });
}
