/**
 * Skill `defender-xdr.alerts`: Defender XDR alerts (`/security/alerts_v2`) with their evidence, created in the
 * last days, filtered by severity and status on the server and by incident and user in Ward (Graph documents
 * no filter on either). Newest first. Reads at most 2,000 alerts when it filters in Ward, and says so when
 * that window was not enough (`truncated`). Filters are built from validated values only. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  ALERT_STATUSES,
  type DefenderAlert,
  defenderAlertSchema,
  SECURITY_SEVERITIES,
} from '../../../clients/graph-security-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { alertMentionsUser } from '../alert-mentions-user.js';
import { incidentIdSchema, userMatchSchema } from '../incident-reference.js';
import { odataAnyOf } from '../odata-any-of.js';

/** A page of alerts (Graph allows up to 2,000). */
const PAGE_SIZE = 500;
/** How many alerts are read to find an incident's or a user's. */
const SCAN_LIMIT = 2_000;

/** What the skill returns. */
export interface AlertList {
  alerts: DefenderAlert[];
  /** More alerts matched than were read or returned. */
  truncated: boolean;
  /** How many alerts were read from Graph. */
  scanned: number;
}

/** The `defender-xdr.alerts` skill on `graph`; `now` decides where "the last days" start. */
export function alertsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'alerts',
    description:
      'Lists Microsoft Defender XDR alerts with their evidence (users, devices, IPs, processes, URLs), newest first, for an incident or a user, filtered by severity, status and the last days.',
    input: z.object({
      incidentId: incidentIdSchema.optional(),
      user: userMatchSchema.optional(),
      severities: z.array(z.enum(SECURITY_SEVERITIES)).min(1).max(4).optional(),
      statuses: z.array(z.enum(ALERT_STATUSES)).min(1).max(3).optional(),
      days: z.number().int().min(1).max(180).default(30),
      top: z.number().int().min(1).max(200).default(50),
    }),
    async run(input, context) {
      const since = new Date(now().getTime() - input.days * 86_400_000).toISOString();
      const filters = [`createdDateTime ge ${since}`];
      if (input.severities) filters.push(odataAnyOf('severity', input.severities));
      if (input.statuses) filters.push(odataAnyOf('status', input.statuses));
      const filtering = input.incidentId !== undefined || input.user !== undefined;
      const scanLimit = filtering ? SCAN_LIMIT : input.top;
      const path = `/security/alerts_v2${queryString({
        $filter: filters.join(' and '),
        $top: Math.min(scanLimit, PAGE_SIZE),
      })}`;
      const result = await graph.list(path, defenderAlertSchema, {
        signal: context.signal,
        maxItems: scanLimit,
      });
      const { incidentId, user } = input;
      const matching = result.items.filter(
        (alert) =>
          (incidentId === undefined || alert.incidentId === incidentId) &&
          (user === undefined || alertMentionsUser(alert, user)),
      );
      const sorted = [...matching].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      const data: AlertList = {
        alerts: sorted.slice(0, input.top),
        truncated: result.truncated || sorted.length > input.top,
        scanned: result.items.length,
      };
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
