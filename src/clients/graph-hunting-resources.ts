/**
 * Zod schemas for Microsoft Graph's advanced hunting action, `POST /security/runHuntingQuery`, as the v1.0
 * reference documents it: the request body `{ Query, Timespan? }` and the `microsoft.graph.security.huntingQueryResults`
 * it answers with, `{ schema: singlePropertySchema[], results: huntingRowResult[] }`. The reference shows the
 * schema's members both as `name`/`type` and as `Name`/`Type`; both are read, and a column is always returned
 * as `{ name, type }`. One schema, both sides: the demo tenant answers with the same shape.
 * It never talks HTTP and never interprets a row.
 */
import { z } from 'zod/v4';

/** The body of `POST /security/runHuntingQuery`: the KQL query and an optional ISO 8601 timespan. */
export const huntingQueryRequestSchema = z.object({
  Query: z.string().min(1),
  /** `P7D`, `PT24H`, `start/end`, `duration/end`, `start/duration` or a start time; 30 days when absent. */
  Timespan: z.string().min(1).optional(),
});
export type HuntingQueryRequest = z.infer<typeof huntingQueryRequestSchema>;

/** `microsoft.graph.security.singlePropertySchema`, normalised to `{ name, type }` (`type` as Defender names it: `DateTime`, `String`, `Int64` ...). */
export const huntingColumnSchema = z
  .looseObject({
    name: z.string().optional(),
    type: z.string().optional(),
    Name: z.string().optional(),
    Type: z.string().optional(),
  })
  .transform((column, context) => {
    const name = column.name ?? column.Name;
    if (name === undefined) {
      context.addIssue({ code: 'custom', message: 'a result column has no name' });
      return z.NEVER;
    }
    return { name, type: column.type ?? column.Type ?? 'Object' };
  });

/** `microsoft.graph.security.huntingQueryResults`. */
export const huntingQueryResultsSchema = z.object({
  schema: z.array(huntingColumnSchema),
  results: z.array(z.record(z.string(), z.unknown())),
});
export type HuntingQueryResults = z.infer<typeof huntingQueryResultsSchema>;
