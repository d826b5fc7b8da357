/**
 * Migration 3: the model in the loop. `conversation_memory` keeps the last turns of each conversation (thread)
 * so follow-ups resolve "her" and a model sees what was just said; the repository bounds it per conversation.
 * `usage_daily` counts model tokens and tool calls per tenant, analyst and UTC day (months are sums of days),
 * incremented with an upsert so concurrent answers on several replicas never lose a count.
 * Never edit a migration once released: add the next one.
 */
import type { Migration } from './run-migrations.js';

export const memoryAndUsage: Migration = {
  version: 3,
  name: 'memory-and-usage',
  sql: `
CREATE TABLE conversation_memory (
  id bigserial PRIMARY KEY,
  conversation_id text NOT NULL,
  at timestamptz NOT NULL,
  question text NOT NULL,
  answer_id uuid,
  intent text NOT NULL,
  title text NOT NULL,
  summary text NOT NULL,
  subject jsonb
);
CREATE INDEX conversation_memory_conversation_idx ON conversation_memory (conversation_id, id DESC);

CREATE TABLE usage_daily (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  day date NOT NULL,
  tokens bigint NOT NULL DEFAULT 0 CHECK (tokens >= 0),
  tool_calls bigint NOT NULL DEFAULT 0 CHECK (tool_calls >= 0),
  questions integer NOT NULL DEFAULT 0 CHECK (questions >= 0),
  model_questions integer NOT NULL DEFAULT 0 CHECK (model_questions >= 0),
  PRIMARY KEY (tenant_id, user_id, day)
);
CREATE INDEX usage_daily_tenant_day_idx ON usage_daily (tenant_id, day);
`,
};
