/**
 * Promptbooks over the real Bot Framework wire protocol: `@Ward run investigate-user <upn>` runs every step
 * against the demo tenant and posts one combined, recorded card with working buttons; a bad value or an
 * unknown book gets help instead, and nothing runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('promptbooks from the promptbook folder', () => {
  it('runs the shipped morning triage: one card over incidents, risky users, admins and cloud, no one subject', async () => {
    const { cards } = await send('run morning-triage');
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text.split('\n')[0]).toBe('Morning triage');
    for (const step of ['Incidents', 'Risky users', 'Admins', 'Cloud'])
      expect(text).toMatch(new RegExp(`^${step}: `, 'm'));
    expect(text).not.toMatch(/no answer —/);
    expect(text).toMatch(/4211/);
    expect(text).toMatch(/Lynne Robbins/);
    expect(text).toMatch(/web-prod-01/);
  });

  it('binds a file book’s parameter and refuses a value its pattern rejects', async () => {
    const ran = await send('run investigate-device DESKTOP-ADELE01');
    expect(cardText(ran.cards[0])).toMatch(/^Investigate device: .*DESKTOP-ADELE01/);
    const refused = await send('run investigate-device "DESKTOP ADELE;01"');
    expect(cardText(refused.cards[0])).toMatch(/run investigate-device <device>/);
  });

  it('lists file books beside the built-in ones', async () => {
    const text = cardText((await send('run promptbooks')).cards[0]);
    expect(text).toMatch(/morning-triage \(Morning triage\)/);
    expect(text).toMatch(/investigate-user \(Investigate user\)/);
  });
});

describe('a promptbook folder with a bad file', () => {
  it('stops Ward from starting, naming the file, line and field', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ward-bad-promptbooks-'));
    try {
      await writeFile(
        join(folder, 'broken.yaml'),
        'name: broken\ntitle: Broken\nparameters: []\nsteps:\n  - title: One\n    prompt: is {upn} compromised?\n',
      );
      await expect(startWardHarness({ PROMPTBOOKS_DIR: folder })).rejects.toThrow(
        /Promptbook files are invalid:\n.*broken\.yaml:6:5 steps\.0\.prompt: \{upn\} is not a parameter of broken/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
