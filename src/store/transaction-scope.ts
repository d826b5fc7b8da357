/**
 * Tracks whether code is running inside one of a database's transactions, so that calling the database
 * itself there (instead of the `tx` handed to the callback) fails loudly. On PGlite that mistake deadlocks
 * forever (the transaction holds the only backend); on a server it silently runs outside the transaction.
 * It never decides anything else: it holds no connection and no state beyond "inside or not".
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { StorageError } from './storage-error.js';

interface Frame {
  active: boolean;
}

/** One per database instance. */
export class TransactionScope {
  readonly #storage = new AsyncLocalStorage<Frame>();

  /** Runs `fn` marked as inside a transaction; the mark ends when `fn` settles, even for callbacks it left behind. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const frame: Frame = { active: true };
    try {
      return await this.#storage.run(frame, fn);
    } finally {
      frame.active = false;
    }
  }

  /** Throws when called from inside a transaction of the same database. */
  assertOutside(operation: string): void {
    if (this.#storage.getStore()?.active === true) {
      throw new StorageError(
        `${operation} was called on the database inside one of its transactions: use the \`tx\` passed to the ` +
          'transaction callback (on PGlite the direct call would wait for the transaction forever).',
      );
    }
  }
}
