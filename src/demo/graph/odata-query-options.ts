/**
 * Reads the OData system query options Ward sends ($filter, $select, $orderby, $top, $count, $skiptoken, and
 * $expand where the resource has navigation properties) from a Graph request and checks them against what the
 * resource supports, answering as Graph does when they are wrong (400 with Graph's code and a message naming
 * the option). Options the demo tenant does not implement ($search, $skip, nested $expand options, ...) are
 * refused by name rather than silently ignored.
 * It never touches data: it only turns query text into checked values.
 */
import { z } from 'zod/v4';
import { type FilterExpression, parseODataFilter } from '../odata/odata-filter.js';
import { ODataFilterError } from '../odata/odata-filter-error.js';
import { type FilterableProperties, resolveFilterProperties } from '../odata/resolve-filter-properties.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest } from './graph-request.js';

const COLLECTION_OPTIONS: readonly string[] = [
  '$filter',
  '$select',
  '$orderby',
  '$top',
  '$count',
  '$skiptoken',
];
const ENTITY_OPTIONS: readonly string[] = ['$select'];

/** One `$orderby` clause. */
export interface OrderBy {
  property: string;
  descending: boolean;
}

/** Checked query options for a collection request. */
export interface CollectionQuery {
  filter?: FilterExpression;
  select?: string[];
  orderBy: OrderBy[];
  top?: number;
  count: boolean;
  offset: number;
  /** Navigation properties to expand, as declared. */
  expand: string[];
}

/** Checked query options for a single-entity request. */
export interface EntityQuery {
  select?: string[];
  expand: string[];
}

/** What a collection lets callers do with query options. */
export interface CollectionCapabilities {
  entityType: string;
  properties: readonly string[];
  filterable: FilterableProperties;
  orderable: readonly string[];
  maxPageSize: number;
  /** Navigation properties `$expand` may name (none: `$expand` is refused). */
  expandable?: readonly string[];
}

const skipTokenSchema = z.object({ o: z.number().int().nonnegative() });

/** Encodes a paging position as an opaque `$skiptoken`. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

function decodeSkipToken(token: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = skipTokenSchema.safeParse(parsed);
  if (!result.success) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Invalid $skiptoken '${token}': it was not issued by this service.`,
    );
  }
  return result.data.o;
}

function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Query option '${name}' was specified more than once, but it must be specified at most once.`,
    );
  }
  return values[0];
}

function assertOnlyOptions(
  request: GraphRequest,
  base: readonly string[],
  expandable: readonly string[] | undefined,
  where: string,
): void {
  const allowed = expandable !== undefined && expandable.length > 0 ? [...base, '$expand'] : base;
  for (const name of new Set(request.query.keys())) {
    if (name.startsWith('$') && !allowed.includes(name.toLowerCase())) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Query option '${name}' is not supported by the demo tenant on ${where} (supported: ${allowed.join(', ')}).`,
      );
    }
  }
}

/** Resolves `$expand` names to their declared spelling; nested options (`alerts($select=id)`) are refused. */
export function parseExpand(
  request: GraphRequest,
  entityType: string,
  expandable: readonly string[] | undefined,
): string[] {
  const text = single(request.query, '$expand');
  if (text === undefined) return [];
  const byLower = new Map((expandable ?? []).map((p) => [p.toLowerCase(), p]));
  const expanded: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name.includes('(')) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Nested query options in $expand ('${name}') are not supported by the demo tenant: expand '${name.slice(0, name.indexOf('('))}' alone.`,
      );
    }
    const declared = byLower.get(name.toLowerCase());
    if (declared === undefined) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Parsing OData Select and Expand failed: Could not find a navigation property named '${name}' on type '${entityType}'${byLower.size > 0 ? ` (expandable: ${[...byLower.values()].join(', ')})` : ''}.`,
      );
    }
    if (!expanded.includes(declared)) expanded.push(declared);
  }
  return expanded;
}

/** Resolves `$select` names to their declared spelling, or answers Graph's "Could not find a property" error. */
export function parseSelect(
  request: GraphRequest,
  entityType: string,
  properties: readonly string[],
): string[] | undefined {
  const text = single(request.query, '$select');
  if (text === undefined) return undefined;
  const byLower = new Map(properties.map((p) => [p.toLowerCase(), p]));
  const selected: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const declared = byLower.get(name.toLowerCase());
    if (declared === undefined) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Could not find a property named '${name}' on type '${entityType}'.`,
      );
    }
    if (!selected.includes(declared)) selected.push(declared);
  }
  return selected.length > 0 ? selected : undefined;
}

/** Checks the query options of a single-entity GET (`$select`, and `$expand` where the entity has any). */
export function parseEntityQuery(
  request: GraphRequest,
  entityType: string,
  properties: readonly string[],
  expandable?: readonly string[],
): EntityQuery {
  assertOnlyOptions(request, ENTITY_OPTIONS, expandable, 'a single entity');
  return {
    select: parseSelect(request, entityType, properties),
    expand: parseExpand(request, entityType, expandable),
  };
}

/** Checks and parses the query options of a collection GET. */
export function parseCollectionQuery(
  request: GraphRequest,
  capabilities: CollectionCapabilities,
): CollectionQuery {
  assertOnlyOptions(request, COLLECTION_OPTIONS, capabilities.expandable, 'this collection');
  const query = request.query;

  let filter: FilterExpression | undefined;
  const filterText = single(query, '$filter');
  if (filterText !== undefined) {
    try {
      filter = resolveFilterProperties(
        parseODataFilter(filterText),
        capabilities.filterable,
        capabilities.entityType,
      );
    } catch (error) {
      if (ODataFilterError.isInstance(error)) {
        throw new GraphHttpError(
          400,
          error.kind === 'syntax' ? 'BadRequest' : 'Request_UnsupportedQuery',
          error.message,
          { cause: error },
        );
      }
      throw error;
    }
  }

  const orderBy: OrderBy[] = [];
  const orderText = single(query, '$orderby');
  if (orderText !== undefined) {
    const byLower = new Map(capabilities.orderable.map((p) => [p.toLowerCase(), p]));
    for (const clause of orderText.split(',')) {
      const parts = clause.trim().split(/\s+/);
      const [name, direction, ...rest] = parts;
      const declared = name === undefined ? undefined : byLower.get(name.toLowerCase());
      const dir = direction?.toLowerCase();
      if (
        declared === undefined ||
        rest.length > 0 ||
        (dir !== undefined && dir !== 'asc' && dir !== 'desc')
      ) {
        throw new GraphHttpError(
          400,
          'Request_UnsupportedQuery',
          `Unsupported query: $orderby '${clause.trim()}' on ${capabilities.entityType} is not supported by the demo tenant (supported: ${capabilities.orderable.map((p) => `${p} asc|desc`).join(', ') || 'none'}).`,
        );
      }
      orderBy.push({ property: declared, descending: dir === 'desc' });
    }
  }

  let top: number | undefined;
  const topText = single(query, '$top');
  if (topText !== undefined) {
    top = /^\d+$/.test(topText) ? Number(topText) : Number.NaN;
    if (!Number.isInteger(top) || top < 1 || top > capabilities.maxPageSize) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Invalid page size specified: '${topText}'. Must be between 1 and ${capabilities.maxPageSize} inclusive.`,
      );
    }
  }

  const countText = single(query, '$count');
  if (countText !== undefined && countText !== 'true' && countText !== 'false') {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Invalid value '${countText}' for $count: use true or false.`,
    );
  }

  const skipToken = single(query, '$skiptoken');
  return {
    filter,
    select: parseSelect(request, capabilities.entityType, capabilities.properties),
    orderBy,
    top,
    count: countText === 'true',
    offset: skipToken === undefined ? 0 : decodeSkipToken(skipToken),
    expand: parseExpand(request, capabilities.entityType, capabilities.expandable),
  };
}
