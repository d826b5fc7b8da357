/**
 * Promptbooks over the real Bot Framework wire protocol: `@Ward run investigate-user <upn>` runs every step
 * against the demo tenant and posts one combined, recorded card with working buttons; a bad value or an
 * unknown book gets help instead, and nothing runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelMention } from '../../support/teams-activities.js';
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

async function send(text: string) {
  const activity = channelMention(ward.connector.url, text);
  const response = await ward.post(activity);
  expect(response.status).toBe(200);
  const messages = ward.connector.messages((activity.conversation as { id: string }).id);
  return { messages, cards: messages.map(cardOf).filter((card) => card !== undefined) };
}

describe('@Ward run investigate-user', () => {
  it('posts one card covering her risk, sign-in failures, devices and incident 4211, with action buttons', async () => {
    const { messages, cards } = await send('run investigate-user adele.vance@contoso.com');
    expect(ward.connector.sent.some((sent) => sent.body.type === 'typing')).toBe(true);
    expect(messages).toHaveLength(1);
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toMatch(/Investigate user: Adele Vance/);
    expect(text).toMatch(/^Risk: /m);
    expect(text).toMatch(/High risk/);
    expect(text).toMatch(/^Sign-ins: /m);
    expect(text).toMatch(/^Devices: /m);
    expect(text).toMatch(/^Incidents: /m);
    expect(text).not.toMatch(/no answer —/);
    expect(text).toMatch(/4211/);
    const buttons = executeActions(cards[0]).filter((action) => action.verb === 'ward.action');
    expect(buttons.map((button) => button.title)).toEqual(
      expect.arrayContaining(['Reset password', 'Revoke sessions']),
    );
    expect(new Set(buttons.map((button) => button.title)).size).toBe(buttons.length);
    for (const button of buttons) expect(button.data.actionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts `run promptbook <name>` in any case', async () => {
    const { cards } = await send('RUN Promptbook Investigate-User adele.vance@contoso.com');
    expect(cardText(cards[0])).toMatch(/Investigate user: Adele Vance/);
  });
});

describe('a promptbook command that cannot run', () => {
  it('answers a bad UPN with help giving the usage', async () => {
    const { cards } = await send('run investigate-user adele');
    const text = cardText(cards[0]);
    expect(text).toMatch(/is not the user's UPN/);
    expect(text).toMatch(/run investigate-user <upn>/);
    expect(executeActions(cards[0]).filter((action) => action.verb === 'ward.action')).toHaveLength(0);
  });

  it('answers a missing value with help giving the usage', async () => {
    const { cards } = await send('run investigate-incident');
    expect(cardText(cards[0])).toMatch(
      /needs a Defender incident number[\s\S]*run investigate-incident <id>/,
    );
  });

  it('answers an unknown book with help listing the books', async () => {
    const { cards } = await send('run investigate-mailbox adele.vance@contoso.com');
    const text = cardText(cards[0]);
    expect(text).toMatch(/no promptbook called "investigate-mailbox"/);
    expect(text).toMatch(/investigate-user/);
    expect(text).toMatch(/investigate-incident/);
  });
});
