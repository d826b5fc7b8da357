/**
 * Why one HTTP call to a tenant API failed after the retry policy gave up: the deadline passed, the caller
 * cancelled, the network failed, or the service answered with an error status (with its headers and body, so
 * the client can read the service's own error code). Each client turns it into a WardError with a message in
 * its service's words; it never leaves `src/clients/`.
 */

/** How a call failed. */
export type HttpCallFailureKind = 'timeout' | 'cancelled' | 'network' | 'status' | 'redirect' | 'too-large';

/** The outcome of a call that did not succeed, with what a client needs to explain it. */
export class HttpCallFailure extends Error {
  override readonly name = 'HttpCallFailure';
  readonly kind: HttpCallFailureKind;
  /** HTTP status, for `status` and `redirect`. */
  readonly status?: number;
  readonly headers?: Headers;
  /** Response body as text, for `status` (may be empty). */
  readonly body?: string;
  /** Requests sent, including the first. */
  readonly attempts: number;
  /**
   * The service asked Ward to wait (Retry-After, ms) longer than the time the call had left, so Ward did not.
   * Only set when that is why retrying stopped.
   */
  readonly retryAfterBeyondDeadlineMs?: number;
  /** For `network`: the connection was refused, so nothing reached the service. */
  readonly neverSent: boolean;

  constructor(
    kind: HttpCallFailureKind,
    message: string,
    details: {
      attempts: number;
      status?: number;
      headers?: Headers;
      body?: string;
      retryAfterBeyondDeadlineMs?: number;
      neverSent?: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.headers = details.headers;
    this.body = details.body;
    this.attempts = details.attempts;
    this.retryAfterBeyondDeadlineMs = details.retryAfterBeyondDeadlineMs;
    this.neverSent = details.neverSent ?? false;
  }

  static isInstance(error: unknown): error is HttpCallFailure {
    return (
      error instanceof Error && error.name === 'HttpCallFailure' && 'kind' in error && 'attempts' in error
    );
  }
}
