/**
 * The feedback loop's storage on PGlite and (with TEST_DATABASE_URL) PostgreSQL: reasons and channels on
 * feedback, a change of mind replacing rather than adding, concurrent ratings counted exactly, the message id
 * of each answer, labelled cases with the conversation context captured when they are recorded, and the
 * feedback joined with its answers for the report and the export.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negativeFeedbackExpectation, recordedClaims } from '../../../src/core/feedback/case-expectation.js';
import { recordFeedbackWithLabel } from '../../../src/core/feedback/record-feedback.js';
import { answersForMessage, linkAnswerMessage } from '../../../src/store/answer-messages.js';
import { getAnswer, insertAnswer } from '../../../src/store/answers.js';
import { createConversationMemory } from '../../../src/store/conversation-memory.js';
import { saveConversationReference } from '../../../src/store/conversation-references.js';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { listFeedback, listFeedbackWithAnswers, recordFeedback } from '../../../src/store/feedback.js';
import {
  answerSnapshot,
  listLabelledCases,
  markLabelledCasesExported,
  recordLabelledCase,
  withdrawLabelledCase,
} from '../../../src/store/labelled-cases.js';
import { testEngines } from '../../support/test-database.js';
import { sampleAnswer, storeSampleAnswer } from './fixtures/sample-answer.js';

describe.each(testEngines)('the feedback loop on $kind', ({ open }) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await open();
    store = createStore(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('feedback', () => {
    it('keeps the reason and the channel, and a change of mind replaces all of them in the same row', async () => {
      const answerId = await storeSampleAnswer(db);
      await recordFeedback(db, {
        answerId,
        userId: 'aad-megan',
        rating: 'needs-improvement',
        reason: 'wrong-conclusion',
        comment: 'Adele was travelling.',
      });
      const [first] = await listFeedback(db, answerId);
      expect(first).toMatchObject({
        reason: 'wrong-conclusion',
        channel: 'card',
        comment: 'Adele was travelling.',
      });
      await recordFeedback(db, {
        answerId,
        userId: 'aad-megan',
        rating: 'looks-right',
        channel: 'teams-thumbs',
      });
      const rows = await listFeedback(db, answerId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: first!.id,
        rating: 'looks-right',
        reason: null,
        comment: null,
        channel: 'teams-thumbs',
      });
    });

    it('refuses a comment over 1,000 characters and an unknown reason, storing nothing', async () => {
      const answerId = await storeSampleAnswer(db);
      await expect(
        recordFeedback(db, {
          answerId,
          userId: 'aad-1',
          rating: 'inappropriate',
          comment: 'x'.repeat(1_001),
        }),
      ).rejects.toMatchObject({
        name: 'InvalidInputError',
        message: 'Invalid feedback: comments are limited to 1,000 characters.',
      });
      await expect(
        recordFeedback(db, { answerId, userId: 'aad-1', rating: 'inappropriate', reason: 'rude' as never }),
      ).rejects.toMatchObject({
        name: 'InvalidInputError',
        message: expect.stringContaining('reason must be one of'),
      });
      await expect(
        db.query(
          `INSERT INTO feedback (answer_id, user_aad_object_id, rating, reason) VALUES ($1, 'aad-1', 'inappropriate', 'rude')`,
          [answerId],
        ),
      ).rejects.toMatchObject({ sqlState: '23514', constraint: 'feedback_reason_check' });
      await expect(
        db.query(
          `INSERT INTO feedback (answer_id, user_aad_object_id, rating, channel) VALUES ($1, 'aad-1', 'looks-right', 'email')`,
          [answerId],
        ),
      ).rejects.toMatchObject({ sqlState: '23514', constraint: 'feedback_channel_check' });
      expect(await listFeedback(db, answerId)).toEqual([]);
      // Exactly at the limit is kept whole.
      await recordFeedback(db, {
        answerId,
        userId: 'aad-1',
        rating: 'inappropriate',
        comment: 'y'.repeat(1_000),
      });
      expect((await listFeedback(db, answerId))[0]?.comment).toHaveLength(1_000);
    });

    it('counts 20 analysts rating at once as 20 rows, and one analyst clicking 20 times at once as one', async () => {
      const answerId = await storeSampleAnswer(db);
      const ratings = ['looks-right', 'needs-improvement', 'inappropriate'] as const;
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          recordFeedback(db, { answerId, userId: `aad-${index}`, rating: ratings[index % 3]! }),
        ),
      );
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          recordFeedback(db, { answerId, userId: 'aad-same', rating: ratings[index % 3]! }),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const counts = await db.query<{ users: number; rows: number; same: number }>(
        `SELECT count(DISTINCT user_aad_object_id)::int AS users, count(*)::int AS rows,
           count(*) FILTER (WHERE user_aad_object_id = 'aad-same')::int AS same
         FROM feedback WHERE answer_id = $1`,
        [answerId],
      );
      expect(counts.rows[0]).toEqual({ users: 21, rows: 21, same: 1 });
    });
  });

  describe('the message that carried an answer', () => {
    it('finds the answer by message id, in every conversation that has one with that id', async () => {
      const first = await storeSampleAnswer(db, '19:one@thread.tacv2');
      const second = await storeSampleAnswer(db, 'a:1-personal');
      const messageId = `1732${randomUUID().slice(0, 8)}`;
      expect(await linkAnswerMessage(db, first, messageId)).toBe(true);
      expect(await linkAnswerMessage(db, second, messageId)).toBe(true);
      expect(await linkAnswerMessage(db, randomUUID(), messageId)).toBe(false);
      expect(await linkAnswerMessage(db, 'not-a-uuid', messageId)).toBe(false);
      const found = await answersForMessage(db, messageId);
      expect(found.map((entry) => entry.answerId).sort()).toEqual([first, second].sort());
      expect(found.find((entry) => entry.answerId === first)?.conversationId).toBe('19:one@thread.tacv2');
      expect(await answersForMessage(db, 'never-sent')).toEqual([]);
      expect(await answersForMessage(db, '')).toEqual([]);
    });
  });

  describe('labelled cases', () => {
    async function answerWithContext() {
      const conversationId = `19:incident-${randomUUID().slice(0, 8)}@thread.tacv2;messageid=1`;
      await saveConversationReference(db, {
        conversationId,
        tenantId: 'tenant-1',
        kind: 'channel',
        name: 'Incident 4211 – Adele',
        reference: {
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          conversation: { id: conversationId },
        },
      });
      const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 86_400_000 });
      await memory.remember(conversationId, {
        at: new Date(Date.now() - 60_000),
        question: 'is adele compromised?',
        intent: 'user-risk',
        title: 'Adele Vance is at high risk',
        summary: 'Two risky sign-ins.',
        subject: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
      });
      const answer = await insertAnswer(db, {
        conversationId,
        turnId: 'turn-2',
        question: 'and her sign-ins?',
        answer: sampleAnswer(),
      });
      // The answer's own turn is remembered after it: it is not context for itself.
      await memory.remember(conversationId, {
        at: new Date(Date.now() + 1_000),
        question: 'and her sign-ins?',
        answerId: answer.id,
        intent: 'user-risk',
        title: 'Adele Vance is at high risk',
        summary: 'Same.',
      });
      return answer;
    }

    it('captures the conversation context when first recorded, and a new label replaces the old one for export', async () => {
      const answer = await answerWithContext();
      const expected = negativeFeedbackExpectation('wrong-conclusion', recordedClaims(answer.answer));
      const first = await recordLabelledCase(db, {
        answerId: answer.id,
        kind: 'negative-feedback',
        source: 'feedback:aad-megan',
        label: { rating: 'needs-improvement', reason: 'wrong-conclusion', comment: 'travel', expected },
      });
      expect(first.created).toBe(true);
      const [stored] = await listLabelledCases(db, { answerId: answer.id });
      expect(stored).toMatchObject({
        kind: 'negative-feedback',
        source: 'feedback:aad-megan',
        label: { reason: 'wrong-conclusion', comment: 'travel', expected: { riskLevelNotIn: ['high'] } },
        context: {
          conversationKind: 'channel',
          conversationName: 'Incident 4211 – Adele',
          tenantId: 'tenant-1',
        },
        exportedAt: null,
      });
      expect(stored!.context.history.map((turn) => turn.question)).toEqual(['is adele compromised?']);
      expect(stored!.context.history[0]?.subject).toMatchObject({ id: 'adele@contoso.example' });

      expect(await markLabelledCasesExported(db, [first.id], new Date())).toBe(1);
      expect(await listLabelledCases(db, { unexportedOnly: true, answerId: answer.id })).toEqual([]);

      const again = await recordLabelledCase(db, {
        answerId: answer.id,
        kind: 'negative-feedback',
        source: 'feedback:aad-megan',
        label: { rating: 'inappropriate', reason: 'other', comment: 'changed my mind', expected },
      });
      expect(again).toEqual({ id: first.id, created: false });
      const [updated] = await listLabelledCases(db, { unexportedOnly: true, answerId: answer.id });
      expect(updated).toMatchObject({
        id: first.id,
        label: { rating: 'inappropriate', comment: 'changed my mind' },
      });
      expect(updated!.context.history).toHaveLength(1);
    });

    it('does not mark a case exported when it changed after it was read', async () => {
      const answerId = await storeSampleAnswer(db);
      const expected = { riskLevelNotIn: ['high' as const] };
      const { id } = await recordLabelledCase(db, {
        answerId,
        kind: 'negative-feedback',
        source: 'feedback:aad-1',
        label: { rating: 'needs-improvement', expected },
      });
      const readAt = new Date(Date.now() - 60_000);
      expect(await markLabelledCasesExported(db, [id], new Date(), readAt)).toBe(0);
      expect(await markLabelledCasesExported(db, ['nope'], new Date())).toBe(0);
    });

    it('withdraws a case, and refuses one on an unknown answer or with a malformed label', async () => {
      const answerId = await storeSampleAnswer(db);
      await recordLabelledCase(db, {
        answerId,
        kind: 'dismissed-false-positive',
        source: 'action:1',
        label: { expected: { riskLevelNotIn: ['high', 'critical'] } },
      });
      expect(await withdrawLabelledCase(db, answerId, 'action:1')).toBe(true);
      expect(await withdrawLabelledCase(db, answerId, 'action:1')).toBe(false);
      await expect(
        recordLabelledCase(db, {
          answerId: randomUUID(),
          kind: 'negative-feedback',
          source: 'feedback:x',
          label: { expected: {} },
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        recordLabelledCase(db, {
          answerId,
          kind: 'liked' as never,
          source: 'feedback:x',
          label: { expected: {} },
        }),
      ).rejects.toMatchObject({ name: 'InvalidInputError' });
      await expect(
        recordLabelledCase(db, {
          answerId,
          kind: 'negative-feedback',
          source: 'feedback:x',
          label: { expected: { riskLevelNotIn: ['purple'] } } as never,
        }),
      ).rejects.toMatchObject({ name: 'InvalidInputError' });
    });

    it('records negative feedback and its case together, and a change of mind to "looks right" withdraws the case', async () => {
      const answerId = await storeSampleAnswer(db);
      const answer = (await getAnswer(db, answerId))!;
      await recordFeedbackWithLabel(store, {
        answer: { id: answerId, answer: answer.answer },
        user: { id: 'aad-lee', name: 'Lee Gu' },
        rating: 'needs-improvement',
        reason: 'missing-source',
        comment: 'No Defender alerts.',
        channel: 'card',
      });
      const [labelled] = await listLabelledCases(db, { answerId });
      expect(labelled).toMatchObject({
        source: 'feedback:aad-lee',
        label: {
          by: 'Lee Gu',
          reason: 'missing-source',
          expected: { callsSkillBeyond: ['entra.riskyUser', 'defender-xdr.alerts'] },
        },
      });
      await recordFeedbackWithLabel(store, {
        answer: { id: answerId, answer: answer.answer },
        user: { id: 'aad-lee', name: 'Lee Gu' },
        rating: 'looks-right',
        channel: 'teams-thumbs',
      });
      expect(await listLabelledCases(db, { answerId })).toEqual([]);
      expect(await listFeedback(db, answerId)).toMatchObject([
        { rating: 'looks-right', channel: 'teams-thumbs' },
      ]);
    });
  });

  describe('feedback and its labelled case, concurrently', () => {
    it('keeps one row and at most one case per analyst, and the case matches the rating that won', async () => {
      const answerId = await storeSampleAnswer(db);
      const answer = (await getAnswer(db, answerId))!;
      const ratings = ['needs-improvement', 'looks-right', 'inappropriate'] as const;
      const give = (userId: string, rating: (typeof ratings)[number]) =>
        recordFeedbackWithLabel(store, {
          answer: { id: answerId, answer: answer.answer },
          user: { id: userId, name: userId },
          rating,
          reason: rating === 'looks-right' ? null : 'other',
          channel: 'card',
        });
      await Promise.all([
        ...Array.from({ length: 20 }, (_, index) => give(`many-${index}`, ratings[index % 3]!)),
        ...Array.from({ length: 20 }, (_, index) => give('one', ratings[index % 3]!)),
      ]);
      const rows = await listFeedback(db, answerId);
      expect(rows).toHaveLength(21);
      const cases = await listLabelledCases(db, { answerId });
      const negative = rows
        .filter((row) => row.rating !== 'looks-right')
        .map((row) => `feedback:${row.userId}`);
      expect(cases.map((entry) => entry.source).sort()).toEqual(negative.sort());
    });
  });

  describe('feedback with its answers', () => {
    it('pages by id, filters by time, and reads the newest first for the report', async () => {
      const answerId = await storeSampleAnswer(db);
      for (const user of ['p-1', 'p-2', 'p-3']) {
        await recordFeedback(db, { answerId, userId: user, rating: 'looks-right' });
      }
      await db.query(
        `UPDATE feedback SET updated_at = now() - interval '30 days' WHERE user_aad_object_id = 'p-1'`,
      );
      const since = new Date(Date.now() - 86_400_000);
      const recent = (await listFeedbackWithAnswers(db, { since, limit: 5_000 })).filter(
        (row) => row.answerId === answerId,
      );
      expect(recent.map((row) => row.userId)).toEqual(['p-2', 'p-3']);
      expect(recent[0]?.answer).toMatchObject({
        question: 'is adele at risk?',
        intent: 'user-risk',
        planner: 'rules',
        content: { title: 'Adele Vance is at high risk' },
      });
      const all = (await listFeedbackWithAnswers(db, { limit: 5_000 })).filter(
        (row) => row.answerId === answerId,
      );
      const firstPage = await listFeedbackWithAnswers(db, { afterId: all[0]!.id, limit: 1 });
      expect(firstPage[0]?.id).toBe(all[1]!.id);
      const newest = await listFeedbackWithAnswers(db, { order: 'newest', limit: 1 });
      const latest = await db.query<{ id: string }>(
        'SELECT id FROM feedback ORDER BY updated_at DESC, id DESC LIMIT 1',
      );
      expect(newest[0]?.id).toBe(latest.rows[0]?.id);
    });
  });

  describe('the source snapshot of an answer', () => {
    it('reads the answer_sources rows in citation order', async () => {
      const answerId = await storeSampleAnswer(db);
      for (const sourceId of ['S10', 'S2', 'S1']) {
        await db.query(
          `INSERT INTO answer_sources (answer_id, source_id, plugin, skill, plugin_version, input, ok, error, data, duration_ms)
           VALUES ($1, $2, 'entra', 'riskyUser', '0.1.0', $3::jsonb, true, null, $4::jsonb, 12)`,
          [answerId, sourceId, JSON.stringify({ userId: sourceId }), JSON.stringify({ riskLevel: 'high' })],
        );
      }
      const snapshot = await answerSnapshot(db, answerId);
      expect(snapshot?.map((row) => row.sourceId)).toEqual(['S1', 'S2', 'S10']);
      expect(snapshot?.[0]).toEqual({
        sourceId: 'S1',
        plugin: 'entra',
        skill: 'riskyUser',
        pluginVersion: '0.1.0',
        input: { userId: 'S1' },
        ok: true,
        error: null,
        data: { riskLevel: 'high' },
        durationMs: 12,
      });
      expect(await answerSnapshot(db, randomUUID())).toEqual([]);
    });
  });
});
