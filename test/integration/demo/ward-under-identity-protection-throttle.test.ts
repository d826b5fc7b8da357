/**
 * Ward against the demo tenant with its Identity Protection throttle on, as `npm start` runs it (4 requests at
 * once, then one a second): questions asked back to back still get complete answers, because the Graph client
 * waits out the 429s' Retry-After instead of giving up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalMessage } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

let ward: WardHarness;
beforeAll(async () => {
  ward = await startWardHarness({}, undefined, { identityProtectionThrottle: true });
});
afterAll(async () => {
  await ward?.close();
});

describe('Ward under the Identity Protection throttle', () => {
  it('answers three user-risk questions in a row completely', { timeout: 60_000 }, async () => {
    const throttle = await (await fetch(`${ward.demoTenantUrl}/_demo/throttle`)).json();
    expect(throttle).toMatchObject({ identityProtection: { burst: 4, perSecond: 1 } });
    const questions = [
      'is adele.vance@contoso.com compromised?',
      'investigate megan.bowen@contoso.com',
      'is alex.wilber@contoso.com at risk?',
    ];
    for (const [index, question] of questions.entries()) {
      const activity = personalMessage(ward.connector.url, question);
      const conversationId = `a:1-throttle-${index}`;
      activity.conversation = { id: conversationId, conversationType: 'personal' };
      expect((await ward.post(activity)).status).toBe(200);
      const [message] = ward.connector.messages(conversationId);
      const text = cardText(cardOf(message ?? { body: {} }));
      expect(text, question).toMatch(/risk/i);
      expect(text, question).not.toMatch(/Partial answer|failed: Microsoft Graph/);
    }
    const after = (await (await fetch(`${ward.demoTenantUrl}/_demo/throttle`)).json()) as {
      identityProtection: { available: number };
    };
    // The questions did meet the throttle: the bucket is not full.
    expect(after.identityProtection.available).toBeLessThan(4);
  });
});
