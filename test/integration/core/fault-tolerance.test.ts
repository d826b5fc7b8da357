/**
 * Ward against a tenant that misbehaves the way real ones do: 30% of every request to the demo tenant gets a
 * 429 (with Retry-After), a 503, or a response slower than Ward's per-call deadline. Every one of 100
 * questions must still end in an answer card that is complete or explicitly partial (naming what failed),
 * never an error message, a missing reply or an unhandled rejection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const QUESTIONS = [
  'is adele.vance@contoso.com compromised?',
  'investigate megan.bowen@contoso.com',
  'is alex.wilber@contoso.com at risk?',
  'is lynne.robbins@contoso.com at risk?',
  'is diego compromised?',
  'show risky users',
  'show high risk users',
  'is Megan Bowen compromised?',
  'investigate adele',
  'is patti.fernandez@contoso.com compromised?',
];

describe('a tenant that throttles, fails and stalls 30% of the time', () => {
  let ward: WardHarness;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    ward = await startWardHarness({
      SOURCE_TIMEOUT_MS: '1500',
      SOURCE_MAX_RETRIES: '2',
      QUESTION_DEADLINE_MS: '12000',
    });
    const fault = (rule: Record<string, unknown>) =>
      fetch(`${ward.demoTenantUrl}/_demo/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
    // Rules are tried in order: 10% + 90%·11.1% + 80%·12.5% = 30% of requests get one of the three.
    await fault({ path: '^/graph/', status: 429, retryAfterSeconds: 1, probability: 0.1 });
    await fault({ path: '^/graph/', status: 503, probability: 0.111 });
    await fault({ path: '^/graph/', delayMs: 2500, probability: 0.125 });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await ward?.close();
  });

  it('answers all 100 questions completely or explicitly partially', { timeout: 240_000 }, async () => {
    const outcomes = { complete: 0, partial: 0, help: 0 };
    const questions = Array.from({ length: 100 }, (_, index) => QUESTIONS[index % QUESTIONS.length] ?? '');
    // Ten analysts at a time, each in their own chat.
    for (let start = 0; start < questions.length; start += 10) {
      await Promise.all(
        questions.slice(start, start + 10).map(async (question, offset) => {
          const activity = personalMessage(ward.connector.url, question);
          const conversationId = `a:1-fault-${start + offset}`;
          activity.conversation = { id: conversationId, conversationType: 'personal' };
          const response = await ward.post(activity);
          expect(response.status).toBe(200);
          const messages = ward.connector.messages(conversationId);
          expect(messages, `no reply to "${question}"`).toHaveLength(1);
          const card = cardOf(messages[0] ?? { body: {} });
          expect(
            card,
            `reply to "${question}" is not a card: ${JSON.stringify(messages[0]?.body.text)}`,
          ).toBeDefined();
          const text = cardText(card);
          if (/Partial answer/.test(text)) {
            outcomes.partial += 1;
            // A partial answer names each failed source and why.
            expect(text).toMatch(
              /failed: Microsoft Graph (is throttling|failed \(5\d\d\)|did not answer in time|could not be reached)/,
            );
          } else if (/What I can do now/.test(text)) {
            // Only when the directory lookup of a name failed outright is help acceptable, and it must say so.
            outcomes.help += 1;
            expect(question).toMatch(/diego|Megan Bowen|adele$/);
          } else {
            outcomes.complete += 1;
            expect(text).not.toMatch(/ · failed: /);
          }
        }),
      );
    }
    expect(outcomes.complete + outcomes.partial + outcomes.help).toBe(100);
    // With 30% of requests failing at first, retries must rescue most answers, and some must stay partial.
    // A user-risk answer reads five sources at once (roles included), so fewer come out whole than when it read four.
    expect(outcomes.complete).toBeGreaterThan(20);
    expect(outcomes.partial).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  });
});
