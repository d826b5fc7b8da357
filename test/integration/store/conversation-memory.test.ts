/**
 * Conversation memory on the real engines: each conversation (each channel thread) remembers its last turns,
 * oldest first, bounded in number and age, never mixed with another's, also when answers land concurrently.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError } from '../../../src/core/errors.js';
import type { RememberedTurn } from '../../../src/core/memory/conversation-memory.js';
import {
  createConversationMemory,
  MAX_REMEMBERED_QUESTION_LENGTH,
  MAX_REMEMBERED_SUMMARY_LENGTH,
} from '../../../src/store/conversation-memory.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';

const HOUR = 3_600_000;
const ADELE = {
  kind: 'user' as const,
  id: '6e7b768e-07e2-4810-8459-485f84f8f204',
  displayName: 'Adele Vance (adele.vance@contoso.com)',
};

/** A fresh channel and a thread in it, so tests never share a conversation. */
function channelThread(root: string | number = Date.now()): string {
  return `19:${randomUUID()}@thread.tacv2;messageid=${root}`;
}

/** A clock the test moves. */
function manualClock(start = new Date('2025-03-01T09:00:00Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

function turn(question: string, at: Date, extra: Partial<RememberedTurn> = {}): RememberedTurn {
  return {
    at,
    question,
    answerId: randomUUID(),
    intent: 'user-risk',
    title: `Answer to ${question}`,
    summary: `Summary of ${question}`,
    ...extra,
  };
}

async function storedCount(db: Database, conversationId: string): Promise<number> {
  const result = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM conversation_memory WHERE conversation_id = $1',
    [conversationId],
  );
  return result.rows[0]!.count;
}

describe.each(testEngines)('conversation memory on $kind', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('recalls a remembered turn as it was remembered: question, answer, intent, title, summary and subject', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    const remembered = turn('is adele.vance@contoso.com compromised?', clock.now(), {
      title: 'Adele Vance: likely compromised',
      summary: 'High user risk with atypical travel and a password spray.',
      subject: ADELE,
    });
    await memory.remember(conversation, remembered);
    expect(await memory.recall(conversation)).toEqual([remembered]);
  });

  it('recalls an answer without subject or answer id without inventing them', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    await memory.remember(conversation, {
      at: clock.now(),
      question: 'show risky users',
      intent: 'risky-users',
      title: '3 users at risk',
      summary: 'Identity Protection flags 3 users at risk.',
    });
    const [recalled] = await memory.recall(conversation);
    expect(recalled).toEqual({
      at: clock.now(),
      question: 'show risky users',
      intent: 'risky-users',
      title: '3 users at risk',
      summary: 'Identity Protection flags 3 users at risk.',
    });
  });

  it('keeps only the last `turns` turns of a conversation, oldest first, and deletes the rest', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 3, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    for (const question of ['first', 'second', 'third', 'fourth', 'fifth']) {
      await memory.remember(conversation, turn(question, clock.now()));
      clock.advance(60_000);
    }
    expect((await memory.recall(conversation)).map((recalled) => recalled.question)).toEqual([
      'third',
      'fourth',
      'fifth',
    ]);
    expect(await storedCount(db, conversation)).toBe(3);
  });

  it('recalls no turn older than the maximum age, and forgets expired turns on the next remember', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 2 * HOUR, now: clock.now });
    const conversation = channelThread();
    await memory.remember(conversation, turn('old question', clock.now()));
    clock.advance(HOUR);
    await memory.remember(conversation, turn('newer question', clock.now()));
    clock.advance(HOUR + 1);
    expect((await memory.recall(conversation)).map((recalled) => recalled.question)).toEqual([
      'newer question',
    ]);
    expect(await storedCount(db, conversation)).toBe(2);

    await memory.remember(conversation, turn('latest question', clock.now()));
    expect(await storedCount(db, conversation)).toBe(2);
    clock.advance(2 * HOUR + 1);
    expect(await memory.recall(conversation)).toEqual([]);
  });

  it('recalls a turn exactly as old as the maximum age', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: HOUR, now: clock.now });
    const conversation = channelThread();
    await memory.remember(conversation, turn('on the edge', clock.now()));
    clock.advance(HOUR);
    expect(await memory.recall(conversation)).toHaveLength(1);
  });

  it('forgets the expired turns of conversations nobody asks in again', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: HOUR, now: clock.now });
    const abandoned = channelThread();
    const active = channelThread();
    await memory.remember(abandoned, turn('asked once', clock.now()));
    clock.advance(2 * HOUR);
    await memory.remember(active, turn('asked now', clock.now()));
    expect(await memory.forgetExpired()).toBeGreaterThanOrEqual(1);
    expect(await storedCount(db, abandoned)).toBe(0);
    expect(await storedCount(db, active)).toBe(1);
  });

  it('never mixes conversations: each channel thread, the channel itself and other chats are separate', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 2, maxAgeMs: 24 * HOUR, now: clock.now });
    const channel = `19:${randomUUID()}@thread.tacv2`;
    const conversations = [
      `${channel};messageid=1732000000001`,
      `${channel};messageid=1732000000002`,
      // A prefix of the first thread's id, and ids with LIKE wildcards: matched exactly, never as patterns.
      `${channel};messageid=173200000000`,
      channel,
      `${channel};messageid=%`,
      `${channel};messageid=_732000000001`,
      `a:1-personal-${randomUUID()}`,
    ];
    for (const [index, conversation] of conversations.entries()) {
      for (let count = 0; count < 3; count++) {
        await memory.remember(conversation, turn(`question ${count} in ${index}`, clock.now()));
      }
    }
    for (const [index, conversation] of conversations.entries()) {
      expect((await memory.recall(conversation)).map((recalled) => recalled.question)).toEqual([
        `question 1 in ${index}`,
        `question 2 in ${index}`,
      ]);
      expect(await storedCount(db, conversation)).toBe(2);
    }
    expect(await memory.recall(`${channel};messageid=1732000000003`)).toEqual([]);
  });

  it('keeps the bound when many answers in one thread are remembered at the same time', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 3, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    const neighbour = channelThread();
    const questions = Array.from({ length: 20 }, (_, index) => `question ${index}`);
    await Promise.all([
      ...questions.map((question) => memory.remember(conversation, turn(question, clock.now()))),
      ...questions.map((question) => memory.remember(neighbour, turn(question, clock.now()))),
    ]);
    for (const id of [conversation, neighbour]) {
      expect(await storedCount(db, id)).toBe(3);
      const recalled = await memory.recall(id);
      expect(recalled).toHaveLength(3);
      expect(new Set(recalled.map((remembered) => remembered.question)).size).toBe(3);
      for (const remembered of recalled) expect(questions).toContain(remembered.question);
    }
  });

  it('keeps the newest turns when two memories (two replicas) remember in one thread at once', async () => {
    const clock = manualClock();
    const replicas = [1, 2].map(() =>
      createConversationMemory(db, { turns: 4, maxAgeMs: 24 * HOUR, now: clock.now }),
    );
    const conversation = channelThread();
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        replicas[index % 2]!.remember(conversation, turn(`question ${index}`, clock.now())),
      ),
    );
    await replicas[0]!.remember(conversation, turn('the last one', clock.now()));
    const recalled = await replicas[1]!.recall(conversation);
    expect(recalled).toHaveLength(4);
    expect(recalled.at(-1)?.question).toBe('the last one');
    expect(await storedCount(db, conversation)).toBe(4);
  });

  it('stores nothing and recalls nothing when memory is off (0 turns)', async () => {
    const clock = manualClock();
    const on = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const off = createConversationMemory(db, { turns: 0, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    await off.remember(conversation, turn('not remembered', clock.now(), { subject: ADELE }));
    expect(await storedCount(db, conversation)).toBe(0);
    await on.remember(conversation, turn('remembered earlier', clock.now()));
    expect(await off.recall(conversation)).toEqual([]);
  });

  it('cuts long questions and summaries to their limits, without splitting a character', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    const question = `${'q'.repeat(MAX_REMEMBERED_QUESTION_LENGTH - 2)}😀${'q'.repeat(5_000)}`;
    const summary = 's'.repeat(50_000);
    await memory.remember(conversation, turn('placeholder', clock.now(), { question, summary }));
    const [recalled] = await memory.recall(conversation);
    // The emoji straddles the limit: it goes whole, with the rest.
    expect(recalled!.question).toBe(`${'q'.repeat(MAX_REMEMBERED_QUESTION_LENGTH - 2)}…`);
    expect(recalled!.summary).toHaveLength(MAX_REMEMBERED_SUMMARY_LENGTH);
    expect(recalled!.summary.startsWith('s'.repeat(MAX_REMEMBERED_SUMMARY_LENGTH - 1))).toBe(true);
  });

  it('drops a stored subject that no longer reads as a target, keeping the turn', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    await memory.remember(conversation, turn('is adele compromised?', clock.now(), { subject: ADELE }));
    await db.query(
      `UPDATE conversation_memory SET subject = '{"kind":"planet","id":""}'::jsonb WHERE conversation_id = $1`,
      [conversation],
    );
    const [recalled] = await memory.recall(conversation);
    expect(recalled?.question).toBe('is adele compromised?');
    expect(recalled?.subject).toBeUndefined();
  });

  it('refuses an invalid turn or conversation id with a message saying what is wrong, storing nothing', async () => {
    const clock = manualClock();
    const memory = createConversationMemory(db, { turns: 6, maxAgeMs: 24 * HOUR, now: clock.now });
    const conversation = channelThread();
    const invalid = [
      turn('no intent', clock.now(), { intent: '' }),
      turn('bad date', new Date(Number.NaN)),
      turn('bad answer id', clock.now(), { answerId: 'not-a-uuid' }),
      turn('bad subject', clock.now(), { subject: { kind: 'user', id: '' } }),
    ];
    for (const bad of invalid) {
      await expect(memory.remember(conversation, bad)).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(memory.remember('', turn('no conversation', clock.now()))).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(memory.recall('')).rejects.toBeInstanceOf(InvalidInputError);
    expect(await storedCount(db, conversation)).toBe(0);
  });

  it('refuses settings it cannot honour when it is created', () => {
    for (const settings of [
      { turns: -1, maxAgeMs: HOUR },
      { turns: 1.5, maxAgeMs: HOUR },
      { turns: 6, maxAgeMs: 0 },
      { turns: 6, maxAgeMs: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => createConversationMemory(db, settings)).toThrow(ConfigError);
    }
  });
});
