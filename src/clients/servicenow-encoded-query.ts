/**
 * Builds a ServiceNow encoded query (`sysparm_query`) from conditions, so that text from a user or a source
 * can never add conditions of its own: `^` joins conditions and has no escape, so a value containing it (or a
 * line break) is refused rather than passed on; field names are checked too.
 * It never sends anything; the ServiceNow client URL-encodes the result.
 */
import { InvalidInputError } from '../core/errors.js';

/** Operators Ward uses; ServiceNow has more. */
export type EncodedQueryOperator =
  | '='
  | '!='
  | 'LIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN';

/** `field` `operator` `value`, e.g. `correlation_id` `=` `4211`. */
export interface EncodedQueryCondition {
  field: string;
  operator: EncodedQueryOperator;
  value: string;
}

/** How to order: `ORDERBY<field>` or `ORDERBYDESC<field>`. */
export interface EncodedQueryOrder {
  field: string;
  descending?: boolean;
}

const FIELD = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

function checkField(field: string): string {
  if (!FIELD.test(field)) throw new InvalidInputError(`"${field}" is not a ServiceNow field name.`);
  return field;
}

function checkValue(value: string): string {
  if (/[\^\r\n]/.test(value)) {
    throw new InvalidInputError('A ServiceNow query value cannot contain "^" or line breaks.');
  }
  return value;
}

/** The encoded query for all of `conditions` (AND), in `order`. */
export function encodedQuery(
  conditions: readonly EncodedQueryCondition[],
  order: readonly EncodedQueryOrder[] = [],
): string {
  const parts = conditions.map((c) => `${checkField(c.field)}${c.operator}${checkValue(c.value)}`);
  for (const { field, descending } of order)
    parts.push(`${descending ? 'ORDERBYDESC' : 'ORDERBY'}${checkField(field)}`);
  return parts.join('^');
}
