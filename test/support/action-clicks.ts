/**
 * Card-click helpers for wire-protocol tests of guarded actions: ask a question in a fresh 1:1 chat and read
 * the card's action buttons, click one (with an optional step and extra card inputs), and wait until the
 * pending action has left the `executing` state.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ANALYST, cardAction, personalMessage } from './teams-activities.js';
import { cardOf, cardText, executeActions, type WardHarness } from './ward-harness.js';

/** Asks `question` in a fresh 1:1 chat; returns the conversation and the card's action buttons by title. */
export async function propose(ward: WardHarness, question: string) {
  const activity = personalMessage(ward.connector.url, question);
  const conversationId = `a:1-actions-${randomUUID()}`;
  activity.conversation = { id: conversationId, conversationType: 'personal' };
  expect((await ward.post(activity)).status).toBe(200);
  const card = cardOf(ward.connector.messages(conversationId)[0] ?? { body: {} });
  const buttons = new Map(
    executeActions(card)
      .filter((action) => action.verb === 'ward.action')
      .map((action) => [action.title, String(action.data.actionId)]),
  );
  return { conversationId, buttons };
}

/** Clicks an action button; returns the text of the card Ward answers the invoke with. */
export async function click(
  ward: WardHarness,
  conversationId: string,
  actionId: string,
  step?: 'confirm' | 'cancel',
  from: typeof ANALYST = ANALYST,
) {
  const response = await ward.post(
    cardAction(
      ward.connector.url,
      conversationId,
      'ward.action',
      step ? { actionId, step } : { actionId },
      from,
    ),
  );
  expect(response.status).toBe(200);
  return cardText((response.body as { value: unknown }).value);
}

/** The action's state once it is no longer executing (polls the database). */
export async function settle(ward: WardHarness, actionId: string) {
  for (let i = 0; i < 100; i++) {
    const row = await ward.database.query<{ status: string }>(
      'SELECT status FROM pending_actions WHERE id = $1',
      [actionId],
    );
    if (row.rows[0]?.status !== 'executing') return row.rows[0]?.status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 'still executing';
}

/** The audit events recorded for one pending action, in order. */
export async function auditEvents(ward: WardHarness, actionId: string) {
  const rows = await ward.database.query<{ event: string }>(
    'SELECT event FROM audit_log WHERE pending_action_id = $1 ORDER BY seq',
    [actionId],
  );
  return rows.rows.map((row) => row.event);
}
