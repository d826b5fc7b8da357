/**
 * Checks a parsed `$filter` against what one resource lets you filter on (Graph supports `$filter` on a
 * few properties and operators per resource, not on everything), and rewrites property names to their
 * declared spelling, as Graph matches them without regard to case.
 * It never evaluates the filter and never lets an unchecked property through: anything outside the
 * resource's list is an `unsupported` error naming the property, the operator and what is supported.
 */

import type { ComparisonOperator, FilterExpression, FilterLiteral, FilterOperand } from './odata-filter.js';
import { ODataFilterError } from './odata-filter-error.js';

export type FilterablePropertyType = 'string' | 'datetime' | 'boolean' | 'number';

/** What a resource allows on one property. */
export interface FilterableProperty {
  type: FilterablePropertyType;
  operators: readonly ComparisonOperator[];
  /** `startswith(property, '...')` is allowed. */
  startsWith?: boolean;
}

/** Filterable properties of a resource, keyed by path (`location/countryOrRegion`). */
export type FilterableProperties = Readonly<Record<string, FilterableProperty>>;

const EDM_TYPE: Record<FilterablePropertyType, string> = {
  string: 'Edm.String',
  datetime: 'Edm.DateTimeOffset',
  boolean: 'Edm.Boolean',
  number: 'Edm.Int32',
};
const LITERAL_EDM_TYPE: Record<FilterLiteral['type'], string> = {
  string: 'Edm.String',
  guid: 'Edm.Guid',
  datetime: 'Edm.DateTimeOffset',
  boolean: 'Edm.Boolean',
  number: 'Edm.Int32',
  null: 'null',
};
const OPERATOR_KIND: Record<ComparisonOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

function accepts(type: FilterablePropertyType, literal: FilterLiteral): boolean {
  if (literal.type === 'null') return true;
  switch (type) {
    case 'string':
      return literal.type === 'string' || literal.type === 'guid';
    case 'datetime':
      return literal.type === 'datetime';
    case 'boolean':
      return literal.type === 'boolean';
    case 'number':
      return literal.type === 'number';
  }
}

function describeSupported(properties: FilterableProperties): string {
  return Object.entries(properties)
    .map(([name, p]) => `${name} (${[...p.operators, ...(p.startsWith ? ['startswith'] : [])].join(', ')})`)
    .join('; ');
}

/**
 * Returns the filter with property paths spelled as declared, or throws `ODataFilterError` naming what is not
 * supported on `entityType` (e.g. `microsoft.graph.signIn`).
 */
export function resolveFilterProperties(
  expression: FilterExpression,
  properties: FilterableProperties,
  entityType: string,
): FilterExpression {
  const byLowerName = new Map(Object.keys(properties).map((name) => [name.toLowerCase(), name]));

  const resolveProperty = (
    operand: FilterOperand,
    usage: string,
  ): { name: string; spec: FilterableProperty } => {
    if (operand.kind !== 'property') {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: ${usage} must have a property of ${entityType} on its left and a value on its right.`,
      );
    }
    const written = operand.path.join('/');
    const name = byLowerName.get(written.toLowerCase());
    if (name === undefined) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: filtering ${entityType} on '${written}' is not supported by the demo tenant. Supported: ${describeSupported(properties)}.`,
      );
    }
    return { name, spec: properties[name]! };
  };

  const visit = (node: FilterExpression): FilterExpression => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, left: visit(node.left), right: visit(node.right) };
      case 'not':
        return { kind: 'not', operand: visit(node.operand) };
      case 'function': {
        const [subject, prefix] = node.args;
        const { name, spec } = resolveProperty(subject, 'startswith()');
        if (!spec.startsWith) {
          throw new ODataFilterError(
            'unsupported',
            `Unsupported query: startswith() on '${name}' of ${entityType} is not supported by the demo tenant. Supported: ${describeSupported(properties)}.`,
          );
        }
        if (prefix.kind !== 'literal' || prefix.type !== 'string') {
          throw new ODataFilterError(
            'unsupported',
            `Unsupported query: the second argument of startswith() must be a string literal.`,
          );
        }
        return {
          kind: 'function',
          name: 'startswith',
          args: [{ kind: 'property', path: name.split('/') }, prefix],
        };
      }
      case 'comparison': {
        const { name, spec } = resolveProperty(node.left, `'${node.operator}'`);
        if (node.right.kind !== 'literal') {
          throw new ODataFilterError(
            'unsupported',
            `Unsupported query: '${name} ${node.operator}' must be compared with a value, not with another property.`,
          );
        }
        if (!spec.operators.includes(node.operator)) {
          throw new ODataFilterError(
            'unsupported',
            `Unsupported query: the operator '${node.operator}' on '${name}' of ${entityType} is not supported by the demo tenant. Supported: ${describeSupported(properties)}.`,
          );
        }
        if (!accepts(spec.type, node.right)) {
          throw new ODataFilterError(
            'syntax',
            `A binary operator with incompatible types was detected. Found operand types '${EDM_TYPE[spec.type]}' and '${LITERAL_EDM_TYPE[node.right.type]}' for operator kind '${OPERATOR_KIND[node.operator]}'.`,
          );
        }
        return {
          kind: 'comparison',
          operator: node.operator,
          left: { kind: 'property', path: name.split('/') },
          right: node.right,
        };
      }
    }
  };

  return visit(expression);
}
