/**
 * The answer recorder stores an answer and its proposals in one transaction; a proposal's input becomes the
 * pending action's input, with `{answerId}` replaced by the id the answer was stored under (the planner ran
 * before there was one), and a proposal without input gets `{}`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSchema } from '../../../src/core/answer.js';
import { createAnswerRecorder } from '../../../src/core/record-answer.js';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { createTestDatabase } from '../../support/test-database.js';

const ADELE = {
  kind: 'user' as const,
  id: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  displayName: 'Adele Vance',
};

let db: Database;
let store: Store;
beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db);
});
afterAll(async () => {
  await db?.close();
});

describe('recording an answer', () => {
  it("stores each proposal's input on its pending action, with the answer's id filled in", async () => {
    const answer = answerSchema.parse({
      intent: 'user-risk',
      title: 'Adele Vance: High risk — likely compromised',
      summary: 'Password spray.',
      riskLevel: 'high',
      planner: 'rules',
      proposedActions: [
        {
          action: 'entra.revokeSessions',
          title: 'Revoke sessions',
          target: ADELE,
          why: 'w',
          destructive: true,
        },
        {
          action: 'servicenow.createIncident',
          title: 'Open ticket',
          target: ADELE,
          why: 'Track the investigation and containment in ServiceNow.',
          destructive: false,
          input: { description: 'Ward answer: {answerId}', correlationId: 'ward-{answerId}', urgency: '1' },
        },
      ],
    });
    const recorder = createAnswerRecorder({ store, actionTtlMs: 60_000 });
    const recorded = await recorder.record({
      turn: {
        id: 'activity-1',
        user: { id: '29:patti', name: 'Patti Fernandez' },
        conversation: { id: 'a:record-answer', kind: 'personal' },
        text: 'is adele compromised?',
      },
      answer,
    });
    expect(await store.answers.get(recorded.answerId)).toBeDefined();
    const [revoke, ticket] = await Promise.all(
      recorded.actions.map((action) => store.pendingActions.get(action.pendingActionId)),
    );
    expect(revoke?.input).toEqual({});
    expect(ticket?.input).toEqual({
      description: `Ward answer: ${recorded.answerId}`,
      correlationId: `ward-${recorded.answerId}`,
      urgency: '1',
    });
    expect(recorded.actions.map((action) => [action.title, action.destructive])).toEqual([
      ['Revoke sessions', true],
      ['Open ticket', false],
    ]);
  });
});
