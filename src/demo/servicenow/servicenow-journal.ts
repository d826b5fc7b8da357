/**
 * The demo instance's `sys_journal_field` records: every comment and work note written to an incident (seeded,
 * planted, or sent by a client in a `comments`/`work_notes` field), as the Table API serves them, with the
 * journal's own fields: `sys_id`, `name` (the table of the record written to), `element_id`, `element`,
 * `value`, `sys_created_on`, `sys_created_by`. The journal is append-only, so an entry's sys_id is derived
 * from the record it is on and its place in the journal: the same entry keeps the same sys_id across requests
 * and replays. It never changes the journal.
 */
import { createHash } from 'node:crypto';
import type { DemoServiceNow } from './servicenow-state.js';

/** The journal as `sys_journal_field` records (raw values; dates as stored). */
export function journalRecords(instance: DemoServiceNow): Record<string, string>[] {
  return instance.journal.map((entry, index) => ({
    sys_id: createHash('sha256')
      .update(`sys_journal_field:${entry.element_id}:${index}`)
      .digest('hex')
      .slice(0, 32),
    name: 'incident',
    element_id: entry.element_id,
    element: entry.element,
    value: entry.value,
    sys_created_on: entry.sys_created_on,
    sys_created_by: entry.sys_created_by,
  }));
}
