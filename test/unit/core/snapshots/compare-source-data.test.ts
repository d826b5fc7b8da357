/**
 * What a re-run of a source changed since the answer's snapshot: counts then and now and the first new items
 * for lists, the changed fields for a single record, estimates marked as such, and no comparison for a
 * snapshot stored as cut text.
 */
import { describe, expect, it } from 'vitest';
import { compareSourceData, describeItem } from '../../../../src/core/snapshots/compare-source-data.js';
import { snapshotData } from '../../../../src/core/snapshots/source-snapshot.js';

const detection = (id: string, type: string, ip: string) => ({
  id,
  riskEventType: type,
  riskLevel: 'high',
  ipAddress: ip,
  detectedDateTime: '2026-11-24T12:00:00Z',
});

describe('compareSourceData', () => {
  it('counts items then and now, and describes the first new ones by their telling fields', () => {
    const then = [
      detection('d1', 'unfamiliarFeatures', '192.0.2.1'),
      detection('d2', 'anonymizedIPAddress', '192.0.2.2'),
    ];
    const now = [
      detection('d3', 'passwordSpray', '192.0.2.45'),
      detection('d1', 'unfamiliarFeatures', '192.0.2.1'),
      detection('d2', 'anonymizedIPAddress', '192.0.2.2'),
      detection('d4', 'impossibleTravel', '203.0.113.9'),
    ];
    expect(compareSourceData(snapshotData(then).data, now)).toEqual({
      kind: 'list',
      before: 2,
      after: 4,
      added: 2,
      removed: 0,
      changed: 0,
      changedFields: [],
      newItems: [
        'ipAddress: 192.0.2.45 · riskEventType: passwordSpray · riskLevel: high · detectedDateTime: 2026-11-24T12:00:00Z',
        'ipAddress: 203.0.113.9 · riskEventType: impossibleTravel · riskLevel: high · detectedDateTime: 2026-11-24T12:00:00Z',
      ],
      approximate: false,
    });
  });

  it('matches items by id, so a changed item is counted as changed (with its fields), neither new nor gone', () => {
    const then = [
      { id: 'u1', riskState: 'atRisk' },
      { id: 'u2', riskState: 'atRisk' },
    ];
    const now = [{ id: 'u1', riskState: 'remediated' }];
    expect(compareSourceData(then, now)).toMatchObject({
      before: 2,
      after: 1,
      added: 0,
      removed: 1,
      changed: 1,
      changedFields: ['riskState'],
    });
  });

  it('compares hunt rows by content and reports the stated row counts, as estimates when only the first rows are kept', () => {
    const row = (device: string) => ({ DeviceName: device, AccountUpn: 'adele.vance@contoso.com' });
    const then = { query: 'q', rows: [row('desktop-adele01')], rowCount: 1, truncated: false };
    const now = {
      query: 'q',
      rows: [row('desktop-adele01'), row('laptop-diego02')],
      rowCount: 120,
      truncated: true,
    };
    expect(compareSourceData(then, now)).toEqual({
      kind: 'list',
      before: 1,
      after: 120,
      added: 1,
      removed: 0,
      changed: 0,
      changedFields: [],
      newItems: ['AccountUpn: adele.vance@contoso.com · DeviceName: laptop-diego02'],
      approximate: true,
    });
  });

  it('uses the count recorded when a truncated snapshot was stored, and marks the result approximate', () => {
    const many = Array.from({ length: 6_000 }, (_, index) => ({ id: `s${index}`, note: 'x'.repeat(40) }));
    const stored = snapshotData(many).data;
    const result = compareSourceData(stored, many.slice(0, 10));
    expect(result).toMatchObject({ kind: 'list', before: 6_000, after: 10, added: 0, approximate: true });
  });

  it('names the changed fields of a single record, and says when nothing changed', () => {
    const then = { id: 'u1', riskLevel: 'high', riskState: 'atRisk', riskDetail: 'none' };
    expect(compareSourceData(then, { ...then, riskLevel: 'none', riskState: 'remediated' })).toEqual({
      kind: 'record',
      changed: true,
      changedFields: ['riskLevel', 'riskState'],
      approximate: false,
    });
    expect(
      compareSourceData(then, { riskDetail: 'none', riskState: 'atRisk', riskLevel: 'high', id: 'u1' }),
    ).toEqual({
      kind: 'record',
      changed: false,
      changedFields: [],
      approximate: false,
    });
  });

  it('never reads a secret that was redacted in the snapshot as a change, nor shows it in a new item', () => {
    const secret = 'Password=Hunter2Hunter2';
    const then = snapshotData([{ id: 'p1', commandLine: `run ${secret}` }]).data;
    const now = [
      { id: 'p1', commandLine: `run ${secret}` },
      { id: 'p2', commandLine: `again ${secret}` },
    ];
    const result = compareSourceData(then, now);
    expect(result).toMatchObject({ kind: 'list', added: 1, removed: 0 });
    expect(JSON.stringify(result)).not.toContain('Hunter2Hunter2');
  });

  it('gives no comparison for a snapshot that could only be stored as cut text', () => {
    const stored = snapshotData({ blob: 'z'.repeat(400_000) }).data;
    expect(compareSourceData(stored, { blob: 'z' })).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringMatching(/too large \(391 KB\)/),
    });
  });
});

describe('describeItem', () => {
  it('bounds a long item to 200 characters', () => {
    expect(describeItem({ title: 'a'.repeat(500) }).length).toBeLessThanOrEqual(200);
    expect(describeItem(['a', 1, true, null, 'e'])).toBe('a · 1 · true · null');
    expect(describeItem(42)).toBe('42');
  });
});
