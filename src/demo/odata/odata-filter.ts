/**
 * Parses an OData v4 `$filter` expression into a small syntax tree: comparisons (eq, ne, gt, ge, lt, le),
 * `and`, `or`, `not`, parentheses, `startswith(...)`, string/number/boolean/null/datetime/GUID literals,
 * `a/b` property paths and the `any` lambda over a collection (`targetResources/any(t: t/id eq '...')`).
 * One left-to-right scan and a recursive-descent parser: linear in the input length, with limits on length
 * and nesting so that hostile input gets a clear error, never a crash or a stall.
 *
 * Why hand-written: the registry has OData parsers that stop at a syntax tree (`odata-v4-parser`,
 * `@odata/parser`, `odata-filter-to-ast`) and one in-memory evaluator (`odata-v4-inmemory`) that has not been
 * maintained for years; none evaluates Graph's case-insensitive semantics over plain objects. The subset
 * Microsoft Graph accepts for the resources the demo tenant serves is small enough to own.
 *
 * It never evaluates anything and never looks at data: see `odata-filter-evaluate.ts`.
 */
import { ODataFilterError } from './odata-filter-error.js';

/** Longest filter text accepted (Graph's URLs are limited to a few KB as well). */
export const MAX_FILTER_LENGTH = 4096;
/** Deepest nesting of parentheses and `not` accepted. */
export const MAX_FILTER_DEPTH = 32;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal value; `datetime` keeps the text and its instant, `guid` is an unquoted GUID. */
export type FilterLiteral =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'number'; value: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  | { kind: 'literal'; type: 'datetime'; value: string; epochMs: number }
  | { kind: 'literal'; type: 'guid'; value: string };

/** A property path such as `location/countryOrRegion` → `['location', 'countryOrRegion']`. */
export interface FilterProperty {
  kind: 'property';
  path: readonly string[];
}

export type FilterOperand = FilterLiteral | FilterProperty;

/** The syntax tree of a `$filter`. */
export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'comparison'; operator: ComparisonOperator; left: FilterOperand; right: FilterOperand }
  | { kind: 'function'; name: 'startswith'; args: readonly [FilterOperand, FilterOperand] }
  | {
      kind: 'any';
      /** Path of the collection, e.g. `['targetResources']`. */
      collection: readonly string[];
      /** The range variable (`t` in `any(t: t/id eq 'x')`); null for `any()`, "the collection is not empty". */
      variable: string | null;
      /** Paths in the predicate start with `variable` until resolved (then they are relative to an element). */
      predicate: FilterExpression | null;
    };

type Token =
  | { type: 'open' | 'close' | 'comma' | 'slash' | 'colon' | 'end'; position: number }
  | { type: 'word'; text: string; position: number }
  | { type: 'literal'; literal: FilterLiteral; position: number };

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const KNOWN_UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set([
  'in',
  'has',
  'add',
  'sub',
  'mul',
  'div',
  'mod',
]);
const KNOWN_UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  'endswith',
  'contains',
  'substringof',
  'tolower',
  'toupper',
  'length',
  'indexof',
  'substring',
  'trim',
  'concat',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'date',
  'time',
  'now',
  'any',
  'all',
  'cast',
  'isof',
]);

const PUNCTUATION: Readonly<Record<string, 'open' | 'close' | 'comma' | 'slash' | 'colon'>> = {
  '(': 'open',
  ')': 'close',
  ',': 'comma',
  '/': 'slash',
  ':': 'colon',
};

// Sticky patterns: each matches at the scanner's position only, so the scan stays linear.
const DATETIME = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?/y;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/y;
const WORD = /[A-Za-z_$@][\w$@.#]*/y;

function matchAt(pattern: RegExp, text: string, position: number): string | undefined {
  pattern.lastIndex = position;
  return pattern.exec(text)?.[0];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const position = i;
    const punctuation = PUNCTUATION[c];
    if (punctuation !== undefined) {
      tokens.push({ type: punctuation, position });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) {
          throw new ODataFilterError(
            'syntax',
            `Invalid filter clause: unterminated string literal at position ${position}.`,
            {
              position,
            },
          );
        }
        const d = text[j]!;
        if (d === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += d;
        j++;
      }
      tokens.push({ type: 'literal', literal: { kind: 'literal', type: 'string', value }, position });
      i = j + 1;
      continue;
    }
    const guid = matchAt(GUID, text, i);
    if (guid !== undefined) {
      tokens.push({ type: 'literal', literal: { kind: 'literal', type: 'guid', value: guid }, position });
      i += guid.length;
      continue;
    }
    if ((c >= '0' && c <= '9') || c === '-') {
      const datetime = matchAt(DATETIME, text, i);
      if (datetime !== undefined) {
        const epochMs = Date.parse(datetime.length === 10 ? `${datetime}T00:00:00Z` : datetime);
        if (Number.isNaN(epochMs)) {
          throw new ODataFilterError(
            'syntax',
            `Invalid filter clause: '${datetime}' is not a valid date and time.`,
            {
              position,
            },
          );
        }
        tokens.push({
          type: 'literal',
          literal: { kind: 'literal', type: 'datetime', value: datetime, epochMs },
          position,
        });
        i += datetime.length;
        continue;
      }
      const number = matchAt(NUMBER, text, i);
      if (number !== undefined) {
        tokens.push({
          type: 'literal',
          literal: { kind: 'literal', type: 'number', value: Number(number) },
          position,
        });
        i += number.length;
        continue;
      }
    }
    const word = matchAt(WORD, text, i);
    if (word !== undefined) {
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        tokens.push({
          type: 'literal',
          literal: { kind: 'literal', type: 'boolean', value: lower === 'true' },
          position,
        });
      } else if (lower === 'null') {
        tokens.push({ type: 'literal', literal: { kind: 'literal', type: 'null', value: null }, position });
      } else {
        tokens.push({ type: 'word', text: word, position });
      }
      i += word.length;
      continue;
    }
    throw new ODataFilterError(
      'syntax',
      `Invalid filter clause: unexpected character '${c}' at position ${position}.`,
      {
        position,
      },
    );
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'open':
      return "'('";
    case 'close':
      return "')'";
    case 'comma':
      return "','";
    case 'slash':
      return "'/'";
    case 'colon':
      return "':'";
    case 'word':
      return `'${token.text}'`;
    case 'literal':
      return token.literal.type === 'string' ? `'${token.literal.value}'` : `${token.literal.type} literal`;
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FilterExpression {
    const expression = this.parseOr();
    const next = this.peek();
    if (next.type !== 'end') {
      if (next.type === 'word' && KNOWN_UNSUPPORTED_OPERATORS.has(next.text.toLowerCase())) {
        throw this.unsupportedOperator(next.text, next.position);
      }
      throw this.syntax(`expected 'and', 'or' or the end of the filter but found ${describe(next)}`, next);
    }
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private take(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.type === 'word' && token.text.toLowerCase() === word;
  }

  private syntax(message: string, token: Token): ODataFilterError {
    return new ODataFilterError(
      'syntax',
      `Invalid filter clause: ${message} at position ${token.position}.`,
      {
        position: token.position,
      },
    );
  }

  private unsupportedOperator(operator: string, position: number): ODataFilterError {
    return new ODataFilterError(
      'unsupported',
      `Unsupported query: the operator '${operator}' is not supported by the demo tenant (supported: eq, ne, gt, ge, lt, le, and, or, not, startswith()).`,
      { position },
    );
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_FILTER_DEPTH) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: the filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${token.position}.`,
        { position: token.position },
      );
    }
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    const token = this.peek();
    if (this.isWord(token, 'not')) {
      this.take();
      this.enter(token);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'not', operand };
    }
    if (token.type === 'open') {
      this.take();
      this.enter(token);
      const inner = this.parseOr();
      const close = this.take();
      if (close.type !== 'close') throw this.syntax(`expected ')' but found ${describe(close)}`, close);
      this.depth--;
      return inner;
    }
    if (token.type === 'word' && this.tokens[this.index + 1]?.type === 'open') {
      return this.parseFunction();
    }
    if (this.lambdaAhead()) return this.parseLambda();
    return this.parseComparison();
  }

  /** True when the next tokens are `path/any(` or `path/all(`. */
  private lambdaAhead(): boolean {
    let i = this.index;
    if (this.tokens[i]?.type !== 'word') return false;
    i++;
    while (this.tokens[i]?.type === 'slash' && this.tokens[i + 1]?.type === 'word') {
      const segment = this.tokens[i + 1] as Extract<Token, { type: 'word' }>;
      const lower = segment.text.toLowerCase();
      if ((lower === 'any' || lower === 'all') && this.tokens[i + 2]?.type === 'open') return true;
      i += 2;
    }
    return false;
  }

  private parseLambda(): FilterExpression {
    const collection: string[] = [];
    for (;;) {
      const segment = this.take() as Extract<Token, { type: 'word' }>;
      const lower = segment.text.toLowerCase();
      if ((lower === 'any' || lower === 'all') && this.peek().type === 'open' && collection.length > 0) {
        if (lower === 'all') {
          throw new ODataFilterError(
            'unsupported',
            `Unsupported query: the lambda operator 'all' is not supported by the demo tenant (supported: any).`,
            { position: segment.position },
          );
        }
        this.take(); // '('
        if (this.peek().type === 'close') {
          this.take();
          return { kind: 'any', collection, variable: null, predicate: null };
        }
        const variable = this.take();
        if (variable.type !== 'word') {
          throw this.syntax(`expected a range variable in any() but found ${describe(variable)}`, variable);
        }
        const colon = this.take();
        if (colon.type !== 'colon') {
          throw this.syntax(`expected ':' after the range variable but found ${describe(colon)}`, colon);
        }
        this.enter(segment);
        const predicate = this.parseOr();
        this.depth--;
        const close = this.take();
        if (close.type !== 'close') throw this.syntax(`expected ')' but found ${describe(close)}`, close);
        return { kind: 'any', collection, variable: variable.text, predicate };
      }
      collection.push(segment.text);
      this.take(); // '/'
    }
  }

  private parseFunction(): FilterExpression {
    const nameToken = this.take() as Extract<Token, { type: 'word' }>;
    const name = nameToken.text.toLowerCase();
    if (name !== 'startswith') {
      if (KNOWN_UNSUPPORTED_FUNCTIONS.has(name)) {
        throw new ODataFilterError(
          'unsupported',
          `Unsupported query: the function '${nameToken.text}' is not supported by the demo tenant (supported: startswith).`,
          { position: nameToken.position },
        );
      }
      throw this.syntax(`unknown function '${nameToken.text}'`, nameToken);
    }
    this.take(); // '('
    const first = this.parseOperand();
    const comma = this.take();
    if (comma.type !== 'comma')
      throw this.syntax(`expected ',' in startswith() but found ${describe(comma)}`, comma);
    const second = this.parseOperand();
    const close = this.take();
    if (close.type !== 'close')
      throw this.syntax(`expected ')' after startswith() arguments but found ${describe(close)}`, close);
    const after = this.peek();
    if (after.type === 'word' && COMPARISON_OPERATORS.has(after.text.toLowerCase())) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: comparing the result of startswith() (at position ${nameToken.position}) is not supported by the demo tenant; use startswith(...) alone or with 'not'.`,
        { position: after.position },
      );
    }
    return { kind: 'function', name: 'startswith', args: [first, second] };
  }

  private parseComparison(): FilterExpression {
    const left = this.parseOperand();
    const operatorToken = this.take();
    if (operatorToken.type !== 'word' || !COMPARISON_OPERATORS.has(operatorToken.text.toLowerCase())) {
      if (
        operatorToken.type === 'word' &&
        KNOWN_UNSUPPORTED_OPERATORS.has(operatorToken.text.toLowerCase())
      ) {
        throw this.unsupportedOperator(operatorToken.text, operatorToken.position);
      }
      throw this.syntax(
        `expected a comparison operator (eq, ne, gt, ge, lt, le) but found ${describe(operatorToken)}`,
        operatorToken,
      );
    }
    const right = this.parseOperand();
    return {
      kind: 'comparison',
      operator: operatorToken.text.toLowerCase() as ComparisonOperator,
      left,
      right,
    };
  }

  private parseOperand(): FilterOperand {
    const token = this.take();
    if (token.type === 'literal') return token.literal;
    if (token.type !== 'word')
      throw this.syntax(`expected a property or a value but found ${describe(token)}`, token);
    const lower = token.text.toLowerCase();
    if (COMPARISON_OPERATORS.has(lower) || lower === 'and' || lower === 'or' || lower === 'not') {
      throw this.syntax(`expected a property or a value but found ${describe(token)}`, token);
    }
    const path = [token.text];
    while (this.peek().type === 'slash') {
      this.take();
      const segment = this.take();
      if (segment.type !== 'word')
        throw this.syntax(`expected a property name after '/' but found ${describe(segment)}`, segment);
      if (this.peek().type === 'open') {
        const segmentName = segment.text.toLowerCase();
        throw new ODataFilterError(
          'unsupported',
          segmentName === 'any' || segmentName === 'all'
            ? `Unsupported query: a lambda operator ('${segment.text}') can only stand on its own as a condition, e.g. 'targetResources/any(t: t/id eq ...)'.`
            : `Unsupported query: '${segment.text}(...)' in a property path is not supported by the demo tenant.`,
          { position: segment.position },
        );
      }
      path.push(segment.text);
    }
    return { kind: 'property', path };
  }
}

/**
 * Parses a `$filter` value. Throws `ODataFilterError` (`syntax` or `unsupported`) with a message that names the
 * problem and its position; never throws anything else.
 */
export function parseODataFilter(text: string): FilterExpression {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new ODataFilterError(
      'unsupported',
      `Unsupported query: the filter is ${text.length} characters long; the demo tenant accepts at most ${MAX_FILTER_LENGTH}.`,
    );
  }
  if (text.trim() === '') {
    throw new ODataFilterError('syntax', 'Invalid filter clause: the filter is empty.', { position: 0 });
  }
  return new Parser(tokenize(text)).parse();
}
