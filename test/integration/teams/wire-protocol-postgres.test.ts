/**
 * The same wire-protocol path on a PostgreSQL server (TEST_DATABASE_URL): an @mention answered and stored, a
 * feedback click recorded, a change of mind updating it. Skipped when no server is configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/store/audit-log.js';
import { openDatabase } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import { cardAction, channelMention, personalMessage } from '../../support/teams-activities.js';
import {
  createServerTestDatabase,
  randomTestSchema,
  testDatabaseUrl,
  withSchemaDroppedOnClose,
} from '../../support/test-database.js';
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

describe.runIf(testDatabaseUrl())('two Ward processes sharing one PostgreSQL server', () => {
  let first: WardHarness;
  let second: WardHarness;
  beforeAll(async () => {
    const url = testDatabaseUrl() ?? '';
    const schema = randomTestSchema();
    const one = await openDatabase({ url, schema });
    await runMigrations(one);
    const two = await openDatabase({ url, schema });
    first = await startWardHarness({}, async () => withSchemaDroppedOnClose(one, schema));
    second = await startWardHarness({}, async () => two);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('50 concurrent clicks on one button, split across both, execute it exactly once', async () => {
    const activity = personalMessage(first.connector.url, 'is adele.vance@contoso.com compromised?');
    const conversationId = (activity.conversation as { id: string }).id;
    expect((await first.post(activity)).status).toBe(200);
    const card = cardOf(first.connector.messages(conversationId)[0] ?? { body: {} });
    const revoke = executeActions(card).find((action) => action.title === 'Revoke sessions');
    const actionId = String(revoke?.data.actionId);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        const ward = index % 2 === 0 ? first : second;
        return ward.post(
          cardAction(ward.connector.url, conversationId, 'ward.action', { actionId, step: 'confirm' }),
        );
      }),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const started = responses.filter((response) =>
      /Working: started by/.test(cardText((response.body as { value: unknown }).value)),
    );
    expect(started).toHaveLength(1);
    const eventCounts = async () => {
      const events = await first.database.query<{ event: string; count: string }>(
        'SELECT event, count(*)::text AS count FROM audit_log WHERE pending_action_id = $1 GROUP BY event',
        [actionId],
      );
      return Object.fromEntries(events.rows.map((row) => [row.event, Number(row.count)]));
    };
    // The result is recorded after the invoke was answered: wait for it.
    await expect.poll(async () => (await eventCounts()).succeeded ?? 0).toBe(1);
    expect((await eventCounts()).executing).toBe(1);
    // Appends from both processes form one unbroken chain.
    expect(await verifyAuditChain(first.database)).toMatchObject({ ok: true });
  });
});
