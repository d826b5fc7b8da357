import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  type AuditRecordInput,
  appendAudit,
  auditGenesisHash,
  auditRecordHash,
  listAudit,
  prepareAuditFields,
  verifyAuditChain,
} from '../../../src/store/audit-log.js';
import { createStore } from '../../../src/store/create-store.js';
import { type Database, openDatabase } from '../../../src/store/database.js';
import { runMigrations } from '../../../src/store/migrations/run-migrations.js';
import {
  randomTestSchema,
  testDatabaseUrl,
  testEngines,
  withSchemaDroppedOnClose,
} from '../../support/test-database.js';
import { sampleAnswer } from './fixtures/sample-answer.js';

const timings = process.env.WARD_TEST_TIMINGS === '1';

/** A full record, as the actions core would write it when an execution succeeds. */
function succeeded(overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    event: 'succeeded',
    tenantId: 'contoso-tenant',
    conversationId: '19:abc@thread.tacv2',
    actor: { aadObjectId: 'aad-megan', name: 'Megan Bowen', roles: ['responder', 'approver'] },
    pendingActionId: randomUUID(),
    action: 'entra.resetPassword',
    target: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
    inputs: { notify: true, reason: 'incident 4411', nested: { z: 1, a: [0.1, 'é', null] } },
    answerId: randomUUID(),
    sources: sampleAnswer().sources,
    reason: 'Credentials are likely compromised.',
    result: { ok: true, message: 'Password reset.', requestIds: ['req-1'] },
    requestIds: ['req-1', 'req-2'],
    ...overrides,
  };
}

/** Empties the log behind the trigger's back (tests only: the table owner can do this, which is why hashes exist). */
async function emptyLog(db: Database): Promise<void> {
  await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate; TRUNCATE audit_log;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;`);
}

/** Runs `sql` on audit_log with the append-only trigger off, as an attacker with owner rights could. */
async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query(sql, params);
    await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe.each(testEngines)('audit log on $kind', ({ kind, open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await emptyLog(db);
  });

  it('verifies an empty log as intact', async () => {
    expect(await verifyAuditChain(db)).toEqual({
      ok: true,
      records: 0,
      lastSeq: null,
      lastHash: auditGenesisHash,
    });
  });

  it('appends records that chain from the genesis hash, and reads them back as written', async () => {
    const record = succeeded({ recordedAt: new Date('2030-05-06T07:08:09.123Z') });
    const first = await appendAudit(db, record);
    expect(first).toMatchObject({
      event: 'succeeded',
      tenantId: 'contoso-tenant',
      actor: record.actor,
      pendingActionId: record.pendingActionId,
      target: record.target,
      inputs: record.inputs,
      sources: record.sources,
      result: record.result,
      requestIds: ['req-1', 'req-2'],
      prevHash: auditGenesisHash,
    });
    expect(first.recordedAt.toISOString()).toBe('2030-05-06T07:08:09.123Z');
    expect(first.hash).toBe(auditRecordHash(auditGenesisHash, prepareAuditFields(record)));
    const second = await appendAudit(db, { event: 'clicked' });
    expect(second).toMatchObject({
      prevHash: first.hash,
      actor: null,
      target: null,
      inputs: null,
      sources: null,
      result: null,
      requestIds: null,
    });
    expect(BigInt(second.seq)).toBeGreaterThan(BigInt(first.seq));
    expect(await verifyAuditChain(db)).toEqual({
      ok: true,
      records: 2,
      lastSeq: second.seq,
      lastHash: second.hash,
    });
  });

  it('hashes exactly what reads back: upper-case ids, dates and undefined members inside JSON, odd text', async () => {
    const upper = randomUUID().toUpperCase();
    const entry = await appendAudit(db, {
      event: 'refused',
      pendingActionId: upper,
      answerId: upper,
      reason: 'line 1\nline 2 \u2028 "quoted" \\ emoji 🛡️ ',
      inputs: { when: new Date('2030-01-01T00:00:00Z'), dropped: undefined, big: 1e21, small: 1e-7, neg: -0 },
      requestIds: ['a,"b', 'c}\\d', '', 'NULL'],
    });
    expect(entry.pendingActionId).toBe(upper.toLowerCase());
    expect(entry.inputs).toEqual({ when: '2030-01-01T00:00:00.000Z', big: 1e21, small: 1e-7, neg: 0 });
    expect(entry.requestIds).toEqual(['a,"b', 'c}\\d', '', 'NULL']);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 1 });
  });

  it('refuses a record that does not fit, and keeps nothing of it', async () => {
    await expect(appendAudit(db, { event: 'exploded' } as unknown as AuditRecordInput)).rejects.toMatchObject(
      {
        name: 'InvalidInputError',
      },
    );
    await expect(appendAudit(db, { event: 'clicked', pendingActionId: 'not-a-uuid' })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    await expect(appendAudit(db, { event: 'clicked', inputs: { n: 10n } })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 0 });
  });

  it('refuses to update, delete or truncate a record', async () => {
    const entry = await appendAudit(db, succeeded());
    await expect(
      db.query(`UPDATE audit_log SET reason = 'nothing happened' WHERE seq = $1`, [entry.seq]),
    ).rejects.toMatchObject({
      name: 'StorageError',
      sqlState: 'P0001',
      message: expect.stringMatching(/append-only/),
    });
    await expect(db.query('DELETE FROM audit_log WHERE seq = $1', [entry.seq])).rejects.toMatchObject({
      sqlState: 'P0001',
    });
    await expect(db.query('TRUNCATE audit_log')).rejects.toMatchObject({ sqlState: 'P0001' });
    expect((await listAudit(db)).map((row) => row.reason)).toEqual([entry.reason]);
  });

  it('detects an edited field at the edited record, whichever field it is', async () => {
    const edits: [string, string][] = [
      ['reason', `reason = 'nothing to see'`],
      ['actor', `actor = jsonb_set(actor, '{aadObjectId}', '"aad-someone-else"')`],
      ['result', `result = jsonb_set(result, '{ok}', 'false')`],
      ['recorded_at', `recorded_at = recorded_at + interval '1 millisecond'`],
      ['request_ids', `request_ids = array_append(request_ids, 'forged')`],
      ['event', `event = 'failed'`],
      ['target', `target = NULL`],
    ];
    for (const [field, set] of edits) {
      await emptyLog(db);
      const entries: AuditEntry[] = [];
      for (let index = 0; index < 5; index += 1) entries.push(await appendAudit(db, succeeded()));
      const victim = entries[2]!;
      await tamper(db, `UPDATE audit_log SET ${set} WHERE seq = $1`, [victim.seq]);
      const verdict = await verifyAuditChain(db);
      expect(verdict, field).toMatchObject({ ok: false, brokenAt: victim.seq, records: 2 });
      if (!verdict.ok) expect(verdict.reason).toMatch(/edited/);
    }
  });

  it('detects a rewritten hash at the next record, and a deleted record at the one after it', async () => {
    const entries: AuditEntry[] = [];
    for (let index = 0; index < 5; index += 1) entries.push(await appendAudit(db, succeeded()));
    // Someone recomputes the hash of an edited record: the link from the next one breaks.
    const edited = { ...succeeded(), reason: 'forged' };
    const forgedHash = auditRecordHash(entries[0]!.hash, {
      ...prepareAuditFields(edited),
      recorded_at: entries[1]!.recordedAt.toISOString(),
    });
    await tamper(db, `UPDATE audit_log SET hash = $2 WHERE seq = $1`, [entries[1]!.seq, forgedHash]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: entries[1]!.seq });

    await emptyLog(db);
    const chain: AuditEntry[] = [];
    for (let index = 0; index < 5; index += 1) chain.push(await appendAudit(db, succeeded()));
    await tamper(db, 'DELETE FROM audit_log WHERE seq = $1', [chain[3]!.seq]);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: chain[4]!.seq, records: 3 });
    if (!verdict.ok) expect(verdict.reason).toContain(`record #${chain[2]!.seq}`);
  });

  it('detects deleting the oldest records', async () => {
    const entries: AuditEntry[] = [];
    for (let index = 0; index < 3; index += 1) entries.push(await appendAudit(db, succeeded()));
    await tamper(db, 'DELETE FROM audit_log WHERE seq = $1', [entries[0]!.seq]);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: entries[1]!.seq, records: 0 });
    if (!verdict.ok) expect(verdict.reason).toMatch(/genesis/);
  });

  it('lists records about a pending action or a target, newest first, up to a limit', async () => {
    const pendingActionId = randomUUID();
    await appendAudit(db, succeeded({ event: 'clicked', pendingActionId }));
    await appendAudit(db, succeeded({ event: 'executing', pendingActionId }));
    await appendAudit(db, succeeded({ event: 'succeeded', pendingActionId }));
    await appendAudit(db, succeeded({ target: { kind: 'device', id: 'laptop-7' } }));
    expect((await listAudit(db, { pendingActionId })).map((row) => row.event)).toEqual([
      'succeeded',
      'executing',
      'clicked',
    ]);
    expect(await listAudit(db, { pendingActionId, limit: 1 })).toHaveLength(1);
    expect((await listAudit(db, { targetId: 'laptop-7' })).map((row) => row.target?.kind)).toEqual([
      'device',
    ]);
    expect(await listAudit(db, { targetId: 'adele@contoso.example', pendingActionId })).toHaveLength(3);
    expect(await listAudit(db, { pendingActionId: 'forged' })).toEqual([]);
    expect(await listAudit(db)).toHaveLength(4);
  });

  it('keeps one chain under 100 concurrent appends', async () => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => appendAudit(db, succeeded({ reason: `#${index}` }))),
    );
    if (timings)
      console.info(`${kind}: 100 concurrent appends in ${Math.round(performance.now() - started)} ms`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, records: 100 });
  });

  it('appends inside a store transaction, and keeps nothing when that transaction rolls back', async () => {
    const store = createStore(db);
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append({ event: 'clicked' });
        throw new Error('the card update failed');
      }),
    ).rejects.toThrow('the card update failed');
    await store.transaction((tx) => tx.audit.append({ event: 'approved' }));
    await store.audit.append({ event: 'executing' });
    expect((await store.audit.list()).map((row) => row.event)).toEqual(['executing', 'approved']);
    expect(await store.audit.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('verifies 10,000 records in pages, and finds an edit near the end', async () => {
    const count = 10_000;
    const seqs = await bulkChain(db, count);
    const started = performance.now();
    const verdict = await verifyAuditChain(db);
    const ms = Math.round(performance.now() - started);
    if (timings) console.info(`${kind}: verified ${count} records in ${ms} ms`);
    expect(verdict).toMatchObject({ ok: true, records: count });
    expect(await verifyAuditChain(db, { pageSize: 777 })).toMatchObject({ ok: true, records: count });
    await tamper(db, `UPDATE audit_log SET reason = 'edited' WHERE seq = $1`, [seqs[count - 3]]);
    expect(await verifyAuditChain(db, { pageSize: 777 })).toMatchObject({
      ok: false,
      brokenAt: seqs[count - 3],
      records: count - 3,
    });
  }, 120_000);
});

/**
 * Writes `count` chained records with a few multi-row INSERTs (appending one by one would take minutes):
 * the hashes are computed exactly as `appendAudit` computes them. Returns their seqs, oldest first.
 */
async function bulkChain(db: Database, count: number): Promise<string[]> {
  let prevHash = auditGenesisHash;
  const seqs: string[] = [];
  const base = Date.parse('2030-01-01T00:00:00.000Z');
  for (let offset = 0; offset < count; offset += 1000) {
    const params: unknown[] = [];
    const values: string[] = [];
    for (let index = offset; index < Math.min(offset + 1000, count); index += 1) {
      const fields = prepareAuditFields(
        succeeded({ reason: `bulk #${index}`, recordedAt: new Date(base + index), pendingActionId: null }),
      );
      const hash = auditRecordHash(prevHash, fields);
      const n = params.length;
      params.push(
        fields.recorded_at,
        fields.event,
        JSON.stringify(fields.actor),
        JSON.stringify(fields.target),
        JSON.stringify(fields.inputs),
        JSON.stringify(fields.sources),
        JSON.stringify(fields.result),
        fields.tenant_id,
        fields.conversation_id,
        fields.action,
        fields.answer_id,
        fields.reason,
        fields.request_ids,
        prevHash,
        hash,
      );
      values.push(
        `($${n + 1}::timestamptz, $${n + 2}, $${n + 3}::jsonb, $${n + 4}::jsonb, $${n + 5}::jsonb, $${n + 6}::jsonb,
          $${n + 7}::jsonb, $${n + 8}, $${n + 9}, $${n + 10}, $${n + 11}::uuid, $${n + 12}, $${n + 13}::text[], $${n + 14}, $${n + 15})`,
      );
      prevHash = hash;
    }
    const inserted = await db.query<{ seq: string }>(
      `INSERT INTO audit_log (recorded_at, event, actor, target, inputs, sources, result, tenant_id, conversation_id,
         action, answer_id, reason, request_ids, prev_hash, hash)
       VALUES ${values.join(', ')} RETURNING seq`,
      params,
    );
    seqs.push(...inserted.rows.map((row) => row.seq).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  }
  return seqs;
}

describe.skipIf(testDatabaseUrl() === undefined)(
  'one audit chain for two Ward processes on one PostgreSQL',
  () => {
    let first: Database;
    let second: Database;
    beforeAll(async () => {
      const url = testDatabaseUrl()!;
      const schema = randomTestSchema();
      first = withSchemaDroppedOnClose(await openDatabase({ url, schema }), schema);
      await runMigrations(first);
      second = await openDatabase({ url, schema });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it('links 100 appends made concurrently from two pools into one unbroken chain', async () => {
      const started = performance.now();
      const entries = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          appendAudit(
            index % 2 === 0 ? first : second,
            succeeded({ reason: `from pool ${index % 2}, #${index}` }),
          ),
        ),
      );
      if (timings)
        console.info(
          `postgres, two pools: 100 concurrent appends in ${Math.round(performance.now() - started)} ms`,
        );
      expect(await verifyAuditChain(second)).toMatchObject({ ok: true, records: 100 });
      // Every record follows exactly one other, in seq order.
      const bySeq = [...entries].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
      expect(bySeq[0]!.prevHash).toBe(auditGenesisHash);
      for (let index = 1; index < bySeq.length; index += 1) {
        expect(bySeq[index]!.prevHash).toBe(bySeq[index - 1]!.hash);
      }
      expect(new Set(entries.map((entry) => entry.prevHash)).size).toBe(100);
    });

    it('refuses, in the table, a second record after the same one (a fork)', async () => {
      const head = (await listAudit(first, { limit: 1 }))[0]!;
      const fields = prepareAuditFields({ event: 'clicked' });
      await expect(
        first.query(
          `INSERT INTO audit_log (recorded_at, event, prev_hash, hash) VALUES ($1::timestamptz, $2, $3, $4)`,
          [fields.recorded_at, fields.event, head.prevHash, auditRecordHash(head.prevHash, fields)],
        ),
      ).rejects.toMatchObject({ sqlState: '23505', constraint: 'audit_log_prev_hash_key' });
    });
  },
);
