/**
 * The store the rest of Ward receives: every repository with the database bound, plus a transaction that
 * hands the same repositories bound to the transaction. Built once in the composition root. It never opens
 * or closes the database (its owner does) and holds no state of its own.
 */
import { answersForMessage, linkAnswerMessage } from './answer-messages.js';
import { insertAnswerSources, listAnswerSources } from './answer-sources.js';
import { getAnswer, insertAnswer } from './answers.js';
import { appendAudit, listAudit, verifyAuditChain } from './audit-log.js';
import {
  getConversationReference,
  listConversationReferences,
  saveConversationReference,
} from './conversation-references.js';
import type { Database, Transaction } from './database.js';
import { feedbackTally, listFeedback, listFeedbackWithAnswers, recordFeedback } from './feedback.js';
import {
  answerSnapshot,
  listLabelledCases,
  markLabelledCasesExported,
  recordLabelledCase,
  withdrawLabelledCase,
} from './labelled-cases.js';
import {
  approveAndClaim,
  cancelPendingAction,
  claimForExecution,
  finishExecution,
  getPendingAction,
  insertPendingActions,
  listPendingActionsForAnswer,
  markExpired,
  mergeActionInput,
  requestApproval,
  setCardActivityId,
} from './pending-actions.js';
import type { RetentionPolicy } from './retention-policy.js';

/** A repository function with its first (`db`) argument bound. */
type Bound<F> = F extends (db: never, ...args: infer A) => infer R ? (...args: A) => R : never;

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
  /** Each answer's sources as consulted: input, plugin version, outcome and data (the answer's snapshot). */
  answerSources: {
    insert: Bound<typeof insertAnswerSources>;
    list: Bound<typeof listAnswerSources>;
  };
  pendingActions: {
    insert: Bound<typeof insertPendingActions>;
    get: Bound<typeof getPendingAction>;
    listForAnswer: Bound<typeof listPendingActionsForAnswer>;
    /** proposed → awaiting-approval; undefined when another click won or it expired. */
    requestApproval: Bound<typeof requestApproval>;
    /** awaiting-approval → executing by someone other than the requester; undefined otherwise. */
    approveAndClaim: Bound<typeof approveAndClaim>;
    /** proposed → executing (single-person path); undefined when another click won or it expired. */
    claimForExecution: Bound<typeof claimForExecution>;
    /** executing → succeeded | failed. */
    finishExecution: Bound<typeof finishExecution>;
    /** proposed | awaiting-approval → cancelled. */
    cancel: Bound<typeof cancelPendingAction>;
    /** Every open action past its expiry → expired; returns how many. */
    markExpired: Bound<typeof markExpired>;
    setCardActivityId: Bound<typeof setCardActivityId>;
    /** Adds the analyst's choices to a still-proposed action's input. */
    mergeInput: Bound<typeof mergeActionInput>;
  };
  audit: {
    /** Appends one record to the hash chain (in the store's transaction when called on `tx`). */
    append: Bound<typeof appendAudit>;
    /** Records about a target or a pending action, newest first. */
    list: Bound<typeof listAudit>;
    /** Recomputes the whole chain. */
    verify: Bound<typeof verifyAuditChain>;
  };
  feedback: {
    record: Bound<typeof recordFeedback>;
    list: Bound<typeof listFeedback>;
    tally: Bound<typeof feedbackTally>;
    /** Feedback joined with the answers it rates (report, export). */
    listWithAnswers: Bound<typeof listFeedbackWithAnswers>;
  };
  /** The message (activity id) that carried each answer, for Teams thumbs feedback. */
  answerMessages: {
    link: Bound<typeof linkAnswerMessage>;
    find: Bound<typeof answersForMessage>;
  };
  /** Negative feedback and false-positive dismissals kept as examples for `eval:feedback`. */
  labelledCases: {
    record: Bound<typeof recordLabelledCase>;
    withdraw: Bound<typeof withdrawLabelledCase>;
    list: Bound<typeof listLabelledCases>;
    markExported: Bound<typeof markLabelledCasesExported>;
    /** The answer's source snapshot (`answer_sources`), undefined when the database has none. */
    snapshot: Bound<typeof answerSnapshot>;
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

/** How the store is built. */
export interface StoreOptions {
  /**
   * RETENTION_*: a text kept for 0 days is never written (answers in their text-free form, no source snapshots,
   * feedback without its comment); longer retentions are the purge's (`purge-expired.ts`). Default: keep.
   */
  retention?: RetentionPolicy;
}

/** Binds every repository to `db`. */
export function createStore(db: Database, options: StoreOptions = {}): Store {
  const keep: KeptText = {
    answers: options.retention?.answerDays !== 0,
    feedback: options.retention?.feedbackDays !== 0,
  };
  return {
    ...bindRepositories(db, keep),
    transaction: (fn) => db.transaction((tx) => fn(bindRepositories(tx, keep))),
  };
}

/** Which texts this store writes at all. */
interface KeptText {
  answers: boolean;
  feedback: boolean;
}

function bindRepositories(db: Database | Transaction, keep: KeptText): Repositories {
  return {
    conversations: {
      save: (input) => saveConversationReference(db, input),
      get: (conversationId) => getConversationReference(db, conversationId),
      list: (filter) => listConversationReferences(db, filter),
    },
    answers: {
      insert: (input) => insertAnswer(db, input, { keepText: keep.answers }),
      get: (id) => getAnswer(db, id),
    },
    answerSources: {
      // A snapshot is the answer's text (each source's input and data): none when that is not kept.
      insert: (answerId, sources) =>
        keep.answers ? insertAnswerSources(db, answerId, sources) : Promise.resolve(0),
      list: (answerId) => listAnswerSources(db, answerId),
    },
    pendingActions: {
      insert: (rows) => insertPendingActions(db, rows),
      get: (id) => getPendingAction(db, id),
      listForAnswer: (answerId) => listPendingActionsForAnswer(db, answerId),
      requestApproval: (id, by, now) => requestApproval(db, id, by, now),
      approveAndClaim: (id, approver, idempotencyKey, now) =>
        approveAndClaim(db, id, approver, idempotencyKey, now),
      claimForExecution: (id, by, idempotencyKey, now) => claimForExecution(db, id, by, idempotencyKey, now),
      finishExecution: (id, result, now) => finishExecution(db, id, result, now),
      cancel: (id, by, now) => cancelPendingAction(db, id, by, now),
      markExpired: (now) => markExpired(db, now),
      setCardActivityId: (id, activityId) => setCardActivityId(db, id, activityId),
      mergeInput: (id, values) => mergeActionInput(db, id, values),
    },
    audit: {
      append: (record) => appendAudit(db, record),
      list: (options) => listAudit(db, options),
      verify: (options) => verifyAuditChain(db, options),
    },
    feedback: {
      record: (input) => recordFeedback(db, keep.feedback ? input : { ...input, comment: null }),
      list: (answerId) => listFeedback(db, answerId),
      tally: (answerId) => feedbackTally(db, answerId),
      listWithAnswers: (query) => listFeedbackWithAnswers(db, query),
    },
    answerMessages: {
      link: (answerId, activityId) => linkAnswerMessage(db, answerId, activityId),
      find: (activityId) => answersForMessage(db, activityId),
    },
    labelledCases: {
      record: (input) =>
        recordLabelledCase(
          db,
          keep.feedback ? input : { ...input, label: { ...input.label, comment: null } },
        ),
      withdraw: (answerId, source) => withdrawLabelledCase(db, answerId, source),
      list: (options) => listLabelledCases(db, options),
      markExported: (ids, at, readAt) => markLabelledCasesExported(db, ids, at, readAt),
      snapshot: (answerId) => answerSnapshot(db, answerId),
    },
  };
}
