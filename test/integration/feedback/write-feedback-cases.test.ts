/**
 * Step one of eval:feedback against a real store (PGlite, and PostgreSQL with TEST_DATABASE_URL): labelled
 * cases become case files, merged with what a file already holds, and are marked written only when written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedbackCase } from '../../../src/core/feedback/feedback-case.js';
import {
  type CaseFiles,
  caseFileName,
  writeFeedbackCases,
} from '../../../src/core/feedback/write-feedback-cases.js';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';
import { storeSampleAnswer } from '../store/fixtures/sample-answer.js';

function memoryFiles(initial: Record<string, string> = {}): CaseFiles & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    read: async (name) => files.get(name),
    write: async (name, text) => {
      files.set(name, text);
    },
  };
}

describe.each(testEngines)('writing feedback cases on $kind', ({ open }) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await open();
    store = createStore(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function label(answerId: string, source: string, reason: 'wrong-conclusion' | 'other') {
    await store.labelledCases.record({
      answerId,
      kind: 'negative-feedback',
      source,
      label: { rating: 'needs-improvement', reason, expected: { riskLevelNotIn: ['high'] } },
    });
  }

  it('writes each answer once, keeps an admin’s expect block when a new label arrives, and skips what it cannot write', async () => {
    // Earlier runs' cases are not this test's concern: mark them written.
    const earlier = await store.labelledCases.list({ unexportedOnly: true });
    await store.labelledCases.markExported(
      earlier.map((entry) => entry.id),
      new Date(),
    );

    const kept = await storeSampleAnswer(db);
    const emptied = await storeSampleAnswer(db);
    const unreadable = await storeSampleAnswer(db);
    for (const answerId of [kept, emptied, unreadable])
      await label(answerId, 'feedback:aad-1', 'wrong-conclusion');
    // Retention removed this question's text: there is nothing to ask again.
    await db.query(`UPDATE answers SET question = '' WHERE id = $1`, [emptied]);
    const files = memoryFiles({ [caseFileName(unreadable)]: '{ not json' });
    const first = await writeFeedbackCases(store, files, () => new Date());
    expect(first.written.map((entry) => entry.answerId)).toEqual([kept]);
    expect(first.skipped).toEqual([
      { answerId: emptied, reason: 'its question is no longer stored (retention removed the text)' },
      {
        answerId: unreadable,
        reason: expect.stringContaining('exists but cannot be read, so it was left as it is'),
      },
    ]);
    expect(files.files.get(caseFileName(unreadable))).toBe('{ not json');
    // What was skipped stays to be written: it is not marked.
    const left = await store.labelledCases.list({ unexportedOnly: true });
    expect(left.map((entry) => entry.answerId).sort()).toEqual([emptied, unreadable].sort());
    await store.labelledCases.markExported(
      left.map((entry) => entry.id),
      new Date(),
    );

    // Nothing new for the kept answer; an admin edits its file; another analyst labels it.
    expect((await writeFeedbackCases(store, files, () => new Date())).written).toEqual([]);
    const name = caseFileName(kept);
    const edited = {
      ...parseFeedbackCase(files.files.get(name)!, name),
      expect: { riskLevelIn: ['medium'] },
    };
    files.files.set(name, JSON.stringify(edited));
    await label(kept, 'feedback:aad-2', 'other');
    const second = await writeFeedbackCases(store, files, () => new Date());
    expect(second.written).toEqual([{ answerId: kept, file: name, labels: 2, snapshot: false }]);
    const merged = parseFeedbackCase(files.files.get(name)!, name);
    expect(merged.labels).toHaveLength(2);
    expect(merged.expect).toEqual({ riskLevelIn: ['medium'] });
    expect(merged.snapshot).toBeNull();
  });
});
