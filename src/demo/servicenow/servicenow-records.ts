/**
 * Writes demo ServiceNow records the way the Table API does: raw values, display values or both
 * (`sysparm_display_value=false|true|all`), references as `{ link, value }` unless
 * `sysparm_exclude_reference_link=true`, dates as `YYYY-MM-DD HH:mm:ss` (UTC, slid to the present), and only
 * the fields of `sysparm_fields` when given. Also gives the value a query compares a field against, through
 * one reference for a dot-walked condition (`caller_id.email`).
 * It never changes a record.
 */
import type { DemoServiceNow } from './servicenow-state.js';
import { SERVICENOW_TABLES, type TableDefinition } from './servicenow-tables.js';

/** `sysparm_display_value` */
export type DisplayMode = 'false' | 'true' | 'all';

/** How to write records. */
export interface RecordFormat {
  display: DisplayMode;
  excludeReferenceLink: boolean;
  /** `sysparm_fields`; all fields when absent. */
  fields?: readonly string[];
  /** e.g. `http://127.0.0.1:4211/servicenow`, for reference links. */
  serviceRoot: string;
  driftMs: number;
}

/** A stored date (ISO, seeded timeline) as ServiceNow writes it now: `YYYY-MM-DD HH:mm:ss` UTC, or "". */
export function wireDate(stored: string, driftMs: number): string {
  if (stored === '') return '';
  const ms = Date.parse(stored);
  if (Number.isNaN(ms)) return stored;
  return new Date(ms + driftMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** A field's raw value as the API writes it (`undefined` for a field the table does not have). */
export function rawValue(
  table: TableDefinition,
  record: Readonly<Record<string, string>>,
  field: string,
  driftMs: number,
): string | undefined {
  const definition = table.fields[field];
  if (definition === undefined) return undefined;
  const value = record[field] ?? '';
  if (definition.kind === 'datetime') return wireDate(value, driftMs);
  if (definition.kind === 'journal') return '';
  return value;
}

/**
 * The value a query compares `field` against: its raw value, or for a dot-walk through a reference
 * (`caller_id.email`) the referenced record's raw value (`""` when the reference is empty; `undefined` when
 * either field does not exist or the first is not a reference).
 */
export function queryValue(
  table: TableDefinition,
  record: Readonly<Record<string, string>>,
  field: string,
  instance: DemoServiceNow,
  driftMs: number,
): string | undefined {
  const dot = field.indexOf('.');
  if (dot === -1) return rawValue(table, record, field, driftMs);
  const definition = table.fields[field.slice(0, dot)];
  const target = definition?.reference === undefined ? undefined : SERVICENOW_TABLES[definition.reference];
  if (definition?.kind !== 'reference' || target === undefined) return undefined;
  const rest = field.slice(dot + 1);
  if (target.fields[rest] === undefined) return undefined;
  const id = record[field.slice(0, dot)] ?? '';
  const referenced = id === '' ? undefined : target.records(instance).find((r) => r.sys_id === id);
  return referenced === undefined ? '' : rawValue(target, referenced, rest, driftMs);
}

function displayValue(
  table: TableDefinition,
  record: Readonly<Record<string, string>>,
  field: string,
  instance: DemoServiceNow,
  driftMs: number,
): string {
  const definition = table.fields[field]!;
  const raw = rawValue(table, record, field, driftMs) ?? '';
  if (definition.kind === 'choice') return definition.choices?.[raw] ?? raw;
  if (definition.kind === 'reference' && raw !== '') {
    const target = definition.reference === undefined ? undefined : SERVICENOW_TABLES[definition.reference];
    const referenced = target?.records(instance).find((r) => r.sys_id === raw);
    return referenced === undefined ? '' : (referenced[target!.displayField] ?? '');
  }
  return raw;
}

/** `record` as the Table API writes it in `format`. */
export function formatRecord(
  table: TableDefinition,
  record: Readonly<Record<string, string>>,
  instance: DemoServiceNow,
  format: RecordFormat,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = format.fields ?? Object.keys(table.fields);
  for (const field of names) {
    const definition = table.fields[field];
    if (definition === undefined) continue;
    const raw = rawValue(table, record, field, format.driftMs) ?? '';
    const reference = definition.kind === 'reference' && raw !== '' && definition.reference !== undefined;
    const link = reference ? `${format.serviceRoot}/api/now/table/${definition.reference}/${raw}` : undefined;
    const display = () => displayValue(table, record, field, instance, format.driftMs);
    switch (format.display) {
      case 'false':
        out[field] = reference && !format.excludeReferenceLink ? { link, value: raw } : raw;
        break;
      case 'true':
        out[field] =
          reference && !format.excludeReferenceLink ? { display_value: display(), link } : display();
        break;
      case 'all':
        out[field] =
          reference && !format.excludeReferenceLink
            ? { display_value: display(), link, value: raw }
            : { display_value: display(), value: raw };
        break;
    }
  }
  return out;
}
