/**
 * Migration 5: feedback that closes the loop. Feedback rows get the reason an analyst chose ("wrong
 * conclusion" ...) and the channel it came through (the card's buttons, or the Teams thumbs under the
 * message); `answers.activity_id` is the id Teams gave the message that carried the answer, so a thumbs
 * reaction (which names only that message) finds its answer; `labelled_cases` keeps negative feedback and
 * risks dismissed as false positives as labelled examples that `npm run eval:feedback` turns into
 * regression cases. A labelled case keeps the conversation context it was given in (`context`), captured
 * when it is recorded, because conversation memory forgets after a day.
 * Version 4 is another change's (answer sources); the runner applies whichever is missing, in order.
 * Never edit a migration once released: add the next one.
 */
import type { Migration } from './run-migrations.js';

export const feedbackLoop: Migration = {
  version: 5,
  name: 'feedback-loop',
  sql: `
ALTER TABLE feedback
  ADD COLUMN reason text CONSTRAINT feedback_reason_check CHECK (reason IN (
    'wrong-data', 'wrong-conclusion', 'missing-source', 'unsafe-suggestion', 'other'
  )),
  ADD COLUMN channel text NOT NULL DEFAULT 'card' CONSTRAINT feedback_channel_check
    CHECK (channel IN ('card', 'teams-thumbs'));
-- The report reads the last days of feedback.
CREATE INDEX feedback_updated_idx ON feedback (updated_at);

ALTER TABLE answers ADD COLUMN activity_id text;
-- Teams message ids are unique within a conversation, not across them: look up by id, then check the conversation.
CREATE INDEX answers_activity_idx ON answers (activity_id) WHERE activity_id IS NOT NULL;

CREATE TABLE labelled_cases (
  id uuid PRIMARY KEY,
  answer_id uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  kind text NOT NULL CONSTRAINT labelled_cases_kind_check
    CHECK (kind IN ('negative-feedback', 'dismissed-false-positive')),
  -- What produced the label: 'feedback:<analyst id>' or 'action:<pending action id>'. One case per source:
  -- an analyst who changes their comment updates their case.
  source text NOT NULL,
  label jsonb NOT NULL,
  context jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  exported_at timestamptz,
  CONSTRAINT labelled_cases_answer_source_key UNIQUE (answer_id, source)
);
CREATE INDEX labelled_cases_unexported_idx ON labelled_cases (created_at) WHERE exported_at IS NULL;
`,
};
