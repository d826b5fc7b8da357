/**
 * Re-running one source of a stored answer, against the real store (PGlite) and an in-memory plugin built on
 * the real contract: the stored input runs once through a fresh ledger and the result is compared with the
 * snapshot; an unknown answer, another conversation's, a source the answer lacks or has no snapshot of, a
 * skill no longer registered and a name that is an action are refused before anything runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { answerSchema } from '../../../src/core/answer.js';
import { createSkillLedger } from '../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../src/core/plugin-registry.js';
import { createAnswerRecorder } from '../../../src/core/record-answer.js';
import { createSourceRerunner, type SourceRerunner } from '../../../src/core/rerun-source.js';
import { defineAction, defineSkill, type Plugin } from '../../../src/plugins/types.js';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { createTestDatabase } from '../../support/test-database.js';

const CONVERSATION = 'a:rerun-source';
const runs: { ref: string; input: unknown }[] = [];
let detections = [{ id: 'd1', riskEventType: 'unfamiliarFeatures', ipAddress: '192.0.2.1' }];
let failNext = false;

const plugin: Plugin = {
  name: 'entra',
  displayName: 'Microsoft Entra ID',
  version: '1.4.0',
  skills: [
    defineSkill({
      name: 'riskDetections',
      description: 'Risk detections of a user.',
      input: z.object({ userId: z.string(), days: z.number().int().default(30) }),
      async run(input) {
        runs.push({ ref: 'entra.riskDetections', input });
        if (failNext) {
          failNext = false;
          throw new Error('socket hang up');
        }
        return {
          data: detections.map((item) => ({ ...item })),
          requests: [`GET /v1.0/riskDetections?user=${input.userId}`],
        };
      },
    }),
  ],
  actions: [
    defineAction({
      name: 'resetPassword',
      title: 'Reset password',
      description: 'Resets the password.',
      input: z.object({ userId: z.string() }),
      requiredRole: 'responder',
      destructive: true,
      async run(input) {
        runs.push({ ref: 'entra.resetPassword', input });
        return { data: {}, requests: [] };
      },
    }),
  ],
  async health() {
    return { ok: true };
  },
};
const registry = createPluginRegistry([plugin]);

let db: Database;
let store: Store;
let rerunner: SourceRerunner;
beforeAll(async () => {
  db = await createTestDatabase();
  store = createStore(db);
  rerunner = createSourceRerunner({
    store,
    registry,
    timeoutMs: 5_000,
    now: () => new Date('2026-11-24T16:00:00Z'),
  });
});
afterAll(async () => {
  await db?.close();
});

/** Asks once through a real ledger and records the answer with its snapshot; returns the answer id. */
async function answered(): Promise<string> {
  const ledger = createSkillLedger({ registry, signal: new AbortController().signal });
  await ledger.call('entra.riskDetections', { userId: 'adele' });
  const answer = answerSchema.parse({
    intent: 'user-risk',
    title: 'Adele Vance is at high risk',
    summary: 'S',
    riskLevel: 'high',
    planner: 'rules',
    findings: [{ title: 'Unfamiliar sign-in', citations: ['S1'] }],
    sources: ledger.sources(),
  });
  const recorder = createAnswerRecorder({ store, actionTtlMs: 60_000 });
  const recorded = await recorder.record({
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', name: 'Patti Fernandez' },
      conversation: { id: CONVERSATION, kind: 'personal' },
      text: 'is adele at risk?',
    },
    answer,
    calls: ledger.calls(),
  });
  return recorded.answerId;
}

describe('re-running a source', () => {
  it('runs the stored input once through a fresh ledger and reports what changed', async () => {
    detections = [{ id: 'd1', riskEventType: 'unfamiliarFeatures', ipAddress: '192.0.2.1' }];
    const answerId = await answered();
    detections = [...detections, { id: 'd2', riskEventType: 'passwordSpray', ipAddress: '192.0.2.45' }];
    runs.length = 0;
    const plan = await rerunner.prepare({ answerId, sourceId: 'S1', conversationId: CONVERSATION });
    expect(plan).toMatchObject({ kind: 'ready', ref: 'entra.riskDetections', sourceId: 'S1' });
    expect(runs).toEqual([]);
    if (plan.kind !== 'ready') return;
    const report = await plan.run();
    expect(runs).toEqual([{ ref: 'entra.riskDetections', input: { userId: 'adele', days: 30 } }]);
    expect(report).toMatchObject({
      answerId,
      sourceId: 'S1',
      ref: 'entra.riskDetections',
      service: 'Microsoft Entra ID 1.4.0',
      input: { userId: 'adele', days: 30 },
      ranAt: new Date('2026-11-24T16:00:00Z'),
      ok: true,
      requests: ['GET /v1.0/riskDetections?user=adele'],
      snapshot: { ok: true, pluginVersion: '1.4.0' },
      comparison: {
        kind: 'list',
        before: 1,
        after: 2,
        added: 1,
        removed: 0,
        newItems: ['ipAddress: 192.0.2.45 · riskEventType: passwordSpray · id: d2'],
      },
    });
  });

  it('reports a failing source as a failed re-run, never an exception', async () => {
    const answerId = await answered();
    failNext = true;
    const plan = await rerunner.prepare({ answerId, sourceId: 'S1', conversationId: CONVERSATION });
    if (plan.kind !== 'ready') throw new Error('expected a plan');
    const report = await plan.run();
    expect(report).toMatchObject({
      ok: false,
      error: 'Microsoft Entra ID failed unexpectedly.',
      comparison: { kind: 'unavailable' },
    });
  });

  describe('is refused, with nothing run', () => {
    async function expectRefused(
      request: Parameters<SourceRerunner['prepare']>[0],
      reason: RegExp,
      using?: SourceRerunner,
    ): Promise<void> {
      runs.length = 0;
      const plan = await (using ?? rerunner).prepare(request);
      expect(plan).toMatchObject({ kind: 'refused', reason: expect.stringMatching(reason) });
      expect(plan.kind === 'refused' && plan.reason).toMatch(/Nothing was run\.$/);
      expect(runs).toEqual([]);
    }

    it("for an unknown or malformed answer id, and another conversation's answer", async () => {
      const answerId = await answered();
      await expectRefused(
        { answerId: crypto.randomUUID(), sourceId: 'S1', conversationId: CONVERSATION },
        /no such answer in this conversation/,
      );
      await expectRefused(
        { answerId: "x' OR 1=1 --", sourceId: 'S1', conversationId: CONVERSATION },
        /no such answer in this conversation/,
      );
      await expectRefused(
        { answerId, sourceId: 'S1', conversationId: 'a:someone-else' },
        /no such answer in this conversation/,
      );
    });

    it('for a source the answer does not have', async () => {
      const answerId = await answered();
      await expectRefused({ answerId, sourceId: 'S9', conversationId: CONVERSATION }, /no such source/);
      await expectRefused({ answerId, sourceId: 'X1', conversationId: CONVERSATION }, /no such source/);
    });

    it('for an answer stored without a snapshot', async () => {
      const answerId = await answered();
      await db.query('DELETE FROM answer_sources WHERE answer_id = $1', [answerId]);
      await expectRefused(
        { answerId, sourceId: 'S1', conversationId: CONVERSATION },
        /did not keep what this source was asked/,
      );
    });

    it('for a skill no longer registered', async () => {
      const answerId = await answered();
      const without = createSourceRerunner({ store, registry: createPluginRegistry([]), timeoutMs: 5_000 });
      await expectRefused(
        { answerId, sourceId: 'S1', conversationId: CONVERSATION },
        /entra\.riskDetections is not a read skill available in this deployment/,
        without,
      );
    });

    it('for a snapshot that names an action', async () => {
      const answerId = await answered();
      await db.query(`UPDATE answer_sources SET skill = 'resetPassword' WHERE answer_id = $1`, [answerId]);
      await expectRefused(
        { answerId, sourceId: 'S1', conversationId: CONVERSATION },
        /entra\.resetPassword is not a read skill/,
      );
    });
  });
});
