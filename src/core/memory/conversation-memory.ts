/**
 * Conversation memory: the last few questions and answers of one conversation (a channel thread, a group
 * chat, a 1:1 chat), so a follow-up like "and her sign-ins?" knows who "her" is and a model sees what was
 * just said. Stored in the database (any replica answers the next turn), bounded in turns and age.
 * It remembers what Ward answered, never tenant data beyond the answer's title, summary and subject.
 */
import type { Target } from '../answer.js';

/** One earlier turn, as remembered. */
export interface RememberedTurn {
  at: Date;
  /** The analyst's question, without the mention. */
  question: string;
  answerId?: string;
  intent: string;
  title: string;
  summary: string;
  /** Who or what the answer was about (the user of a user-risk answer). */
  subject?: Target;
}

export interface ConversationMemory {
  /** The remembered turns of a conversation, oldest first: at most the configured number, none too old. */
  recall(conversationId: string): Promise<RememberedTurn[]>;
  /** Adds a turn; drops the conversation's oldest turns beyond the bound. */
  remember(conversationId: string, turn: RememberedTurn): Promise<void>;
}

/** A memory that remembers nothing (tests, or hosts that do not want it). */
export const noMemory: ConversationMemory = {
  recall: async () => [],
  remember: async () => {},
};
