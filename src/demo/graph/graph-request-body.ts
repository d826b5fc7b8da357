/**
 * Reads the JSON body of a Graph write against the zod schema of that action, answering as Graph does when it
 * is not JSON (400 `BadRequest`, "Unable to read JSON request payload") or does not fit (400 naming the field).
 * It never lets an unchecked body reach a write.
 */
import { z } from 'zod/v4';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest } from './graph-request.js';

/**
 * The body of `request` parsed with `schema`. An empty body is read as `{}` when `emptyAs` is given (actions
 * whose parameters are all optional), and refused otherwise.
 */
export function readGraphJsonBody<S extends z.ZodType>(
  request: GraphRequest,
  schema: S,
  options: { emptyAs?: unknown } = {},
): z.output<S> {
  let data: unknown;
  if (request.body.trim() === '') {
    if (options.emptyAs === undefined) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        'Empty Payload. JSON content expected. Send the action parameters as a JSON object.',
      );
    }
    data = options.emptyAs;
  } else {
    try {
      data = JSON.parse(request.body);
    } catch (error) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        { cause: error },
      );
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Invalid request body for ${request.method} /${request.segments.join('/')}:\n${z.prettifyError(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
