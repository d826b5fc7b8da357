/**
 * Evaluates one KQL scalar expression of the parser's syntax tree over one row, for the demo tenant's query
 * engine: column references, literals, `and`/`or`, comparisons (`==`, `!=`, `=~`, `!~`, `<`, `<=`, `>`, `>=`),
 * string operators (`has`, `contains`, `startswith`, `endswith` and their `!`/`_cs` forms), `in`, `!in`,
 * `in~`, `between`, `+`/`-`, dynamic member access (`DeviceDetail.operatingSystem`) and a few functions
 * (`ago`, `now`, `bin`, `tolower`, `toupper`, `tostring`, `strlen`, `isempty`, `isnotempty`, `isnull`,
 * `isnotnull`, `not`). Datetimes and timespans are milliseconds. Anything else throws `notSupported` naming it.
 * It never evaluates text that did not come through the parser.
 */
import type { KustoLanguage, KustoNode } from '../../clients/kql/kusto-language.js';
import { notSupported } from './kql-execution-error.js';

/** A value during evaluation (datetime and timespan as milliseconds). */
export type KqlValue = null | string | number | boolean | KqlValue[] | { [key: string]: KqlValue };

/** A row during evaluation: column name → value. */
export type KqlRow = Record<string, KqlValue>;

/** What evaluation needs besides the row. */
export interface KqlEvaluationContext {
  kusto: KustoLanguage;
  /** The query text, to name unsupported parts as written. */
  query: string;
  nowMs: number;
}

/** The query text of `node`, e.g. `matches regex "x"`. */
export function nodeText(node: KustoNode, context: KqlEvaluationContext): string {
  return context.query.slice(node.TextStart, node.End).trim();
}

/** The items of a separated list (`a, b, c`). */
export function listItems(list: unknown, kusto: KustoLanguage): KustoNode[] {
  return kusto.toArray(list).map((item) => (item.Element$1 ?? item) as KustoNode);
}

function literalNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as { toNumber?: () => number; getTotalMilliseconds?: () => number; v?: unknown };
    if (typeof v.getTotalMilliseconds === 'function') return v.getTotalMilliseconds();
    if (v.v instanceof Date) return v.v.getTime();
    if (typeof v.toNumber === 'function') return v.toNumber();
  }
  return Number(String(value));
}

const lower = (value: KqlValue) => asText(value).toLowerCase();

function asText(value: KqlValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** KQL `has`: `term` occurs in `text` on term boundaries (case-insensitive unless `caseSensitive`). */
export function hasTerm(text: string, term: string, caseSensitive: boolean): boolean {
  const haystack = caseSensitive ? text : text.toLowerCase();
  const needle = caseSensitive ? term : term.toLowerCase();
  if (needle === '') return true;
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startOk = !isWordChar(needle[0]) || !isWordChar(before);
    const endOk = !isWordChar(needle.at(-1)) || !isWordChar(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

function compare(a: KqlValue, b: KqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = asText(a);
  const y = asText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders two values as `sort` does (nulls first ascending). */
export function compareKqlValues(a: KqlValue, b: KqlValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compare(a, b);
}

function equal(a: KqlValue, b: KqlValue): boolean {
  if (a === null || b === null) return false;
  return compare(a, b) === 0;
}

const STRING_OPERATORS: Record<string, (text: string, operand: string) => boolean> = {
  HasExpression: (t, o) => hasTerm(t, o, false),
  NotHasExpression: (t, o) => !hasTerm(t, o, false),
  HasCsExpression: (t, o) => hasTerm(t, o, true),
  NotHasCsExpression: (t, o) => !hasTerm(t, o, true),
  ContainsExpression: (t, o) => t.toLowerCase().includes(o.toLowerCase()),
  NotContainsExpression: (t, o) => !t.toLowerCase().includes(o.toLowerCase()),
  ContainsCsExpression: (t, o) => t.includes(o),
  NotContainsCsExpression: (t, o) => !t.includes(o),
  StartsWithExpression: (t, o) => t.toLowerCase().startsWith(o.toLowerCase()),
  NotStartsWithExpression: (t, o) => !t.toLowerCase().startsWith(o.toLowerCase()),
  EndsWithExpression: (t, o) => t.toLowerCase().endsWith(o.toLowerCase()),
  NotEndsWithExpression: (t, o) => !t.toLowerCase().endsWith(o.toLowerCase()),
};

const COMPARISONS: Record<string, (a: KqlValue, b: KqlValue) => boolean> = {
  EqualExpression: equal,
  NotEqualExpression: (a, b) => a !== null && b !== null && !equal(a, b),
  EqualTildeExpression: (a, b) => a !== null && b !== null && lower(a) === lower(b),
  BangTildeExpression: (a, b) => a !== null && b !== null && lower(a) !== lower(b),
  LessThanExpression: (a, b) => a !== null && b !== null && compare(a, b) < 0,
  LessThanOrEqualExpression: (a, b) => a !== null && b !== null && compare(a, b) <= 0,
  GreaterThanExpression: (a, b) => a !== null && b !== null && compare(a, b) > 0,
  GreaterThanOrEqualExpression: (a, b) => a !== null && b !== null && compare(a, b) >= 0,
};

/** The value of the scalar expression `node` for `row`. Throws KqlExecutionError for unsupported parts. */
export function evaluateKqlExpression(node: KustoNode, row: KqlRow, context: KqlEvaluationContext): KqlValue {
  const { kusto } = context;
  const kind = kusto.kindName(node);
  const evaluate = (child: KustoNode) => evaluateKqlExpression(child, row, context);
  switch (kind) {
    case 'NameReference':
      return row[String(node.SimpleName)] ?? null;
    case 'StringLiteralExpression':
      return String(node.LiteralValue);
    case 'BooleanLiteralExpression':
      return node.LiteralValue === true || String(node.LiteralValue).toLowerCase() === 'true';
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression':
    case 'TimespanLiteralExpression':
    case 'DateTimeLiteralExpression':
      return node.LiteralValue === null ? null : literalNumber(node.LiteralValue);
    case 'NullLiteralExpression':
      return null;
    case 'ParenthesizedExpression':
      return evaluate(node.Expression);
    case 'UnaryMinusExpression': {
      const value = evaluate(node.Expression);
      return typeof value === 'number' ? -value : null;
    }
    case 'AndExpression':
      return evaluate(node.Left) === true && evaluate(node.Right) === true;
    case 'OrExpression':
      return evaluate(node.Left) === true || evaluate(node.Right) === true;
    case 'AddExpression':
    case 'SubtractExpression': {
      const left = evaluate(node.Left);
      const right = evaluate(node.Right);
      if (typeof left !== 'number' || typeof right !== 'number') return null;
      return kind === 'AddExpression' ? left + right : left - right;
    }
    case 'InExpression':
    case 'NotInExpression':
    case 'InCsExpression':
    case 'NotInCsExpression': {
      const value = evaluate(node.Left);
      const candidates = listItems(node.Right.Expressions, kusto).map(evaluate);
      // `in~` / `!in~` (the parser's InCs kinds) compare case-insensitively; `in` / `!in` exactly.
      const insensitive = kind === 'InCsExpression' || kind === 'NotInCsExpression';
      const found =
        value !== null &&
        candidates.some((c) => (insensitive ? c !== null && lower(c) === lower(value) : equal(value, c)));
      return kind.startsWith('Not') ? !found : found;
    }
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const value = evaluate(node.Left);
      const low = evaluate(node.Right.First);
      const high = evaluate(node.Right.Second);
      if (value === null || low === null || high === null) return false;
      const inside = compare(value, low) >= 0 && compare(value, high) <= 0;
      return kind === 'BetweenExpression' ? inside : !inside;
    }
    case 'PathExpression': {
      const value = evaluate(node.Expression);
      const member = String(node.Selector.SimpleName);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      return value[member] ?? null;
    }
    case 'FunctionCallExpression':
      return callFunction(node, row, context);
    default: {
      const compareTo = COMPARISONS[kind];
      if (compareTo !== undefined) return compareTo(evaluate(node.Left), evaluate(node.Right));
      const stringOperator = STRING_OPERATORS[kind];
      if (stringOperator !== undefined) {
        const text = evaluate(node.Left);
        const operand = evaluate(node.Right);
        if (text === null) return kind.startsWith('Not');
        return stringOperator(asText(text), asText(operand));
      }
      throw notSupported(`The expression \`${nodeText(node, context)}\``);
    }
  }
}

function callFunction(node: KustoNode, row: KqlRow, context: KqlEvaluationContext): KqlValue {
  const name = String(node.Name.SimpleName).toLowerCase();
  const args = listItems(node.ArgumentList.Expressions, context.kusto).map((a) =>
    evaluateKqlExpression(a, row, context),
  );
  const [first, second] = args;
  switch (name) {
    case 'now':
      return context.nowMs + (typeof first === 'number' ? first : 0);
    case 'ago':
      return typeof first === 'number' ? context.nowMs - first : null;
    case 'bin':
      return typeof first === 'number' && typeof second === 'number' && second > 0
        ? Math.floor(first / second) * second
        : null;
    case 'tolower':
      return first === null || first === undefined ? null : asText(first).toLowerCase();
    case 'toupper':
      return first === null || first === undefined ? null : asText(first).toUpperCase();
    case 'tostring':
      return first === null || first === undefined ? '' : asText(first);
    case 'strlen':
      return first === null || first === undefined ? null : asText(first).length;
    case 'isempty':
      return first === null || first === undefined || first === '';
    case 'isnotempty':
      return !(first === null || first === undefined || first === '');
    case 'isnull':
      return first === null || first === undefined;
    case 'isnotnull':
      return !(first === null || first === undefined);
    case 'not':
      return first !== true;
    default:
      throw notSupported(`The function \`${name}()\``);
  }
}
