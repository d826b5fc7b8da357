/**
 * Why the demo tenant did not run a KQL query: a syntax or semantic error the parser found, or a part of
 * KQL outside the documented subset the demo executes. The query API turns it into a Log Analytics-shaped
 * 400 `BadArgumentError` whose `innererror` carries the code and names the offending part.
 * It never carries row data.
 */

/** `SyntaxError` / `SemanticError` (the query is wrong) or `NotSupported` (valid KQL the demo does not run). */
export type KqlExecutionErrorCode = 'SyntaxError' | 'SemanticError' | 'NotSupported';

/** A query the demo tenant refuses, with the reason in words. */
export class KqlExecutionError extends Error {
  override readonly name = 'KqlExecutionError';
  readonly code: KqlExecutionErrorCode;
  constructor(code: KqlExecutionErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  static isInstance(error: unknown): error is KqlExecutionError {
    return error instanceof KqlExecutionError;
  }
}

/** `<part> is not supported by the demo tenant`, with the documented subset. */
export function notSupported(part: string): KqlExecutionError {
  return new KqlExecutionError(
    'NotSupported',
    `${part} is not supported by the demo tenant. It runs one tabular expression over a seeded table with where, project, extend, summarize (count, dcount, make_set, min, max ... by), take/limit, sort/order, top and distinct; comparisons, has, contains, startswith, endswith, in, between, ago() and now().`,
  );
}
