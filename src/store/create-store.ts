/**
 * The store the rest of Ward receives: every repository with the database bound, plus a transaction that
 * hands the same repositories bound to the transaction. Built once in the composition root. It never opens
 * or closes the database (its owner does) and holds no state of its own.
 */
import { getAnswer, insertAnswer } from './answers.js';
import {
  getConversationReference,
  listConversationReferences,
  saveConversationReference,
} from './conversation-references.js';
import type { Database, Queryable } from './database.js';
import { feedbackTally, listFeedback, recordFeedback } from './feedback.js';
import { getPendingAction, insertPendingActions, listPendingActionsForAnswer } from './pending-actions.js';

/** A repository function with its first (`db`) argument bound. */
type Bound<F> = F extends (db: Queryable, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Every repository, bound to one database or transaction. */
export interface Repositories {
  conversations: {
    save: Bound<typeof saveConversationReference>;
    get: Bound<typeof getConversationReference>;
    list: Bound<typeof listConversationReferences>;
  };
  answers: {
    insert: Bound<typeof insertAnswer>;
    get: Bound<typeof getAnswer>;
  };
  pendingActions: {
    insert: Bound<typeof insertPendingActions>;
    get: Bound<typeof getPendingAction>;
    listForAnswer: Bound<typeof listPendingActionsForAnswer>;
  };
  feedback: {
    record: Bound<typeof recordFeedback>;
    list: Bound<typeof listFeedback>;
    tally: Bound<typeof feedbackTally>;
  };
}

/** The repositories bound to the database, and a way to use them all in one transaction. */
export interface Store extends Repositories {
  /**
   * Runs `fn` in one transaction with the repositories bound to it (e.g. an answer and its pending actions,
   * all or nothing). Inside `fn`, use only `tx`, not this store.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}

/** Binds every repository to `db`. */
export function createStore(db: Database): Store {
  return {
    ...bindRepositories(db),
    transaction: (fn) => db.transaction((tx) => fn(bindRepositories(tx))),
  };
}

function bindRepositories(db: Queryable): Repositories {
  return {
    conversations: {
      save: (input) => saveConversationReference(db, input),
      get: (conversationId) => getConversationReference(db, conversationId),
      list: (filter) => listConversationReferences(db, filter),
    },
    answers: {
      insert: (input) => insertAnswer(db, input),
      get: (id) => getAnswer(db, id),
    },
    pendingActions: {
      insert: (rows) => insertPendingActions(db, rows),
      get: (id) => getPendingAction(db, id),
      listForAnswer: (answerId) => listPendingActionsForAnswer(db, answerId),
    },
    feedback: {
      record: (input) => recordFeedback(db, input),
      list: (answerId) => listFeedback(db, answerId),
      tally: (answerId) => feedbackTally(db, answerId),
    },
  };
}
