/**
 * Conversation references: what Ward must remember about a chat or channel to post into it later (digests,
 * card updates). One row per conversation, refreshed on every turn. The reference itself is the host's
 * (Bot Framework) object, kept opaque here; this module never imports the host's types and never sends.
 */
import { z } from 'zod/v4';
import { InvalidInputError } from '../core/errors.js';
import type { ConversationKind } from '../core/turn.js';
import type { Queryable } from './database.js';
import { StorageError } from './storage-error.js';

/**
 * The host's conversation reference, as stored. Only what a proactive send cannot do without is checked;
 * everything else the host put in is kept as is.
 */
export const storedConversationReferenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});
export type StoredConversationReference = z.infer<typeof storedConversationReferenceSchema>;

/** A stored conversation. */
export interface ConversationReferenceRow {
  conversationId: string;
  tenantId: string;
  kind: ConversationKind;
  /** Chat or channel name, when the host ever told it. */
  name: string | null;
  reference: StoredConversationReference;
  updatedAt: Date;
}

/** What {@link saveConversationReference} stores. */
export interface SaveConversationReferenceInput {
  conversationId: string;
  tenantId: string;
  kind: ConversationKind;
  /** Omitted or null keeps the name stored earlier (hosts do not send it on every activity). */
  name?: string | null;
  reference: StoredConversationReference;
}

/** Filters for {@link listConversationReferences}; all optional. */
export interface ListConversationReferencesFilter {
  tenantId?: string;
  kind?: ConversationKind;
}

interface Row {
  conversation_id: string;
  tenant_id: string;
  kind: ConversationKind;
  name: string | null;
  reference: unknown;
  updated_at: Date;
}

const columns = 'conversation_id, tenant_id, kind, name, reference, updated_at';

/**
 * Inserts or refreshes the reference of one conversation and returns it as stored. Throws an
 * `InvalidInputError` when the reference lacks what a proactive send needs (`serviceUrl`, `conversation.id`).
 */
export async function saveConversationReference(
  db: Queryable,
  input: SaveConversationReferenceInput,
): Promise<ConversationReferenceRow> {
  const checked = storedConversationReferenceSchema.safeParse(input.reference);
  if (!checked.success) {
    throw new InvalidInputError(
      `The reference of conversation ${input.conversationId} is not usable: ${z.prettifyError(checked.error)}`,
    );
  }
  const result = await db.query<Row>(
    `INSERT INTO conversation_references (conversation_id, tenant_id, kind, name, reference, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, now())
     ON CONFLICT (conversation_id) DO UPDATE SET
       tenant_id = EXCLUDED.tenant_id,
       kind = EXCLUDED.kind,
       name = COALESCE(EXCLUDED.name, conversation_references.name),
       reference = EXCLUDED.reference,
       updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [input.conversationId, input.tenantId, input.kind, input.name ?? null, JSON.stringify(input.reference)],
  );
  return toRow(result.rows[0]!);
}

/** The stored reference of a conversation, or undefined. */
export async function getConversationReference(
  db: Queryable,
  conversationId: string,
): Promise<ConversationReferenceRow | undefined> {
  const result = await db.query<Row>(
    `SELECT ${columns} FROM conversation_references WHERE conversation_id = $1`,
    [conversationId],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toRow(row);
}

/** Stored conversations matching the filter, most recently active first. */
export async function listConversationReferences(
  db: Queryable,
  filter: ListConversationReferencesFilter = {},
): Promise<ConversationReferenceRow[]> {
  const result = await db.query<Row>(
    `SELECT ${columns} FROM conversation_references
     WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY updated_at DESC, conversation_id`,
    [filter.tenantId ?? null, filter.kind ?? null],
  );
  return result.rows.map(toRow);
}

function toRow(row: Row): ConversationReferenceRow {
  const reference = storedConversationReferenceSchema.safeParse(row.reference);
  if (!reference.success) {
    throw new StorageError(
      `The stored reference of conversation ${row.conversation_id} is not usable: ${z.prettifyError(reference.error)}`,
    );
  }
  return {
    conversationId: row.conversation_id,
    tenantId: row.tenant_id,
    kind: row.kind,
    name: row.name,
    reference: reference.data,
    updatedAt: row.updated_at,
  };
}
