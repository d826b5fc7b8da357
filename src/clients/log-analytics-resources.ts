/**
 * Zod schemas for the Log Analytics query API (`POST /v1/workspaces/{workspaceId}/query`), as the Azure
 * Monitor reference documents it: results as `tables[]` of `columns` and `rows`, errors as the OneAPI error
 * object `{ error: { message, code, correlationId?, innererror? } }`. One schema, both sides: the demo
 * tenant's contract tests parse its answers with these now; the Log Analytics client that arrives with KQL
 * execution will parse real answers with them.
 */
import { z } from 'zod/v4';

/** A OneAPI error's inner error (may nest). */
export interface LogAnalyticsInnerError {
  code: string;
  message: string;
  innererror?: LogAnalyticsInnerError;
}

const innerErrorSchema: z.ZodType<LogAnalyticsInnerError> = z.lazy(() =>
  z.object({
    code: z.string(),
    message: z.string(),
    innererror: innerErrorSchema.optional(),
  }),
);

/** The query API's error body. */
export const logAnalyticsErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.string(),
    correlationId: z.string().optional(),
    innererror: innerErrorSchema.optional(),
  }),
});
export type LogAnalyticsError = z.infer<typeof logAnalyticsErrorSchema>;

/** A query's results: `{ tables: [{ name, columns: [{ name, type }], rows: [[...]] }] }`. */
export const logAnalyticsQueryResultSchema = z.object({
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
      rows: z.array(z.array(z.unknown())),
    }),
  ),
  /** Present on partial results (a non-fatal error during execution). */
  error: logAnalyticsErrorSchema.shape.error.optional(),
});
export type LogAnalyticsQueryResult = z.infer<typeof logAnalyticsQueryResultSchema>;
