/**
 * What is stored of a source's data with its answer: plain JSON that jsonb accepts, secrets redacted, and at
 * most 256 KB — bigger data cut to the first items of its main list (or the beginning of its text) inside a
 * marker that says how, which readers unwrap.
 */
import { describe, expect, it } from 'vitest';
import {
  mainList,
  readSnapshotData,
  SNAPSHOT_DATA_LIMIT_BYTES,
  SNAPSHOT_TRUNCATION_KEY,
  snapshotData,
} from '../../../../src/core/snapshots/source-snapshot.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function signIns(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: `sign-in-${index}`,
    userPrincipalName: 'adele.vance@contoso.com',
    ipAddress: `192.0.2.${index % 250}`,
    appDisplayName: 'One Outlook Web',
    createdDateTime: new Date(Date.UTC(2026, 10, 24, 0, index % 60)).toISOString(),
    status: { errorCode: 0, failureReason: 'Other.' },
  }));
}

describe('snapshotData', () => {
  it('keeps data under the limit as it is', () => {
    const data = { rows: [{ a: 1 }], rowCount: 1, query: 'SigninLogs | take 1' };
    expect(snapshotData(data)).toEqual({ data });
  });

  it('cuts a large list to its first items, within 256 KB, and says how in the marker', () => {
    const data = signIns(5_000);
    expect(bytes(data)).toBeGreaterThan(SNAPSHOT_DATA_LIMIT_BYTES);
    const stored = snapshotData(data);
    expect(bytes(stored.data)).toBeLessThanOrEqual(SNAPSHOT_DATA_LIMIT_BYTES);
    const marker = (stored.data as Record<string, unknown>)[SNAPSHOT_TRUNCATION_KEY];
    expect(marker).toEqual(stored.truncation);
    expect(stored.truncation).toMatchObject({
      originalBytes: bytes(data),
      limitBytes: SNAPSHOT_DATA_LIMIT_BYTES,
      kept: 'items',
      path: '',
      totalItems: 5_000,
    });
    const read = readSnapshotData(stored.data);
    const kept = read.data as unknown[];
    expect(kept.length).toBe(stored.truncation?.keptItems);
    expect(kept.length).toBeGreaterThan(1_000);
    expect(kept).toEqual(data.slice(0, kept.length));
  });

  it("cuts a hunt's rows, keeping its query, columns and count", () => {
    const rows = signIns(4_000);
    const data = { query: 'SigninLogs', columns: [{ name: 'id', type: 'string' }], rows, rowCount: 9_000 };
    const stored = snapshotData(data);
    expect(bytes(stored.data)).toBeLessThanOrEqual(SNAPSHOT_DATA_LIMIT_BYTES);
    expect(stored.truncation).toMatchObject({ kept: 'items', path: 'rows', totalItems: 9_000 });
    const read = readSnapshotData(stored.data).data as typeof data;
    expect(read.query).toBe('SigninLogs');
    expect(read.rowCount).toBe(9_000);
    expect(read.rows.length).toBe(stored.truncation?.keptItems);
  });

  it('keeps the beginning of the JSON text when there is no list to cut', () => {
    const data = { body: 'x"y\\'.repeat(120_000) };
    const stored = snapshotData(data, 64 * 1024);
    expect(stored.truncation).toMatchObject({ kept: 'text', limitBytes: 64 * 1024 });
    expect(bytes(stored.data)).toBeLessThanOrEqual(64 * 1024);
    const read = readSnapshotData(stored.data);
    expect(typeof read.data).toBe('string');
    expect(String(read.data).startsWith('{"body":"x\\"y')).toBe(true);
  });

  it('redacts secrets in the stored data', () => {
    const stored = snapshotData({
      value: [
        {
          commandLine:
            'net use \\\\fs01 /user:admin Password=Hunter2Hunter2 && curl -H "Authorization: Bearer abcdefghijklmnop1234"',
        },
      ],
    });
    const text = JSON.stringify(stored.data);
    expect(text).not.toContain('Hunter2Hunter2');
    expect(text).not.toContain('abcdefghijklmnop1234');
    expect(text).toContain('[redacted]');
  });

  it('makes data jsonb can store: no NUL, no lone surrogate, no undefined, dates as text', () => {
    const stored = snapshotData({
      name: 'evil\u0000name\uD800',
      when: new Date('2026-11-24T14:05:00Z'),
      gone: undefined,
      big: 10n,
      list: [undefined, Number.NaN],
    });
    expect(stored.data).toEqual({
      name: 'evilname\uFFFD',
      when: '2026-11-24T14:05:00.000Z',
      big: '10',
      list: [null, null],
    });
  });
});

describe('readSnapshotData', () => {
  it('hands back data without a marker unchanged', () => {
    expect(readSnapshotData([1, 2])).toEqual({ data: [1, 2] });
    expect(readSnapshotData(null)).toEqual({ data: null });
    expect(readSnapshotData({ wardSnapshotTruncated: 'not a marker' })).toEqual({
      data: { wardSnapshotTruncated: 'not a marker' },
    });
  });
});

describe('mainList', () => {
  it("finds a list, a hunt's rows with their stated count, and Graph's value", () => {
    expect(mainList([1, 2, 3])).toEqual({ path: '', items: [1, 2, 3], count: 3 });
    expect(mainList({ rows: [{ a: 1 }], rowCount: 80, columns: [{}, {}] })).toEqual({
      path: 'rows',
      items: [{ a: 1 }],
      count: 80,
    });
    expect(mainList({ groups: [1], roles: [1, 2, 3] })).toMatchObject({ path: 'roles', count: 3 });
    expect(mainList({ id: 'u1', displayName: 'Adele' })).toBeUndefined();
    expect(mainList('text')).toBeUndefined();
  });
});
