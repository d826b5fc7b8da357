/**
 * Feedback over the real wire protocol: Teams-shaped card clicks (`ward.feedback`) and Teams feedback-loop
 * invokes (`message/submitAction`, thumbs up / down) POSTed to /api/messages, Ward's replies received by the
 * connector server, PGlite storing. Each rating, a reason and a comment, a change of mind, refused ids, a
 * 10 KB comment, concurrent ratings, the thumbs tied to the answer message, `@Ward feedback report` for an
 * admin and for someone else, and a risk dismissed as a false positive becoming a labelled case.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { click, propose, settle } from '../../support/action-clicks.js';
import {
  ANALYST,
  cardAction,
  channelMention,
  groupChatMessage,
  personalMessage,
} from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

const NESTOR = { id: '29:1-nestor', name: 'Nestor Wilke', aadObjectId: SOC_TEAM.nestor.id };
const LEE = { id: '29:1-lee', name: 'Lee Gu', aadObjectId: SOC_TEAM.lee.id };

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

/** Asks with an @mention in a fresh group chat (answered as one message; 1:1 chats stream). */
async function answerIn(question: string, conversationId = `19:feedback-${randomUUID()}@thread.v2`) {
  const activity = groupChatMessage(ward.connector.url, question);
  activity.conversation = { id: conversationId, conversationType: 'groupChat', isGroup: true };
  expect((await ward.post(activity)).status).toBe(200);
  const message = ward.connector.messages(conversationId).find((sent) => cardOf(sent) !== undefined);
  const card = cardOf(message ?? { body: {} });
  const feedback = executeActions(card).filter((action) => action.verb === 'ward.feedback');
  return { conversationId, card, message, answerId: String(feedback[0]?.data.answerId) };
}

/** Sends a feedback click and returns the card Ward answers with. */
async function rate(conversationId: string, data: Record<string, unknown>, from = ANALYST) {
  const response = await ward.post(
    cardAction(ward.connector.url, conversationId, 'ward.feedback', data, from),
  );
  expect(response.status).toBe(200);
  return (response.body as { value: Record<string, unknown> }).value;
}

async function feedbackRows(answerId: string) {
  const rows = await ward.database.query<{
    user_aad_object_id: string;
    rating: string;
    reason: string | null;
    comment: string | null;
    channel: string;
  }>(
    'SELECT user_aad_object_id, rating, reason, comment, channel FROM feedback WHERE answer_id = $1 ORDER BY id',
    [answerId],
  );
  return rows.rows;
}

async function labelledCases(answerId: string) {
  const rows = await ward.database.query<{ kind: string; source: string; label: Record<string, unknown> }>(
    'SELECT kind, source, label FROM labelled_cases WHERE answer_id = $1 ORDER BY created_at',
    [answerId],
  );
  return rows.rows;
}

/** A Teams feedback-loop invoke: thumbs up or down on the message `replyToId`. */
function thumbs(
  conversationId: string,
  replyToId: string | undefined,
  reaction: 'like' | 'dislike',
  feedback?: string,
  from = ANALYST,
) {
  return {
    type: 'invoke',
    name: 'message/submitAction',
    id: `${Date.now()}`,
    channelId: 'msteams',
    serviceUrl: ward.connector.url,
    timestamp: new Date().toISOString(),
    from,
    recipient: { id: '28:ward-test-bot', name: 'Ward' },
    conversation: { id: conversationId, conversationType: 'personal' },
    replyToId,
    value: { actionName: 'feedback', actionValue: { reaction, feedback } },
  };
}

describe('the three buttons on an answer card', () => {
  it('records each rating with its reason and comment, thanks the analyst and shows the recorded rating', async () => {
    const { conversationId, answerId } = await answerIn('is adele.vance@contoso.com compromised?');
    const looksRight = await rate(conversationId, { answerId, rating: 'looks-right' });
    expect(cardText(looksRight)).toMatch(/Thanks Patti Fernandez — recorded “Looks right”/);
    expect(cardText(looksRight)).toMatch(/Feedback so far: 1 looks right/);

    const needsImprovement = await rate(
      conversationId,
      {
        answerId,
        rating: 'needs-improvement',
        needsImprovementReason: 'wrong-conclusion',
        needsImprovementComment: 'She was travelling; the sign-in was hers.',
        // The other panel's inputs come along (associatedInputs: auto) and are ignored.
        inappropriateReason: '',
        inappropriateComment: '',
      },
      LEE,
    );
    expect(cardText(needsImprovement)).toMatch(
      /Thanks Lee Gu — recorded “Needs improvement” \(wrong conclusion\)/,
    );

    const inappropriate = await rate(
      conversationId,
      {
        answerId,
        rating: 'inappropriate',
        inappropriateReason: 'unsafe-suggestion',
        inappropriateComment: 'No.',
      },
      NESTOR,
    );
    expect(cardText(inappropriate)).toMatch(/1 looks right · 1 needs improvement · 1 inappropriate/);

    expect(await feedbackRows(answerId)).toEqual([
      {
        user_aad_object_id: ANALYST.aadObjectId,
        rating: 'looks-right',
        reason: null,
        comment: null,
        channel: 'card',
      },
      {
        user_aad_object_id: LEE.aadObjectId,
        rating: 'needs-improvement',
        reason: 'wrong-conclusion',
        comment: 'She was travelling; the sign-in was hers.',
        channel: 'card',
      },
      {
        user_aad_object_id: NESTOR.aadObjectId,
        rating: 'inappropriate',
        reason: 'unsafe-suggestion',
        comment: 'No.',
        channel: 'card',
      },
    ]);
    // Both negative ratings are labelled cases with their expected correction.
    const cases = await labelledCases(answerId);
    expect(cases.map((entry) => [entry.kind, entry.source])).toEqual([
      ['negative-feedback', `feedback:${LEE.aadObjectId}`],
      ['negative-feedback', `feedback:${NESTOR.aadObjectId}`],
    ]);
    expect(cases[0]?.label).toMatchObject({ expected: { riskLevelNotIn: ['high'] } });
    expect(cases[1]?.label).toMatchObject({
      expected: { noActions: [{ actions: expect.arrayContaining(['entra.resetPassword']) }] },
    });
  });

  it('updates, never duplicates, when an analyst changes their mind, and withdraws their labelled case', async () => {
    const { conversationId, answerId } = await answerIn('show risky users');
    await rate(conversationId, {
      answerId,
      rating: 'needs-improvement',
      needsImprovementReason: 'missing-source',
      needsImprovementComment: 'No sign-in details.',
    });
    expect(await labelledCases(answerId)).toHaveLength(1);
    const second = await rate(conversationId, { answerId, rating: 'looks-right' });
    expect(cardText(second)).toMatch(/Feedback so far: 1 looks right/);
    expect(await feedbackRows(answerId)).toEqual([
      {
        user_aad_object_id: ANALYST.aadObjectId,
        rating: 'looks-right',
        reason: null,
        comment: null,
        channel: 'card',
      },
    ]);
    expect(await labelledCases(answerId)).toEqual([]);
  });

  it('refuses an unknown, a forged or another conversation’s answer id, and a reason Ward does not offer, storing nothing', async () => {
    const { conversationId, answerId } = await answerIn('show risky users');
    for (const [where, data] of [
      [conversationId, { answerId: randomUUID(), rating: 'looks-right' }],
      [conversationId, { answerId: "1' OR '1'='1", rating: 'looks-right' }],
      [conversationId, { answerId, rating: 'great' }],
      [conversationId, { answerId }],
      [`a:1-someone-else-${randomUUID()}`, { answerId, rating: 'inappropriate' }],
    ] as const) {
      const card = await rate(where, data);
      expect(cardText(card)).toMatch(/not valid/);
      expect(cardText(card)).toMatch(/Nothing was recorded/);
    }
    const badReason = await rate(conversationId, {
      answerId,
      rating: 'needs-improvement',
      needsImprovementReason: "'; DROP TABLE feedback; --",
    });
    expect(cardText(badReason)).toMatch(/That reason is not valid/);
    expect(await feedbackRows(answerId)).toEqual([]);
    expect(await labelledCases(answerId)).toEqual([]);
  });

  it('gives a 10 KB comment back whole, with the reason, on a small card with a clear message, and stores nothing', async () => {
    const { conversationId, answerId } = await answerIn('show risky users');
    const comment = `${'The risk level ignores the VPN. '.repeat(320)}end.`;
    expect(comment.length).toBeGreaterThan(10_000);
    const card = await rate(conversationId, {
      answerId,
      rating: 'inappropriate',
      inappropriateReason: 'wrong-data',
      inappropriateComment: comment,
    });
    const text = cardText(card);
    expect(text).toMatch(
      new RegExp(
        `Your comment is ${comment.length.toLocaleString('en-US')} characters; comments are limited to 1,000 characters`,
      ),
    );
    expect(text).toMatch(/nothing was recorded yet, and your text is still in the box/);
    // The panel's inputs come back with the reason chosen and every character of the comment.
    expect(text).toMatch(/Feedback not saved yet/);
    expect(text).toMatch(/On the answer “.+”/);
    expect(findElement(card, 'feedbackInappropriate')?.isVisible).not.toBe(false);
    expect(findElement(card, 'inappropriateComment')?.value).toBe(comment);
    expect(findElement(card, 'inappropriateReason')?.value).toBe('wrong-data');
    expect(await feedbackRows(answerId)).toEqual([]);
    expect(await labelledCases(answerId)).toEqual([]);
    // "Back to the answer" shows the answer again and records nothing.
    const back = executeActions(card).find((action) => action.title === 'Back to the answer');
    const answerAgain = await rate(conversationId, back!.data);
    expect(cardText(answerAgain)).toMatch(/Was this answer useful\?/);
    expect(await feedbackRows(answerId)).toEqual([]);
    // Shortened, it is recorded.
    const shorter = await rate(conversationId, {
      answerId,
      rating: 'inappropriate',
      inappropriateReason: 'wrong-data',
      inappropriateComment: comment.slice(0, 1_000),
    });
    expect(cardText(shorter)).toMatch(/recorded “Inappropriate” \(wrong data\)/);
    expect((await feedbackRows(answerId))[0]?.comment).toHaveLength(1_000);
  });

  it('counts 20 analysts rating at once, and one analyst clicking 20 times at once, exactly', async () => {
    const { conversationId, answerId } = await answerIn('show risky users');
    const ratings = ['looks-right', 'needs-improvement', 'inappropriate'] as const;
    const analysts = Array.from({ length: 20 }, (_, index) => ({
      id: `29:1-analyst-${index}`,
      name: `Analyst ${index}`,
      aadObjectId: randomUUID(),
    }));
    const responses = await Promise.all([
      ...analysts.map((analyst, index) =>
        ward.post(
          cardAction(
            ward.connector.url,
            conversationId,
            'ward.feedback',
            { answerId, rating: ratings[index % 3] },
            analyst,
          ),
        ),
      ),
      ...Array.from({ length: 20 }, (_, index) =>
        ward.post(
          cardAction(ward.connector.url, conversationId, 'ward.feedback', {
            answerId,
            rating: ratings[index % 3],
          }),
        ),
      ),
    ]);
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(200));
    const rows = await feedbackRows(answerId);
    expect(rows).toHaveLength(21);
    expect(rows.filter((row) => row.user_aad_object_id === ANALYST.aadObjectId)).toHaveLength(1);
    // One labelled case per analyst with a negative rating, never two.
    const negative = rows.filter((row) => row.rating !== 'looks-right').length;
    expect(await labelledCases(answerId)).toHaveLength(negative);
  });
});

describe('the Teams thumbs under an answer message', () => {
  it('marks answer messages for the feedback loop and keeps the id the connector gave them', async () => {
    const activity = channelMention(ward.connector.url, 'show risky users', { threadRoot: `${Date.now()}` });
    expect((await ward.post(activity)).status).toBe(200);
    const conversationId = (activity.conversation as { id: string }).id;
    const [message] = ward.connector.messages(conversationId);
    expect(message?.body.channelData).toMatchObject({ feedbackLoopEnabled: true });
    const answerId = String(
      executeActions(cardOf(message!)).find((action) => action.verb === 'ward.feedback')?.data.answerId,
    );
    const stored = await ward.database.query<{ activity_id: string }>(
      'SELECT activity_id FROM answers WHERE id = $1',
      [answerId],
    );
    expect(stored.rows[0]?.activity_id).toBe(message?.responseId);
    // Other messages (help, notices) get no thumbs.
    const help = channelMention(ward.connector.url, 'hello', { threadRoot: `${Date.now()}1` });
    await ward.post(help);
    const helpMessage = ward.connector.messages((help.conversation as { id: string }).id)[0];
    expect(
      (helpMessage?.body.channelData as Record<string, unknown> | undefined)?.feedbackLoopEnabled,
    ).toBeUndefined();
  });

  it('records a thumbs up as "looks right" and a thumbs down with text as "needs improvement" with the comment', async () => {
    const { conversationId, answerId, message } = await answerIn('is adele.vance@contoso.com compromised?');
    const messageId = message?.responseId;
    expect(messageId).toBeTruthy();
    const up = await ward.post(thumbs(conversationId, messageId, 'like'));
    expect(up.status).toBe(200);
    expect(JSON.stringify(up.body)).toMatch(/recorded “Looks right”/);
    expect(await feedbackRows(answerId)).toEqual([
      {
        user_aad_object_id: ANALYST.aadObjectId,
        rating: 'looks-right',
        reason: null,
        comment: null,
        channel: 'teams-thumbs',
      },
    ]);
    const down = await ward.post(
      thumbs(
        conversationId,
        messageId,
        'dislike',
        JSON.stringify({ feedbackText: 'Missed the MFA change.' }),
      ),
    );
    expect(JSON.stringify(down.body)).toMatch(/recorded “Needs improvement” with your comment/);
    expect(await feedbackRows(answerId)).toEqual([
      {
        user_aad_object_id: ANALYST.aadObjectId,
        rating: 'needs-improvement',
        reason: null,
        comment: 'Missed the MFA change.',
        channel: 'teams-thumbs',
      },
    ]);
    const [labelled] = await labelledCases(answerId);
    expect(labelled).toMatchObject({
      kind: 'negative-feedback',
      label: {
        channel: 'teams-thumbs',
        comment: 'Missed the MFA change.',
        expected: { differsFrom: { riskLevel: 'high' } },
      },
    });
    // The card's buttons and the thumbs are one rating per analyst.
    await rate(conversationId, { answerId, rating: 'looks-right' });
    expect(await feedbackRows(answerId)).toHaveLength(1);
  });

  it('links a streamed answer (1:1 chat) by its stream id and shows the thumbs on its final message', async () => {
    const { conversationId } = await propose(ward, 'is adele.vance@contoso.com compromised?');
    const final = ward.connector
      .messages(conversationId)
      .find((sent) => (sent.body.channelData as { streamType?: string } | undefined)?.streamType === 'final');
    expect(final?.body.channelData).toMatchObject({ feedbackLoopEnabled: true });
    const answerId = String(
      executeActions(cardOf(final!)).find((action) => action.verb === 'ward.feedback')?.data.answerId,
    );
    const stored = await ward.database.query<{ activity_id: string }>(
      'SELECT activity_id FROM answers WHERE id = $1',
      [answerId],
    );
    expect(stored.rows[0]?.activity_id).toBe((final!.body.channelData as { streamId: string }).streamId);
    const up = await ward.post(thumbs(conversationId, stored.rows[0]?.activity_id, 'like'));
    expect(JSON.stringify(up.body)).toMatch(/recorded “Looks right”/);
    expect((await feedbackRows(answerId)).map((row) => row.channel)).toEqual(['teams-thumbs']);
  });

  it('refuses thumbs on an unknown message, a missing one, or another conversation’s, with a 200 that says so', async () => {
    const { conversationId, answerId, message } = await answerIn('show risky users');
    for (const invoke of [
      thumbs(conversationId, 'no-such-message', 'like'),
      thumbs(conversationId, undefined, 'dislike', 'bad'),
      thumbs(`a:1-other-${randomUUID()}`, message?.responseId, 'dislike', 'not mine'),
    ]) {
      const response = await ward.post(invoke);
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).toMatch(
        /Ward has no answer for that message in this conversation: nothing was recorded/,
      );
    }
    expect(await feedbackRows(answerId)).toEqual([]);
  });
});

describe('@Ward feedback report', () => {
  it('shows an admin ratings by day, plugin and intent, and the worst answers with their comments escaped', async () => {
    const { conversationId, answerId } = await answerIn('is adele.vance@contoso.com compromised?');
    await rate(
      conversationId,
      {
        answerId,
        rating: 'inappropriate',
        inappropriateReason: 'wrong-conclusion',
        inappropriateComment: '[click here](https://evil.example) **now**',
      },
      NESTOR,
    );
    const askReport = (from: typeof ANALYST) => {
      const activity = personalMessage(ward.connector.url, 'feedback report');
      const reportConversation = `a:1-report-${randomUUID()}`;
      activity.conversation = { id: reportConversation, conversationType: 'personal' };
      activity.from = from;
      return { activity, reportConversation };
    };
    const admin = askReport(ANALYST);
    expect((await ward.post(admin.activity)).status).toBe(200);
    const card = cardOf(ward.connector.messages(admin.reportConversation)[0] ?? { body: {} });
    const text = cardText(card);
    expect(text).toMatch(/Ward feedback report/);
    expect(text).toMatch(/Last 14 days/);
    expect(text).toMatch(/Ratings by day/);
    expect(text).toMatch(/By plugin/);
    expect(text).toMatch(/entra/);
    expect(text).toMatch(/user-risk/);
    expect(text).toMatch(/Worst-rated answers/);
    expect(text).toMatch(/is adele\.vance@contoso\.com compromised\?/);
    expect(text).toContain(
      '**Nestor Wilke** — Inappropriate (wrong conclusion): \\[click here\\](hxxps://evil.example) \\*\\*now\\*\\*',
    );
    expect(text).toContain(`Answer id: ${answerId}`);

    const someone = askReport(NESTOR);
    await ward.post(someone.activity);
    const refusal = cardText(cardOf(ward.connector.messages(someone.reportConversation)[0] ?? { body: {} }));
    expect(refusal).toMatch(/Sorry, the feedback report is for Ward admins/);
    expect(refusal).toMatch(/you hold no Ward role/);
    expect(refusal).not.toMatch(/Nestor Wilke —/);
  });

  it('is shown only in a 1:1 chat, never in a channel where others would read the comments', async () => {
    const activity = channelMention(ward.connector.url, 'feedback report', { threadRoot: `${Date.now()}` });
    expect((await ward.post(activity)).status).toBe(200);
    const text = cardText(cardOf(ward.connector.messages((activity.conversation as { id: string }).id)[0]!));
    expect(text).toMatch(/Ask me for the feedback report in our 1:1 chat/);
    expect(text).not.toMatch(/Ward feedback report/);
  });
});

describe('a risk dismissed as a false positive', () => {
  it('becomes a labelled case expecting no high rating and no containment; a benign dismissal does not', async () => {
    for (const reason of ['falsePositive', 'benign'] as const) {
      await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
      const { conversationId, buttons } = await propose(ward, 'investigate megan.bowen@contoso.com');
      const dismiss = buttons.get('Dismiss risk') ?? '';
      expect(dismiss).not.toBe('');
      expect(await click(ward, conversationId, dismiss)).toMatch(/False positive/);
      const chosen = await ward.post(
        cardAction(ward.connector.url, conversationId, 'ward.action', {
          actionId: dismiss,
          step: 'confirm',
          reason,
        }),
      );
      expect(cardText((chosen.body as { value: unknown }).value)).toMatch(/Working/);
      expect(await settle(ward, dismiss)).toBe('succeeded');
      const pending = await ward.database.query<{ answer_id: string; target: { id: string } }>(
        'SELECT answer_id, target FROM pending_actions WHERE id = $1',
        [dismiss],
      );
      const answerId = pending.rows[0]!.answer_id;
      await expect
        .poll(async () => (await labelledCases(answerId)).length)
        .toBe(reason === 'falsePositive' ? 1 : 0);
      if (reason === 'falsePositive') {
        expect((await labelledCases(answerId))[0]).toMatchObject({
          kind: 'dismissed-false-positive',
          source: `action:${dismiss}`,
          label: {
            by: 'Patti Fernandez',
            action: { action: 'entra.dismissRisk', reason: 'falsePositive' },
            expected: {
              riskLevelNotIn: ['high', 'critical'],
              noActions: [
                {
                  actions: expect.arrayContaining(['entra.resetPassword']),
                  targetId: pending.rows[0]!.target.id,
                },
              ],
            },
          },
        });
      }
    }
  });
});

/** The first element in a card with this `id`. */
function findElement(card: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = findElement(item, id);
      if (found) return found;
    }
    return undefined;
  }
  if (card === null || typeof card !== 'object') return undefined;
  const record = card as Record<string, unknown>;
  if (record.id === id) return record;
  for (const value of Object.values(record)) {
    const found = findElement(value, id);
    if (found) return found;
  }
  return undefined;
}
