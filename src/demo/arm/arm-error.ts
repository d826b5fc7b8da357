/**
 * The error an ARM route raises to answer with Azure Resource Manager's error shape (`CloudError`):
 * `{ "error": { "code", "message", "details"? } }` with an HTTP status, e.g. 400 MissingApiVersionParameter,
 * 404 SubscriptionNotFound. The ARM service turns it into the answer.
 * It never carries data from the tenant beyond what ARM itself would put in a message.
 */
import { WardError } from '../../core/errors.js';

/** An ARM-shaped error answer. */
export class ArmHttpError extends WardError {
  override readonly name = 'ArmHttpError';
  readonly status: number;
  /** ARM's error code, e.g. `ResourceNotFound`. */
  readonly armCode: string;
  readonly details?: readonly { code: string; message: string }[];

  constructor(
    status: number,
    armCode: string,
    message: string,
    options?: { details?: { code: string; message: string }[]; cause?: unknown },
  ) {
    super('demo_arm_error', message, options);
    this.status = status;
    this.armCode = armCode;
    this.details = options?.details;
  }

  static override isInstance(error: unknown): error is ArmHttpError {
    return WardError.isInstance(error) && error.name === 'ArmHttpError';
  }
}

/** ARM's error body. */
export function armErrorBody(
  code: string,
  message: string,
  details?: readonly { code: string; message: string }[],
): { error: { code: string; message: string; details?: { code: string; message: string }[] } } {
  return { error: { code, message, ...(details ? { details: [...details] } : {}) } };
}
