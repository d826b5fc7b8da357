/**
 * The demo tenant's KQL engine: parses a query with Microsoft's Kusto parser against the workspace schema,
 * refuses it with the parser's diagnostics when it is wrong, then walks the syntax tree — one tabular
 * expression over one seeded table, piped through where, project, extend, summarize (count, dcount,
 * make_set, min, max, by), take/limit, sort/order, top and distinct — and returns the result table in the
 * query API's shape. Output column names and types come from the parser's own analysis, so they match what
 * Log Analytics would name them (`count_`, `dcount_IPAddress`, `Column1`). Stored datetimes are slid to the
 * present by the demo clock's drift; the request's window applies to the time column (`TimeGenerated` in a
 * workspace, `Timestamp` in advanced hunting). Anything outside the subset throws a KqlExecutionError naming it.
 * It never changes the tables it reads and never runs anything but the parsed query.
 */

import type { KqlWorkspaceSchema } from '../../clients/kql/kql-workspace-schema.js';
import { type KustoLanguage, type KustoNode, loadKustoLanguage } from '../../clients/kql/kusto-language.js';
import { describeKqlDiagnostics, parseKql } from '../../clients/kql/parse-kql.js';
import {
  compareKqlValues,
  evaluateKqlExpression,
  type KqlEvaluationContext,
  type KqlRow,
  type KqlValue,
  listItems,
  nodeText,
} from './evaluate-kql-expression.js';
import { KqlExecutionError, notSupported } from './kql-execution-error.js';

/** A result or input column. */
export interface KqlResultColumn {
  name: string;
  type: string;
}

/** The query API's table: `{ name, columns, rows }`, datetimes as ISO 8601, dynamic values as JSON text. */
export interface KqlResultTable {
  name: string;
  columns: KqlResultColumn[];
  rows: unknown[][];
}

/** What a query runs over. */
export interface KqlRunOptions {
  schema: KqlWorkspaceSchema;
  /** Table name → rows (datetimes as ISO 8601 on the seeded timeline). */
  tables: Readonly<Record<string, readonly object[]>>;
  /** The present, for `now()` and `ago()`. */
  nowMs: number;
  /** How far the present is past the seeded timeline: added to every stored datetime. */
  driftMs: number;
  /** The request's `timespan` window over the time column, in present milliseconds. */
  window?: { startMs: number; endMs: number };
  /** The column `window` applies to: `TimeGenerated` (Log Analytics) unless given, `Timestamp` in advanced hunting. */
  timeColumn?: string;
}

interface Frame {
  columns: KqlResultColumn[];
  rows: KqlRow[];
}

const MAX_ROWS = 30_000;

/** Runs `query` and returns the primary result table. Throws KqlExecutionError when it will not. */
export function runKql(query: string, options: KqlRunOptions): KqlResultTable {
  const parsed = parseKql(query, options.schema);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const syntax = errors.some((d) => /^KS0/.test(d.code));
    throw new KqlExecutionError(syntax ? 'SyntaxError' : 'SemanticError', describeKqlDiagnostics(errors));
  }
  if (parsed.statementCount !== 1 || parsed.expression === null) {
    throw notSupported('A query with more than one statement (`let`, `set`, `declare`)');
  }
  const kusto = loadKustoLanguage();
  const context: KqlEvaluationContext = { kusto, query, nowMs: options.nowMs };
  const operators: KustoNode[] = [];
  let source: KustoNode = parsed.expression;
  while (kusto.kindName(source) === 'PipeExpression') {
    operators.unshift(source.Operator);
    source = source.Expression;
  }
  let frame = readTable(source, options, context);
  let pipe: KustoNode = source;
  for (const operator of operators) {
    pipe = pipe.Parent as KustoNode;
    frame = applyOperator(operator, frame, resultColumns(pipe, kusto), context);
  }
  return {
    name: 'PrimaryResult',
    columns: frame.columns,
    rows: frame.rows.map((row) => frame.columns.map((c) => toWire(row[c.name] ?? null, c.type))),
  };
}

function resultColumns(node: KustoNode, kusto: KustoLanguage): KqlResultColumn[] {
  return kusto
    .toArray(node.ResultType?.Columns)
    .map((c) => ({ name: String(c.Name), type: String(c.Type.Name) }));
}

function readTable(source: KustoNode, options: KqlRunOptions, context: KqlEvaluationContext): Frame {
  const name = context.kusto.kindName(source) === 'NameReference' ? String(source.SimpleName) : undefined;
  const columns = name === undefined ? undefined : options.schema.tables[name];
  const stored = name === undefined ? undefined : options.tables[name];
  if (name === undefined || columns === undefined || stored === undefined) {
    throw notSupported(`The source \`${nodeText(source, context)}\` (only a table name may start the query)`);
  }
  const dates = columns.filter((c) => c.type === 'datetime').map((c) => c.name);
  const rows = stored.map((record) => {
    const row = { ...(record as KqlRow) };
    for (const column of dates) {
      const value = row[column];
      row[column] = typeof value === 'string' ? Date.parse(value) + options.driftMs : null;
    }
    return row;
  });
  const { window } = options;
  const timeColumn = options.timeColumn ?? 'TimeGenerated';
  const inWindow =
    window === undefined || !dates.includes(timeColumn)
      ? rows
      : rows.filter((r) => {
          const t = r[timeColumn];
          return typeof t === 'number' && t >= window.startMs && t <= window.endMs;
        });
  return { columns: columns.map((c) => ({ name: c.name, type: c.type })), rows: inWindow };
}

function applyOperator(
  operator: KustoNode,
  frame: Frame,
  columns: KqlResultColumn[],
  context: KqlEvaluationContext,
): Frame {
  const { kusto } = context;
  const kind = kusto.kindName(operator);
  if (kusto.toArray(operator.Parameters).length > 0) {
    throw notSupported(`Operator parameters in \`${nodeText(operator, context)}\``);
  }
  const evaluate = (node: KustoNode, row: KqlRow) => evaluateKqlExpression(node, row, context);
  switch (kind) {
    case 'FilterOperator':
      return { columns, rows: frame.rows.filter((row) => evaluate(operator.Condition, row) === true) };
    case 'ProjectOperator': {
      const expressions = listItems(operator.Expressions, kusto);
      return { columns, rows: frame.rows.map((row) => project(expressions, columns, row, context)) };
    }
    case 'ExtendOperator': {
      const expressions = listItems(operator.Expressions, kusto);
      const known = new Set(frame.columns.map((c) => c.name));
      const added = columns.filter((c) => !known.has(c.name)).map((c) => c.name);
      let next = 0;
      const names = expressions.map((e) =>
        kusto.kindName(e) === 'SimpleNamedExpression' ? String(e.Name.SimpleName) : (added[next++] ?? ''),
      );
      const rows = frame.rows.map((row) => {
        const out = { ...row };
        expressions.forEach((e, i) => {
          out[names[i]!] = evaluate(unnamed(e, kusto), row);
        });
        return out;
      });
      return { columns, rows };
    }
    case 'TakeOperator':
      return { columns, rows: frame.rows.slice(0, count(operator.Expression, context)) };
    case 'SortOperator':
      return { columns, rows: sortRows(frame.rows, listItems(operator.Expressions, kusto), context) };
    case 'TopOperator':
      return {
        columns,
        rows: sortRows(frame.rows, [operator.ByExpression], context).slice(
          0,
          count(operator.Expression, context),
        ),
      };
    case 'DistinctOperator': {
      const expressions = listItems(operator.Expressions, kusto);
      if (expressions.some((e) => kusto.kindName(e) === 'StarExpression')) {
        return { columns, rows: unique(frame.rows, (row) => columns.map((c) => row[c.name] ?? null)) };
      }
      const projected = frame.rows.map((row) => project(expressions, columns, row, context));
      return { columns, rows: unique(projected, (row) => columns.map((c) => row[c.name] ?? null)) };
    }
    case 'SummarizeOperator':
      return summarize(operator, frame, columns, context);
    default:
      throw notSupported(`The operator \`${nodeText(operator, context).split(/\s/)[0]}\``);
  }
}

function unnamed(expression: KustoNode, kusto: KustoLanguage): KustoNode {
  return kusto.kindName(expression) === 'SimpleNamedExpression' ? expression.Expression : expression;
}

function project(
  expressions: KustoNode[],
  columns: KqlResultColumn[],
  row: KqlRow,
  context: KqlEvaluationContext,
): KqlRow {
  const out: KqlRow = {};
  expressions.forEach((e, i) => {
    const column = columns[i];
    if (column !== undefined)
      out[column.name] = evaluateKqlExpression(unnamed(e, context.kusto), row, context);
  });
  return out;
}

function count(node: KustoNode, context: KqlEvaluationContext): number {
  const value = evaluateKqlExpression(node, {}, context);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new KqlExecutionError('SemanticError', `\`${nodeText(node, context)}\` is not a row count.`);
  }
  return Math.min(Math.floor(value), MAX_ROWS);
}

function sortRows(rows: KqlRow[], ordered: KustoNode[], context: KqlEvaluationContext): KqlRow[] {
  const keys = ordered.map((o) => {
    const isOrdered = context.kusto.kindName(o) === 'OrderedExpression';
    const direction = isOrdered ? String(o.Ordering?.AscOrDescKeyword?.Text ?? 'desc').toLowerCase() : 'desc';
    return { expression: isOrdered ? (o.Expression as KustoNode) : o, descending: direction !== 'asc' };
  });
  const decorated = rows.map((row) => ({
    row,
    values: keys.map((k) => evaluateKqlExpression(k.expression, row, context)),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareKqlValues(a.values[i]!, b.values[i]!);
      if (order !== 0) return keys[i]!.descending ? -order : order;
    }
    return 0;
  });
  return decorated.map((d) => d.row);
}

function unique(rows: KqlRow[], key: (row: KqlRow) => KqlValue[]): KqlRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = JSON.stringify(key(row));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface Aggregate {
  name: string;
  argument: KustoNode | undefined;
  limit: number;
}

function summarize(
  operator: KustoNode,
  frame: Frame,
  columns: KqlResultColumn[],
  context: KqlEvaluationContext,
): Frame {
  const { kusto } = context;
  const by = listItems(operator.ByClause?.Expressions, kusto).map((e) => unnamed(e, kusto));
  const aggregates: Aggregate[] = listItems(operator.Aggregates, kusto).map((item) => {
    const call = unnamed(item, kusto);
    if (kusto.kindName(call) !== 'FunctionCallExpression') {
      throw notSupported(`The aggregate \`${nodeText(call, context)}\``);
    }
    const name = String(call.Name.SimpleName).toLowerCase();
    if (!['count', 'dcount', 'make_set', 'min', 'max'].includes(name)) {
      throw notSupported(`The aggregate function \`${name}()\``);
    }
    const args = listItems(call.ArgumentList.Expressions, kusto);
    const limit = args[1] === undefined ? 1_048_576 : count(args[1], context);
    return { name, argument: args[0], limit };
  });
  const groups = new Map<string, { keys: KqlValue[]; rows: KqlRow[] }>();
  for (const row of frame.rows) {
    const keys = by.map((e) => evaluateKqlExpression(e, row, context));
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  if (by.length === 0 && groups.size === 0) groups.set('[]', { keys: [], rows: [] });
  const rows = [...groups.values()].map((group) => {
    const values = [...group.keys, ...aggregates.map((a) => aggregate(a, group.rows, context))];
    const out: KqlRow = {};
    columns.forEach((c, i) => {
      out[c.name] = values[i] ?? null;
    });
    return out;
  });
  return { columns, rows };
}

function aggregate(spec: Aggregate, rows: KqlRow[], context: KqlEvaluationContext): KqlValue {
  if (spec.name === 'count') return rows.length;
  const values = rows
    .map((row) => (spec.argument === undefined ? null : evaluateKqlExpression(spec.argument, row, context)))
    .filter((v): v is Exclude<KqlValue, null> => v !== null && v !== '');
  switch (spec.name) {
    case 'dcount':
      return new Set(values.map((v) => JSON.stringify(v))).size;
    case 'make_set': {
      const seen = new Set<string>();
      const set: KqlValue[] = [];
      for (const value of values) {
        const k = JSON.stringify(value);
        if (!seen.has(k) && set.length < spec.limit) {
          seen.add(k);
          set.push(value);
        }
      }
      return set;
    }
    case 'min':
    case 'max': {
      if (values.length === 0) return null;
      return values.reduce((best, v) => {
        const order = compareKqlValues(v, best);
        return (spec.name === 'min' ? order < 0 : order > 0) ? v : best;
      });
    }
    default:
      throw notSupported(`The aggregate function \`${spec.name}()\``);
  }
}

function toWire(value: KqlValue, type: string): unknown {
  if (value === null) return null;
  if (type === 'datetime') return typeof value === 'number' ? new Date(value).toISOString() : null;
  if (type === 'timespan') return typeof value === 'number' ? formatTimespan(value) : null;
  if (type === 'dynamic') return typeof value === 'string' ? value : JSON.stringify(value);
  return value;
}

function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  return `${sign}${days > 0 ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}
