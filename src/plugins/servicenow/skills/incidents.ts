/**
 * Skill `servicenow.incidents`: ServiceNow incidents opened in the last days, newest first, filtered by
 * caller (their email, which is their UPN in most tenants), assignment group (part of its name), whether
 * Ward opened them (correlation id `ward-…`) and whether they are still open. Read-only; every filter is a
 * validated value and the query is built by the encoded-query helper, never pasted from text.
 */
import { z } from 'zod/v4';
import type { ServiceNowClient } from '../../../clients/servicenow.js';
import { type EncodedQueryCondition, encodedQuery } from '../../../clients/servicenow-encoded-query.js';
import { defineSkill } from '../../types.js';
import { type ServiceNowTicket, toTicket } from '../servicenow-ticket.js';

const FIELDS = [
  'short_description',
  'state',
  'priority',
  'impact',
  'urgency',
  'category',
  'active',
  'caller_id',
  'opened_by',
  'assigned_to',
  'assignment_group',
  'correlation_id',
  'correlation_display',
  'opened_at',
  'resolved_at',
  'closed_at',
  'sys_created_on',
  'sys_updated_on',
  'sys_updated_by',
] as const;

/** A group name as people write it: letters, digits, spaces and a little punctuation. */
const GROUP_NAME = /^[\p{L}\p{N}][\p{L}\p{N} &'().,/-]*$/u;

/** The tickets found, and whether there were more than asked for. */
export interface IncidentList {
  tickets: ServiceNowTicket[];
  truncated: boolean;
  /** How many matched, when ServiceNow said. */
  total?: number;
}

/** `2025-06-11 14:05:00`: how the Table API writes and compares date-times (UTC). */
function serviceNowDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The `servicenow.incidents` skill on `client`; `now` decides where "the last days" start. */
export function incidentsSkill(client: ServiceNowClient, now: () => Date) {
  return defineSkill({
    name: 'incidents',
    description:
      'ServiceNow incidents opened in the last days (default 30), newest first, by caller email, assignment group, opened by Ward, open or resolved.',
    input: z
      .object({
        callerEmail: z
          .email()
          .max(254)
          .transform((email) => email.toLowerCase())
          .optional()
          .describe("The caller's email (usually their UPN)."),
        assignmentGroup: z
          .string()
          .trim()
          .min(2)
          .max(80)
          .regex(GROUP_NAME, "a group name is letters, digits, spaces and & ' ( ) . , / -")
          .optional()
          .describe('Part of the assignment group name, e.g. "Security Operations".'),
        openedByWard: z.boolean().default(false).describe('Only incidents Ward opened ("Open ticket").'),
        state: z.enum(['open', 'resolved', 'any']).default('any'),
        days: z.number().int().min(1).max(365).default(30),
        top: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
    async run(input, context) {
      const since = serviceNowDateTime(new Date(now().getTime() - input.days * 86_400_000));
      const conditions: EncodedQueryCondition[] = [{ field: 'sys_created_on', operator: '>=', value: since }];
      if (input.callerEmail !== undefined)
        conditions.push({ field: 'caller_id.email', operator: '=', value: input.callerEmail });
      if (input.assignmentGroup !== undefined)
        conditions.push({ field: 'assignment_group.name', operator: 'LIKE', value: input.assignmentGroup });
      if (input.openedByWard)
        conditions.push({ field: 'correlation_id', operator: 'STARTSWITH', value: 'ward-' });
      if (input.state !== 'any')
        conditions.push({ field: 'active', operator: '=', value: input.state === 'open' ? 'true' : 'false' });
      const query = encodedQuery(conditions, [{ field: 'sys_created_on', descending: true }]);
      const list = await client.listDisplayedIncidents(query, {
        signal: context.signal,
        limit: input.top,
        maxItems: input.top,
        fields: FIELDS,
      });
      const data: IncidentList = {
        tickets: list.items.map((incident) => toTicket(incident, client.baseUrl)),
        truncated: list.truncated,
        ...(list.total !== undefined ? { total: list.total } : {}),
      };
      return { data, requests: [`GET /api/now/table/incident?sysparm_query=${query}`] };
    },
  });
}
