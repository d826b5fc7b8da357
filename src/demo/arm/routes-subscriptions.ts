/**
 * `GET /subscriptions` and `GET /subscriptions/{id}` (api-version 2020-01-01) for the demo tenant's one
 * subscription, "Contoso Production", so a client can show its name and check it exists.
 * It never writes.
 */
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { armPage } from './arm-paging.js';
import type { DemoDefenderForCloud } from './defender-for-cloud-state.js';

function subscriptionOnWire(defender: DemoDefenderForCloud): Record<string, unknown> {
  const { subscriptionId, displayName, tenantId, state } = defender.subscription;
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId,
    displayName,
    state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** `GET /subscriptions` */
export function listSubscriptions(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
): DemoServiceResponse {
  return { status: 200, body: armPage(request, [subscriptionOnWire(defender)], 100) };
}

/** `GET /subscriptions/{id}` (the caller has checked the id). */
export function getSubscription(defender: DemoDefenderForCloud): DemoServiceResponse {
  return { status: 200, body: subscriptionOnWire(defender) };
}
