/**
 * The same wire-protocol path on a PostgreSQL server (TEST_DATABASE_URL): an @mention answered and stored, a
 * feedback click recorded, a change of mind updating it. Skipped when no server is configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, channelMention } from '../../support/teams-activities.js';
import { createServerTestDatabase, testDatabaseUrl } from '../../support/test-database.js';
import {
  cardOf,
  cardText,
  executeActions,
  startWardHarness,
  type WardHarness,
} from '../../support/ward-harness.js';

describe.runIf(testDatabaseUrl())('Ward on a PostgreSQL server', () => {
  let ward: WardHarness;
  beforeAll(async () => {
    ward = await startWardHarness({}, async () => {
      const database = await createServerTestDatabase();
      if (!database) throw new Error('TEST_DATABASE_URL is set but no database was opened');
      return database;
    });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('answers an @mention, stores the answer and its pending actions, and records feedback once per analyst', async () => {
    const activity = channelMention(ward.connector.url, 'is adele.vance@contoso.com compromised?');
    expect((await ward.post(activity)).status).toBe(200);
    const conversationId = (activity.conversation as { id: string }).id;
    const card = cardOf(ward.connector.messages(conversationId)[0] ?? { body: {} });
    expect(cardText(card)).toMatch(/High risk/);
    const actions = executeActions(card);
    const answerId = String(actions.find((action) => action.verb === 'ward.feedback')?.data.answerId);
    const stored = await ward.database.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM pending_actions WHERE answer_id = $1',
      [answerId],
    );
    expect(stored.rows[0]?.count).toBe(
      String(actions.filter((action) => action.verb === 'ward.action').length),
    );

    for (const rating of ['inappropriate', 'looks-right']) {
      const response = await ward.post(
        cardAction(ward.connector.url, conversationId, 'ward.feedback', { answerId, rating }),
      );
      expect(response.status).toBe(200);
    }
    const feedback = await ward.database.query<{ rating: string }>(
      'SELECT rating FROM feedback WHERE answer_id = $1',
      [answerId],
    );
    expect(feedback.rows).toEqual([{ rating: 'looks-right' }]);
  });
});
