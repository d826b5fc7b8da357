/**
 * Seeds the services the demo tenant hosts besides Microsoft Graph: Defender for Cloud behind Azure Resource
 * Manager, the Sentinel workspace behind the Log Analytics query API, and the ServiceNow instance. Called by
 * the tenant seed once Graph's records exist, since the workspace restates them; each service draws from its
 * own random stream, so seeding one never shifts another (nor anything Graph seeded).
 * It never reads the clock and never changes the Graph records it is given.
 */
import type { DemoTenantState } from '../demo-tenant-state.js';
import { seedDefenderForCloud } from './seed-defender-for-cloud.js';
import { seedLogAnalytics } from './seed-log-analytics.js';
import { seedServiceNow } from './seed-service-now.js';
import type { SeededRandom } from './seeded-random.js';

/** The part of the state this seeds. */
export type SeededTenantServices = Pick<DemoTenantState, 'defenderForCloud' | 'logAnalytics' | 'serviceNow'>;

/** Defender for Cloud, Log Analytics and ServiceNow, from the Graph records already seeded. */
export function seedTenantServices(
  stream: (label: string) => SeededRandom,
  graph: Pick<
    DemoTenantState,
    | 'anchorMs'
    | 'tenantId'
    | 'users'
    | 'signIns'
    | 'riskDetections'
    | 'securityIncidents'
    | 'securityAlerts'
    | 'directoryAudits'
  >,
): SeededTenantServices {
  return {
    defenderForCloud: seedDefenderForCloud(stream('defender-for-cloud'), graph.anchorMs),
    logAnalytics: seedLogAnalytics({
      random: stream('log-analytics'),
      anchorMs: graph.anchorMs,
      tenantId: graph.tenantId,
      people: graph.users,
      signIns: graph.signIns,
      riskDetections: graph.riskDetections,
      securityIncidents: graph.securityIncidents,
      securityAlerts: graph.securityAlerts,
      directoryAudits: graph.directoryAudits,
    }),
    serviceNow: seedServiceNow(stream('servicenow'), graph.anchorMs, graph.users),
  };
}
