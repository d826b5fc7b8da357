/**
 * Reads and evaluates a ServiceNow encoded query (`sysparm_query`) for the demo instance: conditions joined by
 * `^` (and), `^OR` (or with the previous condition) and `^NQ` (a new query, or'ed), with the operators
 * `=`, `!=`, `LIKE`, `NOT LIKE`, `STARTSWITH`, `ENDSWITH`, `IN`, `NOT IN`, `ISEMPTY`, `ISNOTEMPTY`, `<`, `<=`,
 * `>`, `>=`, and `ORDERBY<field>` / `ORDERBYDESC<field>`. Text comparisons ignore case, as ServiceNow's do.
 * A condition may dot-walk one reference (`caller_id.email=…`, `assignment_group.nameLIKE…`); the caller of
 * `matchesQuery` resolves it. A condition on a field the table does not have (or a dot-walk through a field
 * that is not a reference) matches nothing (the behaviour of an instance with
 * `glide.invalid_query.returns_no_rows`); what it cannot read (dot-walking through two references,
 * `javascript:` values) is refused with a 400 that says so. It never evaluates scripts.
 */
import { ServiceNowHttpError } from './servicenow-error.js';

/** One condition. */
export interface QueryCondition {
  field: string;
  operator: string;
  value: string;
}

/** A parsed encoded query: `or` of `and` of `or` of conditions, and the order. */
export interface EncodedQuery {
  /** Queries joined by `^NQ`; each is a list of terms (and), each term a list of conditions (or). */
  queries: QueryCondition[][][];
  orderBy: { field: string; descending: boolean }[];
}

const TERM =
  /^([a-z_][a-z0-9_.]*?)(ISNOTEMPTY|ISEMPTY|NOT LIKE|NOTLIKE|NOT IN|NOTIN|LIKE|STARTSWITH|ENDSWITH|IN|!=|>=|<=|=|>|<)(.*)$/s;

function invalid(detail: string): ServiceNowHttpError {
  return new ServiceNowHttpError(400, 'Invalid query', detail);
}

function parseCondition(text: string): QueryCondition {
  const match = TERM.exec(text);
  if (match === null) {
    throw invalid(
      `The demo instance cannot read the condition '${text}'. It understands field=value, field!=value, fieldLIKEvalue, fieldSTARTSWITHvalue, fieldINa,b, fieldISEMPTY, comparisons, ^OR, ^NQ and ORDERBY/ORDERBYDESC.`,
    );
  }
  const [, field, operator, value] = match as unknown as [string, string, string, string];
  if (field.split('.').length > 2)
    throw invalid(
      `Dot-walked fields through more than one reference ('${field}') are not supported by the demo instance.`,
    );
  if (/^javascript:/i.test(value))
    throw invalid(`Script values ('${value}') are not supported by the demo instance.`);
  return { field, operator: operator.replace(' ', ''), value };
}

/** Parses `sysparm_query` (empty or absent: everything). */
export function parseEncodedQuery(query: string | null): EncodedQuery {
  const parsed: EncodedQuery = { queries: [], orderBy: [] };
  if (query === null || query.trim() === '') return parsed;
  for (const part of query.split('^NQ')) {
    const terms: QueryCondition[][] = [];
    for (const raw of part.split('^')) {
      const term = raw.trim();
      if (term === '' || term === 'EQ') continue;
      const order = /^ORDERBY(DESC)?([a-z_][a-z0-9_]*)$/.exec(term);
      if (order !== null) {
        parsed.orderBy.push({ field: order[2]!, descending: order[1] !== undefined });
      } else if (term.startsWith('OR') && terms.length > 0 && !/^[a-z]/.test(term)) {
        terms[terms.length - 1]!.push(parseCondition(term.slice(2)));
      } else {
        terms.push([parseCondition(term)]);
      }
    }
    if (terms.length > 0) parsed.queries.push(terms);
  }
  return parsed;
}

function compare(a: string, b: string): number {
  if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function test(condition: QueryCondition, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const value = condition.value.toLowerCase();
  const have = actual.toLowerCase();
  switch (condition.operator) {
    case '=':
      return have === value;
    case '!=':
      return have !== value;
    case 'LIKE':
      return have.includes(value);
    case 'NOTLIKE':
      return !have.includes(value);
    case 'STARTSWITH':
      return have.startsWith(value);
    case 'ENDSWITH':
      return have.endsWith(value);
    case 'IN':
      return value.split(',').some((v) => v.trim() === have);
    case 'NOTIN':
      return !value.split(',').some((v) => v.trim() === have);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
    case '>':
      return compare(actual, condition.value) > 0;
    case '>=':
      return compare(actual, condition.value) >= 0;
    case '<':
      return compare(actual, condition.value) < 0;
    case '<=':
      return compare(actual, condition.value) <= 0;
    default:
      return false;
  }
}

/** Whether a record (its field values as the API writes them, undefined for unknown fields) matches. */
export function matchesQuery(
  query: EncodedQuery,
  fieldValue: (field: string) => string | undefined,
): boolean {
  if (query.queries.length === 0) return true;
  return query.queries.some((terms) =>
    terms.every((alternatives) => alternatives.some((c) => test(c, fieldValue(c.field)))),
  );
}

/** Sorts records by the query's order (stable; no order keeps the input order). */
export function orderRecords<T>(
  query: EncodedQuery,
  records: T[],
  fieldValue: (record: T, field: string) => string,
): T[] {
  if (query.orderBy.length === 0) return records;
  return records.sort((a, b) => {
    for (const { field, descending } of query.orderBy) {
      const c = compare(fieldValue(a, field), fieldValue(b, field));
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
}
