/**
 * RESET_PASSWORD_DELIVERY=clicker: the temporary password of a reset goes only to the clicking analyst's 1:1
 * chat with Ward, never to the shared card, the audit log or the stored action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, channelMention, personalMessage } from '../../support/teams-activities.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

describe('temporary password delivered to the clicker', () => {
  let ward: WardHarness;
  beforeAll(async () => {
    ward = await startWardHarness({ RESET_PASSWORD_DELIVERY: 'clicker' });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('sends it once to the 1:1 chat only', async () => {
    // The analyst has a 1:1 chat with Ward (so Ward holds its conversation reference).
    const personal = personalMessage(ward.connector.url, 'help');
    const personalId = (personal.conversation as { id: string }).id;
    expect((await ward.post(personal)).status).toBe(200);

    const question = channelMention(ward.connector.url, 'is adele.vance@contoso.com compromised?');
    const channelId = (question.conversation as { id: string }).id;
    expect((await ward.post(question)).status).toBe(200);
    const card = cardOf(ward.connector.messages(channelId)[0] ?? { body: {} });
    const reset = String(
      executeActions(card).find((action) => action.title === 'Reset password')?.data.actionId,
    );
    const response = await ward.post(
      cardAction(ward.connector.url, channelId, 'ward.action', { actionId: reset, step: 'confirm' }),
    );
    expect(cardText((response.body as { value: unknown }).value)).toMatch(/Working/);

    await expect
      .poll(
        () =>
          ward.connector
            .messages(personalId)
            .filter((sent) => /Temporary password/.test(String(sent.body.text))).length,
      )
      .toBe(1);
    const secret = /Temporary password \(shown once, only to you\): (\S+)/.exec(
      String(
        ward.connector.messages(personalId).find((sent) => /Temporary password/.test(String(sent.body.text)))
          ?.body.text,
      ),
    )?.[1];
    expect(secret).toMatch(/^.{20}$/);
    const everywhereElse = JSON.stringify(ward.connector.messages(channelId).map((sent) => sent.body));
    expect(everywhereElse).not.toContain(secret);
    const stored = await ward.database.query<{ dump: string }>(
      "SELECT (SELECT string_agg(t::text, ' ') FROM pending_actions t) || (SELECT string_agg(a::text, ' ') FROM audit_log a) AS dump",
    );
    expect(stored.rows[0]?.dump).not.toContain(secret);
  });
});
