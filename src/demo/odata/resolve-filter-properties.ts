/**
 * Checks a parsed `$filter` against what one resource lets you filter on (Graph supports `$filter` on a
 * few properties and operators per resource, not on everything), and rewrites property names to their
 * declared spelling, as Graph matches them without regard to case.
 * Properties inside a collection (`targetResources/id`, or the strings of `groupTypes`) are only reachable
 * through `collection/any(v: ...)`; the resolved predicate reads them relative to one element.
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
  /**
   * The property belongs to the elements of this collection (`targetResources` for `targetResources/id`; the
   * collection itself for a collection of strings): it can only be filtered inside `collection/any(...)`.
   */
  inCollection?: string;
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
    .map(
      ([name, p]) =>
        `${name} (${[...p.operators, ...(p.startsWith ? ['startswith'] : [])].join(', ')}${p.inCollection === undefined ? '' : `, inside ${p.inCollection}/any()`})`,
    )
    .join('; ');
}

/** The range variable of the `any()` being resolved, and its collection as declared. */
interface LambdaScope {
  variable: string;
  collection: string;
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

  const collections = new Map(
    Object.values(properties)
      .flatMap((p) => (p.inCollection === undefined ? [] : [p.inCollection]))
      .map((c) => [c.toLowerCase(), c]),
  );

  /** The property's declared name, its spec, and the path the evaluator reads (relative inside a lambda). */
  const resolveProperty = (
    operand: FilterOperand,
    usage: string,
    scope: LambdaScope | undefined,
  ): { name: string; spec: FilterableProperty; path: string[] } => {
    if (operand.kind !== 'property') {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: ${usage} must have a property of ${entityType} on its left and a value on its right.`,
      );
    }
    let written = operand.path.join('/');
    if (scope !== undefined) {
      if (operand.path[0] !== scope.variable) {
        throw new ODataFilterError(
          'unsupported',
          `Unsupported query: inside ${scope.collection}/any(${scope.variable}: ...) compare '${scope.variable}' or '${scope.variable}/<property>', not '${written}'.`,
        );
      }
      written = [scope.collection, ...operand.path.slice(1)].join('/');
    }
    const name = byLowerName.get(written.toLowerCase());
    if (name === undefined) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: filtering ${entityType} on '${written}' is not supported by the demo tenant. Supported: ${describeSupported(properties)}.`,
      );
    }
    const spec = properties[name]!;
    if (scope === undefined && spec.inCollection !== undefined) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: '${name}' is inside the collection '${spec.inCollection}': filter it with ${spec.inCollection}/any(x: ...).`,
      );
    }
    if (scope !== undefined && spec.inCollection !== scope.collection) {
      throw new ODataFilterError(
        'unsupported',
        `Unsupported query: '${name}' is not a property of the elements of '${scope.collection}'.`,
      );
    }
    const path = name.split('/');
    return { name, spec, path: scope === undefined ? path : path.slice(scope.collection.split('/').length) };
  };

  const visit = (node: FilterExpression, scope: LambdaScope | undefined): FilterExpression => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, left: visit(node.left, scope), right: visit(node.right, scope) };
      case 'not':
        return { kind: 'not', operand: visit(node.operand, scope) };
      case 'any': {
        const written = node.collection.join('/');
        const collection = collections.get(written.toLowerCase());
        if (collection === undefined || scope !== undefined) {
          throw new ODataFilterError(
            'unsupported',
            scope !== undefined
              ? `Unsupported query: any() inside any() is not supported by the demo tenant.`
              : `Unsupported query: filtering ${entityType} with '${written}/any()' is not supported by the demo tenant. Supported: ${describeSupported(properties)}.`,
          );
        }
        if (node.variable === null || node.predicate === null) {
          return { kind: 'any', collection: collection.split('/'), variable: null, predicate: null };
        }
        return {
          kind: 'any',
          collection: collection.split('/'),
          variable: node.variable,
          predicate: visit(node.predicate, { variable: node.variable, collection }),
        };
      }
      case 'function': {
        const [subject, prefix] = node.args;
        const { name, spec, path } = resolveProperty(subject, 'startswith()', scope);
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
        return { kind: 'function', name: 'startswith', args: [{ kind: 'property', path }, prefix] };
      }
      case 'comparison': {
        const { name, spec, path } = resolveProperty(node.left, `'${node.operator}'`, scope);
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
          left: { kind: 'property', path },
          right: node.right,
        };
      }
    }
  };

  return visit(expression, undefined);
}
