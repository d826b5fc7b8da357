/**
 * The demo tenant's Log Analytics query API under `/loganalytics` (Ward's base URL is `${url}/loganalytics`,
 * as it would be `https://api.loganalytics.io`): `POST /v1/workspaces/{workspaceId}/query` with
 * `{ query, timespan? }` (and `GET ...?query=`). It executes the documented KQL subset (`run-kql.ts`) over the
 * seeded tables, datetimes slid to the present, and answers `{ tables: [PrimaryResult] }`; a query the parser
 * rejects, or one outside the subset, gets the API's 400 `BadArgumentError` whose `innererror` (`SyntaxError`,
 * `SemanticError`, `NotSupported`) says why; an unknown workspace gets 404 `WorkspaceNotFoundError`; errors
 * have the API's shape, `{ "error": { "message", "code", "correlationId", "innererror"? } }`.
 * It never pretends to have run a query it did not run.
 */
import { randomUUID } from 'node:crypto';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../clients/kql/kql-workspace-schema.js';
import type { DemoClock } from '../demo-clock.js';
import type { DemoService, DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { KqlExecutionError } from './kql-execution-error.js';
import type { DemoLogAnalytics } from './log-analytics-state.js';
import { parseQueryTimespan } from './query-timespan.js';
import { runKql } from './run-kql.js';

interface LogAnalyticsError {
  status: number;
  code: string;
  message: string;
  inner?: { code: string; message: string };
}

function errorResponse(error: LogAnalyticsError): DemoServiceResponse {
  const correlationId = randomUUID();
  return {
    status: error.status,
    headers: { 'x-ms-request-id': correlationId },
    body: {
      error: {
        message: error.message,
        code: error.code,
        correlationId,
        ...(error.inner ? { innererror: { ...error.inner } } : {}),
      },
    },
  };
}

const badArgument = (inner: { code: string; message: string }): LogAnalyticsError => ({
  status: 400,
  code: 'BadArgumentError',
  message: 'The request had some invalid properties',
  inner,
});

function readQuery(request: DemoServiceRequest): { query: unknown; timespan: unknown } | LogAnalyticsError {
  if (request.method === 'GET') {
    return {
      query: request.query.get('query') ?? undefined,
      timespan: request.query.get('timespan') ?? undefined,
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return badArgument({ code: 'InvalidJsonBody', message: 'The request body is not valid JSON.' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badArgument({ code: 'InvalidJsonBody', message: 'The request body must be a JSON object.' });
  }
  const { query, timespan } = body as { query?: unknown; timespan?: unknown };
  return { query, timespan };
}

function answer(
  request: DemoServiceRequest,
  logs: DemoLogAnalytics,
  clock: DemoClock,
): LogAnalyticsError | DemoServiceResponse {
  const match = /^\/v1\/workspaces\/([^/]+)\/query\/?$/i.exec(request.path);
  if (match === null) {
    return {
      status: 404,
      code: 'PathNotFoundError',
      message: `The requested path does not exist: ${request.path}`,
    };
  }
  if (request.method !== 'POST' && request.method !== 'GET') {
    return {
      status: 405,
      code: 'MethodNotAllowed',
      message: `The method ${request.method} is not allowed; use POST (or GET with ?query=).`,
    };
  }
  const workspaceId = safeDecode(match[1]!);
  if (workspaceId.toLowerCase() !== logs.workspace.workspaceId.toLowerCase()) {
    return {
      status: 404,
      code: 'WorkspaceNotFoundError',
      message: `The workspace '${workspaceId}' could not be found. The demo tenant's workspace is ${logs.workspace.workspaceId} (${logs.workspace.name}).`,
    };
  }
  const read = readQuery(request);
  if ('status' in read) return read;
  if (typeof read.query !== 'string' || read.query.trim() === '') {
    return badArgument({
      code: 'QueryValidationError',
      message: "The request is missing the required property 'query'.",
    });
  }
  if (read.timespan !== undefined && typeof read.timespan !== 'string') {
    return badArgument({
      code: 'InvalidTimespan',
      message: "'timespan' must be an ISO 8601 duration or interval.",
    });
  }
  const nowMs = clock.now().getTime();
  const window = read.timespan === undefined ? undefined : parseQueryTimespan(read.timespan, nowMs);
  if (read.timespan !== undefined && window === undefined) {
    return badArgument({
      code: 'InvalidTimespan',
      message: `'timespan' must be an ISO 8601 duration or interval (got '${read.timespan}').`,
    });
  }
  try {
    const table = runKql(read.query, {
      schema: SENTINEL_WORKSPACE_SCHEMA,
      tables: logs.tables,
      nowMs,
      driftMs: clock.driftMs(),
      window,
    });
    return { status: 200, headers: { 'x-ms-request-id': randomUUID() }, body: { tables: [table] } };
  } catch (error) {
    if (!KqlExecutionError.isInstance(error)) throw error;
    return {
      status: 400,
      code: 'BadArgumentError',
      message:
        error.code === 'NotSupported'
          ? 'The query is not supported by the demo tenant.'
          : 'The query could not be parsed or analysed.',
      inner: { code: error.code, message: error.message },
    };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The Log Analytics query API of the demo tenant. */
export const logAnalyticsService: DemoService = {
  name: 'Log Analytics',
  prefix: '/loganalytics',
  contentType: 'application/json; charset=utf-8',
  handle(request, { state, clock }) {
    const result = answer(request, state.logAnalytics, clock);
    return 'code' in result ? errorResponse(result) : result;
  },
  error(status, message) {
    return errorResponse({
      status,
      code: status >= 500 ? 'InternalServerError' : 'BadArgumentError',
      message,
    });
  },
};
