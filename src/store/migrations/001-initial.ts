/**
 * Migration 1: conversation references (for proactive messages), stored answers, the pending actions they
 * propose, and analysts' feedback on them. Never edit a migration once released: add the next one instead.
 */
import type { Migration } from './run-migrations.js';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE conversation_references (
  conversation_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  name text,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_references_tenant_kind_idx ON conversation_references (tenant_id, kind);

CREATE TABLE answers (
  id uuid PRIMARY KEY,
  conversation_id text NOT NULL,
  turn_id text NOT NULL,
  user_aad_object_id text,
  user_name text,
  question text NOT NULL,
  intent text NOT NULL,
  planner text NOT NULL,
  answer jsonb NOT NULL,
  sources jsonb NOT NULL DEFAULT '[]',
  partial boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answers_conversation_created_idx ON answers (conversation_id, created_at);

CREATE TABLE pending_actions (
  id uuid PRIMARY KEY,
  answer_id uuid NOT NULL REFERENCES answers (id),
  conversation_id text NOT NULL,
  action text NOT NULL CONSTRAINT pending_actions_action_check CHECK (action ~ '^[a-z][a-zA-Z0-9-]*[.][a-z][a-zA-Z0-9]*$'),
  target jsonb NOT NULL,
  input jsonb NOT NULL DEFAULT '{}',
  why text NOT NULL,
  destructive boolean NOT NULL,
  status text NOT NULL DEFAULT 'proposed' CONSTRAINT pending_actions_status_check
    CHECK (status IN ('proposed', 'confirming', 'executing', 'succeeded', 'failed', 'expired', 'refused')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX pending_actions_answer_idx ON pending_actions (answer_id);

CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  answer_id uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_aad_object_id text NOT NULL,
  user_name text,
  rating text NOT NULL CONSTRAINT feedback_rating_check
    CHECK (rating IN ('looks-right', 'needs-improvement', 'inappropriate')),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feedback_answer_user_key UNIQUE (answer_id, user_aad_object_id)
);
`,
};
