/**
 * Turns why an HTTP call failed into the WardError an analyst reads: "Defender for Cloud is throttling
 * requests (429) and retries ran out.", "ServiceNow refused Ward's credentials (401): ...", and for a write
 * whose outcome is unknown, that Ward did not send it again. Shared by the ARM and ServiceNow clients, which
 * pass their service's name and what to check when access is refused.
 * It never puts request bodies, headers or credentials in a message; a service's own error message is
 * quoted only when the caller read it from the body and passes it in.
 */
import { NotFoundError, SourceUnavailableError, WardError } from '../core/errors.js';
import { HttpCallFailure } from './http-call-failure.js';
import type { RetryMode } from './send-with-retries.js';

/** How to word a failure of one call. */
export interface FailureWording {
  /** The service as analysts know it, e.g. `Defender for Cloud`, `ServiceNow`. */
  service: string;
  /** The call, e.g. `GET /subscriptions/.../assessments`. */
  what: string;
  mode: RetryMode;
  /** What to check on 401/403, e.g. "check Ward's Azure role assignments". */
  accessHint: string;
  /** The service's own error code and message, read from the error body. */
  serviceError?: { code?: string; message?: string };
}

const UNKNOWN_OUTCOME = 'it may or may not have been carried out, so Ward did not send it again';

/** The WardError for `error`, thrown by a call described by `wording`. WardErrors pass through. */
export function explainCallFailure(error: unknown, wording: FailureWording): WardError {
  if (WardError.isInstance(error)) return error;
  const { service, what, mode } = wording;
  if (!HttpCallFailure.isInstance(error)) {
    return new SourceUnavailableError(`${service} could not be reached (${what}).`, { cause: error });
  }
  const write = mode === 'write';
  switch (error.kind) {
    case 'timeout':
      return new SourceUnavailableError(
        write
          ? `${service} did not answer in time (${what}); ${UNKNOWN_OUTCOME}. Check ${service} before trying again.`
          : `${service} did not answer in time (${what}).`,
        { cause: error },
      );
    case 'cancelled':
      return new SourceUnavailableError(`The request to ${service} was cancelled (${what}).`, {
        cause: error,
      });
    case 'network':
      if (!write || error.neverSent) {
        return new SourceUnavailableError(
          `${service} could not be reached (${what})${write ? '; nothing was sent' : ''}.`,
          { cause: error },
        );
      }
      return new SourceUnavailableError(
        `The connection to ${service} dropped during ${what}; ${UNKNOWN_OUTCOME}. Check ${service} before trying again.`,
        { cause: error },
      );
    case 'redirect':
      return new SourceUnavailableError(
        `${service} answered ${what} with a redirect (${error.status}); Ward does not follow redirects.`,
        { cause: error, status: error.status },
      );
    case 'too-large':
      return new SourceUnavailableError(
        `${service} sent an answer too large to read (${what}): ${error.message}`,
        { cause: error, status: error.status },
      );
    case 'status':
      return explainStatus(error, wording);
  }
}

function explainStatus(error: HttpCallFailure, wording: FailureWording): WardError {
  const { service, what, mode, serviceError } = wording;
  const status = error.status ?? 0;
  const code = serviceError?.code ? ` ${serviceError.code}` : '';
  if (status === 404) {
    return new NotFoundError(`${service} has no such object (${what}).`, { cause: error });
  }
  if (status === 429) {
    const wait = error.retryAfterBeyondDeadlineMs;
    return new SourceUnavailableError(
      wait !== undefined
        ? `${service} is throttling requests (429) and asked Ward to wait ${Math.ceil(wait / 1_000)} s, longer than the time left (${what}).`
        : `${service} is throttling requests (429) and retries ran out.`,
      { cause: error, status },
    );
  }
  if (status === 401 || status === 403) {
    return new SourceUnavailableError(`${service} refused access (${status}${code}): ${wording.accessHint}`, {
      cause: error,
      status,
    });
  }
  if (status >= 500) {
    const retried =
      error.attempts > 1 ? ` after ${error.attempts - 1} ${error.attempts === 2 ? 'retry' : 'retries'}` : '';
    const refusedWrite = status === 503 && error.headers?.has('retry-after') === true;
    const unknown = mode === 'write' && !refusedWrite ? `; ${UNKNOWN_OUTCOME}` : '';
    return new SourceUnavailableError(`${service} failed (${status}${code})${retried}${unknown}.`, {
      cause: error,
      status,
    });
  }
  const detail = serviceError?.message
    ? `: ${truncate(serviceError.message.replace(/\.\s*$/, ''), 300)}`
    : '';
  return new SourceUnavailableError(`${service} rejected the request (${status}${code})${detail}.`, {
    cause: error,
    status,
  });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
