/**
 * Evaluates a parsed `$filter` against one plain JSON object, with Microsoft Graph's semantics for the
 * resources the demo tenant serves: string comparisons ignore case, `null` equals only `null`, ordering
 * against `null` is false, a datetime literal compares instants (the property holds ISO 8601 text), and
 * `collection/any(v: ...)` holds when one element satisfies the (resolved, element-relative) predicate.
 * It never throws on data: a property that is missing or of another type simply does not match.
 */
import type { ComparisonOperator, FilterExpression, FilterLiteral, FilterOperand } from './odata-filter.js';

/** Reads a property path from an object; `undefined` when any segment is missing. */
export function readPropertyPath(item: unknown, path: readonly string[]): unknown {
  let current: unknown = item;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function operandValue(operand: FilterOperand, item: unknown): unknown {
  return operand.kind === 'property' ? readPropertyPath(item, operand.path) : operand.value;
}

function order(comparison: number, operator: ComparisonOperator): boolean {
  switch (operator) {
    case 'eq':
      return comparison === 0;
    case 'ne':
      return comparison !== 0;
    case 'gt':
      return comparison > 0;
    case 'ge':
      return comparison >= 0;
    case 'lt':
      return comparison < 0;
    case 'le':
      return comparison <= 0;
  }
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares a data value with a literal; `undefined` when they cannot be compared. */
function compareWithLiteral(value: unknown, literal: FilterLiteral): number | undefined {
  switch (literal.type) {
    case 'string':
    case 'guid':
      return typeof value === 'string' ? compareText(value, literal.value) : undefined;
    case 'number':
      return typeof value === 'number' ? value - literal.value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) - Number(literal.value) : undefined;
    case 'datetime': {
      if (typeof value !== 'string') return undefined;
      const epochMs = Date.parse(value);
      return Number.isNaN(epochMs) ? undefined : epochMs - literal.epochMs;
    }
    case 'null':
      return undefined;
  }
}

function compareValues(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'string' && typeof right === 'string') return compareText(left, right);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return undefined;
}

function evaluateComparison(
  operator: ComparisonOperator,
  left: FilterOperand,
  right: FilterOperand,
  item: unknown,
): boolean {
  const leftValue = operandValue(left, item);
  const rightValue = operandValue(right, item);
  const leftMissing = leftValue === null || leftValue === undefined;
  const rightMissing = rightValue === null || rightValue === undefined;
  if (leftMissing || rightMissing) {
    if (operator === 'eq') return leftMissing && rightMissing;
    if (operator === 'ne') return leftMissing !== rightMissing;
    return false;
  }
  let comparison: number | undefined;
  if (right.kind === 'literal') comparison = compareWithLiteral(leftValue, right);
  else if (left.kind === 'literal') {
    const reversed = compareWithLiteral(rightValue, left);
    comparison = reversed === undefined ? undefined : -reversed;
  } else comparison = compareValues(leftValue, rightValue);
  if (comparison === undefined) return operator === 'ne';
  return order(comparison, operator);
}

/** True when `item` satisfies the filter. */
export function evaluateODataFilter(expression: FilterExpression, item: unknown): boolean {
  switch (expression.kind) {
    case 'and':
      return evaluateODataFilter(expression.left, item) && evaluateODataFilter(expression.right, item);
    case 'or':
      return evaluateODataFilter(expression.left, item) || evaluateODataFilter(expression.right, item);
    case 'not':
      return !evaluateODataFilter(expression.operand, item);
    case 'comparison':
      return evaluateComparison(expression.operator, expression.left, expression.right, item);
    case 'any': {
      const elements = readPropertyPath(item, expression.collection);
      if (!Array.isArray(elements)) return false;
      const predicate = expression.predicate;
      return predicate === null
        ? elements.length > 0
        : elements.some((element) => evaluateODataFilter(predicate, element));
    }
    case 'function': {
      const [subject, prefix] = expression.args;
      const text = operandValue(subject, item);
      const start = operandValue(prefix, item);
      return (
        typeof text === 'string' &&
        typeof start === 'string' &&
        text.toLowerCase().startsWith(start.toLowerCase())
      );
    }
  }
}
