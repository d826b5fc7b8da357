/**
 * Canonical JSON: one exact text per JSON value, so a hash computed when an audit record is written can be
 * recomputed byte for byte from the row read back (where jsonb has reordered the keys). Object keys are sorted
 * by UTF-16 code units and there is no whitespace; strings and numbers are written as `JSON.stringify` writes
 * them. For the values Ward stores (strings, finite numbers, booleans, null, arrays, plain objects) this is
 * the text RFC 8785 (JCS) specifies. Hand-written because it is thirty lines and the project adds no
 * dependency for it. It never guesses: a value JSON cannot represent (NaN, Infinity, bigint, a function, a
 * class instance such as Date, `undefined` in an array) throws rather than hashing something that would not
 * read back the same. Object members whose value is `undefined` are left out, as `JSON.stringify` and jsonb do.
 */

/** A value JSON can represent. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The canonical text of `value`. Throws a `TypeError` naming the path of anything that is not JSON. */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot represent`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(
        `${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot represent`,
      );
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(`${path} is not a plain object (convert it to JSON first)`);
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  // Default sort compares UTF-16 code units, which is the order RFC 8785 prescribes.
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`)}`);
  }
  return `{${members.join(',')}}`;
}
