/**
 * The one way Ward's threat-intelligence clients read a source: a GET under a validated base URL, through
 * `sendWithRetries` (a deadline per call; 429/502/503/504 and network failures retried, honouring
 * `Retry-After`), the body parsed as JSON and validated with zod. A 404 is "the source knows nothing about it"
 * and comes back as `null`, never as a failure: that is an answer. Every other failure is a WardError that
 * names the service. It never sends a key over plain http off this machine, never follows a redirect, and
 * never puts a key, a header or a body in a message.
 */
import type { z } from 'zod/v4';
import { ConfigError, NotFoundError, SourceUnavailableError } from '../core/errors.js';
import { explainCallFailure } from './explain-call-failure.js';
import { HttpCallFailure } from './http-call-failure.js';
import { isLoopbackUrl } from './loopback-url.js';
import { sendWithRetries } from './send-with-retries.js';

/** How to reach one source. */
export interface JsonSourceOptions {
  /** As analysts know it, e.g. `VirusTotal`, `NVD`, `FIRST EPSS`: named in every failure. */
  service: string;
  /** Origin (and optional path prefix) the request paths are appended to. */
  baseUrl: string;
  /** Sent with every request (an API key header). */
  headers?: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  /** What to check when the source refuses access (401/403). */
  accessHint: string;
  /** The source's own error code and message from an error body, when it has a shape Ward knows. */
  readServiceError?: (body: string) => { code?: string; message?: string } | undefined;
}

/** Reads JSON from one source. */
export interface JsonSource {
  readonly baseUrl: string;
  /** The parsed, validated answer to `GET path`, or `null` when the source answers 404. */
  get<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S> | null>;
}

/**
 * A base URL a client may send a key to: https, or http on loopback (the demo tenant), without credentials in
 * it. Throws ConfigError naming `name`; the URL is echoed only once it is known to hold no credentials.
 */
export function checkSourceUrl(name: string, url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const parsed = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
  if (parsed?.username || parsed?.password || (!parsed && trimmed.includes('@'))) {
    throw new ConfigError(`${name} must not contain a user name or password.`);
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.hostname === '') {
    throw new ConfigError(`${name} must be an https URL, got "${trimmed}".`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackUrl(parsed)) {
    throw new ConfigError(`${name} must use https (got "${trimmed}"); http is allowed only on loopback.`);
  }
  if (parsed.search || parsed.hash) {
    throw new ConfigError(`${name} must not have a query string or fragment, got "${trimmed}".`);
  }
  return trimmed;
}

/** A source reader; validates its options at construction. */
export function createJsonSource(options: JsonSourceOptions): JsonSource {
  const baseUrl = checkSourceUrl(`The ${options.service} URL`, options.baseUrl);
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new ConfigError(`The ${options.service} client needs a positive timeoutMs.`);
  }
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
    throw new ConfigError(`The ${options.service} client needs maxRetries of 0 or more.`);
  }
  const headers = { accept: 'application/json', ...options.headers };

  return {
    baseUrl,
    async get(path, schema, signal) {
      const what = `GET ${path.split('?')[0]}`;
      let body: string;
      try {
        const reply = await sendWithRetries(
          async () => ({ url: `${baseUrl}${path}`, method: 'GET', headers }),
          { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, mode: 'read', signal },
        );
        body = reply.body;
      } catch (error) {
        const failure = explainCallFailure(error, {
          service: options.service,
          what,
          mode: 'read',
          accessHint: options.accessHint,
          serviceError:
            HttpCallFailure.isInstance(error) && error.body && options.readServiceError
              ? options.readServiceError(error.body)
              : undefined,
        });
        if (failure instanceof NotFoundError) return null;
        throw failure;
      }
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch (error) {
        throw new SourceUnavailableError(`${options.service} returned data Ward could not read (${what}).`, {
          cause: error,
        });
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        throw new SourceUnavailableError(`${options.service} returned data Ward could not read (${what}).`, {
          cause: parsed.error,
        });
      }
      return parsed.data;
    },
  };
}
