/**
 * Migration 2: guarded remediation. Pending actions get the columns of their lifecycle (who asked, who
 * approved, who ran it, when, with which idempotency key, what came of it, which card shows it) and the new
 * status set; `audit_log` is the append-only, hash-chained record of every step. The trigger refuses UPDATE,
 * DELETE and TRUNCATE of audit rows on both engines (PGlite runs PL/pgSQL triggers too); a table owner can
 * still disable it, which is what the hash chain is for. Never edit a migration once released: add the next one.
 */
import type { Migration } from './run-migrations.js';

export const guardedActions: Migration = {
  version: 2,
  name: 'guarded-actions',
  sql: `
ALTER TABLE pending_actions DROP CONSTRAINT pending_actions_status_check;
-- 'confirming' is gone: confirmation is a card shown to one analyst, not a stored state.
UPDATE pending_actions SET status = 'proposed' WHERE status = 'confirming';

ALTER TABLE pending_actions
  ADD COLUMN requested_by jsonb,
  ADD COLUMN requested_at timestamptz,
  ADD COLUMN approved_by jsonb,
  ADD COLUMN approved_at timestamptz,
  ADD COLUMN executed_by jsonb,
  ADD COLUMN cancelled_by jsonb,
  ADD COLUMN started_at timestamptz,
  ADD COLUMN finished_at timestamptz,
  ADD COLUMN result jsonb,
  ADD COLUMN card_activity_id text,
  ADD COLUMN idempotency_key text CONSTRAINT pending_actions_idempotency_key_key UNIQUE,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT pending_actions_status_check CHECK (status IN (
    'proposed', 'awaiting-approval', 'executing', 'succeeded', 'failed', 'expired', 'refused', 'cancelled'
  )),
  -- Four eyes, whoever writes the row: an approval needs a requester, and the approver is someone else.
  ADD CONSTRAINT pending_actions_approver_check CHECK (
    approved_by IS NULL
    OR (lower(approved_by ->> 'aadObjectId') <> lower(requested_by ->> 'aadObjectId')) IS TRUE
  );
UPDATE pending_actions SET updated_at = created_at;
-- markExpired scans only the open actions.
CREATE INDEX pending_actions_open_expiry_idx ON pending_actions (expires_at)
  WHERE status IN ('proposed', 'awaiting-approval');

CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  tenant_id text,
  conversation_id text,
  actor jsonb,
  event text NOT NULL CONSTRAINT audit_log_event_check CHECK (event IN (
    'proposed', 'clicked', 'refused', 'confirmation-shown', 'approval-requested', 'approved', 'executing',
    'succeeded', 'failed', 'cancelled', 'expired'
  )),
  -- No foreign keys: the log outlives what it mentions and never blocks deleting it.
  pending_action_id uuid,
  action text,
  target jsonb,
  inputs jsonb,
  answer_id uuid,
  sources jsonb,
  reason text,
  result jsonb,
  request_ids text[],
  prev_hash text NOT NULL CONSTRAINT audit_log_prev_hash_check CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CONSTRAINT audit_log_hash_check CHECK (hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_log_hash_key UNIQUE (hash),
  -- Each record is followed by at most one: an append that raced past the lock fails instead of forking the chain.
  CONSTRAINT audit_log_prev_hash_key UNIQUE (prev_hash)
);
CREATE INDEX audit_log_pending_action_idx ON audit_log (pending_action_id, seq) WHERE pending_action_id IS NOT NULL;
CREATE INDEX audit_log_target_idx ON audit_log ((target ->> 'id'), seq) WHERE target IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'P0001', HINT = 'Audit records are never changed or removed.';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
