import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAnswer, insertAnswer } from '../../../src/store/answers.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';
import { sampleAnswer } from './fixtures/sample-answer.js';

describe.each(testEngines)('answers on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores an answer with who asked, where, and the answer’s intent, planner, sources and partial flag', async () => {
    const answer = sampleAnswer();
    const stored = await insertAnswer(db, {
      conversationId: '19:soc@thread.tacv2;messageid=1700000000000',
      turnId: 'activity-42',
      user: { aadObjectId: 'aad-1', name: 'Megan Bowen' },
      question: 'is adele at risk?',
      answer,
    });
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.createdAt).toBeInstanceOf(Date);

    const loaded = await getAnswer(db, stored.id);
    expect(loaded).toEqual(stored);
    expect(loaded).toMatchObject({
      intent: 'user-risk',
      planner: 'rules',
      partial: true,
      userAadObjectId: 'aad-1',
      userName: 'Megan Bowen',
    });
    expect(loaded?.sources.map((source) => source.id)).toEqual(['S1', 'S2']);
    const columns = await db.query<{ sources: unknown; intent: string }>(
      'SELECT sources, intent FROM answers WHERE id = $1',
      [stored.id],
    );
    expect(columns.rows[0]!.sources).toEqual(answer.sources);
  });

  it('stores an answer for an anonymous caller with the id it was given', async () => {
    const id = crypto.randomUUID();
    const stored = await insertAnswer(db, {
      id,
      conversationId: 'a:personal',
      turnId: 'activity-1',
      question: 'help',
      answer: sampleAnswer({ intent: 'help', partial: false }),
    });
    expect(stored.id).toBe(id);
    expect(await getAnswer(db, id)).toMatchObject({ userAadObjectId: null, userName: null, partial: false });
  });

  it('stores a 100 KB question intact', async () => {
    const question = `what happened here? ${'🛡️ sign-in from 203.0.113.7; '.repeat(3_500)}`.slice(0, 100_000);
    expect(Buffer.byteLength(question)).toBeGreaterThan(100_000);
    const stored = await insertAnswer(db, {
      conversationId: 'a:personal',
      turnId: 'activity-big',
      question,
      answer: sampleAnswer(),
    });
    expect((await getAnswer(db, stored.id))?.question).toBe(question);
  });

  it('answers undefined for an unknown id and for one that is not a UUID', async () => {
    expect(await getAnswer(db, crypto.randomUUID())).toBeUndefined();
    expect(await getAnswer(db, 'not-a-uuid')).toBeUndefined();
    expect(await getAnswer(db, "'; DROP TABLE answers; --")).toBeUndefined();
  });

  it('refuses to hand out a stored answer that no longer matches the Answer schema', async () => {
    const stored = await insertAnswer(db, {
      conversationId: 'a:personal',
      turnId: 'activity-2',
      question: 'q',
      answer: sampleAnswer(),
    });
    await db.query(`UPDATE answers SET answer = answer - 'summary' WHERE id = $1`, [stored.id]);
    await expect(getAnswer(db, stored.id)).rejects.toMatchObject({
      name: 'StorageError',
      message: expect.stringContaining(`Stored answer ${stored.id} does not match the Answer schema`),
    });
  });
});
