/**
 * Sends one HTTP request to a tenant API with Node's `fetch` under a cockatiel policy: a deadline for the
 * whole call (token, attempts and waits), and retries of what is safe to retry, waiting as long as the
 * service's `Retry-After` asks (seconds or HTTP date) or else an exponential backoff with jitter.
 *
 * Reads (`mode: 'read'`) retry 429, 502, 503, 504 and network failures. Writes (`mode: 'write'`) retry only
 * answers in which the service says it did nothing: a 429, or a 503 that carries `Retry-After`. A write is
 * never resent after its connection failed or its answer was cut off: it may have been carried out.
 * It never waits past the deadline (a `Retry-After` longer than the time left ends the call at once), never
 * follows redirects (a token must not travel to another host) and never interprets bodies: the caller does.
 */
import {
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { HttpCallFailure } from './http-call-failure.js';
import { parseRetryAfter } from './retry-after.js';

/** Whether the request only reads (safe to resend) or may change something. */
export type RetryMode = 'read' | 'write';

/** A request ready to send. */
export interface PreparedRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
}

/** A successful (2xx) answer. */
export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
  /** Requests sent, including the first. */
  attempts: number;
}

/** How one call behaves. */
export interface SendOptions {
  /** Deadline for the whole call, including preparing it (e.g. getting a token) and every wait. */
  timeoutMs: number;
  /** Retries after the first attempt (0: none). */
  maxRetries: number;
  mode: RetryMode;
  /** The caller's own cancellation. */
  signal?: AbortSignal;
  /** Refuse an answer whose body is larger (an `HttpCallFailure` of kind `too-large`, never retried). */
  maxBodyBytes?: number;
}

const RETRIED_READ_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Sends the request `prepare` builds (called once per call, inside the deadline) and returns the 2xx answer,
 * or throws an `HttpCallFailure` saying why there was none.
 */
export async function sendWithRetries(
  prepare: (signal: AbortSignal) => Promise<PreparedRequest>,
  options: SendOptions,
): Promise<HttpReply> {
  const started = performance.now();
  const remainingMs = () => options.timeoutMs - (performance.now() - started);
  let attempts = 0;
  let retryAfterBeyondDeadlineMs: number | undefined;
  let prepared: PreparedRequest | undefined;

  const shouldRetry = (error: Error): boolean => {
    if (!HttpCallFailure.isInstance(error) || !isRetryable(error, options.mode)) return false;
    const wait = parseRetryAfter(error.headers?.get('retry-after'));
    const retriesLeft = attempts - 1 < options.maxRetries;
    if (retriesLeft && wait !== undefined && wait > remainingMs()) {
      retryAfterBeyondDeadlineMs = wait;
      return false;
    }
    return remainingMs() > 0;
  };

  const policy = wrap(
    timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
    retry(handleWhen(shouldRetry), {
      maxAttempts: Math.max(0, options.maxRetries),
      backoff: retryAfterOrExponential(
        new ExponentialBackoff({ initialDelay: 200, maxDelay: 10_000 }),
        remainingMs,
      ),
    }),
  );

  try {
    return await policy.execute(async ({ signal }) => {
      prepared ??= await prepare(signal);
      signal.throwIfAborted();
      attempts += 1;
      return sendOnce(prepared, signal, attempts, options.maxBodyBytes);
    }, options.signal);
  } catch (error) {
    // cockatiel 3.2's isTaskCancelledError() tests the wrong marker; the class is reliable.
    if (error instanceof TaskCancelledError || options.signal?.aborted) {
      const cancelled = options.signal?.aborted === true;
      throw new HttpCallFailure(
        cancelled ? 'cancelled' : 'timeout',
        cancelled ? 'The caller cancelled the request.' : `No answer within ${options.timeoutMs} ms.`,
        { attempts, cause: error },
      );
    }
    if (HttpCallFailure.isInstance(error) && retryAfterBeyondDeadlineMs !== undefined) {
      throw new HttpCallFailure(error.kind, error.message, {
        attempts: error.attempts,
        status: error.status,
        headers: error.headers,
        body: error.body,
        retryAfterBeyondDeadlineMs,
        cause: error.cause,
      });
    }
    throw error;
  }
}

function isRetryable(failure: HttpCallFailure, mode: RetryMode): boolean {
  if (failure.kind === 'network') return mode === 'read';
  if (failure.kind !== 'status' || failure.status === undefined) return false;
  if (mode === 'read') return RETRIED_READ_STATUSES.has(failure.status);
  // A throttled or refused write was not carried out; any other failure may have been, in part.
  return failure.status === 429 || (failure.status === 503 && failure.headers?.has('retry-after') === true);
}

/** One attempt: a 2xx answer, or an `HttpCallFailure` (network or status); aborts are rethrown as they are. */
async function sendOnce(
  request: PreparedRequest,
  signal: AbortSignal,
  attempts: number,
  maxBodyBytes?: number,
): Promise<HttpReply> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const refused = isConnectionRefused(error);
    throw new HttpCallFailure(
      'network',
      refused ? 'The connection was refused.' : 'The connection failed before an answer arrived.',
      { attempts, neverSent: refused, cause: error },
    );
  }
  let body: string;
  try {
    body =
      maxBodyBytes === undefined
        ? await response.text()
        : await readBounded(response, maxBodyBytes, attempts);
  } catch (error) {
    if (signal.aborted || HttpCallFailure.isInstance(error)) throw error;
    throw new HttpCallFailure('network', 'The connection dropped while the answer was arriving.', {
      attempts,
      status: response.status,
      cause: error,
    });
  }
  if (response.status >= 300 && response.status < 400) {
    throw new HttpCallFailure('redirect', `Redirected (${response.status}); redirects are not followed.`, {
      attempts,
      status: response.status,
      headers: response.headers,
    });
  }
  if (!response.ok) {
    throw new HttpCallFailure('status', `HTTP ${response.status}`, {
      attempts,
      status: response.status,
      headers: response.headers,
      body,
    });
  }
  return { status: response.status, headers: response.headers, body, attempts };
}

/** The body as text, read no further than `maxBytes` (a longer one is cancelled and refused). */
async function readBounded(response: Response, maxBytes: number, attempts: number): Promise<string> {
  const tooLarge = () =>
    new HttpCallFailure('too-large', `The answer is larger than ${maxBytes} bytes.`, {
      attempts,
      status: response.status,
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause;
  const codes: unknown[] = [];
  if (typeof cause === 'object' && cause !== null) {
    codes.push((cause as { code?: unknown }).code);
    const inner = (cause as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const e of inner) codes.push((e as { code?: unknown }).code);
  }
  return codes.length > 0 && codes.every((code) => code === 'ECONNREFUSED');
}

/**
 * Waits what the last answer's `Retry-After` asked for, or else the next step of `exponential` (which
 * jitters); never longer than the time left.
 */
function retryAfterOrExponential(
  exponential: IBackoffFactory<unknown>,
  remainingMs: () => number,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  return {
    next(context): IBackoff<IRetryBackoffContext<unknown>> {
      const step = exponential.next(context);
      const failure = 'error' in context.result ? context.result.error : undefined;
      const asked = HttpCallFailure.isInstance(failure)
        ? parseRetryAfter(failure.headers?.get('retry-after'))
        : undefined;
      return {
        duration: Math.max(0, Math.min(asked ?? step.duration, remainingMs())),
        next: (later) => retryAfterOrExponential(step, remainingMs).next(later),
      };
    },
  };
}
