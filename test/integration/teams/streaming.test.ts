/**
 * Progress in Teams over the real Bot Framework wire protocol: in a 1:1 chat Ward answers as a Teams stream
 * (informative `typing` updates with `streaminfo` entities, then the card as the stream's final message); in
 * channels and group chats it shows typing and posts one card; and when the connector refuses the stream, the
 * card still arrives, once, as a normal message.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SentActivity, streamInfo } from '../../support/connector-server.js';
import { channelMention, groupChatMessage, personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

let ward: WardHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  ward = await startWardHarness();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await ward?.close();
});
beforeEach(async () => {
  ward.connector.clear();
  ward.connector.refuseStreaming(undefined);
  unhandled.length = 0;
  await fetch(`${ward.demoTenantUrl}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${ward.demoTenantUrl}/_demo/reset`, { method: 'POST' });
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});

/** Sends an activity and returns everything Ward sent to its conversation, in order. */
async function ask(activity: Record<string, unknown>) {
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  const sent = ward.connector.sent.filter((item) => item.conversationId === conversationId);
  return {
    sent,
    streamed: sent.filter((item) => streamInfo(item.body) !== undefined),
    typing: sent.filter((item) => item.body.type === 'typing'),
    messages: sent.filter((item) => item.body.type !== 'typing'),
    conversationId,
  };
}

const streamOf = (item: SentActivity | undefined) => streamInfo(item?.body ?? {});

describe('in a 1:1 chat Ward answers as a Teams stream', () => {
  it('"Looking into it…" at once, then the sources it checks, then the card as the final message', async () => {
    // A slow source keeps the question running long enough for an update about what Ward is checking.
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'identityProtection/riskDetections', delayMs: 3000, times: 1 }),
    });
    const { sent, streamed, typing, messages } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );

    // Every activity Ward sent belongs to the stream (no plain typing next to it), and Teams would take each.
    expect(ward.connector.refused).toEqual([]);
    expect(streamed).toEqual(sent);
    expect(typing.map((item) => streamOf(item)?.streamType)).toEqual(typing.map(() => 'informative'));
    expect(typing[0]?.body.text).toBe('Looking into it…');
    expect(typing.map((item) => String(item.body.text))).toContainEqual(
      expect.stringMatching(/^Checking Microsoft Entra ID: /),
    );
    const texts = typing.map((item) => item.body.text);
    expect(new Set(texts).size).toBe(texts.length);

    const sequences = typing.map((item) => Number(streamOf(item)?.streamSequence));
    expect(sequences[0]).toBe(1);
    for (let index = 1; index < sequences.length; index += 1) {
      expect(sequences[index]).toBeGreaterThan(sequences[index - 1] ?? 0);
    }
    // The first update opens the stream; every later activity carries the id the connector gave it.
    expect(streamOf(typing[0])?.streamId).toBeUndefined();
    const streamId = streamOf(sent[1])?.streamId;
    expect(streamId).toBeTruthy();
    for (const item of sent.slice(1)) {
      expect(streamOf(item)?.streamId).toBe(streamId);
      expect((item.body.channelData as { streamId?: string }).streamId).toBe(streamId);
    }

    expect(messages).toHaveLength(1);
    const final = messages[0];
    expect(sent.at(-1)).toBe(final);
    expect(final?.body.type).toBe('message');
    expect(streamOf(final)?.streamType).toBe('final');
    expect(String(final?.body.text).trim()).not.toBe('');
    const text = cardText(cardOf(final ?? { body: {} }));
    expect(text).toMatch(/Adele Vance/);
    expect(text).toMatch(/High risk/);
  });

  it('ends the stream with the help card for "help"', async () => {
    const { typing, messages } = await ask(personalMessage(ward.connector.url, 'help'));
    expect(typing[0]?.body.text).toBe('Looking into it…');
    expect(messages).toHaveLength(1);
    expect(streamOf(messages[0])?.streamType).toBe('final');
    expect(String(messages[0]?.body.text)).toBe('What Ward can do');
    expect(cardOf(messages[0] ?? { body: {} })).toBeDefined();
  });

  it('shows typing instead and sends the card once as a normal message when the connector refuses the stream', async () => {
    ward.connector.refuseStreaming(403);
    await fetch(`${ward.demoTenantUrl}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'identityProtection/riskDetections', delayMs: 1000, times: 1 }),
    });
    const { sent, streamed, typing, messages } = await ask(
      personalMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?'),
    );
    expect(ward.connector.refused.length).toBeGreaterThan(0);
    expect(streamOf(ward.connector.refused[0])?.streamType).toBe('informative');
    expect(streamed).toEqual([]);
    expect(typing.length).toBeGreaterThan(0);
    expect(sent.at(-1)?.body.type).toBe('message');
    expect(messages).toHaveLength(1);
    expect(streamOf(messages[0])).toBeUndefined();
    expect(messages[0]?.body.summary).toMatch(/Adele Vance/);
    expect(cardText(cardOf(messages[0] ?? { body: {} }))).toMatch(/High risk/);
  });
});

describe('in channels and group chats Ward shows typing and posts one card', () => {
  it.each([
    ['a channel', () => channelMention(ward.connector.url, 'is adele.vance@contoso.com compromised?')],
    ['a group chat', () => groupChatMessage(ward.connector.url, 'is adele.vance@contoso.com compromised?')],
  ])('in %s: nothing streamed', async (_where, activity) => {
    const { sent, streamed, typing, messages } = await ask(activity());
    expect(streamed).toEqual([]);
    expect(sent[0]?.body.type).toBe('typing');
    expect(typing.length).toBeGreaterThan(0);
    expect(messages).toHaveLength(1);
    expect(cardText(cardOf(messages[0] ?? { body: {} }))).toMatch(/High risk/);
  });
});
