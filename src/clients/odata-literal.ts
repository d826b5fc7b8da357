/**
 * OData literal quoting for `$filter` values built from outside input (names, UPNs typed by analysts).
 * Never build a filter by concatenating raw input: a quote in a name would change the query.
 */

/** Quotes a string as an OData literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Builds a query string from OData/other parameters, percent-encoding every value. */
export function queryString(parameters: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(parameters)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
