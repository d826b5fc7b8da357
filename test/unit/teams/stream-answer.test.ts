/**
 * A 1:1 answer as a Teams stream, over botbuilder's TestAdapter with a real TurnContext and Teams AI's own
 * StreamingResponse: the updates and text chunks Teams receives, the final message with the card, and the
 * card delivered once as a plain message when the connector refuses the stream. The orchestrator is a fake
 * that emits progress the way the model planner does (text as the summary is written).
 */
import { type Activity, type ResourceResponse, TestAdapter, type TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerSchema } from '../../../src/core/answer.js';
import type { ProgressEvent, Reply } from '../../../src/core/orchestrator.js';
import { type AskWithProgress, FIRST_UPDATE, streamAnswer } from '../../../src/teams/stream-answer.js';
import { personalMessage } from '../../support/teams-activities.js';

const NOW = new Date('2026-11-24T16:07:00Z');
const RISK_DETECTIONS: ProgressEvent = {
  kind: 'skill',
  ref: 'entra.riskDetections',
  service: 'Microsoft Entra ID',
  description: "Lists a user's risk detections (type, level, time, IP, location) over the last days.",
};
const ANSWER: Reply = {
  kind: 'answer',
  answerId: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
  createdAt: NOW,
  actions: [],
  answer: answerSchema.parse({
    intent: 'user-risk',
    title: 'Megan Bowen is at high risk',
    summary: 'Megan Bowen is at high risk: an impossible-travel sign-in today.',
    riskLevel: 'high',
    planner: 'gpt-test',
  }),
};

/** A connector that can refuse activities the way Teams does (403 for a stream it will not show). */
class ConnectorAdapter extends TestAdapter {
  refuse: (activity: Partial<Activity>) => boolean = () => false;
  readonly refused: Partial<Activity>[] = [];

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (this.refuse(activity)) {
        this.refused.push(activity);
        throw Object.assign(new Error('ContentStreamNotAllowed: Content stream is not allowed'), {
          statusCode: 403,
        });
      }
    }
    return super.sendActivities(context, activities);
  }
}

function streamInfo(activity: Partial<Activity>) {
  return activity.entities?.find((entity) => entity.type === 'streaminfo') as
    | { streamType?: string; streamId?: string; streamSequence?: number }
    | undefined;
}

function cardIn(activity: Partial<Activity> | undefined) {
  return activity?.attachments?.find(
    (attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content as Record<string, unknown> | undefined;
}

async function answer(ask: AskWithProgress, adapter = new ConnectorAdapter()) {
  const activity = personalMessage('https://connector.test/', 'is megan compromised?') as Partial<Activity>;
  await adapter.processActivity(activity, (context) =>
    streamAnswer(context, ask, { log: pino({ level: 'silent' }), now: () => NOW, minUpdateGapMs: 0 }),
  );
  const sent = adapter.activeQueue;
  return {
    sent,
    refused: adapter.refused,
    messages: sent.filter((activity) => activity.type === 'message'),
    updates: sent.filter((activity) => activity.type === 'typing'),
  };
}

/** Waits (as long as the stream's pacing needs) until `sent` holds an activity matching `match`. */
async function until(sent: Partial<Activity>[], match: (activity: Partial<Activity>) => boolean) {
  await vi.waitFor(() => expect(sent.some(match)).toBe(true), { timeout: 15_000, interval: 20 });
}

beforeEach(() => {
  // Teams AI logs each refused stream send with console.error; Ward logs its own warning.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('streamAnswer in a 1:1 chat', () => {
  it('shows "Looking into it…", the source being checked, the summary as it is written, then the card', async () => {
    const adapter = new ConnectorAdapter();
    const { sent, messages, updates } = await answer(async ({ onProgress, stream }) => {
      expect(stream).toBe(true);
      onProgress?.({ kind: 'started' });
      onProgress?.(RISK_DETECTIONS);
      onProgress?.(RISK_DETECTIONS);
      await until(adapter.activeQueue, (activity) => /^Checking/.test(activity.text ?? ''));
      onProgress?.({ kind: 'text', delta: 'Megan Bowen is ' });
      await until(adapter.activeQueue, (activity) => streamInfo(activity)?.streamType === 'streaming');
      onProgress?.({ kind: 'text', delta: 'at high risk: an impossible-travel sign-in today.' });
      return ANSWER;
    }, adapter);

    expect(updates.map((update) => [streamInfo(update)?.streamType, update.text])).toEqual([
      ['informative', FIRST_UPDATE],
      ['informative', "Checking Microsoft Entra ID: a user's risk detections over the last days…"],
      ['streaming', 'Megan Bowen is '],
    ]);
    const sequences = updates.map((update) => streamInfo(update)?.streamSequence);
    expect(sequences).toEqual([1, 2, 3]);
    const streamId = sent[0]?.id;
    expect(streamId).toBeTruthy();
    for (const later of sent.slice(1)) expect(streamInfo(later)?.streamId).toBe(streamId);

    expect(messages).toHaveLength(1);
    const final = messages[0];
    expect(streamInfo(final ?? {})?.streamType).toBe('final');
    expect(final?.text).toBe('Megan Bowen is at high risk: an impossible-travel sign-in today.');
    expect(final?.summary).toBe('Megan Bowen is at high risk');
    expect(JSON.stringify(cardIn(final))).toContain('Megan Bowen is at high risk');
  });

  it('ends the stream with the card and its summary as text when nothing was streamed', async () => {
    const { messages, updates } = await answer(async ({ onProgress }) => {
      onProgress?.(RISK_DETECTIONS);
      return ANSWER;
    });
    expect(updates[0]?.text).toBe(FIRST_UPDATE);
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})?.streamType).toBe('final');
    expect(messages[0]?.text).toBe('Megan Bowen is at high risk');
    expect(cardIn(messages[0])).toBeDefined();
  });

  it('ends the stream with the help card', async () => {
    const { messages } = await answer(async () => ({
      kind: 'help',
      reason: 'Which user do you mean?',
      examples: ['is adele compromised?'],
      candidates: [],
    }));
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})?.streamType).toBe('final');
    expect(messages[0]?.text).toBe('Which user do you mean?');
    expect(JSON.stringify(cardIn(messages[0]))).toContain('Which user do you mean?');
  });

  it('ends the stream with an error after the text streamed so far (Teams requires it to be kept)', async () => {
    const { messages } = await answer(async ({ onProgress }) => {
      onProgress?.({ kind: 'text', delta: 'Megan Bowen is ' });
      return { kind: 'error', message: 'Something went wrong while answering. (reference t-1)' };
    });
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})?.streamType).toBe('final');
    expect(messages[0]?.text).toBe(
      'Megan Bowen is \n\nSomething went wrong while answering. (reference t-1)',
    );
  });

  it('ends the stream with an error message when asking throws', async () => {
    const { messages } = await answer(async () => {
      throw new Error('boom');
    });
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})?.streamType).toBe('final');
    expect(messages[0]?.text).toMatch(/^Something went wrong while answering\. .*\(reference \d+\)$/);
  });
});

describe('streamAnswer when the connector refuses the stream', () => {
  it('sends the card once as a normal message when the first update is refused', async () => {
    const adapter = new ConnectorAdapter();
    adapter.refuse = (activity) => streamInfo(activity) !== undefined;
    const { sent, refused, messages } = await answer(async ({ onProgress }) => {
      onProgress?.(RISK_DETECTIONS);
      onProgress?.({ kind: 'text', delta: 'Megan Bowen is ' });
      return ANSWER;
    }, adapter);
    expect(refused.length).toBeGreaterThan(0);
    expect(sent.filter((activity) => streamInfo(activity))).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.summary).toBe('Megan Bowen is at high risk');
    expect(cardIn(messages[0])).toBeDefined();
  });

  it('sends the card once as a normal message when only the final message is refused', async () => {
    const adapter = new ConnectorAdapter();
    adapter.refuse = (activity) => streamInfo(activity)?.streamType === 'final';
    const { refused, messages, updates } = await answer(async () => ANSWER, adapter);
    expect(updates.map((update) => update.text)).toEqual([FIRST_UPDATE]);
    expect(refused).toHaveLength(1);
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})).toBeUndefined();
    expect(cardIn(messages[0])).toBeDefined();
  });

  it('stops streaming after a refused update, shows typing instead, and sends the card once', async () => {
    const adapter = new ConnectorAdapter();
    adapter.refuse = (activity) => streamInfo(activity)?.streamSequence === 2;
    const { refused, messages, updates } = await answer(async ({ onProgress }) => {
      onProgress?.(RISK_DETECTIONS);
      await vi.waitFor(() => expect(adapter.refused).toHaveLength(1), { timeout: 15_000, interval: 20 });
      onProgress?.({ kind: 'text', delta: 'Megan Bowen is ' });
      return ANSWER;
    }, adapter);
    expect(refused).toHaveLength(1);
    const streamed = updates.filter((update) => streamInfo(update));
    expect(streamed.map((update) => update.text)).toEqual([FIRST_UPDATE]);
    // The rest of the wait shows plain typing, as in a channel.
    expect(updates.filter((update) => !streamInfo(update)).length).toBeGreaterThan(0);
    expect(messages).toHaveLength(1);
    expect(streamInfo(messages[0] ?? {})).toBeUndefined();
    expect(cardIn(messages[0])).toBeDefined();
  });
});
