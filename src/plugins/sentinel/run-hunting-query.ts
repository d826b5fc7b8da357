/**
 * Validates a KQL query against the Sentinel workspace schema and, only when the parser finds no error, runs
 * it through the Log Analytics client; the result keeps the query (shown on the card with "Run again"), the
 * first rows, and a count. An invalid query is refused with the parser's diagnostics and is never sent.
 * It never changes the query it is given.
 */

import { SENTINEL_WORKSPACE_SCHEMA } from '../../clients/kql/kql-workspace-schema.js';
import { describeKqlDiagnostics, validateKql } from '../../clients/kql/parse-kql.js';
import type { LogAnalyticsClient } from '../../clients/log-analytics.js';
import { InvalidInputError } from '../../core/errors.js';
import type { PluginCallContext, SkillOutput } from '../types.js';
import type { HuntingQuery } from './hunting-queries.js';

/** How many rows a skill hands on (the count says how many there were). */
export const MAX_RESULT_ROWS = 50;

/** A hunting query's result. */
export interface HuntingResult {
  query: string;
  timespan: string;
  columns: { name: string; type: string }[];
  /** At most MAX_RESULT_ROWS rows. */
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  /** The service returned only part of the result. */
  partialError?: string;
}

/** What running a query needs. */
export interface HuntingTarget {
  logs: LogAnalyticsClient;
  workspaceId: string;
}

/** Validates then runs `hunt`; throws InvalidInputError with the diagnostics when the query is invalid. */
export async function runHuntingQuery(
  target: HuntingTarget,
  hunt: HuntingQuery,
  context: PluginCallContext,
): Promise<SkillOutput<HuntingResult>> {
  const errors = validateKql(hunt.query, SENTINEL_WORKSPACE_SCHEMA);
  if (errors.length > 0) {
    throw new InvalidInputError(
      `The KQL query is not valid against the Sentinel workspace schema, so it was not run:\n${describeKqlDiagnostics(errors)}`,
    );
  }
  const table = await target.logs.query(target.workspaceId, hunt.query, {
    timespan: hunt.timespan,
    signal: context.signal,
  });
  return {
    data: {
      query: hunt.query,
      timespan: hunt.timespan,
      columns: table.columns,
      rows: table.rows.slice(0, MAX_RESULT_ROWS),
      rowCount: table.rows.length,
      truncated: table.rows.length > MAX_RESULT_ROWS,
      ...(table.partialError === undefined ? {} : { partialError: table.partialError }),
    },
    requests: [target.logs.describe(target.workspaceId, hunt.query, hunt.timespan)],
  };
}
