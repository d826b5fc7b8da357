/**
 * Ward over the real Bot Framework wire protocol: Teams-shaped activities POSTed to /api/messages, Ward's
 * replies received by a connector server, the demo tenant answering over HTTP, PGlite storing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BOT,
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

let ward: WardHarness;

beforeAll(async () => {
  ward = await startWardHarness();
});
afterAll(async () => {
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});

/** Sends an activity and returns the cards Ward posted back to its conversation. */
async function ask(activity: Record<string, unknown>) {
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  const messages = ward.connector.messages(conversationId);
  return { response, messages, cards: messages.map(cardOf).filter((card) => card !== undefined) };
}

describe('a channel @mention about a user', () => {
  it('replies in the thread with a grounded risk card: summary, detections, sign-ins, steps, buttons, feedback, sources', async () => {
    const activity = channelMention(ward.connector.url, 'is adele.vance@contoso.com compromised?', {
      threadRoot: '1732000000001',
    });
    const { cards, messages } = await ask(activity);
    expect(ward.connector.sent.some((sent) => sent.body.type === 'typing')).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.conversationId).toBe('19:soc-general@thread.tacv2;messageid=1732000000001');
    const card = cards[0];
    expect(card?.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toMatch(/Adele Vance/);
    expect(text).toMatch(/High risk/);
    expect(text).toMatch(/atRisk/);
    expect(text).toMatch(/Anonymous IP address/);
    expect(text).toMatch(/Atypical travel/);
    expect(text).toMatch(/Password spray/);
    expect(text).toMatch(/Recent sign-ins that matter/);
    expect(text).toMatch(/Confirm the user compromised/);
    expect(text).toMatch(/risk-based Conditional Access/i);
    expect(text).toMatch(/entra\.riskDetections/);

    const actions = executeActions(card);
    const buttons = actions.filter((action) => action.verb === 'ward.action');
    // No "Dismiss risk" next to containment on a likely compromise.
    expect(buttons.map((button) => button.title).sort()).toEqual(
      ['Confirm compromised', 'Disable account', 'Open ticket', 'Reset password', 'Revoke sessions'].sort(),
    );
    for (const button of buttons) {
      expect(Object.keys(button.data)).toEqual(['actionId']);
      expect(button.data.actionId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(buttons.find((button) => button.title === 'Reset password')?.style).toBe('destructive');
    expect(buttons.find((button) => button.title === 'Open ticket')?.style).not.toBe('destructive');
    const feedback = actions.filter((action) => action.verb === 'ward.feedback');
    expect(feedback.map((button) => button.data.rating)).toEqual([
      'looks-right',
      'needs-improvement',
      'inappropriate',
    ]);
  });

  it('resolves a first name typed in lower case ("is adele compromised?")', async () => {
    const { cards } = await ask(channelMention(ward.connector.url, 'is adele compromised?'));
    expect(cardText(cards[0])).toMatch(/adele\.vance@contoso\.com/);
  });

  it('keeps the name of another person @mentioned in the question', async () => {
    const activity = channelMention(ward.connector.url, 'is <at>Megan Bowen</at> compromised?');
    (activity.entities as unknown[]).push({
      type: 'mention',
      mentioned: { id: '29:1-megan', name: 'Megan Bowen' },
      text: '<at>Megan Bowen</at>',
    });
    const { cards } = await ask(activity);
    expect(cardText(cards[0])).toMatch(/Megan Bowen/);
    expect(cardText(cards[0])).toMatch(/Medium risk/);
  });

  it('answers a remediated user without containment buttons', async () => {
    const { cards } = await ask(channelMention(ward.connector.url, 'investigate alex.wilber@contoso.com'));
    const text = cardText(cards[0]);
    expect(text).toMatch(/Remediated/);
    expect(executeActions(cards[0]).filter((action) => action.verb === 'ward.action')).toHaveLength(0);
  });

  it('flags a user without MFA', async () => {
    const { cards } = await ask(channelMention(ward.connector.url, 'is lynne.robbins@contoso.com at risk?'));
    expect(cardText(cards[0])).toMatch(/No MFA method registered/);
  });

  it('ignores a channel message that mentions someone else but not Ward', async () => {
    const activity = channelMention(ward.connector.url, 'can you look at this?');
    activity.text = '<at>Megan Bowen</at> can you look at this?';
    activity.entities = [
      { type: 'mention', mentioned: { id: '29:1-megan', name: 'Megan Bowen' }, text: '<at>Megan Bowen</at>' },
    ];
    const { messages } = await ask(activity);
    expect(messages).toHaveLength(0);
  });
});

describe('group chats and 1:1 chats', () => {
  it('answers an @mention in a group chat', async () => {
    const { cards } = await ask(groupChatMessage(ward.connector.url, 'investigate megan.bowen@contoso.com'));
    expect(cardText(cards[0])).toMatch(/Unfamiliar sign-in properties/);
  });

  it('answers a 1:1 message without a mention', async () => {
    const { cards } = await ask(personalMessage(ward.connector.url, 'show risky users'));
    const text = cardText(cards[0]);
    expect(text).toMatch(/users at risk/);
    expect(text).toMatch(/adele\.vance@contoso\.com/);
  });

  it('answers "help" with the help card and example prompts that ask Ward when clicked', async () => {
    const { cards } = await ask(personalMessage(ward.connector.url, 'help'));
    const asks = executeActions(cards[0]).filter((action) => action.verb === 'ward.ask');
    expect(asks.length).toBeGreaterThan(2);
    expect(asks[0]?.data.question).toBeTruthy();
  });

  it('answers an unknown user with a short, helpful card', async () => {
    const { cards } = await ask(
      personalMessage(ward.connector.url, 'is zed.nobody@contoso.com compromised?'),
    );
    const text = cardText(cards[0]);
    expect(text).toMatch(/couldn't find a user matching "zed\.nobody@contoso\.com"/);
    expect(text).toMatch(/What I can do now/);
  });

  it('answers a question it cannot answer by saying so, with examples', async () => {
    const { cards } = await ask(personalMessage(ward.connector.url, 'what is the weather tomorrow'));
    expect(cardText(cards[0])).toMatch(/didn't recognise a security question/);
    expect(cardText(cards[0])).toMatch(/What I can do now/);
  });
});

describe('installation', () => {
  it('greets a conversation once when Ward is added, not again when a client repeats "bot added"', async () => {
    const added = {
      ...personalMessage(ward.connector.url, ''),
      type: 'conversationUpdate',
      text: undefined,
      conversation: { id: 'a:1-personal-install', conversationType: 'personal' },
      membersAdded: [{ id: BOT.id }],
    };
    expect((await ward.post(added)).status).toBe(200);
    expect((await ward.post({ ...added, id: 'again' })).status).toBe(200);
    const greetings = ward.connector.messages('a:1-personal-install');
    expect(greetings).toHaveLength(1);
    expect(cardText(cardOf(greetings[0] ?? { body: {} }))).toMatch(/Mention me with a security question/);
  });
});

describe('card clicks', () => {
  async function answerIn(conversationActivity: Record<string, unknown>) {
    const { cards } = await ask(conversationActivity);
    const card = cards[0];
    const conversationId = (conversationActivity.conversation as { id: string }).id;
    const actions = executeActions(card);
    const answerId = String(actions.find((action) => action.verb === 'ward.feedback')?.data.answerId);
    return { card, conversationId, actions, answerId };
  }

  it('a destructive action click first shows a confirmation with the impact, and changes nothing yet', async () => {
    const { conversationId, actions } = await answerIn(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    const reset = actions.find((action) => action.title === 'Reset password');
    const response = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.action', reset?.data ?? {}),
    );
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toMatch(/Confirm/);
    expect(executeActions(body.value).map((action) => action.data.step)).toEqual(['confirm', 'cancel']);
    const again = await ask(personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'));
    expect(cardText(again.cards[0])).toMatch(/High risk/);
  });

  it('feedback is stored with the answer, acknowledged, and a change of mind updates it', async () => {
    const { conversationId, answerId } = await answerIn(
      channelMention(ward.connector.url, 'show risky users'),
    );
    const first = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId,
        rating: 'needs-improvement',
        feedbackComment: 'missing sign-in details',
      }),
    );
    expect(cardText((first.body as { value: unknown }).value)).toMatch(/Thanks Patti Fernandez/);
    const second = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', { answerId, rating: 'looks-right' }),
    );
    expect(cardText((second.body as { value: unknown }).value)).toMatch(/1 looks right/);
    const rows = await ward.database.query<{ rating: string; comment: string | null }>(
      'SELECT rating, comment FROM feedback WHERE answer_id = $1',
      [answerId],
    );
    expect(rows.rows).toEqual([{ rating: 'looks-right', comment: null }]);
  });

  it('an "ask" button runs the question and posts the answer', async () => {
    const conversationId = 'a:1-personal-ask';
    const response = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.ask', { question: 'show risky users' }),
    );
    expect(response.status).toBe(200);
    expect(cardText(cardOf(ward.connector.messages(conversationId)[0] ?? { body: {} }))).toMatch(
      /users at risk/,
    );
  });
});

describe('bad input gets a clear answer and loses nothing', () => {
  it('malformed JSON → 400', async () => {
    const response = await ward.post('{"type": "message", "text": ');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/not valid JSON/);
  });

  it.each([
    ['missing conversation', (a: Record<string, unknown>) => ({ ...a, conversation: undefined })],
    ['missing from', (a: Record<string, unknown>) => ({ ...a, from: undefined })],
    ['missing type', (a: Record<string, unknown>) => ({ ...a, type: undefined })],
    ['serviceUrl not a URL', (a: Record<string, unknown>) => ({ ...a, serviceUrl: 'javascript:alert(1)' })],
    ['an array body', () => [1, 2, 3]],
  ])('%s → 400 with the reason', async (_name, mutate) => {
    const response = await ward.post(mutate(personalMessage(ward.connector.url, 'show risky users')));
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toBe('invalid_activity');
  });

  it('an unknown activity type is ignored with 200', async () => {
    const response = await ward.post({ ...personalMessage(ward.connector.url, 'x'), type: 'somethingNew' });
    expect(response.status).toBe(200);
    expect(ward.connector.messages()).toHaveLength(0);
  });

  it('a 100 KB message gets a short reply, not a slow or failed answer', async () => {
    const { messages } = await ask(
      personalMessage(ward.connector.url, `is adele compromised? ${'a'.repeat(100_000)}`),
    );
    expect(String(messages[0]?.body.text)).toMatch(/characters long/);
  });

  it('a body over the size limit → 413', async () => {
    const response = await ward.post(personalMessage(ward.connector.url, 'x'.repeat(600_000)));
    expect(response.status).toBe(413);
  });

  it("a forged action id (random, or another conversation's) is refused and changes nothing", async () => {
    const { cards } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    const realId = executeActions(cards[0]).find((action) => action.verb === 'ward.action')?.data.actionId;
    for (const [conversationId, actionId] of [
      ['a:1-personal-other', realId],
      [(personalMessage(ward.connector.url, '').conversation as { id: string }).id, randomUUID()],
    ]) {
      const response = await ward.post(
        cardAction(ward.connector.url, String(conversationId), 'ward.action', { actionId }),
      );
      expect(response.status).toBe(200);
      expect(cardText((response.body as { value: unknown }).value)).toMatch(/not valid here/);
    }
    const tampered = await ward.post(
      cardAction(ward.connector.url, 'a:1-x', 'ward.action', { actionId: "1' OR '1'='1" }),
    );
    expect(cardText((tampered.body as { value: unknown }).value)).toMatch(/not valid/);
  });

  it('feedback on an unknown answer, a bad rating or a 10 KB comment is refused with a reason', async () => {
    const conversationId = 'a:1-personal-feedback';
    const unknown = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId: randomUUID(),
        rating: 'looks-right',
      }),
    );
    expect(cardText((unknown.body as { value: unknown }).value)).toMatch(/not valid here/);
    const badRating = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId: randomUUID(),
        rating: 'great',
      }),
    );
    expect(cardText((badRating.body as { value: unknown }).value)).toMatch(/not valid/);
    const long = await ward.post(
      cardAction(ward.connector.url, conversationId, 'ward.feedback', {
        answerId: randomUUID(),
        rating: 'inappropriate',
        feedbackComment: 'x'.repeat(10_000),
      }),
    );
    expect(cardText((long.body as { value: unknown }).value)).toMatch(/limited to 1,000 characters/);
  });

  it('an "ask" button with no or an oversized question is refused without asking anything', async () => {
    const conversationId = 'a:1-personal-bad-ask';
    for (const data of [{}, { question: '' }, { question: 'x'.repeat(10_000) }, { question: 42 }]) {
      const response = await ward.post(cardAction(ward.connector.url, conversationId, 'ward.ask', data));
      expect(response.status).toBe(200);
      expect(cardText((response.body as { value: unknown }).value)).toMatch(/carries no question/);
    }
    expect(ward.connector.messages(conversationId)).toHaveLength(0);
  });

  it('an unknown card verb gets a card, never a 501', async () => {
    const response = await ward.post(cardAction(ward.connector.url, 'a:1-x', 'someone.elses.verb', {}));
    expect(response.status).toBe(200);
    expect(cardText((response.body as { value: unknown }).value)).toMatch(/not recognised/);
  });

  it('nothing stored is lost after a run of bad input', async () => {
    const before = await ward.database.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM answers',
    );
    await ward.post('not json');
    await ward.post({ type: 'message' });
    await ward.post(cardAction(ward.connector.url, 'a:1-x', 'ward.action', { actionId: randomUUID() }));
    const after = await ward.database.query<{ count: string }>('SELECT count(*)::text AS count FROM answers');
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
  });
});

describe('when the tenant throttles or fails', () => {
  it('a failing source makes the answer explicitly partial and names it; the rest is still shown', async () => {
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'auditLogs/signIns', status: 500 }),
    });
    const { cards } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    const text = cardText(cards[0]);
    expect(text).toMatch(/Partial answer/);
    expect(text).toMatch(/entra\.signIns/);
    expect(text).toMatch(/Microsoft Graph failed \(500\)/);
    expect(text).toMatch(/Password spray/);
  });

  it('a 429 with Retry-After is retried and the answer is complete', async () => {
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: 'identityProtection/riskDetections',
        status: 429,
        retryAfterSeconds: 1,
        times: 1,
      }),
    });
    const { cards } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    const text = cardText(cards[0]);
    expect(text).not.toMatch(/Partial answer/);
    expect(text).toMatch(/Password spray/);
  });

  it('when the directory itself is down, the card says what failed instead of guessing', async () => {
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/users', status: 503 }),
    });
    const { cards } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    expect(cardText(cards[0])).toMatch(/Could not look up adele\.vance@contoso\.com/);
  });
});
