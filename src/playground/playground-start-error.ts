/**
 * The error `startPlayground` throws when the Agents Playground cannot be started or reused: not installed,
 * port taken by something else, exited (for example an invalid .m365agentsplayground.yml) or never ready.
 * Its message says what to do; `logTail` carries the Playground's own explanation, which it writes only to
 * devTools/m365agentsplayground.log. It never carries secrets (the Playground log holds none).
 */
import { WardError } from '../core/errors.js';

/** The local Teams client (Agents Playground) could not be started; thrown at start, never on a request. */
export class PlaygroundStartError extends WardError {
  override readonly name = 'PlaygroundStartError';
  /** The last relevant lines of devTools/m365agentsplayground.log, when the Playground wrote any. */
  readonly logTail?: string;

  constructor(message: string, options?: { cause?: unknown; logTail?: string }) {
    super('playground_start_failed', message, options);
    this.logTail = options?.logTail;
  }
}
