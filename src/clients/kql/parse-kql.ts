/**
 * Parses and analyses a KQL query against a workspace schema with Microsoft's Kusto parser, and reports its
 * diagnostics (unknown table or column, syntax error, type error) with line and column. The same parse gives
 * the demo tenant the syntax tree it executes. The parser loads on first use (`kusto-language.ts`); the
 * schema's symbols are built once per schema object. It never runs a query.
 */

import type { KqlWorkspaceSchema } from './kql-workspace-schema.js';
import { type KustoDiagnostic, type KustoNode, loadKustoLanguage } from './kusto-language.js';

/** A problem in a query, positioned for a human (1-based line and column). */
export interface KqlDiagnostic {
  severity: 'error' | 'warning' | 'suggestion';
  /** The parser's code, e.g. `KS142` (unknown name), `KS204` (unknown table), `KS006` (syntax). */
  code: string;
  message: string;
  line: number;
  column: number;
  /** Offsets into the query text, end exclusive. */
  start: number;
  end: number;
}

/** A parsed and analysed query. */
export interface ParsedKql {
  /** The query's last statement's expression: the tabular expression to evaluate (null when there is none). */
  expression: KustoNode | null;
  /** How many statements the query has (`let` statements included). */
  statementCount: number;
  diagnostics: KqlDiagnostic[];
}

// biome-ignore lint/suspicious/noExplicitAny: a `GlobalState` of the Bridge.NET runtime
const globalsBySchema = new WeakMap<KqlWorkspaceSchema, any>();

function globalsFor(schema: KqlWorkspaceSchema) {
  const cached = globalsBySchema.get(schema);
  if (cached !== undefined) return cached;
  const { language } = loadKustoLanguage();
  const tables = Object.entries(schema.tables).map(
    ([name, columns]) =>
      new language.Symbols.TableSymbol.$ctor7(
        name,
        `(${columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`,
        null,
      ),
  );
  const database = new language.Symbols.DatabaseSymbol.$ctor2(schema.name, null, tables);
  const globals = language.GlobalState.Default.WithDatabase(database);
  globalsBySchema.set(schema, globals);
  return globals;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function severityOf(value: string): KqlDiagnostic['severity'] {
  const lower = value.toLowerCase();
  return lower === 'error' ? 'error' : lower === 'warning' ? 'warning' : 'suggestion';
}

/** Parses and analyses `query` against `schema`. */
export function parseKql(query: string, schema: KqlWorkspaceSchema): ParsedKql {
  const kusto = loadKustoLanguage();
  const code = kusto.language.KustoCode.ParseAndAnalyze(query, globalsFor(schema));
  const diagnostics = kusto.toArray<KustoDiagnostic>(code.GetDiagnostics()).map((d) => ({
    severity: severityOf(String(d.Severity)),
    code: String(d.Code),
    message: String(d.Message),
    start: d.Start,
    end: d.End,
    ...position(query, d.Start),
  }));
  const statements = kusto.toArray(code.Syntax.Statements).map((s) => s.Element$1 as KustoNode);
  const last = statements.at(-1);
  const expression =
    last !== undefined && kusto.kindName(last) === 'ExpressionStatement' ? last.Expression : null;
  return { expression: expression ?? null, statementCount: statements.length, diagnostics };
}

/** The query's errors (warnings and suggestions left out): empty when it is valid against `schema`. */
export function validateKql(query: string, schema: KqlWorkspaceSchema): KqlDiagnostic[] {
  return parseKql(query, schema).diagnostics.filter((d) => d.severity === 'error');
}

/** One line per diagnostic, e.g. `line 1, column 20: The name 'Foo' does not refer to ... (KS142)`. */
export function describeKqlDiagnostics(diagnostics: readonly KqlDiagnostic[]): string {
  return diagnostics.map((d) => `line ${d.line}, column ${d.column}: ${d.message} (${d.code})`).join('\n');
}
