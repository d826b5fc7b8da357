/**
 * Skill `defender-xdr.incidents`: Defender XDR incidents filtered by severity, status and how recently they
 * changed (`$filter` on the server), and by a user named in their alerts' evidence (read from the expanded
 * alerts: Graph cannot filter incidents by user). Newest change first. Filters are built from validated
 * values only, never from text. When a user is given, at most 200 incidents are read to find theirs, and the
 * answer says when that window was not enough (`truncated`). Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  type DefenderIncident,
  defenderIncidentSchema,
  INCIDENT_STATUSES,
  SECURITY_SEVERITIES,
} from '../../../clients/graph-security-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { alertMentionsUser } from '../alert-mentions-user.js';
import { userMatchSchema } from '../incident-reference.js';
import { odataAnyOf } from '../odata-any-of.js';

/** Graph's largest page of incidents. */
const PAGE_SIZE = 50;
/** How many incidents are read to find a user's. */
const USER_SCAN_LIMIT = 200;

/** What the skill returns. */
export interface IncidentList {
  incidents: DefenderIncident[];
  /** More incidents matched than were read or returned. */
  truncated: boolean;
  /** How many incidents were read from Graph (more than returned when filtering by user). */
  scanned: number;
}

/** The `defender-xdr.incidents` skill on `graph`; `now` decides where "the last days" start. */
export function incidentsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'incidents',
    description:
      'Lists Microsoft Defender XDR incidents with their alerts, newest change first, filtered by severity, status, a user in the evidence and the last days.',
    input: z.object({
      severities: z.array(z.enum(SECURITY_SEVERITIES)).min(1).max(4).optional(),
      statuses: z.array(z.enum(INCIDENT_STATUSES)).min(1).max(5).optional(),
      user: userMatchSchema.optional(),
      days: z.number().int().min(1).max(180).optional(),
      top: z.number().int().min(1).max(50).default(20),
    }),
    async run(input, context) {
      const filters: string[] = [];
      if (input.severities) filters.push(odataAnyOf('severity', input.severities));
      if (input.statuses) filters.push(odataAnyOf('status', input.statuses));
      if (input.days !== undefined) {
        const since = new Date(now().getTime() - input.days * 86_400_000).toISOString();
        filters.push(`lastUpdateDateTime ge ${since}`);
      }
      const scanLimit = input.user ? USER_SCAN_LIMIT : input.top;
      const path = `/security/incidents${queryString({
        $filter: filters.length ? filters.join(' and ') : undefined,
        $expand: 'alerts',
        $top: Math.min(scanLimit, PAGE_SIZE),
      })}`;
      const result = await graph.list(path, defenderIncidentSchema, {
        signal: context.signal,
        maxItems: scanLimit,
      });
      const user = input.user;
      const matching = user
        ? result.items.filter((incident) =>
            (incident.alerts ?? []).some((alert) => alertMentionsUser(alert, user)),
          )
        : result.items;
      const sorted = [...matching].sort((a, b) =>
        (b.lastUpdateDateTime ?? b.createdDateTime).localeCompare(a.lastUpdateDateTime ?? a.createdDateTime),
      );
      const data: IncidentList = {
        incidents: sorted.slice(0, input.top),
        truncated: result.truncated || sorted.length > input.top,
        scanned: result.items.length,
      };
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
