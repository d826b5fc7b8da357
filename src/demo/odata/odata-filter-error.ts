/**
 * The error an OData `$filter` raises when it cannot be parsed, or names something the demo tenant does not
 * evaluate. It carries the position in the filter text so the message can point at the problem.
 * It never carries anything but the caller's own filter text.
 */
import { WardError } from '../../core/errors.js';

/** A `$filter` that is malformed (`syntax`) or well-formed but not supported here (`unsupported`). */
export class ODataFilterError extends WardError {
  override readonly name = 'ODataFilterError';
  /** `syntax`: not valid OData; `unsupported`: valid OData the demo tenant does not evaluate. */
  readonly kind: 'syntax' | 'unsupported';
  /** Zero-based character offset in the filter text, when the problem has one. */
  readonly position?: number;

  constructor(
    kind: 'syntax' | 'unsupported',
    message: string,
    options?: { position?: number; cause?: unknown },
  ) {
    super('invalid_filter', message, options);
    this.kind = kind;
    this.position = options?.position;
  }

  static override isInstance(error: unknown): error is ODataFilterError {
    return WardError.isInstance(error) && error.name === 'ODataFilterError';
  }
}
