/**
 * One OData `$filter` clause that matches any of a few values: `(severity eq 'high' or severity eq 'medium')`.
 * Values are quoted as OData literals; callers pass only values their zod schema already validated.
 */
import { odataString } from '../../clients/odata-literal.js';

/** `property eq 'a'` for one value, `(property eq 'a' or property eq 'b')` for several (deduplicated). */
export function odataAnyOf(property: string, values: readonly string[]): string {
  const clauses = [...new Set(values)].map((value) => `${property} eq ${odataString(value)}`);
  return clauses.length === 1 ? (clauses[0] ?? '') : `(${clauses.join(' or ')})`;
}
