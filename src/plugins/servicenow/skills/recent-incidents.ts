/**
 * Skill `servicenow.recentIncidents`: the incidents opened in ServiceNow in the last days, newest first, with
 * the fields an analyst triages by. Read-only; the query is built from validated numbers, never from text.
 */
import { z } from 'zod/v4';
import type { ServiceNowClient } from '../../../clients/servicenow.js';
import { encodedQuery } from '../../../clients/servicenow-encoded-query.js';
import type { ServiceNowIncident } from '../../../clients/servicenow-resources.js';
import { defineSkill } from '../../types.js';

const FIELDS = [
  'short_description',
  'state',
  'priority',
  'urgency',
  'impact',
  'category',
  'assigned_to',
  'correlation_id',
  'opened_at',
  'sys_created_on',
] as const;

/** Incidents opened since a time, and whether there were more than asked for. */
export interface RecentIncidents {
  incidents: ServiceNowIncident[];
  truncated: boolean;
}

/** `2025-06-11 14:05:00`: how the Table API writes and compares date-times (UTC). */
function serviceNowDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The `servicenow.recentIncidents` skill on `client`; `now` decides where "the last days" start. */
export function recentIncidentsSkill(client: ServiceNowClient, now: () => Date) {
  return defineSkill({
    name: 'recentIncidents',
    description: 'Incidents opened in ServiceNow in the last days (default 7), newest first.',
    input: z.object({
      days: z.number().int().min(1).max(90).default(7),
      top: z.number().int().min(1).max(50).default(20),
    }),
    async run(input, context) {
      const since = serviceNowDateTime(new Date(now().getTime() - input.days * 86_400_000));
      const query = encodedQuery(
        [{ field: 'sys_created_on', operator: '>=', value: since }],
        [{ field: 'sys_created_on', descending: true }],
      );
      const list = await client.listIncidents(query, {
        signal: context.signal,
        limit: input.top,
        maxItems: input.top,
        fields: FIELDS,
      });
      const data: RecentIncidents = { incidents: list.items, truncated: list.truncated };
      return { data, requests: [`GET /api/now/table/incident?sysparm_query=${query}`] };
    },
  });
}
