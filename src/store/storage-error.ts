/**
 * StorageError: the one error the store raises when the database (PGlite or a PostgreSQL server) fails.
 * It wraps the driver's error as `cause` and keeps its SQLSTATE and constraint so callers can react to
 * a unique or foreign-key violation without importing a driver. It must never put query parameters or a
 * connection string (which may hold a password) into its message: messages reach logs and analysts.
 */
import { WardError } from '../core/errors.js';

/** Fields PostgreSQL errors carry on both drivers (`pg`'s `DatabaseError`, PGlite's `messages.DatabaseError`). */
interface DriverErrorFields {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const sqlStatePattern = /^[0-9A-Z]{5}$/;

/** A database operation failed. `sqlState` is PostgreSQL's code (e.g. `23505` unique violation) when there is one. */
export class StorageError extends WardError {
  override readonly name = 'StorageError';
  /** SQLSTATE of the underlying PostgreSQL error, e.g. `23505`, `23503`, `23514`. */
  readonly sqlState?: string;
  /** Name of the violated constraint, when PostgreSQL reports one. */
  readonly constraint?: string;

  constructor(message: string, options?: { cause?: unknown; sqlState?: string; constraint?: string }) {
    super('storage_error', message, options);
    this.sqlState = options?.sqlState;
    this.constraint = options?.constraint;
  }

  static override isInstance(error: unknown): error is StorageError {
    return WardError.isInstance(error) && error.code === 'storage_error';
  }

  /**
   * Wraps whatever a driver threw. A StorageError passes through unchanged; anything else keeps its SQLSTATE
   * (or Node's error code, e.g. `ECONNREFUSED`, in the message) and becomes the `cause`.
   */
  static from(error: unknown, context = 'Database query failed'): StorageError {
    if (StorageError.isInstance(error)) return error;
    const fields: DriverErrorFields = typeof error === 'object' && error !== null ? error : {};
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    const sqlState = code !== undefined && sqlStatePattern.test(code) ? code : undefined;
    const constraint = typeof fields.constraint === 'string' ? fields.constraint : undefined;
    const detail =
      typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error);
    const tag = sqlState !== undefined ? ` (SQLSTATE ${sqlState})` : code !== undefined ? ` (${code})` : '';
    return new StorageError(`${context}${tag}: ${detail}`, { cause: error, sqlState, constraint });
  }
}
