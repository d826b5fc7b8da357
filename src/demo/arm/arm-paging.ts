/**
 * ARM list paging for the demo tenant: one page of `value` and, when more remain, an absolute `nextLink`
 * that repeats the request's query (`api-version`, `$expand`...) with a `$skipToken`, the way Resource
 * Providers page. The token is opaque to clients; here it is the next offset, base64url-encoded.
 * It never filters or sorts: routes pass the items in their natural order.
 */
import type { DemoServiceRequest } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';

/** The offset a `$skipToken` stands for (0 without one). */
export function readSkipToken(token: string | null | undefined): number {
  if (token === null || token === undefined || token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^\{"offset":(\d{1,9})\}$/.exec(text);
  if (match === null) {
    throw new ArmHttpError(400, 'InvalidSkipToken', `The $skipToken '${token}' is not valid.`);
  }
  return Number.parseInt(match[1]!, 10);
}

/** A `$skipToken` for `offset`. */
export function writeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

/** `{ value, nextLink? }` for the page of `items` the request's `$skipToken` asks for. */
export function armPage<T>(
  request: DemoServiceRequest,
  items: readonly T[],
  pageSize: number,
): { value: T[]; nextLink?: string } {
  const offset = readSkipToken(request.query.get('$skipToken') ?? request.query.get('$skiptoken'));
  const value = items.slice(offset, offset + pageSize);
  if (offset + pageSize >= items.length) return { value };
  // Written as ARM writes them: `$` left as it is, values percent-encoded.
  const parts: string[] = [];
  for (const [name, v] of request.query) {
    if (name.toLowerCase() !== '$skiptoken') parts.push(`${name}=${encodeURIComponent(v)}`);
  }
  parts.push(`$skipToken=${writeSkipToken(offset + pageSize)}`);
  return { value, nextLink: `${request.serviceRoot}${request.path}?${parts.join('&')}` };
}
