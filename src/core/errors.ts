/**
 * Ward's one error base class. Every error Ward raises on purpose is a WardError (or a subclass) with a
 * stable `code`, a human message that says what to do, and the `cause` that led to it.
 * It never carries secrets: messages are shown to analysts and written to logs.
 */
const marker = Symbol.for('ward.error');

export class WardError extends Error {
  override readonly name: string = 'WardError';
  readonly [marker] = true;
  /** Stable machine-readable code, e.g. `source_unavailable`, `invalid_input`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(error: unknown): error is WardError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** Outside input (activity, card submission, env, skill input) failed validation. */
export class InvalidInputError extends WardError {
  override readonly name = 'InvalidInputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_input', message, options);
  }
}

/** A tenant API or other source could not answer (after retries). Becomes a cited partial answer. */
export class SourceUnavailableError extends WardError {
  override readonly name = 'SourceUnavailableError';
  /** HTTP status the source answered with, when there was one. */
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super('source_unavailable', message, options);
    this.status = options?.status;
  }
}

/** The thing asked about does not exist in the tenant (unknown user, device, ...). */
export class NotFoundError extends WardError {
  override readonly name = 'NotFoundError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('not_found', message, options);
  }
}

/** Settings are wrong; thrown at start, never on a request. */
export class ConfigError extends WardError {
  override readonly name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('config_error', message, options);
  }
}
