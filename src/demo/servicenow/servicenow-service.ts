/**
 * The demo tenant's ServiceNow Table API under `/servicenow` (Ward's base URL is `${url}/servicenow`, as it
 * would be `https://contoso.service-now.com`): `GET /api/now/table/{table}` with `sysparm_query`,
 * `sysparm_limit`/`sysparm_offset` (with `Link` and `X-Total-Count` headers), `sysparm_fields`,
 * `sysparm_display_value`, `sysparm_exclude_reference_link`; `GET .../{sys_id}`; `POST` (201, a new `number`
 * INC00xxxxx and `sys_id`, `Location`); `PUT`/`PATCH` on `incident`. Tables: `incident`, `sys_user`,
 * `sys_user_group`, and `sys_journal_field` (the comments and work notes written to incidents, read-only;
 * a write's `comments`/`work_notes` append to it). Basic authentication with the documented
 * demo account (anything else: 401 as ServiceNow answers). Errors are
 * `{ "error": { "message", "detail" }, "status": "failure" }`.
 * Writes change state the next question sees; it never deletes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DemoClock } from '../demo-clock.js';
import type { DemoService, DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { SeededRandom } from '../seed/seeded-random.js';
import { SERVICENOW_DEMO_CREDENTIALS } from './servicenow-demo-credentials.js';
import { ServiceNowHttpError, serviceNowErrorBody } from './servicenow-error.js';
import { matchesQuery, orderRecords, parseEncodedQuery } from './servicenow-query.js';
import { type DisplayMode, formatRecord, queryValue, type RecordFormat } from './servicenow-records.js';
import type { DemoServiceNowIncident } from './servicenow-state.js';
import { incidentPriority, SERVICENOW_TABLES, type TableDefinition } from './servicenow-tables.js';

/** `sysparm_limit` when none is given (ServiceNow's default). */
const DEFAULT_LIMIT = 10_000;
const NO_RECORD = () =>
  new ServiceNowHttpError(
    404,
    'No Record found',
    "Record doesn't exist or ACL restricts the record retrieval",
  );

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function authenticate(request: DemoServiceRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (match !== null) {
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (
      colon > 0 &&
      sameText(username, SERVICENOW_DEMO_CREDENTIALS.username) &&
      sameText(password, SERVICENOW_DEMO_CREDENTIALS.password)
    ) {
      return username;
    }
  }
  throw new ServiceNowHttpError(401, 'User Not Authenticated', 'Required to provide Auth information', {
    headers: { 'WWW-Authenticate': 'Basic realm="Service-now"' },
  });
}

function recordFormat(request: DemoServiceRequest, table: TableDefinition, driftMs: number): RecordFormat {
  const displayParam = (request.query.get('sysparm_display_value') ?? 'false').toLowerCase();
  const display: DisplayMode = displayParam === 'true' || displayParam === 'all' ? displayParam : 'false';
  const fieldsParam = request.query.get('sysparm_fields');
  const fields =
    fieldsParam === null || fieldsParam.trim() === ''
      ? undefined
      : fieldsParam
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f in table.fields);
  return {
    display,
    excludeReferenceLink:
      (request.query.get('sysparm_exclude_reference_link') ?? '').toLowerCase() === 'true',
    fields,
    serviceRoot: request.serviceRoot,
    driftMs,
  };
}

function readInteger(value: string | null, fallback: number): number {
  if (value === null || !/^\d{1,9}$/.test(value.trim())) return fallback;
  return Number.parseInt(value, 10);
}

function pageLink(request: DemoServiceRequest, offset: number, limit: number): string {
  const query = new URLSearchParams(request.query);
  query.set('sysparm_limit', String(limit));
  query.set('sysparm_offset', String(offset));
  return `${request.serviceRoot}${request.path}?${query}`;
}

function listRecords(
  request: DemoServiceRequest,
  table: TableDefinition,
  state: DemoTenantState,
  driftMs: number,
): DemoServiceResponse {
  const query = parseEncodedQuery(request.query.get('sysparm_query'));
  const limit = Math.max(1, readInteger(request.query.get('sysparm_limit'), DEFAULT_LIMIT));
  const offset = readInteger(request.query.get('sysparm_offset'), 0);
  const fieldValue = (record: Record<string, string>, field: string) =>
    queryValue(table, record, field, state.serviceNow, driftMs);
  const matching = orderRecords(
    query,
    table
      .records(state.serviceNow)
      .filter((record) => matchesQuery(query, (field) => fieldValue(record, field))),
    (record, field) => fieldValue(record, field) ?? '',
  );
  const format = recordFormat(request, table, driftMs);
  const page = matching
    .slice(offset, offset + limit)
    .map((r) => formatRecord(table, r, state.serviceNow, format));
  const total = matching.length;
  const headers: Record<string, string> = {};
  if ((request.query.get('sysparm_no_count') ?? '').toLowerCase() !== 'true')
    headers['X-Total-Count'] = String(total);
  if ((request.query.get('sysparm_suppress_pagination_header') ?? '').toLowerCase() !== 'true') {
    const links = [`<${pageLink(request, 0, limit)}>;rel="first"`];
    if (offset > 0) links.push(`<${pageLink(request, Math.max(0, offset - limit), limit)}>;rel="prev"`);
    if (offset + limit < total) links.push(`<${pageLink(request, offset + limit, limit)}>;rel="next"`);
    const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    links.push(`<${pageLink(request, last, limit)}>;rel="last"`);
    headers.Link = links.join(',');
  }
  return { status: 200, headers, body: { result: page } };
}

function findRecord(table: TableDefinition, state: DemoTenantState, sysId: string): Record<string, string> {
  const record = table.records(state.serviceNow).find((r) => r.sys_id === sysId);
  if (record === undefined) throw NO_RECORD();
  return record;
}

function readWriteBody(body: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ServiceNowHttpError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ServiceNowHttpError(
      400,
      'Exception while reading request',
      'The payload must be a JSON object.',
    );
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(json)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      fields[name] = String(value);
    }
  }
  return fields;
}

/** Applies client-writable fields (ServiceNow ignores the others), the journal, and the computed fields. */
function applyWrite(
  incident: DemoServiceNowIncident,
  fields: Record<string, string>,
  state: DemoTenantState,
  clock: DemoClock,
  user: string,
): void {
  const table = SERVICENOW_TABLES.incident!;
  const record = incident as unknown as Record<string, string>;
  const now = clock.toStored(clock.now());
  const before = incident.state;
  for (const [name, value] of Object.entries(fields)) {
    const definition = table.fields[name];
    if (definition === undefined || definition.system) continue;
    if (definition.kind === 'journal') {
      if (value.trim() !== '') {
        state.serviceNow.journal.push({
          element_id: incident.sys_id,
          element: name,
          value,
          sys_created_on: now,
          sys_created_by: user,
        });
      }
      continue;
    }
    record[name] = value;
  }
  incident.priority = incidentPriority(incident.impact, incident.urgency);
  if (incident.state !== before) {
    if (incident.state === '6' && incident.resolved_at === '') incident.resolved_at = now;
    if (incident.state === '7') {
      if (incident.resolved_at === '') incident.resolved_at = now;
      if (incident.closed_at === '') incident.closed_at = now;
    }
  }
  incident.active = ['6', '7', '8'].includes(incident.state) ? 'false' : 'true';
  incident.sys_updated_on = now;
  incident.sys_updated_by = user;
}

function createIncident(
  request: DemoServiceRequest,
  state: DemoTenantState,
  clock: DemoClock,
  user: string,
): DemoServiceResponse {
  const fields = readWriteBody(request.body);
  const instance = state.serviceNow;
  const number = `INC${String(instance.nextIncidentNumber).padStart(7, '0')}`;
  instance.nextIncidentNumber += 1;
  const now = clock.toStored(clock.now());
  const apiUser = instance.users.find((u) => u.user_name === user);
  const incident: DemoServiceNowIncident = {
    // Ids of created records depend on the seed and the number only: a replayed demo gets the same ones.
    sys_id: SeededRandom.stream(state.seed, `servicenow:incident:${number}`).hex(32),
    number,
    short_description: '',
    description: '',
    state: '1',
    impact: '3',
    urgency: '3',
    priority: '5',
    severity: '3',
    category: 'inquiry',
    subcategory: '',
    active: 'true',
    caller_id: '',
    opened_by: apiUser?.sys_id ?? '',
    assigned_to: '',
    assignment_group: '',
    cmdb_ci: '',
    contact_type: '',
    correlation_id: '',
    correlation_display: '',
    opened_at: now,
    resolved_at: '',
    closed_at: '',
    close_code: '',
    close_notes: '',
    sys_created_on: now,
    sys_created_by: user,
    sys_updated_on: now,
    sys_updated_by: user,
    sys_mod_count: '0',
    work_notes: '',
    comments: '',
  };
  applyWrite(incident, fields, state, clock, user);
  instance.incidents.push(incident);
  const table = SERVICENOW_TABLES.incident!;
  const result = formatRecord(
    table,
    incident as unknown as Record<string, string>,
    instance,
    recordFormat(request, table, clock.driftMs()),
  );
  return {
    status: 201,
    headers: { Location: `${request.serviceRoot}/api/now/table/incident/${incident.sys_id}` },
    body: { result },
  };
}

function updateIncident(
  request: DemoServiceRequest,
  state: DemoTenantState,
  clock: DemoClock,
  user: string,
  sysId: string,
): DemoServiceResponse {
  const fields = readWriteBody(request.body);
  const incident = state.serviceNow.incidents.find((i) => i.sys_id === sysId);
  if (incident === undefined) throw NO_RECORD();
  applyWrite(incident, fields, state, clock, user);
  incident.sys_mod_count = String(Number.parseInt(incident.sys_mod_count, 10) + 1);
  const table = SERVICENOW_TABLES.incident!;
  const result = formatRecord(
    table,
    incident as unknown as Record<string, string>,
    state.serviceNow,
    recordFormat(request, table, clock.driftMs()),
  );
  return { status: 200, body: { result } };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ServiceNowHttpError(400, 'Requested URI does not represent any resource', null);
  }
}

function answer(request: DemoServiceRequest, state: DemoTenantState, clock: DemoClock): DemoServiceResponse {
  const match = /^\/api\/now\/(?:v\d+\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/.exec(request.path);
  if (match === null) {
    throw new ServiceNowHttpError(400, 'Requested URI does not represent any resource', null);
  }
  const user = authenticate(request);
  const tableName = decodeSegment(match[1]!);
  const sysId = match[2] === undefined ? undefined : decodeSegment(match[2]);
  const table = SERVICENOW_TABLES[tableName];
  if (table === undefined) throw new ServiceNowHttpError(400, `Invalid table ${tableName}`, null);
  const driftMs = clock.driftMs();
  const aclFailure = (operation: string) =>
    new ServiceNowHttpError(
      403,
      'Operation Failed',
      `ACL Exception ${operation} Failed due to security constraints`,
    );
  switch (request.method) {
    case 'GET': {
      if (sysId === undefined) return listRecords(request, table, state, driftMs);
      const record = findRecord(table, state, sysId);
      return {
        status: 200,
        body: {
          result: formatRecord(table, record, state.serviceNow, recordFormat(request, table, driftMs)),
        },
      };
    }
    case 'POST':
      if (sysId !== undefined)
        throw new ServiceNowHttpError(
          405,
          'Method not Supported',
          'POST is supported on the table only, not on a record.',
        );
      if (!table.writable) throw aclFailure('Insert');
      return createIncident(request, state, clock, user);
    case 'PUT':
    case 'PATCH':
      if (sysId === undefined)
        throw new ServiceNowHttpError(
          405,
          'Method not Supported',
          `${request.method} needs a record: /api/now/table/${tableName}/{sys_id}.`,
        );
      if (!table.writable) throw aclFailure('Update');
      return updateIncident(request, state, clock, user, sysId);
    case 'DELETE':
      throw aclFailure('Delete');
    default:
      throw new ServiceNowHttpError(
        405,
        'Method not Supported',
        `${request.method} is not supported by the Table API.`,
      );
  }
}

/** The ServiceNow Table API of the demo tenant. */
export const serviceNowService: DemoService = {
  name: 'ServiceNow',
  prefix: '/servicenow',
  contentType: 'application/json;charset=UTF-8',
  handle(request, { state, clock }) {
    try {
      return answer(request, state, clock);
    } catch (error) {
      if (!ServiceNowHttpError.isInstance(error)) throw error;
      return {
        status: error.status,
        headers: { ...error.headers },
        body: serviceNowErrorBody(error.message, error.detail),
      };
    }
  },
  error(status, message) {
    return {
      status,
      body: serviceNowErrorBody(status >= 500 ? 'Internal Server Error' : 'Bad Request', message),
    };
  },
};
