/**
 * The error a ServiceNow route raises to answer with the Table API's error shape:
 * `{ "error": { "message", "detail" }, "status": "failure" }` with an HTTP status (and headers, e.g.
 * `WWW-Authenticate` on 401). The ServiceNow service turns it into the answer.
 * It never carries data from the instance beyond what ServiceNow itself would put in a message.
 */
import { WardError } from '../../core/errors.js';

/** A ServiceNow-shaped error answer. */
export class ServiceNowHttpError extends WardError {
  override readonly name = 'ServiceNowHttpError';
  readonly status: number;
  readonly detail: string | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    detail: string | null,
    options?: { headers?: Record<string, string>; cause?: unknown },
  ) {
    super('demo_servicenow_error', message, options);
    this.status = status;
    this.detail = detail;
    this.headers = options?.headers ?? {};
  }

  static override isInstance(error: unknown): error is ServiceNowHttpError {
    return WardError.isInstance(error) && error.name === 'ServiceNowHttpError';
  }
}

/** The Table API's error body. */
export function serviceNowErrorBody(
  message: string,
  detail: string | null,
): { error: { message: string; detail: string | null }; status: 'failure' } {
  return { error: { message, detail }, status: 'failure' };
}
