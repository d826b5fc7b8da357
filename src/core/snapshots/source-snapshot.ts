/**
 * What Ward stores of a source's data with the answer (`answer_sources.data`): the data as plain JSON with
 * secrets redacted, at most {@link SNAPSHOT_DATA_LIMIT_BYTES} of it. Bigger data is stored truncated, and the
 * stored value says so: `{ wardSnapshotTruncated: { originalBytes, limitBytes, kept, ... }, data }`, where
 * `data` keeps the first items of the data's main list (the rest of the data as it was) or, when there is no
 * list to cut, the beginning of its JSON text. Readers unwrap it with {@link readSnapshotData}. It also finds
 * a data's main list (rows of a hunt, items of a Graph list), for comparing a re-run with the snapshot.
 */
import { redactDeep } from '../redact-secrets.js';
import { jsonSafeText, jsonSafeValue } from './json-safe-value.js';

/** Largest stored data per source, as UTF-8 JSON. */
export const SNAPSHOT_DATA_LIMIT_BYTES = 256 * 1024;

/** The key of the truncation marker in a stored snapshot. */
export const SNAPSHOT_TRUNCATION_KEY = 'wardSnapshotTruncated';

/** How a stored snapshot was cut. */
export interface SnapshotTruncation {
  /** Size of the data as UTF-8 JSON before it was cut. */
  originalBytes: number;
  limitBytes: number;
  /** `items`: the first items of the main list are kept; `text`: the beginning of the JSON text is. */
  kept: 'items' | 'text';
  /** For `items`: where the list is (`rows`, `value` ..., empty for a top-level list). */
  path?: string;
  totalItems?: number;
  keptItems?: number;
}

/** A data's main list: the list itself, or the one list field of an object (a hunt's `rows`, Graph's `value`). */
export interface MainList {
  /** The field holding it; empty when the data is the list. */
  path: string;
  items: unknown[];
  /** How many items there are in all: a count the data states (`rowCount` ...) when it has one. */
  count: number;
}

const preferredListFields = ['rows', 'value', 'items', 'results', 'records'];
const countFields = ['rowCount', 'totalCount', '@odata.count', 'count', 'total'];
const MARKER_ROOM = 512;

/** The data as stored: JSON-safe, redacted, and within `limitBytes` (with the marker when it was cut). */
export function snapshotData(
  data: unknown,
  limitBytes: number = SNAPSHOT_DATA_LIMIT_BYTES,
): { data: unknown; truncation?: SnapshotTruncation } {
  const safe = jsonSafeValue(data) ?? null;
  // Cut first (redacting megabytes only to throw most away is slow), then redact what is kept.
  const first = bound(safe, limitBytes);
  const redacted = redactDeep(first.data);
  // Redaction markers can be longer than what they replace: cut again if that pushed it over.
  const second = bound(redacted, first.truncation ? limitBytes - MARKER_ROOM : limitBytes);
  if (!first.truncation && !second.truncation) return { data: second.data };
  const truncation: SnapshotTruncation = first.truncation
    ? {
        ...first.truncation,
        ...(second.truncation
          ? { kept: second.truncation.kept, keptItems: second.truncation.keptItems }
          : {}),
      }
    : { ...(second.truncation as SnapshotTruncation), limitBytes };
  return { data: { [SNAPSHOT_TRUNCATION_KEY]: truncation, data: second.data }, truncation };
}

/** A stored snapshot's data and, when it was stored truncated, how. */
export function readSnapshotData(stored: unknown): { data: unknown; truncation?: SnapshotTruncation } {
  if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
    const record = stored as Record<string, unknown>;
    const marker = record[SNAPSHOT_TRUNCATION_KEY];
    if (marker !== null && typeof marker === 'object' && 'data' in record) {
      return { data: record.data, truncation: marker as SnapshotTruncation };
    }
  }
  return { data: stored };
}

/** The data's main list, or undefined when it has none (a single user, a verdict). */
export function mainList(data: unknown): MainList | undefined {
  if (Array.isArray(data)) return { path: '', items: data, count: data.length };
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const lists = Object.entries(record).filter((entry): entry is [string, unknown[]] =>
    Array.isArray(entry[1]),
  );
  if (lists.length === 0) return undefined;
  const chosen =
    preferredListFields.map((name) => lists.find(([key]) => key === name)).find((entry) => entry) ??
    lists.reduce((longest, entry) => (entry[1].length > longest[1].length ? entry : longest));
  const [path, items] = chosen;
  const stated = countFields
    .map((name) => record[name])
    .find((value): value is number => typeof value === 'number' && Number.isInteger(value));
  return { path, items, count: stated !== undefined && stated >= items.length ? stated : items.length };
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

function bound(data: unknown, limitBytes: number): { data: unknown; truncation?: SnapshotTruncation } {
  const originalBytes = byteLength(data);
  if (originalBytes <= limitBytes) return { data };
  const room = Math.max(0, limitBytes - MARKER_ROOM);
  const list = mainList(data);
  if (list) {
    const shell = list.path === '' ? [] : { ...(data as Record<string, unknown>), [list.path]: [] };
    let used = byteLength(shell);
    if (used <= room) {
      let kept = 0;
      for (const item of list.items) {
        const size = byteLength(item) + 1;
        if (used + size > room) break;
        used += size;
        kept += 1;
      }
      const items = list.items.slice(0, kept);
      return {
        data: list.path === '' ? items : { ...(shell as Record<string, unknown>), [list.path]: items },
        truncation: {
          originalBytes,
          limitBytes,
          kept: 'items',
          path: list.path,
          totalItems: list.count,
          keptItems: kept,
        },
      };
    }
  }
  // Stored as a string, the JSON text is escaped again (`"` → `\"`): cut it until the stored form fits.
  const text = Buffer.from(JSON.stringify(data) ?? 'null', 'utf8');
  let cut = Math.floor(room / 2);
  let prefix = jsonSafeText(text.subarray(0, cut).toString('utf8'));
  while (cut > 0 && byteLength(prefix) > room) {
    cut = Math.floor(cut * 0.8);
    prefix = jsonSafeText(text.subarray(0, cut).toString('utf8'));
  }
  return { data: prefix, truncation: { originalBytes, limitBytes, kept: 'text' } };
}
