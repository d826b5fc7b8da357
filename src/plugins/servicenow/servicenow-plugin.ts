/**
 * The ServiceNow plugin: the incident table and its journal through the Table API. Read skills: one incident
 * by number or sys_id, its latest comments and work notes, incidents by caller, group, Ward or state, and the
 * recent incidents; one action, "Open ticket", which files the investigation an answer describes as a
 * ServiceNow incident. The plugin never decides to open a ticket: the guarded action flow in the core calls
 * `run` only after a click by an analyst with the responder role and an exactly-once claim.
 */
import type { ServiceNowClient } from '../../clients/servicenow.js';
import type { Plugin } from '../types.js';
import { createIncidentAction } from './actions/create-incident.js';
import { incidentSkill } from './skills/incident.js';
import { incidentJournalSkill } from './skills/incident-journal.js';
import { incidentsSkill } from './skills/incidents.js';
import { recentIncidentsSkill } from './skills/recent-incidents.js';

/** What the ServiceNow plugin needs. */
export interface ServiceNowPluginOptions {
  client: ServiceNowClient;
  now?: () => Date;
}

/** Creates the `servicenow` plugin on a ServiceNow client. */
export function createServiceNowPlugin(options: ServiceNowPluginOptions): Plugin {
  const now = options.now ?? (() => new Date());
  const { client } = options;
  return {
    name: 'servicenow',
    displayName: 'ServiceNow',
    version: '0.1.0',
    skills: [
      recentIncidentsSkill(client, now),
      incidentSkill(client),
      incidentJournalSkill(client),
      incidentsSkill(client, now),
    ],
    actions: [createIncidentAction(client)],
    async health(context) {
      try {
        // One record, one field: proves the URL, the credentials and read access to the incident table.
        await client.listIncidents('', { signal: context.signal, limit: 1, maxItems: 1, fields: ['sys_id'] });
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
