/**
 * Ward's Log Analytics (Microsoft Sentinel) client: runs one KQL query against a workspace through
 * `@azure/monitor-query-logs`' LogsQueryClient, with a deadline, the SDK's retries, and zod validation of the
 * result; rows come back as records keyed by column name, datetimes as ISO 8601 text. Failures become
 * SourceUnavailableErrors that say in words what went wrong (the service's own message for a bad query).
 *
 * Reaching the loopback demo tenant: Azure SDK pipelines refuse bearer tokens over http, and refuse http at all
 * unless `allowInsecureConnection` is set. So for an http base URL (accepted only on loopback) the client is
 * built with a credential that is never asked for a token, `allowInsecureConnection: true`, and the SDK's
 * `bearerTokenAuthenticationPolicy` removed from its pipeline: no token ever travels over http. Over https a
 * real credential is required and the pipeline is left as the SDK builds it.
 * It never returns rows it could not validate and never sends a token anywhere but https.
 */
import type { TokenCredential } from '@azure/identity';
import { LogsQueryClient, LogsQueryResultStatus } from '@azure/monitor-query-logs';
import { z } from 'zod/v4';
import { ConfigError, SourceUnavailableError } from '../core/errors.js';
import { logAnalyticsErrorSchema } from './log-analytics-resources.js';
import { isLoopbackUrl } from './loopback-url.js';

/** How to build a Log Analytics client. */
export interface LogAnalyticsClientOptions {
  /** `https://api.loganalytics.io`, or the demo tenant's `http://127.0.0.1:<port>/loganalytics` (loopback only). */
  baseUrl: string;
  /** Required for https; with an http (loopback) base URL it is ignored and no token is sent. */
  credential?: TokenCredential;
  /** Deadline for one query, every retry included. */
  timeoutMs: number;
  /** Retries after the first attempt (the SDK's retry policy: 429 and 5xx, Retry-After honoured). */
  maxRetries: number;
}

/** Options of one query. */
export interface LogAnalyticsQueryOptions {
  /** ISO 8601 duration the query covers, ending now, e.g. `PT24H`, `P7D`. */
  timespan: string;
  signal?: AbortSignal;
}

/** A query's primary result: columns and rows as records. */
export interface LogAnalyticsTable {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** The service returned only part of the result (its message), e.g. a limit was hit. */
  partialError?: string;
}

/** A Log Analytics query client. */
export interface LogAnalyticsClient {
  readonly baseUrl: string;
  /** Runs `query` against `workspaceId` over `timespan`. */
  query(workspaceId: string, query: string, options: LogAnalyticsQueryOptions): Promise<LogAnalyticsTable>;
  /** How a query is cited, e.g. `POST /v1/workspaces/{id}/query (PT24H): SigninLogs | ...`. */
  describe(workspaceId: string, query: string, timespan: string): string;
}

const tableSchema = z.object({
  name: z.string(),
  columnDescriptors: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
});

const noTokenCredential: TokenCredential = {
  getToken() {
    throw new Error('No token is ever requested for a loopback http Log Analytics endpoint.');
  },
};

/** The service's message for a failed call (the innermost `innererror` says most). */
function serviceMessage(error: unknown): { status?: number; message?: string } {
  const e = error as { statusCode?: unknown; details?: unknown; response?: { bodyAsText?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  // The SDK puts the deserialised error body on `details`; fall back to the raw text.
  let body: unknown = e.details;
  if (body === undefined && typeof e.response?.bodyAsText === 'string') {
    try {
      body = JSON.parse(e.response.bodyAsText);
    } catch {
      body = undefined;
    }
  }
  const parsed = logAnalyticsErrorSchema.safeParse(body);
  if (!parsed.success) return { status };
  let message = parsed.data.error.message;
  let inner = parsed.data.error.innererror;
  while (inner !== undefined) {
    message = inner.message;
    inner = inner.innererror;
  }
  return { status, message };
}

/** Creates a Log Analytics client. Validates options at construction and throws ConfigError if they are unsafe. */
export function createLogAnalyticsClient(options: LogAnalyticsClientOptions): LogAnalyticsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (error) {
    throw new ConfigError(`The Log Analytics base URL "${options.baseUrl}" is not a URL.`, { cause: error });
  }
  const loopbackHttp = base.protocol === 'http:' && isLoopbackUrl(base);
  if (base.protocol !== 'https:' && !loopbackHttp) {
    throw new ConfigError(
      `The Log Analytics base URL must use https (got "${baseUrl}"); http is allowed only on loopback (the demo tenant), and then without a token.`,
    );
  }
  if (!loopbackHttp && options.credential === undefined) {
    throw new ConfigError(`The Log Analytics base URL ${baseUrl} is https but no credential was given.`);
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new ConfigError('The Log Analytics client needs a positive timeoutMs.');
  }
  const client = new LogsQueryClient(loopbackHttp ? noTokenCredential : options.credential!, {
    endpoint: `${baseUrl}/v1`,
    allowInsecureConnection: loopbackHttp,
    retryOptions: { maxRetries: options.maxRetries },
  });
  if (loopbackHttp) client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });

  return {
    baseUrl,
    describe: (workspaceId, query, timespan) =>
      `POST /v1/workspaces/${workspaceId}/query (${timespan}): ${query.replace(/\s+/g, ' ').trim()}`,
    async query(workspaceId, query, { timespan, signal }) {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const abortSignal = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
      let result: Awaited<ReturnType<LogsQueryClient['queryWorkspace']>>;
      try {
        result = await client.queryWorkspace(workspaceId, query, { duration: timespan }, { abortSignal });
      } catch (error) {
        if (signal?.aborted) throw error;
        if (deadline.aborted) {
          throw new SourceUnavailableError(
            `Log Analytics did not answer within ${Math.round(options.timeoutMs / 1000)} s.`,
            { cause: error },
          );
        }
        const { status, message } = serviceMessage(error);
        const hint =
          status === 401 || status === 403
            ? " Check Ward's access to the workspace (Log Analytics Reader) and its credential."
            : status === 404
              ? ` Check the workspace id ${workspaceId}.`
              : '';
        throw new SourceUnavailableError(
          `Log Analytics refused the query${status === undefined ? '' : ` (HTTP ${status})`}: ${(message ?? (error instanceof Error ? error.message : String(error))).replace(/\.$/, '')}.${hint}`,
          { cause: error, status },
        );
      }
      const partialError =
        result.status === LogsQueryResultStatus.PartialFailure ? result.partialError.message : undefined;
      const tables =
        result.status === LogsQueryResultStatus.PartialFailure ? result.partialTables : result.tables;
      const parsed = z.array(tableSchema).safeParse(tables);
      if (!parsed.success || parsed.data[0] === undefined) {
        throw new SourceUnavailableError('Log Analytics answered with a result Ward could not read.', {
          cause: parsed.error,
        });
      }
      const table = parsed.data[0];
      const rows = table.rows.map((row) =>
        Object.fromEntries(
          table.columnDescriptors.map((c, i) => {
            const value = row[i];
            return [c.name, value instanceof Date ? value.toISOString() : (value ?? null)];
          }),
        ),
      );
      return {
        columns: table.columnDescriptors,
        rows,
        ...(partialError === undefined ? {} : { partialError }),
      };
    },
  };
}
