/**
 * Skill `threat-intel.tenantSightings`: where indicators appear in this tenant's Microsoft Defender XDR alerts
 * (`GET /security/alerts_v2` over the last days, through Microsoft Graph): IP and URL evidence, command lines,
 * file hashes, alert text for CVEs, with each alert's incident. One call for all the indicators of a
 * question, so the tenant is read once; internal addresses and names are searched too (this is the tenant's own
 * data, not a third party's). Graph cannot filter alerts by evidence: the alerts are listed (newest
 * first, capped) and read by `find-sightings.ts`; a capped list says so. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { queryString } from '../../../clients/odata-literal.js';
import { sightingAlertSchema } from '../../../clients/threat-intel-resources.js';
import { defineSkill } from '../../types.js';
import { findSightings, type IndicatorSightings } from '../find-sightings.js';
import { type Indicator, tenantIndicatorSchema } from '../indicator.js';

/** Where the indicators were seen, and how much of the tenant was read. */
export interface TenantSightings {
  days: number;
  alertsSearched: number;
  /** More alerts existed in the window than were read. */
  truncated: boolean;
  sightings: IndicatorSightings[];
}

/** Alerts read at most per question: a busy tenant's month is capped, and the answer says so. */
export const MAX_ALERTS_SEARCHED = 1_000;
const PAGE_SIZE = 200;

/** `threat-intel.tenantSightings` on `graph`; `now` decides where the window starts. */
export function tenantSightingsSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'tenantSightings',
    description:
      "Where IPs (internal ones too), domains, URLs, file hashes or CVEs appear in this tenant's Microsoft Defender XDR alerts (evidence, command lines, alert text) over the last days, with each alert's incident.",
    input: z.object({
      indicators: z.array(tenantIndicatorSchema).min(1).max(10),
      days: z.number().int().min(1).max(90).default(30),
    }),
    async run(input, context) {
      const since = new Date(now().getTime() - input.days * 86_400_000).toISOString();
      const path = `/security/alerts_v2${queryString({
        $filter: `createdDateTime ge ${since}`,
        $top: PAGE_SIZE,
      })}`;
      const list = await graph.list(path, sightingAlertSchema, {
        signal: context.signal,
        maxItems: MAX_ALERTS_SEARCHED,
      });
      const indicators: Indicator[] = input.indicators;
      const data: TenantSightings = {
        days: input.days,
        alertsSearched: list.items.length,
        truncated: list.truncated,
        sightings: findSightings(list.items, indicators),
      };
      return { data, requests: [graph.describe('GET', path)] };
    },
  });
}
