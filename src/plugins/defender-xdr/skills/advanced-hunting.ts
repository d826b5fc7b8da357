/**
 * Skill `defender-xdr.advancedHunting`: runs a KQL query in Microsoft Defender XDR advanced hunting
 * (`POST /security/runHuntingQuery`, Graph's `{ Query, Timespan }`) after validating it with Microsoft's Kusto
 * parser against the advanced hunting schema; an invalid query is refused with line/column diagnostics and is
 * never sent. The result keeps the query, the first rows and a count, like Sentinel's hunts. A query the
 * service refuses (HTTP 400) fails with the service's own words. Read-only: advanced hunting cannot change data.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { huntingQueryResultsSchema } from '../../../clients/graph-hunting-resources.js';
import { DEFENDER_HUNTING_SCHEMA } from '../../../clients/kql/defender-hunting-schema.js';
import { describeKqlDiagnostics, validateKql } from '../../../clients/kql/parse-kql.js';
import { InvalidInputError, SourceUnavailableError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';

/** How many rows the skill hands on (the count says how many there were). */
export const MAX_HUNTING_ROWS = 50;
/** Advanced hunting keeps 30 days of data. */
const MAX_HOURS = 24 * 30;
const PATH = '/security/runHuntingQuery';

/** An advanced hunting query's result, in the same shape as a Sentinel hunt's. */
export interface AdvancedHuntingResult {
  query: string;
  /** ISO 8601 duration sent as `Timespan`, e.g. `P7D`, `PT24H`. */
  timespan: string;
  /** Types as Defender names them (`DateTime`, `String`, `Int64` ...). */
  columns: { name: string; type: string }[];
  /** At most MAX_HUNTING_ROWS rows. */
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
}

/** `P7D` for whole days, `PT36H` otherwise. */
export function huntingTimespan(hours: number): string {
  return hours % 24 === 0 ? `P${hours / 24}D` : `PT${hours}H`;
}

/** The `defender-xdr.advancedHunting` skill on `graph`. */
export function advancedHuntingSkill(graph: GraphClient) {
  return defineSkill({
    name: 'advancedHunting',
    description:
      'Runs a KQL query in Microsoft Defender XDR advanced hunting (tables DeviceProcessEvents, DeviceNetworkEvents, DeviceLogonEvents, DeviceFileEvents, DeviceInfo, EmailEvents, IdentityLogonEvents, AlertInfo, AlertEvidence; time column `Timestamp`) over the last `hours`, after validating it against the advanced hunting schema.',
    input: z.object({
      query: z.string().trim().min(1).max(10_000),
      hours: z.number().int().min(1).max(MAX_HOURS).default(24),
    }),
    async run(input, context) {
      const errors = validateKql(input.query, DEFENDER_HUNTING_SCHEMA);
      if (errors.length > 0) {
        throw new InvalidInputError(
          `The KQL query is not valid against the Defender XDR advanced hunting schema, so it was not run:\n${describeKqlDiagnostics(errors)}`,
        );
      }
      const timespan = huntingTimespan(input.hours);
      const requests = [
        `${graph.describe('POST', PATH)} (${timespan}): ${input.query.replace(/\s+/g, ' ').trim()}`,
      ];
      let results: z.output<typeof huntingQueryResultsSchema> | undefined;
      try {
        results = await graph.post(
          PATH,
          { Query: input.query, Timespan: timespan },
          huntingQueryResultsSchema,
          { signal: context.signal },
        );
      } catch (error) {
        throw refusedByService(error) ?? error;
      }
      if (results === undefined) {
        throw new SourceUnavailableError('Microsoft Graph answered advanced hunting without a result.');
      }
      const data: AdvancedHuntingResult = {
        query: input.query,
        timespan,
        columns: results.schema,
        rows: results.results.slice(0, MAX_HUNTING_ROWS),
        rowCount: results.results.length,
        truncated: results.results.length > MAX_HUNTING_ROWS,
      };
      return { data, requests };
    },
  });
}

/**
 * A 400 from advanced hunting says why the query was not run (a syntax error, a limit, a part the service
 * does not support): that message, rather than the Graph client's generic "rejected the request".
 */
function refusedByService(error: unknown): SourceUnavailableError | undefined {
  if (!(error instanceof SourceUnavailableError) || error.status !== 400) return undefined;
  const cause = error.cause as { message?: unknown } | undefined;
  const message =
    typeof cause?.message === 'string' && cause.message.trim() ? cause.message.trim() : undefined;
  return new SourceUnavailableError(
    `Microsoft Defender XDR refused the query (HTTP 400)${message ? `: ${message.replace(/\.$/, '')}` : ''}.`,
    { cause: error, status: 400 },
  );
}
