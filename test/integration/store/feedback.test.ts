import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.js';
import { feedbackTally, listFeedback, recordFeedback } from '../../../src/store/feedback.js';
import { testEngines } from '../../support/test-database.js';
import { storeSampleAnswer } from './fixtures/sample-answer.js';

describe.each(testEngines)('feedback on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('records an analyst’s rating and comment', async () => {
    const answerId = await storeSampleAnswer(db);
    const result = await recordFeedback(db, {
      answerId,
      userId: 'aad-megan',
      userName: 'Megan Bowen',
      rating: 'needs-improvement',
      comment: 'Missed the MFA registration change.',
    });
    expect(result).toEqual({ created: true });
    const rows = await listFeedback(db, answerId);
    expect(rows).toEqual([
      expect.objectContaining({
        answerId,
        userId: 'aad-megan',
        userName: 'Megan Bowen',
        rating: 'needs-improvement',
        comment: 'Missed the MFA registration change.',
      }),
    ]);
    expect(typeof rows[0]!.id).toBe('string');
  });

  it('updates, never duplicates, when an analyst changes their mind', async () => {
    const answerId = await storeSampleAnswer(db);
    await recordFeedback(db, {
      answerId,
      userId: 'aad-megan',
      rating: 'needs-improvement',
      comment: 'wrong user',
    });
    const first = (await listFeedback(db, answerId))[0]!;
    const second = await recordFeedback(db, { answerId, userId: 'aad-megan', rating: 'looks-right' });
    expect(second).toEqual({ created: false });
    const rows = await listFeedback(db, answerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, rating: 'looks-right', comment: null });
    expect(rows[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect(rows[0]!.createdAt).toEqual(first.createdAt);
  });

  it('tallies ratings per answer, with zero for ratings nobody gave', async () => {
    const answerId = await storeSampleAnswer(db);
    await recordFeedback(db, { answerId, userId: 'aad-1', rating: 'looks-right' });
    await recordFeedback(db, { answerId, userId: 'aad-2', rating: 'looks-right' });
    await recordFeedback(db, { answerId, userId: '29:host-only-user', rating: 'inappropriate' });
    await recordFeedback(db, { answerId, userId: 'aad-2', rating: 'needs-improvement' });
    expect(await feedbackTally(db, answerId)).toEqual({
      'looks-right': 1,
      'needs-improvement': 1,
      inappropriate: 1,
    });
    expect(await feedbackTally(db, crypto.randomUUID())).toEqual({
      'looks-right': 0,
      'needs-improvement': 0,
      inappropriate: 0,
    });
  });

  it('rejects an unknown rating with a message that lists the valid ones, storing nothing', async () => {
    const answerId = await storeSampleAnswer(db);
    await expect(
      recordFeedback(db, { answerId, userId: 'aad-1', rating: 'great' as never }),
    ).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'invalid_input',
      message:
        'Invalid feedback: rating must be one of looks-right, needs-improvement, inappropriate (got "great").',
    });
    expect(await listFeedback(db, answerId)).toEqual([]);
  });

  it('has the database refuse an unknown rating too, whoever writes it', async () => {
    const answerId = await storeSampleAnswer(db);
    await expect(
      db.query(`INSERT INTO feedback (answer_id, user_aad_object_id, rating) VALUES ($1, 'aad-1', 'meh')`, [
        answerId,
      ]),
    ).rejects.toMatchObject({ name: 'StorageError', sqlState: '23514', constraint: 'feedback_rating_check' });
  });

  it('says the answer is unknown when feedback points at no stored answer', async () => {
    await expect(
      recordFeedback(db, { answerId: crypto.randomUUID(), userId: 'aad-1', rating: 'looks-right' }),
    ).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('is not stored') });
    await expect(
      recordFeedback(db, { answerId: 'nope', userId: 'aad-1', rating: 'looks-right' }),
    ).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'Invalid feedback: answerId must be a UUID.',
    });
  });

  it('deletes an answer’s feedback with the answer', async () => {
    const answerId = await storeSampleAnswer(db);
    await recordFeedback(db, { answerId, userId: 'aad-1', rating: 'looks-right' });
    await db.query('DELETE FROM answers WHERE id = $1', [answerId]);
    expect(await listFeedback(db, answerId)).toEqual([]);
  });
});
