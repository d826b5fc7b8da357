/**
 * "What does this do?" over the real wire protocol: a pasted encoded PowerShell command line gets a card that
 * decodes it, names what it does and the address it downloads from, rates it, and proposes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCODED_COMMAND_LINE, STAGER_URL } from '../../../src/demo/seed/encoded-powershell.js';
import { CHANNEL_ID, channelMention } from '../../support/teams-activities.js';
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

describe('script analysis in a channel', () => {
  it('decodes incident 4211’s command line and explains it, without action buttons', async () => {
    const root = `${Date.now()}`;
    const activity = channelMention(ward.connector.url, `what does this do? ${ENCODED_COMMAND_LINE}`, {
      threadRoot: root,
    });
    expect((await ward.post(activity)).status).toBe(200);
    const replies = ward.connector.messages(`${CHANNEL_ID};messageid=${root}`);
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0] ?? { body: {} });
    const text = cardText(card);
    expect(text).toMatch(/PowerShell: malicious/);
    expect(text).toMatch(/encoded command/);
    expect(text).toMatch(/Runs code built at run time/);
    expect(text).toMatch(/T1059\.001/);
    expect(text).toContain(new URL(STAGER_URL).hostname);
    expect(text).toMatch(/Nothing was executed/);
    expect(executeActions(card).filter((action) => action.verb === 'ward.action')).toEqual([]);
  });
});
