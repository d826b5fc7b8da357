/**
 * Informative updates for a Teams stream: the first at once, each text once, the newest replacing one that
 * waits while the stream is busy, held back by the pace, dropped on close; and the status line for a source.
 */
import { describe, expect, it } from 'vitest';
import { createInformativeUpdates, skillUpdateText } from '../../../src/teams/informative-updates.js';

/** A stream whose queue empties only when the test says so. */
function fakeStream() {
  const sent: string[] = [];
  let drained: () => void = () => undefined;
  let idle: Promise<void> = Promise.resolve();
  return {
    sent,
    send(text: string) {
      sent.push(text);
      idle = new Promise((resolve) => {
        drained = resolve;
      });
    },
    idle: () => idle,
    /** The stream has sent everything; lets queued microtasks run. */
    async drain() {
      drained();
      for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    },
  };
}

describe('createInformativeUpdates', () => {
  it('sends the first update at once', () => {
    const stream = fakeStream();
    const updates = createInformativeUpdates({ ...stream, minGapMs: 0 });
    updates.show('Looking into it…');
    expect(stream.sent).toEqual(['Looking into it…']);
  });

  it('sends only the newest of the texts that arrived while the stream was busy', async () => {
    const stream = fakeStream();
    const updates = createInformativeUpdates({ ...stream, minGapMs: 0 });
    updates.show('Looking into it…');
    updates.show('Checking Microsoft Entra ID: a user’s profile…');
    updates.show('Checking Microsoft Entra ID: a user’s sign-ins…');
    expect(stream.sent).toEqual(['Looking into it…']);
    await stream.drain();
    expect(stream.sent).toEqual(['Looking into it…', 'Checking Microsoft Entra ID: a user’s sign-ins…']);
  });

  it('never shows the same text twice', async () => {
    const stream = fakeStream();
    const updates = createInformativeUpdates({ ...stream, minGapMs: 0 });
    updates.show('Checking ServiceNow…');
    await stream.drain();
    updates.show('Checking ServiceNow…');
    updates.show('  Checking ServiceNow…  ');
    await stream.drain();
    expect(stream.sent).toEqual(['Checking ServiceNow…']);
  });

  it('holds an update back until the pace allows, and drops it on close', async () => {
    const stream = fakeStream();
    const updates = createInformativeUpdates({ ...stream, minGapMs: 60_000 });
    updates.show('Looking into it…');
    await stream.drain();
    updates.show('Checking ServiceNow…');
    await stream.drain();
    expect(stream.sent).toEqual(['Looking into it…']);
    updates.close();
    updates.show('Checking Microsoft Entra ID…');
    await stream.drain();
    expect(stream.sent).toEqual(['Looking into it…']);
  });

  it('keeps an update short (Teams refuses more than 1,000 characters)', () => {
    const stream = fakeStream();
    createInformativeUpdates({ ...stream, minGapMs: 0 }).show('x'.repeat(5_000));
    expect(stream.sent[0]?.length).toBeLessThanOrEqual(200);
    expect(stream.sent[0]?.endsWith('…')).toBe(true);
  });

  it('refuses a negative pace at construction', () => {
    const stream = fakeStream();
    expect(() => createInformativeUpdates({ ...stream, minGapMs: -1 })).toThrow(/minGapMs/);
  });
});

describe('skillUpdateText', () => {
  it.each([
    [
      "Lists a user's risk detections (type, level, time, IP, location) over the last days.",
      "Checking Microsoft Entra ID: a user's risk detections over the last days…",
    ],
    [
      'Lists users flagged by Identity Protection, filtered by risk level and state.',
      'Checking Microsoft Entra ID: users flagged by Identity Protection, filtered by risk level and state…',
    ],
    [
      'Incidents opened in ServiceNow in the last days (default 7), newest first.',
      'Checking Microsoft Entra ID: incidents opened in ServiceNow in the last days, newest first…',
    ],
    ['IP addresses seen in sign-ins.', 'Checking Microsoft Entra ID: IP addresses seen in sign-ins…'],
    ['', 'Checking Microsoft Entra ID…'],
  ])('"%s" → "%s"', (description, expected) => {
    expect(skillUpdateText('Microsoft Entra ID', description)).toBe(expected);
  });
});
