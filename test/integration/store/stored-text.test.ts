/**
 * What the store writes of people's and tenants' text, on the real engines. Every text passes secret
 * redaction at the store boundary, whoever calls: the question and the Answer, feedback comments, labelled
 * cases, pending actions' input and reasoning, audit records (before they are hashed) and conversation memory.
 * A store built with a retention of 0 days never writes the text at all: answers in their text-free form, no
 * source snapshots, feedback and labelled cases without their comment, memory without words.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAnswer, insertAnswer } from '../../../src/store/answers.js';
import { appendAudit, listAudit, verifyAuditChain } from '../../../src/store/audit-log.js';
import { createConversationMemory, TURN_TEXT_NOT_KEPT } from '../../../src/store/conversation-memory.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { listFeedback, recordFeedback } from '../../../src/store/feedback.js';
import { listLabelledCases, recordLabelledCase } from '../../../src/store/labelled-cases.js';
import {
  getPendingAction,
  insertPendingActions,
  mergeActionInput,
} from '../../../src/store/pending-actions.js';
import { testEngines } from '../../support/test-database.js';
import { proposal } from './fixtures/proposal.js';
import { sampleAnswer } from './fixtures/sample-answer.js';

const TOKEN = `ghp_${'Rk7wQ2mZp9Lx4Tn1Vc8Bh3Jd6Fs0Ga5Ye2Ui7'}`;
const PASSWORD = 'Vx7kQ2mZp9';
const HASH = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

describe.each(testEngines)('stored text on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('secret redaction at the store boundary', () => {
    it('redacts the question and every text of the Answer, and keeps hashes and ids', async () => {
      const row = await insertAnswer(db, {
        conversationId: '19:soc@thread.tacv2',
        turnId: 'activity-1',
        question: `is ${HASH} on adele's laptop? she left password=${PASSWORD} in a script`,
        answer: sampleAnswer({
          summary: `The script holds a GitHub token ${TOKEN} and file ${HASH}.`,
          guidance: [`Rotate ${TOKEN}`],
        }),
      });
      expect(row.question).toBe(`is ${HASH} on adele's laptop? she left password=[redacted] in a script`);
      const stored = await getAnswer(db, row.id);
      expect(stored?.question).toBe(row.question);
      expect(stored?.answer.summary).toBe(
        `The script holds a GitHub token [redacted token] and file ${HASH}.`,
      );
      expect(stored?.answer.guidance).toEqual(['Rotate [redacted token]']);
      expect(stored?.textRemovedAt).toBeNull();
    });

    it('redacts feedback comments and labelled cases', async () => {
      const answer = await insertAnswer(db, {
        conversationId: '19:soc@thread.tacv2',
        turnId: 'activity-2',
        question: 'risky users?',
        answer: sampleAnswer(),
      });
      await recordFeedback(db, {
        answerId: answer.id,
        userId: 'aad-megan',
        rating: 'needs-improvement',
        comment: `missed the token ${TOKEN}`,
      });
      expect((await listFeedback(db, answer.id))[0]?.comment).toBe('missed the token [redacted token]');
      await recordLabelledCase(db, {
        answerId: answer.id,
        kind: 'negative-feedback',
        source: 'feedback:aad-megan',
        label: { rating: 'needs-improvement', comment: `pwd=${PASSWORD}`, expected: {} },
      });
      expect((await listLabelledCases(db, { answerId: answer.id }))[0]?.label.comment).toBe('pwd=[redacted]');
    });

    it('redacts pending actions’ input and reasoning, also when input is added later', async () => {
      const answer = await insertAnswer(db, {
        conversationId: '19:soc@thread.tacv2',
        turnId: 'activity-3',
        question: 'q',
        answer: sampleAnswer(),
      });
      const [id] = await insertPendingActions(db, [
        proposal(answer.id, {
          action: 'servicenow.createIncident',
          destructive: false,
          input: { description: `found ${TOKEN} in ${HASH}` },
          why: `password=${PASSWORD} was exposed`,
        }),
      ]);
      await mergeActionInput(db, id!, { note: `Authorization: Basic d2FyZDpUcTQkd0xtOFp4MiE=` });
      const stored = await getPendingAction(db, id!);
      expect(stored?.input).toEqual({
        description: `found [redacted token] in ${HASH}`,
        note: 'Authorization: Basic [redacted]',
      });
      expect(stored?.why).toBe('password=[redacted] was exposed');
    });

    it('redacts an audit record before hashing it, so the chain still verifies', async () => {
      const pendingActionId = randomUUID();
      await appendAudit(db, {
        event: 'refused',
        pendingActionId,
        reason: `clicked with token ${TOKEN}`,
        inputs: { userId: 'adele@contoso.example', note: `pwd=${PASSWORD}` },
      });
      const [entry] = await listAudit(db, { pendingActionId });
      expect(entry).toMatchObject({
        reason: 'clicked with token [redacted token]',
        inputs: { userId: 'adele@contoso.example', note: 'pwd=[redacted]' },
      });
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('redacts conversation memory before cutting it', async () => {
      const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 3_600_000 });
      const conversation = `19:${randomUUID()}@thread.tacv2;messageid=1`;
      await memory.remember(conversation, {
        at: new Date(),
        question: `${'x'.repeat(990)} ${TOKEN}`,
        intent: 'user-risk',
        title: `Token ${TOKEN}`,
        summary: `password=${PASSWORD}`,
      });
      const [turn] = await memory.recall(conversation);
      expect(turn?.question).not.toContain(TOKEN.slice(0, 12));
      expect(turn?.question.endsWith('…')).toBe(true);
      expect(turn).toMatchObject({ title: 'Token [redacted token]', summary: 'password=[redacted]' });
    });
  });

  describe('a store with 0 days of retention', () => {
    const store = () => createStore(db, { retention: { answerDays: 0, feedbackDays: 0 } });

    it('stores an answer without its text, and says why when it is read back', async () => {
      const row = await store().answers.insert({
        conversationId: '19:soc@thread.tacv2',
        turnId: 'activity-4',
        user: { aadObjectId: 'aad-patti', name: 'Patti Fernandez' },
        question: 'is adele at risk? note Kwyjibo',
        answer: sampleAnswer(),
      });
      expect(row.question).toBe('');
      expect(row.textRemovedAt).toBeInstanceOf(Date);
      const stored = await getAnswer(db, row.id);
      expect(stored).toMatchObject({ question: '', intent: 'user-risk', userAadObjectId: 'aad-patti' });
      expect(stored?.answer).toMatchObject({
        title: 'Answer text not kept',
        riskLevel: 'high',
        findings: [],
        proposedActions: [{ action: 'entra.resetPassword', target: { id: 'adele@contoso.example' } }],
      });
      expect(stored?.answer.summary).toMatch(/RETENTION_ANSWER_DAYS=0/);
      const raw = await db.query<{ row: string }>(
        'SELECT row_to_json(a)::text AS row FROM answers a WHERE id = $1',
        [row.id],
      );
      expect(raw.rows[0]!.row).not.toMatch(/Kwyjibo|risky sign-ins|Anonymous IP/);

      expect(
        await store().answerSources.insert(row.id, [
          { sourceId: 'S1', plugin: 'entra', skill: 'user', ok: true, data: { a: 1 } },
        ]),
      ).toBe(0);
      const sources = await db.query('SELECT 1 FROM answer_sources WHERE answer_id = $1', [row.id]);
      expect(sources.rowCount).toBe(0);

      await store().feedback.record({
        answerId: row.id,
        userId: 'aad-megan',
        rating: 'inappropriate',
        comment: 'Kwyjibo',
      });
      expect(await listFeedback(db, row.id)).toEqual([
        expect.objectContaining({ rating: 'inappropriate', comment: null }),
      ]);
      await store().labelledCases.record({
        answerId: row.id,
        kind: 'negative-feedback',
        source: 'feedback:aad-megan',
        label: { rating: 'inappropriate', comment: 'Kwyjibo', expected: {} },
      });
      expect((await listLabelledCases(db, { answerId: row.id }))[0]?.label.comment).toBeNull();
    });

    it('keeps a store without retention settings storing text', async () => {
      const row = await createStore(db).answers.insert({
        conversationId: '19:soc@thread.tacv2',
        turnId: 'activity-5',
        question: 'is adele at risk?',
        answer: sampleAnswer(),
      });
      expect((await getAnswer(db, row.id))?.question).toBe('is adele at risk?');
    });

    it('remembers turns without words, so a follow-up still finds its subject', async () => {
      const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 3_600_000, keepText: false });
      const conversation = `19:${randomUUID()}@thread.tacv2;messageid=2`;
      const subject = { kind: 'user' as const, id: 'adele@contoso.example', displayName: 'Adele Vance' };
      await memory.remember(conversation, {
        at: new Date(),
        question: 'is adele compromised? Kwyjibo',
        intent: 'user-risk',
        title: 'Adele Vance is at high risk',
        summary: 'Two risky sign-ins.',
        subject,
      });
      expect(await memory.recall(conversation)).toEqual([
        expect.objectContaining({
          question: '',
          title: TURN_TEXT_NOT_KEPT,
          summary: '',
          intent: 'user-risk',
          subject,
        }),
      ]);
    });
  });
});
