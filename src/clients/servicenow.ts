/**
 * Ward's ServiceNow client for the incident table and its journal (Table API: `incident`, and
 * `sys_journal_field` for comments and work notes): basic authentication, a deadline on every call, retries
 * with `Retry-After` or jittered exponential backoff for reads, `Link`/offset paging with a cap, and zod
 * validation of every response. Incidents are read with raw values, or with display values too (names of
 * references, labels of choices) for answers; a number is looked up through an encoded query built by
 * `servicenow-encoded-query.ts`, never pasted into one. Failures surface as WardErrors that say in words what
 * went wrong. Hand-rolled on Node's fetch and cockatiel, like the ARM client: ServiceNow publishes no Node SDK.
 *
 * Writes (create, update) are never resent after a dropped connection or a timeout: the incident may exist
 * already, and a second one would be a duplicate ticket. They are retried only on a 429, or a 503 with
 * `Retry-After`, where ServiceNow says it did nothing. The Table API has no idempotency keys of its own;
 * `createIncident` sends its key as an `Idempotency-Key` header (ignored by a plain instance, honoured by a
 * gateway that supports it) and names the unknown outcome in its error, so the caller can check first.
 * It never sends the password over plain http except to loopback (the demo tenant), and never follows a
 * paging link to another host.
 */
import { z } from 'zod/v4';
import { ConfigError, InvalidInputError, NotFoundError, SourceUnavailableError } from '../core/errors.js';
import { explainCallFailure } from './explain-call-failure.js';
import { HttpCallFailure } from './http-call-failure.js';
import { linkFromHeader } from './link-header.js';
import { isLoopbackUrl } from './loopback-url.js';
import { relativeLink } from './relative-link.js';
import {
  type HttpReply,
  type PreparedRequest,
  type RetryMode,
  sendWithRetries,
} from './send-with-retries.js';
import { encodedQuery } from './servicenow-encoded-query.js';
import {
  incidentNumberSchema,
  type ServiceNowDisplayedIncident,
  type ServiceNowIncident,
  type ServiceNowIncidentInput,
  type ServiceNowIncidentUpdate,
  type ServiceNowJournalEntry,
  serviceNowDisplayedIncidentSchema,
  serviceNowErrorSchema,
  serviceNowIncidentInputSchema,
  serviceNowIncidentSchema,
  serviceNowIncidentUpdateSchema,
  serviceNowJournalEntrySchema,
  serviceNowListSchema,
  serviceNowResultSchema,
  sysIdSchema,
} from './servicenow-resources.js';

/** How to build a ServiceNow client. */
export interface ServiceNowClientOptions {
  /** `https://<instance>.service-now.com`, or the demo tenant's `http://127.0.0.1:<port>/servicenow`. */
  baseUrl: string;
  /** A ServiceNow user with the `itil` role (basic authentication). */
  auth: { username: string; password: string };
  /** Deadline for one call, including every retry and wait. */
  timeoutMs: number;
  /** Retries after the first attempt, for what is safe to retry. */
  maxRetries: number;
}

/** Options of one call. */
export interface ServiceNowCallOptions {
  signal?: AbortSignal;
}

/** Options of `listIncidents`. */
export interface ServiceNowListOptions extends ServiceNowCallOptions {
  /** Records per page (`sysparm_limit`, default 100). */
  limit?: number;
  /** Stop after this many records (default 500). */
  maxItems?: number;
  /** Only these fields (`sysparm_fields`); `sys_id` and `number` are always included. */
  fields?: readonly string[];
}

/** Which incident: its number (`INC0010001`, as analysts paste it) or its sys_id. */
export type ServiceNowIncidentReference = { number: string } | { sysId: string };

/** Options of `createIncident`. */
export interface ServiceNowCreateOptions extends ServiceNowCallOptions {
  /** The action's idempotency key (e.g. the pending action id). */
  idempotencyKey: string;
}

/** Records read across pages. */
export interface ServiceNowList<T> {
  items: T[];
  /** More records existed than `maxItems`. */
  truncated: boolean;
  pages: number;
  /** `X-Total-Count`, when the instance sent it. */
  total?: number;
}

/** A ServiceNow incident-table client. */
export interface ServiceNowClient {
  readonly baseUrl: string;
  /** Incidents matching an encoded query (see `servicenow-encoded-query.ts`), following pages. */
  listIncidents(query: string, options?: ServiceNowListOptions): Promise<ServiceNowList<ServiceNowIncident>>;
  /** One incident by sys_id; NotFoundError if there is none. */
  getIncident(sysId: string, options?: ServiceNowCallOptions): Promise<ServiceNowIncident>;
  /**
   * One incident by number or sys_id with display values (the caller's and the group's names, choice
   * labels); NotFoundError if there is none.
   */
  readIncident(
    reference: ServiceNowIncidentReference,
    options?: ServiceNowCallOptions,
  ): Promise<ServiceNowDisplayedIncident>;
  /** Incidents matching an encoded query, with display values, following pages. */
  listDisplayedIncidents(
    query: string,
    options?: ServiceNowListOptions,
  ): Promise<ServiceNowList<ServiceNowDisplayedIncident>>;
  /** Journal entries (`sys_journal_field`: comments and work notes) matching an encoded query; no projection. */
  listJournalEntries(
    query: string,
    options?: ServiceNowListOptions,
  ): Promise<ServiceNowList<ServiceNowJournalEntry>>;
  /** Opens an incident; never resent once it may have reached ServiceNow. */
  createIncident(
    fields: ServiceNowIncidentInput,
    options: ServiceNowCreateOptions,
  ): Promise<ServiceNowIncident>;
  /** Changes an incident (PATCH); never resent once it may have reached ServiceNow. */
  updateIncident(
    sysId: string,
    fields: ServiceNowIncidentUpdate,
    options?: ServiceNowCallOptions,
  ): Promise<ServiceNowIncident>;
}

const SERVICE = 'ServiceNow';
const TABLE_PATH = '/api/now/table/incident';
const JOURNAL_PATH = '/api/now/table/sys_journal_field';
const ACCESS_HINT =
  'check the ServiceNow user name and password Ward uses, and that the user has the itil role.';
const JOURNAL_ACCESS_HINT =
  'check the ServiceNow user name and password Ward uses, and that the user may read sys_journal_field (the itil role, or a read ACL on it).';
/** Raw values, references as bare sys_ids: what `serviceNowIncidentSchema` reads. */
const RAW_VALUES = { sysparm_display_value: 'false', sysparm_exclude_reference_link: 'true' } as const;
/** Raw and display values (`{ display_value, value }`): what `serviceNowDisplayedIncidentSchema` reads. */
const DISPLAY_VALUES = { sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' } as const;

/** Creates a ServiceNow client. Validates options at construction and throws ConfigError if they are unsafe. */
export function createServiceNowClient(options: ServiceNowClientOptions): ServiceNowClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (error) {
    throw new ConfigError(`The ServiceNow base URL "${options.baseUrl}" is not a URL.`, { cause: error });
  }
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopbackUrl(base))) {
    throw new ConfigError(
      `The ServiceNow base URL must use https (got "${baseUrl}"); http is allowed only on loopback (the demo tenant).`,
    );
  }
  const { username, password } = options.auth;
  if (username === '' || username.includes(':') || password === '') {
    throw new ConfigError('ServiceNow needs a user name (without ":") and a password.');
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new ConfigError('The ServiceNow client needs a positive timeoutMs.');
  }
  const authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

  async function call(
    method: PreparedRequest['method'],
    path: string,
    body: unknown,
    mode: RetryMode,
    signal: AbortSignal | undefined,
    extraHeaders: Record<string, string> = {},
    accessHint = ACCESS_HINT,
  ): Promise<{ reply: HttpReply; data: unknown }> {
    const what = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization,
      ...extraHeaders,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let reply: HttpReply;
    try {
      reply = await sendWithRetries(
        async () => ({
          url: `${baseUrl}${path}`,
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, mode, signal },
      );
    } catch (error) {
      throw explainCallFailure(error, {
        service: SERVICE,
        what,
        mode,
        accessHint,
        serviceError: readServiceNowError(error),
      });
    }
    try {
      return { reply, data: JSON.parse(reply.body) };
    } catch (error) {
      throw new SourceUnavailableError(`${SERVICE} returned data Ward could not read for ${what}.`, {
        cause: error,
      });
    }
  }

  function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
    const result = schema.safeParse(data);
    if (!result.success) {
      throw new SourceUnavailableError(`${SERVICE} returned data Ward could not read for ${what}.`, {
        cause: result.error,
      });
    }
    return result.data;
  }

  const single = serviceNowResultSchema(serviceNowIncidentSchema);
  const displayedSingle = serviceNowResultSchema(serviceNowDisplayedIncidentSchema);

  /** Reads `table` records matching `query` across pages (`Link`, else offset), up to `maxItems`. */
  async function readPages<S extends z.ZodType>(
    table: string,
    record: S,
    query: string,
    display: Readonly<Record<string, string>>,
    listOptions: ServiceNowListOptions | undefined,
    accessHint = ACCESS_HINT,
  ): Promise<ServiceNowList<z.output<S>>> {
    const limit = listOptions?.limit ?? 100;
    const maxItems = listOptions?.maxItems ?? 500;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new InvalidInputError('A ServiceNow page holds 1 to 10,000 records.');
    }
    const page = serviceNowListSchema(record);
    const params = new URLSearchParams({
      sysparm_query: query,
      sysparm_limit: String(limit),
      sysparm_offset: '0',
      ...display,
    });
    if (listOptions?.fields) {
      params.set('sysparm_fields', [...new Set(['sys_id', 'number', ...listOptions.fields])].join(','));
    }
    const items: z.output<S>[] = [];
    const visited = new Set<string>();
    let next: string | undefined = `${table}?${params}`;
    let offset = 0;
    let pages = 0;
    let total: number | undefined;
    while (next !== undefined) {
      if (visited.has(next)) {
        throw new SourceUnavailableError(
          `${SERVICE} sent a next-page link to a page already read (GET ${table}); not followed.`,
        );
      }
      visited.add(next);
      const { reply, data } = await call('GET', next, undefined, 'read', listOptions?.signal, {}, accessHint);
      const records = parse(page, data, `GET ${table}`).result as z.output<S>[];
      pages += 1;
      items.push(...records);
      total = readTotal(reply.headers) ?? total;
      const link = linkFromHeader(reply.headers.get('link'), 'next');
      if (items.length >= maxItems) {
        const more = link !== undefined || (total !== undefined && total > items.length);
        return {
          items: items.slice(0, maxItems),
          truncated: items.length > maxItems || more,
          pages,
          total,
        };
      }
      offset += records.length;
      if (link !== undefined) next = relativeLink(link, baseUrl, SERVICE);
      else if (records.length === limit && (total === undefined || offset < total)) {
        // An instance that suppresses the Link header: page by offset until a short page.
        params.set('sysparm_offset', String(offset));
        next = `${table}?${params}`;
      } else next = undefined;
    }
    return { items, truncated: false, pages, total };
  }

  return {
    baseUrl,
    listIncidents(query, listOptions) {
      return readPages(TABLE_PATH, serviceNowIncidentSchema, query, RAW_VALUES, listOptions);
    },

    listDisplayedIncidents(query, listOptions) {
      return readPages(TABLE_PATH, serviceNowDisplayedIncidentSchema, query, DISPLAY_VALUES, listOptions);
    },

    listJournalEntries(query, listOptions) {
      return readPages(
        JOURNAL_PATH,
        serviceNowJournalEntrySchema,
        query,
        RAW_VALUES,
        // A projection always adds `number`, which the journal lacks: read its few fields whole.
        listOptions && { ...listOptions, fields: undefined },
        JOURNAL_ACCESS_HINT,
      );
    },

    async readIncident(reference, callOptions) {
      if ('sysId' in reference) {
        const id = checkSysId(reference.sysId);
        const { data } = await call(
          'GET',
          `${TABLE_PATH}/${id}?${new URLSearchParams(DISPLAY_VALUES)}`,
          undefined,
          'read',
          callOptions?.signal,
        );
        return parse(displayedSingle, data, `GET ${TABLE_PATH}/${id}`).result;
      }
      const number = checkNumber(reference.number);
      const list = await readPages(
        TABLE_PATH,
        serviceNowDisplayedIncidentSchema,
        encodedQuery([{ field: 'number', operator: '=', value: number }]),
        DISPLAY_VALUES,
        { signal: callOptions?.signal, limit: 1, maxItems: 1 },
      );
      const found = list.items[0];
      if (found === undefined) throw new NotFoundError(`${SERVICE} has no incident ${number}.`);
      return found;
    },

    async getIncident(sysId, callOptions) {
      const id = checkSysId(sysId);
      const { data } = await call(
        'GET',
        `${TABLE_PATH}/${id}?${new URLSearchParams(RAW_VALUES)}`,
        undefined,
        'read',
        callOptions?.signal,
      );
      return parse(single, data, `GET ${TABLE_PATH}/${id}`).result;
    },

    async createIncident(fields, createOptions) {
      const input = validate(serviceNowIncidentInputSchema, fields, 'new incident');
      const key = createOptions.idempotencyKey.trim();
      if (key === '' || key.length > 200) {
        throw new InvalidInputError(
          'Creating a ServiceNow incident needs an idempotency key (1 to 200 characters).',
        );
      }
      const { reply, data } = await call(
        'POST',
        `${TABLE_PATH}?${new URLSearchParams(RAW_VALUES)}`,
        input,
        'write',
        createOptions.signal,
        { 'idempotency-key': key },
      );
      if (reply.status !== 201 && reply.status !== 200) {
        throw new SourceUnavailableError(
          `${SERVICE} answered the new incident with ${reply.status}, not 201 Created; check ServiceNow before trying again.`,
        );
      }
      return parse(single, data, `POST ${TABLE_PATH}`).result;
    },

    async updateIncident(sysId, fields, callOptions) {
      const id = checkSysId(sysId);
      const changes = validate(serviceNowIncidentUpdateSchema, fields, 'incident update');
      const { data } = await call(
        'PATCH',
        `${TABLE_PATH}/${id}?${new URLSearchParams(RAW_VALUES)}`,
        changes,
        'write',
        callOptions?.signal,
      );
      return parse(single, data, `PATCH ${TABLE_PATH}/${id}`).result;
    },
  };
}

function checkNumber(number: string): string {
  const parsed = incidentNumberSchema.safeParse(number.trim().toUpperCase());
  if (!parsed.success)
    throw new InvalidInputError(`"${number}" is not a ServiceNow incident number (INC and 7 digits).`);
  return parsed.data;
}

function checkSysId(sysId: string): string {
  const parsed = sysIdSchema.safeParse(sysId);
  if (!parsed.success) throw new InvalidInputError(`"${sysId}" is not a ServiceNow sys_id (32 hex digits).`);
  return parsed.data;
}

function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      `The ${what} is not valid for ServiceNow:\n${z.prettifyError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

function readTotal(headers: Headers): number | undefined {
  const value = headers.get('x-total-count');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number.parseInt(value, 10);
}

/** ServiceNow's error message (as the code) and detail, if the failed call's body has its error shape. */
function readServiceNowError(error: unknown): { code?: string; message?: string } | undefined {
  if (!HttpCallFailure.isInstance(error) || !error.body) return undefined;
  try {
    const parsed = serviceNowErrorSchema.safeParse(JSON.parse(error.body));
    if (!parsed.success) return undefined;
    return { code: parsed.data.error.message, message: parsed.data.error.detail ?? undefined };
  } catch {
    return undefined;
  }
}
