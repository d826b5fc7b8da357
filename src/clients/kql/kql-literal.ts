/**
 * Writes values into KQL as literals, so a query built from an analyst's or a model's parameters can never
 * change shape: strings become double-quoted literals with every backslash, quote and control character
 * escaped; numbers must be finite integers. It never pastes raw text into a query.
 */

/** `value` as a KQL string literal, e.g. `"adele.vance@contoso.com"`; `"` and `\` are escaped. */
export function kqlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** A non-negative integer as a KQL literal (`long`). Throws RangeError for anything else. */
export function kqlInteger(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative integer: ${value}`);
  return String(value);
}

/** A whole number of hours or days as a KQL timespan literal, e.g. `24h`, `7d`. */
export function kqlTimespan(amount: number, unit: 'h' | 'd'): string {
  return `${kqlInteger(amount)}${unit}`;
}
