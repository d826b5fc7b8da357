/**
 * The Microsoft Defender XDR plugin: incidents and alerts with their evidence, through Microsoft Graph's
 * security API (`/security/incidents`, `/security/alerts_v2`), advanced hunting with KQL validated against the
 * advanced hunting schema before it runs (`POST /security/runHuntingQuery`), and the health check. Read-only:
 * it has no actions, so nothing Ward does through it changes an incident, an alert or any data.
 */
import type { GraphClient } from '../../clients/graph.js';
import { securityIncidentSchema } from '../../clients/graph-security-resources.js';
import { queryString } from '../../clients/odata-literal.js';
import type { Plugin } from '../types.js';
import { advancedHuntingSkill } from './skills/advanced-hunting.js';
import { alertsSkill } from './skills/alerts.js';
import { incidentSkill } from './skills/incident.js';
import { incidentsSkill } from './skills/incidents.js';

/** What the Defender XDR plugin needs. */
export interface DefenderXdrPluginOptions {
  graph: GraphClient;
  now?: () => Date;
}

/** Creates the `defender-xdr` plugin on a Graph client. */
export function createDefenderXdrPlugin(options: DefenderXdrPluginOptions): Plugin {
  const now = options.now ?? (() => new Date());
  const { graph } = options;
  return {
    name: 'defender-xdr',
    displayName: 'Microsoft Defender XDR',
    version: '0.1.0',
    skills: [
      incidentSkill(graph),
      incidentsSkill(graph, now),
      alertsSkill(graph, now),
      advancedHuntingSkill(graph),
    ],
    actions: [],
    async health(context) {
      try {
        // One incident, no alerts: proves the URL, the token and the SecurityIncident.Read.All permission.
        await graph.list(`/security/incidents${queryString({ $top: 1 })}`, securityIncidentSchema, {
          signal: context.signal,
          maxItems: 1,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
