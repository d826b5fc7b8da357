import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  createReplayLedger,
  notInSnapshotMessage,
  type SnapshotCall,
} from '../../../../src/core/feedback/replay-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { defineSkill, type Plugin } from '../../../../src/plugins/types.js';

function call(overrides: Partial<SnapshotCall> & Pick<SnapshotCall, 'sourceId' | 'skill'>): SnapshotCall {
  return {
    plugin: 'entra',
    pluginVersion: '0.1.0',
    input: {},
    ok: true,
    error: null,
    data: null,
    durationMs: 10,
    ...overrides,
  };
}

const snapshot: SnapshotCall[] = [
  call({
    sourceId: 'S1',
    skill: 'user',
    input: { user: 'adele@contoso.com' },
    data: { id: 'u-1', displayName: 'Adele' },
  }),
  call({
    sourceId: 'S2',
    skill: 'signIns',
    input: { userId: 'u-1', hours: 72, top: 100 },
    data: [{ id: 's-1' }],
  }),
  call({
    sourceId: 'S3',
    skill: 'signIns',
    input: { userId: 'u-1', hours: 168, top: 200 },
    data: [{ id: 's-2' }],
  }),
  call({
    sourceId: 'S4',
    skill: 'riskyUser',
    input: { userId: 'u-1' },
    ok: false,
    error: 'throttled by Microsoft Graph',
    data: null,
  }),
];

describe('the replay ledger', () => {
  it('answers a call with the recorded data of the same skill and an equal input, whatever the key order', async () => {
    const ledger = createReplayLedger({ snapshot });
    const user = await ledger.call('entra.user', { user: 'adele@contoso.com' });
    expect(user).toEqual({ ok: true, data: { id: 'u-1', displayName: 'Adele' }, sourceId: 'S1' });
    const week = await ledger.call('entra.signIns', { top: 200, userId: 'u-1', hours: 168 });
    expect(week).toMatchObject({ ok: true, data: [{ id: 's-2' }], sourceId: 'S2' });
    expect(ledger.sources()).toEqual([
      expect.objectContaining({
        id: 'S1',
        plugin: 'entra',
        skill: 'user',
        ok: true,
        version: '0.1.0',
        durationMs: 10,
      }),
      expect.objectContaining({ id: 'S2', skill: 'signIns', ok: true }),
    ]);
    expect(ledger.calledSkills()).toEqual(['entra.user', 'entra.signIns']);
  });

  it('matches an input that leaves out fields the recorded one holds (schema defaults), but never a different value', async () => {
    const ledger = createReplayLedger({ snapshot });
    expect(await ledger.call('entra.signIns', { userId: 'u-1', hours: 72 })).toMatchObject({
      ok: true,
      data: [{ id: 's-1' }],
    });
    const other = await ledger.call('entra.signIns', { userId: 'u-1', hours: 24 });
    expect(other).toMatchObject({ ok: false, sourceId: 'S2' });
    expect(other.ok ? '' : other.error.message).toBe(notInSnapshotMessage('entra.signIns'));
  });

  it('replays a recorded failure as that failure, and records anything else as "not in snapshot"', async () => {
    const ledger = createReplayLedger({ snapshot });
    const risky = await ledger.call('entra.riskyUser', { userId: 'u-1' });
    expect(risky.ok).toBe(false);
    expect(risky.ok ? '' : risky.error.message).toBe('throttled by Microsoft Graph');
    const alerts = await ledger.call('defender-xdr.alerts', { userId: 'u-1' });
    expect(alerts.ok ? '' : alerts.error).toMatchObject({ name: 'SourceUnavailableError' });
    expect(ledger.misses()).toEqual([{ ref: 'defender-xdr.alerts', input: { userId: 'u-1' } }]);
    expect(ledger.sources().map((source) => [source.id, source.ok, source.error])).toEqual([
      ['S1', false, 'throttled by Microsoft Graph'],
      ['S2', false, notInSnapshotMessage('defender-xdr.alerts')],
    ]);
    expect(ledger.count()).toBe(2);
  });

  it('gives each call its own copy of the data, so a planner that changes it cannot change the next answer', async () => {
    const ledger = createReplayLedger({ snapshot });
    const first = await ledger.call<{ displayName: string }>('entra.user', { user: 'adele@contoso.com' });
    if (first.ok) first.data.displayName = 'changed';
    const second = await ledger.call<{ displayName: string }>('entra.user', { user: 'adele@contoso.com' });
    expect(second.ok && second.data.displayName).toBe('Adele');
  });

  it('with the skill’s schema, compares the input with its defaults filled in, exactly, and names the service', async () => {
    const plugin: Plugin = {
      name: 'entra',
      displayName: 'Microsoft Entra ID',
      version: '0.1.0',
      skills: [
        defineSkill({
          name: 'signIns',
          description: 'sign-ins',
          input: z.object({
            userId: z.string(),
            hours: z.number().default(72),
            top: z.number().default(100),
          }),
          run: async () => ({ data: [], requests: [] }),
        }),
      ],
      actions: [],
      health: async () => ({ ok: true }),
    };
    const ledger = createReplayLedger({ snapshot, registry: createPluginRegistry([plugin]) });
    expect(await ledger.call('entra.signIns', { userId: 'u-1' })).toMatchObject({
      ok: true,
      data: [{ id: 's-1' }],
    });
    // With the schema known, "leaves out a field" is no longer a match: hours defaults to 72, not 168.
    expect(await ledger.call('entra.signIns', { userId: 'u-1', top: 200 })).toMatchObject({ ok: false });
    expect(ledger.sources()[0]?.service).toBe('Microsoft Entra ID');
  });

  it('replays data the snapshot stored cut as the part that was kept', async () => {
    const ledger = createReplayLedger({
      snapshot: [
        call({
          sourceId: 'S1',
          skill: 'riskyUsers',
          input: {},
          data: { wardSnapshotTruncated: { bytes: 300_000 }, data: [{ id: 'u-1' }] },
        }),
      ],
    });
    expect(await ledger.call('entra.riskyUsers', {})).toMatchObject({ ok: true, data: [{ id: 'u-1' }] });
  });
});
