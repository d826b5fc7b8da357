/**
 * The Kusto parser module: a query is checked against the Sentinel workspace schema with line/column
 * diagnostics, and `kqlString` literals survive any text, quotes and injection attempts included.
 */
import { describe, expect, it } from 'vitest';
import { kqlInteger, kqlString } from '../../../../src/clients/kql/kql-literal.js';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../../../src/clients/kql/kql-workspace-schema.js';
import { loadKustoLanguage } from '../../../../src/clients/kql/kusto-language.js';
import { parseKql, validateKql } from '../../../../src/clients/kql/parse-kql.js';

describe('validateKql', () => {
  it('accepts a query that names real tables and columns', () => {
    expect(
      validateKql(
        'SigninLogs | where TimeGenerated > ago(1d) | summarize count() by IPAddress',
        SENTINEL_WORKSPACE_SCHEMA,
      ),
    ).toEqual([]);
  });

  it('reports an unknown column with its line and column', () => {
    const [problem] = validateKql('SigninLogs\n| where Nope == 1', SENTINEL_WORKSPACE_SCHEMA);
    expect(problem).toMatchObject({ severity: 'error', code: 'KS142', line: 2, column: 9 });
    expect(problem?.message).toMatch(/'Nope'/);
  });

  it('reports an unknown table and a syntax error', () => {
    expect(validateKql('NoSuchTable | take 1', SENTINEL_WORKSPACE_SCHEMA)[0]?.message).toMatch(/NoSuchTable/);
    expect(validateKql('SigninLogs | where', SENTINEL_WORKSPACE_SCHEMA).length).toBeGreaterThan(0);
  });
});

describe('kqlString', () => {
  const attempts = [
    'adele.vance@contoso.com',
    'x" | take 100000 //',
    "x' or 1==1 or '",
    'back\\slash\\" | union *',
    'line\nbreak | where true',
    'tab\tand \u0001 control',
    'émoji 🚀 and ünïcode',
  ];
  it.each(attempts)('round-trips %j as one string literal', (value) => {
    const parsed = parseKql(`print x = ${kqlString(value)}`, SENTINEL_WORKSPACE_SCHEMA);
    expect(parsed.diagnostics).toEqual([]);
    const kusto = loadKustoLanguage();
    const print = parsed.expression!;
    const [named] = kusto.toArray(print.Expressions).map((e) => e.Element$1);
    expect(kusto.kindName(named.Expression)).toBe('StringLiteralExpression');
    expect(named.Expression.LiteralValue).toBe(value);
  });

  it('refuses numbers that are not non-negative integers', () => {
    expect(kqlInteger(24)).toBe('24');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => kqlInteger(bad)).toThrow(RangeError);
  });
});
