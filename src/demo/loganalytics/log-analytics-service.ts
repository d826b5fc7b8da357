/**
 * The demo tenant's Log Analytics query API under `/loganalytics` (Ward's base URL is `${url}/loganalytics`,
 * as it would be `https://api.loganalytics.io`): `POST /v1/workspaces/{workspaceId}/query` with
 * `{ query, timespan? }` (and `GET ...?query=`). It does not execute KQL yet: a well-formed query against the
 * demo workspace gets the API's 400 `BadArgumentError` with an `innererror` that says so; an unknown workspace
 * gets 404 `WorkspaceNotFoundError`; errors have the API's shape, `{ "error": { "message", "code",
 * "correlationId", "innererror"? } }`. The seeded tables are in state for the KQL slice to come.
 * It never pretends to have run a query.
 */
import { randomUUID } from 'node:crypto';
import type { DemoService, DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import type { DemoLogAnalytics } from './log-analytics-state.js';

/** What the demo tenant says instead of running a query. */
export const KQL_NOT_SUPPORTED = 'KQL query execution is not supported by the demo tenant yet';

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

function answer(request: DemoServiceRequest, logs: DemoLogAnalytics): LogAnalyticsError {
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
  return {
    status: 400,
    code: 'BadArgumentError',
    message: 'The demo tenant cannot run this query: it does not execute KQL yet.',
    inner: { code: 'NotSupported', message: KQL_NOT_SUPPORTED },
  };
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
  handle(request, { state }) {
    return errorResponse(answer(request, state.logAnalytics));
  },
  error(status, message) {
    return errorResponse({
      status,
      code: status >= 500 ? 'InternalServerError' : 'BadArgumentError',
      message,
    });
  },
};
