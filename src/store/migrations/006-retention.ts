/**
 * Migration 6: retention. `answers.text_removed_at` marks an answer whose text Ward no longer keeps (never
 * stored with RETENTION_ANSWER_DAYS=0, or removed by the daily purge), so the purge never does one twice and
 * a redrawn card knows why the text is missing. The indexes let the purge find what is due without scanning:
 * answers by age on each side of that mark, comments by age, and "does an audit record name this answer?".
 * Versions 4 and 5 are other changes' (answer sources, the feedback loop); the runner applies whichever is
 * missing, in order. Never edit a migration once released: add the next one.
 */
import type { Migration } from './run-migrations.js';

export const retention: Migration = {
  version: 6,
  name: 'retention',
  sql: `
ALTER TABLE answers ADD COLUMN text_removed_at timestamptz;
CREATE INDEX answers_text_kept_created_idx ON answers (created_at) WHERE text_removed_at IS NULL;
CREATE INDEX answers_text_removed_created_idx ON answers (created_at) WHERE text_removed_at IS NOT NULL;
CREATE INDEX feedback_comment_updated_idx ON feedback (updated_at) WHERE comment IS NOT NULL;
CREATE INDEX audit_log_answer_idx ON audit_log (answer_id) WHERE answer_id IS NOT NULL;
`,
};
