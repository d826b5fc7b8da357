import { describe, expect, it } from 'vitest';
import {
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  parseODataFilter,
} from '../../../src/demo/odata/odata-filter.js';
import { ODataFilterError } from '../../../src/demo/odata/odata-filter-error.js';
import { evaluateODataFilter } from '../../../src/demo/odata/odata-filter-evaluate.js';
import {
  type FilterableProperties,
  resolveFilterProperties,
} from '../../../src/demo/odata/resolve-filter-properties.js';

const adele = {
  id: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01',
  displayName: 'Adele Vance',
  userPrincipalName: 'adele.vance@contoso.com',
  riskLevel: 'high',
  accountEnabled: true,
  mobilePhone: null,
  createdDateTime: '2025-06-11T14:10:00.000Z',
  status: { errorCode: 0 },
  location: { city: 'Seattle', countryOrRegion: 'US' },
};

function matches(filter: string, item: unknown = adele): boolean {
  return evaluateODataFilter(parseODataFilter(filter), item);
}

function errorOf(filter: string): ODataFilterError {
  try {
    parseODataFilter(filter);
  } catch (error) {
    if (ODataFilterError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected '${filter}' to be refused`);
}

describe('OData $filter parser and evaluator', () => {
  it('compares strings without regard to case, as Graph does', () => {
    expect(matches("userPrincipalName eq 'ADELE.VANCE@contoso.com'")).toBe(true);
    expect(matches("riskLevel ne 'HIGH'")).toBe(false);
    expect(matches("displayName gt 'Adam'")).toBe(true);
    expect(matches("displayName lt 'adam'")).toBe(false);
  });

  it('evaluates startswith() case-insensitively, with any spelling of the function name', () => {
    expect(matches("startswith(displayName,'adele')")).toBe(true);
    expect(matches("startsWith(displayName, 'VAN')")).toBe(false);
    expect(matches("not startswith(displayName,'meg')")).toBe(true);
  });

  it('gives and precedence over or, honours parentheses and not', () => {
    expect(matches("riskLevel eq 'low' and riskLevel eq 'low' or displayName eq 'Adele Vance'")).toBe(true);
    expect(matches("riskLevel eq 'low' and (riskLevel eq 'low' or displayName eq 'Adele Vance')")).toBe(
      false,
    );
    expect(matches("not (riskLevel eq 'high')")).toBe(false);
    expect(matches("((riskLevel eq 'high'))")).toBe(true);
  });

  it('compares datetime literals as instants against ISO text', () => {
    expect(matches('createdDateTime ge 2025-06-11T14:00:00Z')).toBe(true);
    expect(matches('createdDateTime ge 2025-06-11T14:10:00.0010000Z')).toBe(false);
    expect(matches('createdDateTime lt 2025-06-11T17:00:00+02:00')).toBe(true);
    expect(matches('createdDateTime gt 2025-06-11')).toBe(true);
  });

  it('reads a/b property paths, numbers, booleans and null', () => {
    expect(matches("location/countryOrRegion eq 'us'")).toBe(true);
    expect(matches('status/errorCode eq 0')).toBe(true);
    expect(matches('status/errorCode ne 50126')).toBe(true);
    expect(matches('accountEnabled eq true')).toBe(true);
    expect(matches('mobilePhone eq null')).toBe(true);
    expect(matches('displayName eq null')).toBe(false);
    expect(matches('mobilePhone gt null')).toBe(false);
    expect(matches("missing/path eq 'x'")).toBe(false);
    expect(matches("missing ne 'x'")).toBe(true);
  });

  it('reads quoted strings with doubled quotes and unquoted GUIDs', () => {
    expect(matches("displayName eq 'O''Brien'", { displayName: "o'brien" })).toBe(true);
    expect(matches('id eq a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01')).toBe(true);
  });

  it('does not match a value of another type instead of throwing', () => {
    expect(matches("status/errorCode eq '0'")).toBe(false);
    expect(matches('displayName ge 2025-01-01T00:00:00Z')).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ["displayName eq 'unterminated", 'unterminated string literal at position 15'],
    ['displayName eq', 'expected a property or a value but found the end of the filter'],
    ['displayName', 'expected a comparison operator'],
    ["eq eq 'x'", 'expected a property or a value'],
    ["(displayName eq 'x'", "expected ')'"],
    ["displayName eq 'x')", "expected 'and', 'or' or the end"],
    ["displayName eq 'x' and", 'expected a property or a value'],
    ["displayName ~ 'x'", "unexpected character '~' at position 12"],
    ["frobnicate(displayName,'x')", "unknown function 'frobnicate'"],
    ["startswith(displayName 'x')", "expected ','"],
    ['displayName eq 2025-13-45T99:99:99Z', 'is not a valid date and time'],
  ])('refuses malformed filter %j with a clear syntax error', (filter, message) => {
    const error = errorOf(filter);
    expect(error.kind).toBe('syntax');
    expect(error.message).toContain(message);
  });

  it.each([
    ["contains(displayName,'dele')", "the function 'contains' is not supported"],
    ["endswith(mail,'@contoso.com')", "the function 'endswith' is not supported"],
    ["id in ('a','b')", "the operator 'in' is not supported"],
    ["riskEventTypes_v2/all(t: t eq 'unlikelyTravel')", "the lambda operator 'all' is not supported"],
    ["displayName eq groupTypes/any(c: c eq 'Unified')", 'can only stand on its own as a condition'],
    ["startswith(displayName,'a') eq true", 'comparing the result of startswith()'],
    ['status/errorCode add 1 eq 2', "the operator 'add' is not supported"],
  ])('refuses valid but unsupported filter %j, naming what is unsupported', (filter, message) => {
    const error = errorOf(filter);
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain(message);
  });

  it('refuses filters that are too long or nest too deeply, without overflowing the stack', () => {
    expect(errorOf(`${"a eq 'x' or ".repeat(400)}a eq 'x'`).message).toContain(
      `at most ${MAX_FILTER_LENGTH}`,
    );
    expect(
      errorOf(`${'('.repeat(MAX_FILTER_DEPTH + 1)}a eq 1${')'.repeat(MAX_FILTER_DEPTH + 1)}`).message,
    ).toContain('nests deeper');
    expect(errorOf(`${'not '.repeat(200)}a eq 1`).message).toContain('nests deeper');
    expect(matches(`${'('.repeat(MAX_FILTER_DEPTH)}riskLevel eq 'high'${')'.repeat(MAX_FILTER_DEPTH)}`)).toBe(
      true,
    );
  });

  it('parses a long filter in linear time', () => {
    const clauses = Array.from({ length: 150 }, (_, i) => `userId eq 'user-${i}'`).join(' or ');
    const started = performance.now();
    for (let i = 0; i < 20; i++) parseODataFilter(clauses);
    expect(performance.now() - started).toBeLessThan(500);
    expect(matches(clauses, { userId: 'user-149' })).toBe(true);
  });

  it('never throws anything but ODataFilterError on junk input', () => {
    const alphabet = [
      "'",
      '(',
      ')',
      ',',
      '/',
      ' ',
      'eq',
      'and',
      'or',
      'not',
      'a',
      '1',
      '-',
      ':',
      'T',
      'Z',
      '.',
      'startswith',
      '$',
      '"',
      '\\',
      'é',
      '\u0000',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      const length = next() % 12;
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      try {
        evaluateODataFilter(parseODataFilter(text), adele);
      } catch (error) {
        expect(ODataFilterError.isInstance(error), `'${text}' threw ${String(error)}`).toBe(true);
      }
    }
  });
});

describe('resolving filter properties against what a resource supports', () => {
  const properties: FilterableProperties = {
    userPrincipalName: { type: 'string', operators: ['eq'], startsWith: true },
    createdDateTime: { type: 'datetime', operators: ['ge', 'le'] },
    'location/countryOrRegion': { type: 'string', operators: ['eq'] },
  };
  const resolve = (filter: string) =>
    resolveFilterProperties(parseODataFilter(filter), properties, 'microsoft.graph.signIn');

  it('accepts supported properties in any case and rewrites them to their declared spelling', () => {
    const expression = resolve("USERPRINCIPALNAME eq 'x' and Location/CountryOrRegion eq 'US'");
    expect(
      evaluateODataFilter(expression, { userPrincipalName: 'X', location: { countryOrRegion: 'us' } }),
    ).toBe(true);
  });

  it('names the unsupported property and lists what is supported', () => {
    expect(() => resolve("jobTitle eq 'x'")).toThrow(
      /filtering microsoft.graph.signIn on 'jobTitle' is not supported.*userPrincipalName \(eq, startswith\)/,
    );
  });

  it('names an unsupported operator on a supported property', () => {
    expect(() => resolve('createdDateTime eq 2025-01-01T00:00:00Z')).toThrow(
      /the operator 'eq' on 'createdDateTime'/,
    );
  });

  it("answers a type mismatch with OData's own message", () => {
    expect(() => resolve("createdDateTime ge '2025-01-01'")).toThrow(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThanOrEqual'.",
    );
  });

  it('refuses a value on the left or a property on the right', () => {
    expect(() => resolve("'x' eq userPrincipalName")).toThrow(/must have a property/);
    expect(() => resolve('userPrincipalName eq createdDateTime')).toThrow(/must be compared with a value/);
  });
});

describe('the any() lambda over collections', () => {
  const properties: FilterableProperties = {
    activityDisplayName: { type: 'string', operators: ['eq'] },
    'targetResources/id': { type: 'string', operators: ['eq'], inCollection: 'targetResources' },
    'targetResources/displayName': {
      type: 'string',
      operators: ['eq'],
      startsWith: true,
      inCollection: 'targetResources',
    },
    groupTypes: { type: 'string', operators: ['eq'], inCollection: 'groupTypes' },
  };
  const record = {
    activityDisplayName: 'Reset password',
    targetResources: [
      { id: 'a1', displayName: 'Adele Vance' },
      { id: 'g7', displayName: 'SOC Responders' },
    ],
    groupTypes: ['Unified', 'DynamicMembership'],
  };
  const evaluate = (filter: string, item: unknown = record) =>
    evaluateODataFilter(
      resolveFilterProperties(parseODataFilter(filter), properties, 'microsoft.graph.directoryAudit'),
      item,
    );

  it('holds when one element of the collection satisfies the predicate', () => {
    expect(evaluate("targetResources/any(t: t/id eq 'g7')")).toBe(true);
    expect(evaluate("targetResources/any(t: t/id eq 'zz')")).toBe(false);
    expect(evaluate("targetResources/any(t: startswith(t/displayName, 'soc'))")).toBe(true);
    expect(evaluate("targetResources/any(x: x/id eq 'a1' and x/displayName eq 'Adele Vance')")).toBe(true);
    expect(evaluate("targetResources/any(x: x/id eq 'a1' and x/displayName eq 'SOC Responders')")).toBe(
      false,
    );
  });

  it('compares the elements themselves in a collection of strings, and combines with other clauses', () => {
    expect(evaluate("groupTypes/any(c: c eq 'unified')")).toBe(true);
    expect(evaluate("groupTypes/any(c: c eq 'Unified') and activityDisplayName eq 'Reset password'")).toBe(
      true,
    );
    expect(evaluate("not groupTypes/any(c: c eq 'Unified')")).toBe(false);
    expect(evaluate("groupTypes/any(c: c eq 'Unified')", { groupTypes: [] })).toBe(false);
    expect(evaluate("groupTypes/any(c: c eq 'Unified')", { groupTypes: null })).toBe(false);
  });

  it('reads any() with no predicate as "not empty"', () => {
    expect(evaluate('groupTypes/any()')).toBe(true);
    expect(evaluate('groupTypes/any()', { groupTypes: [] })).toBe(false);
  });

  it('refuses collection properties outside any(), other variables, and undeclared collections', () => {
    const refuse = (filter: string) => () =>
      resolveFilterProperties(parseODataFilter(filter), properties, 'microsoft.graph.directoryAudit');
    expect(refuse("targetResources/id eq 'g7'")).toThrow(/filter it with targetResources\/any/);
    expect(refuse("targetResources/any(t: x/id eq 'g7')")).toThrow(/compare 't' or 't\/<property>'/);
    expect(refuse("targetResources/any(t: activityDisplayName eq 'x')")).toThrow(/compare 't'/);
    expect(refuse("riskEventTypes/any(t: t eq 'x')")).toThrow(/'riskEventTypes\/any\(\)' is not supported/);
    expect(refuse("targetResources/any(t: t/type eq 'User')")).toThrow(
      /'targetResources\/type' is not supported/,
    );
  });

  it('refuses malformed lambdas with a syntax error', () => {
    expect(errorOf("targetResources/any(t t/id eq 'x')").message).toContain("expected ':'");
    expect(errorOf("targetResources/any(t: t/id eq 'x'").message).toContain("expected ')'");
  });
});
