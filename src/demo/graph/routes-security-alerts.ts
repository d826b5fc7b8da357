/**
 * Defender XDR alerts as Microsoft Graph v1.0 serves them: `GET /security/alerts_v2[/{id}]`, newest first,
 * each with its evidence (users, devices, addresses, processes with their command lines, URLs, mailboxes),
 * `$filter` on severity, status, serviceSource, classification, determination, assignedTo and the two
 * timestamps, 100 per page (`$top` up to 2,000). `POST /security/runHuntingQuery` runs advanced hunting
 * (`{ Query, Timespan }`, 30 days when no timespan) with the demo's KQL subset engine over the Defender tables
 * derived from the tenant (`loganalytics/defender-hunting-tables.ts`), windowed on `Timestamp`, and answers
 * `{ schema, results }`; a query the parser rejects, or one outside the subset, gets Graph's 400 `BadRequest`
 * saying why ("... not supported by the demo tenant").
 * It never updates an alert and never pretends to have run a query it did not run.
 */
import { huntingQueryRequestSchema } from '../../clients/graph-hunting-resources.js';
import {
  DEFENDER_HUNTING_SCHEMA,
  DEFENDER_HUNTING_TIME_COLUMN,
} from '../../clients/kql/defender-hunting-schema.js';
import { defenderHuntingTables } from '../loganalytics/defender-hunting-tables.js';
import { KqlExecutionError } from '../loganalytics/kql-execution-error.js';
import { parseQueryTimespan } from '../loganalytics/query-timespan.js';
import { runKql } from '../loganalytics/run-kql.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { readGraphJsonBody } from './graph-request-body.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const instant: FilterableProperty = { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] };

/** How `/security/alerts_v2` behaves. */
export const ALERTS_COLLECTION: CollectionDefinition = {
  contextPath: 'security/alerts_v2',
  entityType: 'microsoft.graph.security.alert',
  properties: [
    'id',
    'providerAlertId',
    'incidentId',
    'status',
    'severity',
    'classification',
    'determination',
    'serviceSource',
    'detectionSource',
    'productName',
    'detectorId',
    'tenantId',
    'title',
    'description',
    'recommendedActions',
    'category',
    'assignedTo',
    'alertWebUrl',
    'incidentWebUrl',
    'actorDisplayName',
    'threatDisplayName',
    'threatFamilyName',
    'mitreTechniques',
    'createdDateTime',
    'lastUpdateDateTime',
    'resolvedDateTime',
    'firstActivityDateTime',
    'lastActivityDateTime',
    'comments',
    'evidence',
    'systemTags',
    'alertPolicyId',
    'additionalData',
  ],
  alwaysProperties: ['@odata.type'],
  filterable: {
    id: exact,
    assignedTo: exact,
    classification: exact,
    determination: exact,
    severity: exact,
    status: exact,
    serviceSource: exact,
    createdDateTime: instant,
    lastUpdateDateTime: instant,
  },
  orderable: ['createdDateTime', 'lastUpdateDateTime'],
  defaultOrderBy: [{ property: 'createdDateTime', descending: true }],
  defaultPageSize: 100,
  maxPageSize: 2000,
};

/** `GET /security/alerts_v2` */
export function listAlerts(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    ALERTS_COLLECTION,
    context.state.securityAlerts.map((a) => slideDateTimes(a, driftMs)),
  );
}

/** `GET /security/alerts_v2/{id}` */
export function getAlert(request: GraphRequest, context: GraphRouteContext, id: string): GraphResponse {
  const alert = context.state.securityAlerts.find((a) => a.id === id);
  if (alert === undefined) {
    throw new GraphHttpError(404, 'NotFound', `Alert ${id} was not found.`);
  }
  return getEntity(request, ALERTS_COLLECTION, slideDateTimes(alert, context.clock.driftMs()));
}

/** Advanced hunting's default window when the request names none. */
const DEFAULT_HUNTING_DAYS = 30;

/** How advanced hunting names a KQL type in a result's `schema`. */
const HUNTING_TYPES: Readonly<Record<string, string>> = {
  string: 'String',
  datetime: 'DateTime',
  long: 'Int64',
  int: 'Int32',
  bool: 'Boolean',
  real: 'Double',
  guid: 'Guid',
  timespan: 'TimeSpan',
  dynamic: 'Object',
};

/** `POST /security/runHuntingQuery` */
export function runHuntingQuery(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const body = readGraphJsonBody(request, huntingQueryRequestSchema);
  const nowMs = context.clock.now().getTime();
  const window = huntingWindow(body.Timespan, nowMs);
  if (window === undefined) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Timespan must be an ISO 8601 duration, interval or start time (got '${body.Timespan}').`,
    );
  }
  let table: ReturnType<typeof runKql>;
  try {
    table = runKql(body.Query, {
      schema: DEFENDER_HUNTING_SCHEMA,
      tables: defenderHuntingTables(context.state),
      nowMs,
      driftMs: context.clock.driftMs(),
      window,
      timeColumn: DEFENDER_HUNTING_TIME_COLUMN,
    });
  } catch (error) {
    if (!KqlExecutionError.isInstance(error)) throw error;
    throw new GraphHttpError(
      400,
      'BadRequest',
      error.code === 'NotSupported'
        ? `The query is not supported by the demo tenant. ${error.message}`
        : `The query could not be parsed or analysed: ${error.message}`,
      { cause: error },
    );
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${request.serviceRoot}/$metadata#microsoft.graph.security.huntingQueryResults`,
      schema: table.columns.map((column) => ({
        name: column.name,
        type: HUNTING_TYPES[column.type] ?? 'Object',
      })),
      results: table.rows.map((values) =>
        Object.fromEntries(table.columns.map((column, index) => [column.name, values[index] ?? null])),
      ),
    },
  };
}

/** The window a `Timespan` names (Graph also takes a lone start time, ending now); 30 days when absent. */
function huntingWindow(
  timespan: string | undefined,
  nowMs: number,
): { startMs: number; endMs: number } | undefined {
  if (timespan === undefined) return { startMs: nowMs - DEFAULT_HUNTING_DAYS * 86_400_000, endMs: nowMs };
  const window = parseQueryTimespan(timespan, nowMs);
  if (window !== undefined) return window;
  const start = /^\d{4}-\d{2}-\d{2}T/.test(timespan) ? Date.parse(timespan) : Number.NaN;
  return Number.isNaN(start) ? undefined : { startMs: start, endMs: nowMs };
}
