/**
 * Ward's Azure Resource Manager client (Defender for Cloud assessments, secure scores; attack paths through
 * Azure Resource Graph): authenticated with `@azure/identity` in a real tenant, throttling-aware (429/502/503/
 * 504 and network failures retried for reads, `Retry-After` honoured, else exponential backoff with jitter),
 * a deadline on every call, ARM `nextLink` paging with a cap, and zod validation of every response. Failures
 * surface as WardErrors that say in words what went wrong; it never returns data it could not validate.
 *
 * Why not `@azure/arm-security`: Azure SDK pipelines refuse bearer tokens over http
 * (`@azure/core-rest-pipeline`'s bearerTokenAuthenticationPolicy throws "Bearer token authentication is not
 * permitted for non-TLS protected (non-https) URLs"), so the SDK cannot talk to the loopback demo tenant that
 * `npm start` runs against; and it is a heavy dependency for the few GETs, one POST and one PUT Ward makes. So this is
 * hand-rolled on Node's fetch and cockatiel, like the ServiceNow client.
 *
 * It never sends a token anywhere but https (an http base URL is accepted only on loopback, and then no token
 * is sent), never follows a link to another host, and never resends a POST or PUT that may have changed something.
 */
import type { TokenCredential } from '@azure/identity';
import type { z } from 'zod/v4';
import { ConfigError, SourceUnavailableError } from '../core/errors.js';
import { armErrorSchema, armPageSchema } from './arm-resources.js';
import { explainCallFailure } from './explain-call-failure.js';
import { isLoopbackUrl } from './loopback-url.js';
import { relativeLink } from './relative-link.js';
import {
  type HttpReply,
  type PreparedRequest,
  type RetryMode,
  sendWithRetries,
} from './send-with-retries.js';

/** How to build an ARM client. */
export interface ArmClientOptions {
  /** `https://management.azure.com`, or the demo tenant's `http://127.0.0.1:<port>/arm` (loopback only). */
  baseUrl: string;
  /** Required for https; with an http (loopback) base URL it is accepted but no token is sent. */
  credential?: TokenCredential;
  /** Deadline for one call, including getting a token, every retry and every wait. */
  timeoutMs: number;
  /** Retries after the first attempt, for what is safe to retry. */
  maxRetries: number;
  /** How the service is named in messages (default `Azure Resource Manager`), e.g. `Defender for Cloud`. */
  serviceName?: string;
}

/** Options of one call. */
export interface ArmCallOptions {
  signal?: AbortSignal;
}

/** Options of a list call. */
export interface ArmListOptions extends ArmCallOptions {
  /** Stop after this many items (default 500). */
  maxItems?: number;
}

/** Options of a POST. */
export interface ArmPostOptions extends ArmCallOptions {
  /**
   * The POST only reads (an Azure Resource Graph query), so it may be resent like a GET. Default false: a POST
   * is treated as a write, never resent after a dropped connection.
   */
  readOnly?: boolean;
}

/** Items read across pages. */
export interface ArmList<T> {
  items: T[];
  /** More items existed than `maxItems`. */
  truncated: boolean;
  pages: number;
}

/** An ARM client; paths are relative to the base URL and carry their own `api-version`. */
export interface ArmClient {
  readonly baseUrl: string;
  /** `GET path`, parsed with `schema`. */
  get<S extends z.ZodType>(path: string, schema: S, options?: ArmCallOptions): Promise<z.output<S>>;
  /** Every item of an ARM list (`value` + `nextLink`), up to `maxItems`. */
  list<S extends z.ZodType>(path: string, item: S, options?: ArmListOptions): Promise<ArmList<z.output<S>>>;
  /** `POST path` with a JSON body, parsed with `schema`. */
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: ArmPostOptions,
  ): Promise<z.output<S>>;
  /**
   * `PUT path` with a JSON body, parsed with `schema` (e.g. a Defender for Cloud governance assignment). A write:
   * retried only when ARM says it did nothing (429, or 503 with Retry-After), never after a dropped connection.
   */
  put<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: ArmCallOptions,
  ): Promise<z.output<S>>;
}

const ACCESS_HINT =
  "check Ward's Azure role assignments (Security Reader on the subscription) and its credential.";

/** Creates an ARM client. Validates options at construction and throws ConfigError if they are unsafe. */
export function createArmClient(options: ArmClientOptions): ArmClient {
  const service = options.serviceName ?? 'Azure Resource Manager';
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (error) {
    throw new ConfigError(`The ${service} base URL "${options.baseUrl}" is not a URL.`, { cause: error });
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new ConfigError(`The ${service} base URL must be https (got "${baseUrl}").`);
  }
  if (base.protocol === 'http:' && !isLoopbackUrl(base)) {
    throw new ConfigError(
      `The ${service} base URL must use https (got "${baseUrl}"); http is allowed only on loopback (the demo tenant), and then without a token.`,
    );
  }
  if (base.protocol === 'https:' && options.credential === undefined) {
    throw new ConfigError(`The ${service} base URL ${baseUrl} is https but no credential was given.`);
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new ConfigError(`The ${service} client needs a positive timeoutMs.`);
  }
  // Tokens only ever travel over https; on loopback http the demo tenant needs none.
  const credential = base.protocol === 'https:' ? options.credential : undefined;
  // The token's audience is the host it is sent to: https://management.azure.com/.default in Azure's public cloud.
  const scope = `${base.origin}/.default`;

  async function prepare(
    method: PreparedRequest['method'],
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<PreparedRequest> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-ms-client-request-id': crypto.randomUUID(),
    };
    if (credential !== undefined) {
      let token: Awaited<ReturnType<TokenCredential['getToken']>>;
      try {
        token = await credential.getToken(scope, { abortSignal: signal });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new SourceUnavailableError(`Ward could not get a token for ${service}: check its credential.`, {
          cause: error,
        });
      }
      if (token === null) {
        throw new SourceUnavailableError(`Ward could not get a token for ${service}: check its credential.`);
      }
      headers.authorization = `Bearer ${token.token}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    return {
      url: urlOf(path),
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }

  function urlOf(path: string): string {
    if (!path.startsWith('/')) {
      throw new SourceUnavailableError(`${service} path "${path}" must start with "/".`);
    }
    return `${baseUrl}${path}`;
  }

  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    mode: RetryMode,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const what = `${method} ${pathForMessages(path)}`;
    let reply: HttpReply;
    try {
      reply = await sendWithRetries((s) => prepare(method, path, body, s), {
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
        mode,
        signal,
      });
    } catch (error) {
      throw explainCallFailure(error, {
        service,
        what,
        mode,
        accessHint: ACCESS_HINT,
        serviceError: readArmError(error),
      });
    }
    return readJson(reply.body, what);
  }

  function readJson(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SourceUnavailableError(`${service} returned data Ward could not read for ${what}.`, {
        cause: error,
      });
    }
  }

  function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
    const result = schema.safeParse(data);
    if (!result.success) {
      throw new SourceUnavailableError(`${service} returned data Ward could not read for ${what}.`, {
        cause: result.error,
      });
    }
    return result.data;
  }

  return {
    baseUrl,
    async get(path, schema, callOptions) {
      const data = await call('GET', path, undefined, 'read', callOptions?.signal);
      return parse(schema, data, `GET ${pathForMessages(path)}`);
    },
    async list(path, item, listOptions) {
      const maxItems = listOptions?.maxItems ?? 500;
      const pageSchema = armPageSchema(item);
      const items: z.output<typeof item>[] = [];
      const visited = new Set<string>();
      let next: string | undefined = path;
      let pages = 0;
      while (next !== undefined) {
        // A source that links back to a page already read would otherwise be requested in a tight loop.
        if (visited.has(next)) {
          throw new SourceUnavailableError(
            `${service} sent a next-page link to a page already read (GET ${pathForMessages(path)}); not followed.`,
          );
        }
        visited.add(next);
        const raw = await call('GET', next, undefined, 'read', listOptions?.signal);
        const page: z.output<typeof pageSchema> = parse(pageSchema, raw, `GET ${pathForMessages(path)}`);
        pages += 1;
        items.push(...page.value);
        const nextLink = page.nextLink ?? undefined;
        if (items.length >= maxItems) {
          return { items: items.slice(0, maxItems), truncated: items.length > maxItems || !!nextLink, pages };
        }
        next = nextLink ? relativeLink(nextLink, baseUrl, service) : undefined;
      }
      return { items, truncated: false, pages };
    },
    async post(path, body, schema, postOptions) {
      const mode: RetryMode = postOptions?.readOnly === true ? 'read' : 'write';
      const data = await call('POST', path, body, mode, postOptions?.signal);
      return parse(schema, data, `POST ${pathForMessages(path)}`);
    },
    async put(path, body, schema, putOptions) {
      const data = await call('PUT', path, body, 'write', putOptions?.signal);
      return parse(schema, data, `PUT ${pathForMessages(path)}`);
    },
  };
}

/** The ARM error code and message in a failed call's body, if it has ARM's error shape. */
function readArmError(error: unknown): { code?: string; message?: string } | undefined {
  const body = (error as { body?: unknown }).body;
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed = armErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message } : undefined;
  } catch {
    return undefined;
  }
}

/** A path as shown in messages: without the query string (which may carry long skip tokens). */
function pathForMessages(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
