/**
 * Answer snapshots (`answer_sources`) on PGlite and, with TEST_DATABASE_URL, on PostgreSQL: the recorder
 * stores each skill call with the answer in one transaction (all or nothing); `list` hands them back in
 * citation order as `{ sourceId, plugin, skill, pluginVersion, input, ok, error, data, durationMs }`; data over
 * 256 KB is stored cut inside a marker; secrets and characters jsonb refuses never reach the table; rows go
 * with their answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSchema } from '../../../src/core/answer.js';
import type { SkillCallRecord } from '../../../src/core/grounding/skill-ledger.js';
import { createAnswerRecorder } from '../../../src/core/record-answer.js';
import {
  readSnapshotData,
  SNAPSHOT_DATA_LIMIT_BYTES,
  SNAPSHOT_TRUNCATION_KEY,
} from '../../../src/core/snapshots/source-snapshot.js';
import type { Turn } from '../../../src/core/turn.js';
import { insertAnswerSources, listAnswerSources } from '../../../src/store/answer-sources.js';
import { createStore, type Store } from '../../../src/store/create-store.js';
import type { Database } from '../../../src/store/database.js';
import { testEngines } from '../../support/test-database.js';
import { storeSampleAnswer as storeAnswer } from './fixtures/sample-answer.js';

const turn: Turn = {
  id: 'activity-1',
  user: { id: '29:patti', aadObjectId: 'aad-patti', name: 'Patti Fernandez' },
  conversation: { id: 'a:answer-sources', kind: 'personal' },
  text: 'is adele compromised?',
};

const answer = answerSchema.parse({
  intent: 'user-risk',
  title: 'Adele Vance is at high risk',
  summary: 'S',
  riskLevel: 'high',
  planner: 'rules',
  proposedActions: [
    {
      action: 'entra.revokeSessions',
      title: 'Revoke sessions',
      target: { kind: 'user', id: 'adele.vance@contoso.com' },
      why: 'w',
      destructive: true,
    },
  ],
});

function call(overrides: Partial<SkillCallRecord> & Pick<SkillCallRecord, 'sourceId'>): SkillCallRecord {
  return {
    plugin: 'entra',
    skill: 'riskDetections',
    pluginVersion: '0.1.0',
    input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', days: 30 },
    ok: true,
    error: null,
    data: [{ id: 'd1', riskEventType: 'passwordSpray' }],
    durationMs: 18,
    ...overrides,
  };
}

describe.each(testEngines)('answer sources on $kind', ({ open }) => {
  let db: Database;
  let store: Store;
  beforeAll(async () => {
    db = await open();
    store = createStore(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores every call with the answer and lists them in citation order', async () => {
    const recorder = createAnswerRecorder({ store, actionTtlMs: 60_000 });
    const calls = [
      call({ sourceId: 'S1' }),
      call({
        sourceId: 'S2',
        skill: 'signIns',
        ok: false,
        error: 'throttled (429)',
        data: null,
        durationMs: 9001.6,
      }),
      call({ sourceId: 'S10', skill: 'user', pluginVersion: null, durationMs: null, data: { id: 'u1' } }),
    ];
    const recorded = await recorder.record({ turn, answer, calls });
    expect(await store.answerSources.list(recorded.answerId)).toEqual([
      {
        sourceId: 'S1',
        plugin: 'entra',
        skill: 'riskDetections',
        pluginVersion: '0.1.0',
        input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', days: 30 },
        ok: true,
        error: null,
        data: [{ id: 'd1', riskEventType: 'passwordSpray' }],
        durationMs: 18,
      },
      {
        sourceId: 'S2',
        plugin: 'entra',
        skill: 'signIns',
        pluginVersion: '0.1.0',
        input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', days: 30 },
        ok: false,
        error: 'throttled (429)',
        data: null,
        durationMs: 9002,
      },
      {
        sourceId: 'S10',
        plugin: 'entra',
        skill: 'user',
        pluginVersion: null,
        input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', days: 30 },
        ok: true,
        error: null,
        data: { id: 'u1' },
        durationMs: null,
      },
    ]);
  });

  it('stores nothing of the answer when its snapshot cannot be stored (one transaction)', async () => {
    const recorder = createAnswerRecorder({ store, actionTtlMs: 60_000 });
    const before = await db.query<{ count: string }>('SELECT count(*)::text AS count FROM answers');
    await expect(
      recorder.record({ turn, answer, calls: [call({ sourceId: 'S1' }), call({ sourceId: 'S1' })] }),
    ).rejects.toThrow(/not a unique S<n> citation id/);
    const after = await db.query<{ count: string }>('SELECT count(*)::text AS count FROM answers');
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
  });

  it('stores data over 256 KB cut, with a marker saying so, and keeps the answer', async () => {
    const answerId = await storeAnswer(db);
    const rows = Array.from({ length: 3_000 }, (_, index) => ({
      TimeGenerated: `2026-11-24T12:${String(index % 60).padStart(2, '0')}:00Z`,
      UserPrincipalName: `user${index}@contoso.com`,
      IPAddress: '192.0.2.45',
      ResultDescription: 'Invalid username or password or Invalid on-premise username or password.',
    }));
    await insertAnswerSources(db, answerId, [
      call({
        sourceId: 'S1',
        plugin: 'sentinel',
        skill: 'runQuery',
        data: { query: 'SigninLogs', rows, rowCount: 3_000 },
      }),
    ]);
    const [stored] = await listAnswerSources(db, answerId);
    if (!stored) throw new Error('no snapshot row');
    const marker = (stored.data as Record<string, unknown>)[SNAPSHOT_TRUNCATION_KEY];
    expect(marker).toMatchObject({
      kept: 'items',
      path: 'rows',
      totalItems: 3_000,
      limitBytes: SNAPSHOT_DATA_LIMIT_BYTES,
    });
    expect(Buffer.byteLength(JSON.stringify(stored.data))).toBeLessThanOrEqual(SNAPSHOT_DATA_LIMIT_BYTES);
    const read = readSnapshotData(stored.data);
    expect((read.data as { rows: unknown[] }).rows.length).toBe(read.truncation?.keptItems);
    expect(read.truncation?.originalBytes).toBeGreaterThan(SNAPSHOT_DATA_LIMIT_BYTES);
  });

  it('never stores a secret, and stores text jsonb would refuse', async () => {
    const answerId = await storeAnswer(db);
    await insertAnswerSources(db, answerId, [
      call({
        sourceId: 'S1',
        input: { query: 'find x', apiKey: 'k-7f3a9c2e11d04b5f' },
        data: [{ commandLine: 'net use /user:admin Password=Hunter2Hunter2', name: 'nul\u0000here\uDC00' }],
        ok: true,
      }),
      call({ sourceId: 'S2', ok: false, error: 'upstream said client_secret=abcd1234efgh', data: null }),
    ]);
    const raw = await db.query<{ text: string }>(
      'SELECT input::text || data::text || coalesce(error, $2) AS text FROM answer_sources WHERE answer_id = $1',
      [answerId, ''],
    );
    const all = raw.rows.map((row) => row.text).join('\n');
    expect(all).not.toMatch(/k-7f3a9c2e11d04b5f|Hunter2Hunter2|abcd1234efgh/);
    const [first] = await listAnswerSources(db, answerId);
    if (!first) throw new Error('no snapshot row');
    expect(first.input).toEqual({ query: 'find x', apiKey: '[redacted]' });
    expect((first.data as { name: string }[])[0]?.name).toBe('nulhere\uFFFD');
  });

  it('goes with its answer, and lists nothing for an unknown or malformed id', async () => {
    const answerId = await storeAnswer(db);
    await insertAnswerSources(db, answerId, [call({ sourceId: 'S1' })]);
    await db.query('DELETE FROM answers WHERE id = $1', [answerId]);
    expect(await listAnswerSources(db, answerId)).toEqual([]);
    expect(await listAnswerSources(db, crypto.randomUUID())).toEqual([]);
    expect(await listAnswerSources(db, "x' OR 1=1 --")).toEqual([]);
  });

  it('refuses a source id that is not a citation id', async () => {
    const answerId = await storeAnswer(db);
    await expect(insertAnswerSources(db, answerId, [call({ sourceId: 'S1; DROP' })])).rejects.toThrow(
      /not a unique S<n> citation id/,
    );
  });
});
