/**
 * Ward's Microsoft Graph client: authenticated (`@azure/identity` in a real tenant, none for the demo tenant),
 * throttling-aware (the Graph SDK's RetryHandler honours Retry-After on 429/503/504), with a deadline on every
 * call, OData paging with a cap, and zod validation of every response. Failures surface as WardErrors that say
 * in words what went wrong; it never returns data it could not validate.
 */
import type { TokenCredential } from '@azure/identity';
import { Client, GraphError, type Middleware, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { z } from 'zod/v4';
import { NotFoundError, SourceUnavailableError, WardError } from '../core/errors.js';
import { collectionSchema } from './graph-resources.js';
import { raceAbort } from './race-abort.js';
import { relativeLink } from './relative-link.js';

export interface GraphClientOptions {
  /** e.g. `https://graph.microsoft.com`, or the demo tenant's `http://127.0.0.1:1234/graph`. */
  baseUrl: string;
  /** Required for a real tenant; omitted for the demo tenant (plain http on loopback, no tokens). */
  credential?: TokenCredential;
  /** Deadline for one call including its retries. */
  timeoutMs: number;
  /** Retries on 429/503/504 (honouring Retry-After) and on network errors. */
  maxRetries: number;
  /** Custom middleware chain (tests); replaces the default one. */
  middleware?: Middleware;
}

export interface GraphCallOptions {
  signal?: AbortSignal;
  version?: 'v1.0' | 'beta';
  headers?: Record<string, string>;
}

export interface GraphListOptions extends GraphCallOptions {
  /** Stop after this many items (default 500). */
  maxItems?: number;
}

export interface GraphList<T> {
  items: T[];
  /** More items existed than `maxItems`. */
  truncated: boolean;
  pages: number;
}

export interface GraphClient {
  readonly baseUrl: string;
  get<S extends z.ZodType>(path: string, schema: S, options?: GraphCallOptions): Promise<z.output<S>>;
  list<S extends z.ZodType>(
    path: string,
    item: S,
    options?: GraphListOptions,
  ): Promise<GraphList<z.output<S>>>;
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S | undefined,
    options?: GraphCallOptions,
  ): Promise<z.output<S> | undefined>;
  /** PATCH (Graph answers 204 No Content): resolves when the write was accepted. */
  patch(path: string, body: unknown, options?: GraphCallOptions): Promise<void>;
  /** How a request is shown in citations: `GET /v1.0/users/{id}` with the query string. */
  describe(method: string, path: string, version?: string): string;
}

const SERVICE = 'Microsoft Graph';

/** Creates a Graph client. Validates options at construction. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const parsedBase = new URL(baseUrl);
  if (parsedBase.protocol === 'https:' && !options.credential && !options.middleware) {
    throw new WardError('config_error', `Graph base URL ${baseUrl} is https but no credential was given.`);
  }
  const sdk = options.middleware
    ? Client.initWithMiddleware({ baseUrl, middleware: options.middleware, defaultVersion: 'v1.0' })
    : Client.initWithMiddleware({
        baseUrl,
        defaultVersion: 'v1.0',
        // The SDK only attaches tokens to graph.microsoft.com and `customHosts` (hostnames, no port).
        customHosts: new Set([parsedBase.hostname]),
        authProvider: options.credential
          ? new TokenCredentialAuthenticationProvider(options.credential, {
              scopes: [`${parsedBase.origin}/.default`],
            })
          : { getAccessToken: async () => '' },
      });

  // The SDK's RetryHandler covers HTTP 429/503/504; cockatiel covers the network failing under it.
  const networkRetry = retry(handleWhen(isNetworkError), {
    maxAttempts: Math.min(options.maxRetries, 2),
    backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 }),
  });

  async function call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    callOptions: GraphCallOptions | undefined,
    run: (request: ReturnType<Client['api']>) => Promise<T>,
  ): Promise<T> {
    const signal = deadline(options.timeoutMs, callOptions?.signal);
    const version = callOptions?.version ?? 'v1.0';
    const send = () => {
      const request = sdk
        .api(path)
        .version(version)
        .headers(callOptions?.headers ?? {})
        .option('signal', signal)
        .middlewareOptions([new RetryHandlerOptions(1, options.maxRetries)]);
      return run(request);
    };
    // A write whose connection dropped may have happened: resending it could run an action twice.
    const attempt = method === 'GET' ? networkRetry.execute(send) : send();
    try {
      // The SDK's retry waits are not abortable; racing the deadline keeps the answer on time.
      return await raceAbort(attempt, signal);
    } catch (error) {
      throw toWardError(error, `${method} ${path}`, signal);
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

  const client: GraphClient = {
    baseUrl,
    async get(path, schema, callOptions) {
      const data = await call('GET', path, callOptions, (request) => request.get());
      return parse(schema, data, `GET ${path}`);
    },
    async list(path, item, listOptions) {
      const maxItems = listOptions?.maxItems ?? 500;
      const pageSchema = collectionSchema(item);
      const items: z.output<typeof item>[] = [];
      let next: string | undefined = path;
      let pages = 0;
      // A source that links back to a page already read would otherwise be requested in a tight loop.
      const visited = new Set<string>();
      while (next) {
        if (visited.has(next)) {
          throw new SourceUnavailableError(
            `${SERVICE} sent a next-page link to a page already read (GET ${path}); not followed.`,
          );
        }
        visited.add(next);
        const raw: unknown = await call('GET', next, listOptions, (request) => request.get());
        const page: z.output<typeof pageSchema> = parse(pageSchema, raw, `GET ${path}`);
        pages += 1;
        items.push(...page.value);
        if (items.length >= maxItems) {
          return {
            items: items.slice(0, maxItems),
            truncated: items.length > maxItems || !!page['@odata.nextLink'],
            pages,
          };
        }
        next = page['@odata.nextLink'] ? relativeNextLink(page['@odata.nextLink'], baseUrl) : undefined;
      }
      return { items, truncated: false, pages };
    },
    async post(path, body, schema, callOptions) {
      const data = await call('POST', path, callOptions, (request) => request.post(body));
      return schema ? parse(schema, data, `POST ${path}`) : undefined;
    },
    async patch(path, body, callOptions) {
      await call('PATCH', path, callOptions, (request) => request.patch(body));
    },
    describe(method, path, version = 'v1.0') {
      return `${method} /${version}${path.startsWith('/') ? '' : '/'}${decodeURIComponentSafe(path)}`;
    },
  };
  return client;
}

/**
 * Turns an `@odata.nextLink` into a path the SDK can request. The SDK only understands absolute https links,
 * and Ward must never follow a link to another host (it would carry the tenant's token there).
 */
export function relativeNextLink(nextLink: string, baseUrl: string): string {
  // Drop the version segment too: `/graph/v1.0/users` → `/users` (the SDK adds the version back).
  return relativeLink(nextLink, baseUrl, SERVICE).replace(/^\/(v1\.0|beta)(?=[/?]|$)/, '');
}

function deadline(timeoutMs: number, outer?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return outer ? AbortSignal.any([outer, timeout]) : timeout;
}

function isNetworkError(error: Error): boolean {
  if (error instanceof GraphError && error.statusCode > 0) return false;
  const text = `${error.name} ${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`;
  return /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed|UND_ERR/i.test(text);
}

function toWardError(error: unknown, what: string, signal: AbortSignal): WardError {
  if (WardError.isInstance(error)) return error;
  if (
    signal.aborted ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
  ) {
    return new SourceUnavailableError(`${SERVICE} did not answer in time (${what}).`, { cause: error });
  }
  if (error instanceof GraphError) {
    const status = error.statusCode;
    if (status === 404)
      return new NotFoundError(`${SERVICE} has no such object (${what}).`, { cause: error });
    if (status === 429) {
      return new SourceUnavailableError(`${SERVICE} is throttling requests (429) and retries ran out.`, {
        cause: error,
        status,
      });
    }
    if (status === 401 || status === 403) {
      return new SourceUnavailableError(
        `${SERVICE} refused access (${status}${error.code ? ` ${error.code}` : ''}): check Ward's Graph permissions.`,
        { cause: error, status },
      );
    }
    if (status >= 500) {
      return new SourceUnavailableError(`${SERVICE} failed (${status}) after retries.`, {
        cause: error,
        status,
      });
    }
    if (status > 0) {
      return new SourceUnavailableError(
        `${SERVICE} rejected the request (${status}${error.code ? ` ${error.code}` : ''}).`,
        {
          cause: error,
          status,
        },
      );
    }
  }
  return new SourceUnavailableError(`${SERVICE} could not be reached (${what}).`, { cause: error });
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
