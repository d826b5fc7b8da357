/**
 * What changed in a source between the answer's snapshot and a re-run: for list data (a hunt's rows, a Graph
 * list) the count then and now, how many items are new or gone, and the first new items in a few words; for
 * a single record (a user, a verdict) which top-level fields changed. Both sides are compared as stored
 * (plain JSON, secrets redacted), so a redacted token never reads as a change. Pure: it never calls a source.
 */
import { redactDeep, redactSecrets } from '../redact-secrets.js';
import { jsonSafeValue } from './json-safe-value.js';
import { mainList, readSnapshotData } from './source-snapshot.js';

/** The outcome of {@link compareSourceData}. */
export type SourceDataComparison =
  | {
      kind: 'list';
      /** Items in the snapshot (as counted when it was taken, also when it was stored truncated). */
      before: number;
      /** Items now. */
      after: number;
      /** Items now that the snapshot did not have. */
      added: number;
      /** Items of the snapshot that are not there now. */
      removed: number;
      /** Items with an id in both whose content changed (items without an id show as one new, one gone). */
      changed: number;
      /** The fields that changed in those items (at most 8), e.g. `riskState`. */
      changedFields: string[];
      /** The first new items, described in a few words each (redacted, not escaped). */
      newItems: string[];
      /** The snapshot was stored truncated, or a side lists fewer items than it counts: added/removed are estimates. */
      approximate: boolean;
    }
  | {
      kind: 'record';
      changed: boolean;
      /** Top-level fields whose value changed, was added or removed (at most 8). */
      changedFields: string[];
      approximate: boolean;
    }
  | { kind: 'unavailable'; reason: string };

const MAX_NEW_ITEMS = 3;
const MAX_FIELDS = 8;

/** Compares a stored snapshot (`answer_sources.data`, possibly truncated) with what the source returned now. */
export function compareSourceData(
  stored: unknown,
  now: unknown,
  options: { maxNewItems?: number } = {},
): SourceDataComparison {
  const snapshot = readSnapshotData(stored);
  if (snapshot.truncation?.kept === 'text') {
    return {
      kind: 'unavailable',
      reason: `the snapshot was too large (${formatBytes(snapshot.truncation.originalBytes)}) and was stored cut, so it cannot be compared item by item`,
    };
  }
  const before = snapshot.data;
  const after = redactDeep(jsonSafeValue(now) ?? null);
  const truncated = snapshot.truncation !== undefined;
  const beforeList = mainList(before);
  const afterList = mainList(after);
  if (beforeList && afterList) {
    const beforeCount = snapshot.truncation?.totalItems ?? beforeList.count;
    const then = new Map(beforeList.items.map((item) => [itemKey(item), item]));
    const afterKeys = new Set(afterList.items.map(itemKey));
    const fresh = afterList.items.filter((item) => !then.has(itemKey(item)));
    const removed = beforeList.items.filter((item) => !afterKeys.has(itemKey(item))).length;
    const changedItems = afterList.items.filter((item) => {
      const key = itemKey(item);
      return key.startsWith('id:') && then.has(key) && stableJson(then.get(key)) !== stableJson(item);
    });
    const changedFields = [
      ...new Set(changedItems.flatMap((item) => changedTopLevelFields(then.get(itemKey(item)), item))),
    ].sort();
    const partial =
      truncated || beforeList.items.length < beforeCount || afterList.items.length < afterList.count;
    return {
      kind: 'list',
      before: beforeCount,
      after: afterList.count,
      added: fresh.length,
      removed,
      changed: changedItems.length,
      changedFields: changedFields.slice(0, MAX_FIELDS),
      newItems: fresh.slice(0, options.maxNewItems ?? MAX_NEW_ITEMS).map(describeItem),
      approximate: partial,
    };
  }
  const changedFields = changedTopLevelFields(before, after);
  return {
    kind: 'record',
    changed: stableJson(before) !== stableJson(after),
    changedFields: changedFields.slice(0, MAX_FIELDS),
    approximate: truncated,
  };
}

/** A short, redacted description of one item: its most telling fields, `name: value · …`. */
export function describeItem(item: unknown): string {
  const text = (() => {
    if (item === null || typeof item !== 'object') return String(item);
    if (Array.isArray(item)) return item.slice(0, 4).map(shortValue).join(' · ');
    const entries = Object.entries(item as Record<string, unknown>).filter(
      ([, value]) => value !== null && value !== '' && typeof value !== 'object',
    );
    const rank = (key: string) => {
      const index = tellingFields.indexOf(key.toLowerCase());
      return index < 0 ? tellingFields.length : index;
    };
    return [...entries]
      .sort((left, right) => rank(left[0]) - rank(right[0]))
      .slice(0, 4)
      .map(([key, value]) => `${key}: ${shortValue(value)}`)
      .join(' · ');
  })();
  const redacted = redactSecrets(text);
  return redacted.length > 200 ? `${redacted.slice(0, 199)}…` : redacted;
}

/** Field names that say most about an item, most telling first (lower case). */
const tellingFields = [
  'displayname',
  'title',
  'name',
  'userprincipalname',
  'accountupn',
  'upn',
  'devicename',
  'ipaddress',
  'ip',
  'riskeventtype',
  'risklevel',
  'severity',
  'status',
  'createddatetime',
  'detecteddatetime',
  'timegenerated',
  'timestamp',
  'id',
];

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** An item's identity: its `id` when it has one, else its whole content. */
function itemKey(item: unknown): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    for (const key of ['id', 'Id', '@odata.id', 'sys_id']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return `id:${value}`;
    }
  }
  return `content:${stableJson(item)}`;
}

function changedTopLevelFields(before: unknown, after: unknown): string[] {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isRecord(before) || !isRecord(after))
    return stableJson(before) === stableJson(after) ? [] : ['(value)'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => stableJson(before[key]) !== stableJson(after[key]));
}

/** JSON with object keys sorted, so equal data compares equal whatever its key order. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
    .join(',')}}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
