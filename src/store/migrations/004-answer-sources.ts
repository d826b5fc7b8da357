/**
 * Migration 4: answer snapshots. `answer_sources` keeps, per answer, each source it consulted as it was
 * consulted: which plugin and skill, the plugin's version, the validated input (secrets redacted), whether it
 * answered (or why not), how long it took and the data it returned — at most 256 KB per source, stored cut
 * with a `wardSnapshotTruncated` marker beyond that. "How I got this", "Re-run" of a finding, the audit
 * trail's provenance and `npm run eval:feedback` (replaying a question against what the sources returned)
 * read it. Rows go with their answer (ON DELETE CASCADE), so retention purges both at once.
 * Never edit a migration once released: add the next one.
 */
import type { Migration } from './run-migrations.js';

export const answerSources: Migration = {
  version: 4,
  name: 'answer-sources',
  sql: `
CREATE TABLE answer_sources (
  answer_id uuid REFERENCES answers (id) ON DELETE CASCADE,
  source_id text,
  plugin text,
  skill text,
  plugin_version text,
  input jsonb,
  ok boolean,
  error text,
  data jsonb,
  duration_ms integer,
  PRIMARY KEY (answer_id, source_id)
);
`,
};
