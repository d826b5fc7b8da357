/**
 * A Turn is one message to Ward, independent of the chat host (Teams today, another host later).
 * `src/teams/turn.ts` builds it from a Bot Framework activity; the core never sees an activity.
 */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface Turn {
  /** Id of the incoming message (activity id), for correlation. */
  id: string;
  user: {
    /** Host-specific user id (Teams: `29:...`). */
    id: string;
    /** Entra object id; the identity used for roles and audit. Absent for anonymous or guest callers. */
    aadObjectId?: string;
    name?: string;
  };
  /** Entra tenant id of the conversation. */
  tenantId?: string;
  conversation: {
    /** Host conversation id; in a Teams channel thread `19:...@thread.tacv2;messageid=<root>`. */
    id: string;
    kind: ConversationKind;
    /** Channel id (without the thread suffix) when in a channel. */
    channelId?: string;
    teamId?: string;
    /** Id of the thread's root message, when in a channel thread. */
    threadRootId?: string;
    /** Channel or chat name, when the host tells it (used to find an incident the channel is about). */
    name?: string;
  };
  /** The message text with the bot mention removed, trimmed. */
  text: string;
  locale?: string;
}
