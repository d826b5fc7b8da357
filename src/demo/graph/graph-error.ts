/**
 * The error a Graph route raises to answer with Microsoft Graph's error shape: an HTTP status, Graph's error
 * `code` (e.g. `Request_ResourceNotFound`, `BadRequest`) and its message. The demo tenant turns it into
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`.
 * It never carries data from the tenant beyond what Graph itself would put in a message.
 */
import { WardError } from '../../core/errors.js';

/** A Graph-shaped error response: status, Graph `code`, message and any extra headers (e.g. `Retry-After`). */
export class GraphHttpError extends WardError {
  override readonly name = 'GraphHttpError';
  readonly status: number;
  /** Graph's error code, as the real service spells it. */
  readonly graphCode: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    graphCode: string,
    message: string,
    options?: { headers?: Record<string, string>; cause?: unknown },
  ) {
    super('demo_graph_error', message, options);
    this.status = status;
    this.graphCode = graphCode;
    this.headers = options?.headers ?? {};
  }

  static override isInstance(error: unknown): error is GraphHttpError {
    return WardError.isInstance(error) && error.name === 'GraphHttpError';
  }
}

/** The JSON body Graph sends with an error. `date` is UTC without fraction, as Graph writes it. */
export function graphErrorBody(
  code: string,
  message: string,
  ids: { date: Date; requestId: string; clientRequestId: string },
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return {
    error: {
      code,
      message,
      innerError: {
        date: ids.date.toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
