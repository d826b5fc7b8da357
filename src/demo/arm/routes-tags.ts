/**
 * A scope's tags as ARM serves them (`Microsoft.Resources/tags`, api-version 2021-04-01):
 * `GET {scope}/providers/Microsoft.Resources/tags/default` for the subscription or one of the demo tenant's
 * resources (404 ResourceNotFound for any other). Where Ward reads who owns a resource (its `owner` tag).
 * It never writes.
 */
import type { DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import type { DemoDefenderForCloud } from './defender-for-cloud-state.js';

/** `GET {scope}/providers/Microsoft.Resources/tags/default` */
export function getTags(defender: DemoDefenderForCloud, scope: string): DemoServiceResponse {
  const subscription = `/subscriptions/${defender.subscription.subscriptionId}`;
  const resource = defender.resources.find((r) => r.id.toLowerCase() === scope.toLowerCase());
  if (resource === undefined && scope.toLowerCase() !== subscription.toLowerCase()) {
    throw new ArmHttpError(404, 'ResourceNotFound', `The resource '${scope}' could not be found.`);
  }
  const id = resource?.id ?? subscription;
  return {
    status: 200,
    body: {
      id: `${id}/providers/Microsoft.Resources/tags/default`,
      name: 'default',
      type: 'Microsoft.Resources/tags',
      properties: { tags: { ...(resource?.tags ?? {}) } },
    },
  };
}
