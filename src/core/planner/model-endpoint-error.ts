/**
 * A model request that failed after the `openai` package's own retries: rate limited, a server error, a
 * refused credential, a timeout, an unreachable endpoint, or a body that is not a chat completion. It carries a
 * sentence an analyst understands (shown in the fallback notice) and the HTTP status; never the request, the
 * prompt, the response body or a key.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { WardError } from '../errors.js';

/** The model endpoint could not give Ward a usable answer. */
export class ModelEndpointError extends WardError {
  override readonly name = 'ModelEndpointError';
  /** HTTP status the endpoint answered with, when there was one. */
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super('model_unavailable', message, options);
    this.status = options?.status;
  }
}

/** Whether the `openai` package retries a status (as its own rule does: 408, 409, 429 and 5xx). */
function retried(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Explains what a model request threw. `maxRetries` is the client's, so the sentence can say how many tries
 * were made. A request aborted by Ward's own signal is not explained here (the caller knows which budget ran
 * out).
 */
export function explainModelFailure(thrown: unknown, maxRetries: number): ModelEndpointError {
  if (thrown instanceof ModelEndpointError) return thrown;
  const tries = (count: number) => (count === 1 ? '1 try' : `${count} tries`);
  if (thrown instanceof APIUserAbortError) {
    return new ModelEndpointError('The model request was cancelled', { cause: thrown });
  }
  if (thrown instanceof APIConnectionTimeoutError) {
    return new ModelEndpointError(`The model endpoint did not answer in time (${tries(maxRetries + 1)})`, {
      cause: thrown,
    });
  }
  if (thrown instanceof APIConnectionError) {
    return new ModelEndpointError(`The model endpoint could not be reached (${tries(maxRetries + 1)})`, {
      cause: thrown,
    });
  }
  if (thrown instanceof APIError && typeof thrown.status === 'number') {
    const status = thrown.status;
    const made = tries(retried(status) ? maxRetries + 1 : 1);
    const message =
      status === 429
        ? `The model endpoint kept rate limiting Ward (HTTP 429, ${made})`
        : status === 401 || status === 403
          ? `The model endpoint refused Ward's credentials (HTTP ${status})`
          : status === 404
            ? 'The model endpoint has no such model or deployment (HTTP 404)'
            : status >= 500
              ? `The model endpoint failed (HTTP ${status}, ${made})`
              : `The model endpoint rejected Ward's request (HTTP ${status})`;
    return new ModelEndpointError(message, { cause: thrown, status });
  }
  return new ModelEndpointError('The model endpoint sent a response Ward could not read', { cause: thrown });
}
