/**
 * Answers a Graph collection GET the way Graph does: filter, order, count, one page of `$top` (or the
 * resource's default page size) items, `$select` projection, `$expand` of navigation properties (through the
 * expanders the route passes), `@odata.context`, `@odata.count` and an absolute `@odata.nextLink` carrying the
 * same query options plus a `$skiptoken`. Also answers single-entity GETs.
 * It never knows about a particular resource: each route passes its definition and its items (already in
 * wire shape, timestamps slid to the present).
 */
import type { FilterExpression } from '../odata/odata-filter.js';
import { evaluateODataFilter, readPropertyPath } from '../odata/odata-filter-evaluate.js';
import type { FilterableProperties } from '../odata/resolve-filter-properties.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import {
  encodeSkipToken,
  type OrderBy,
  parseCollectionQuery,
  parseEntityQuery,
} from './odata-query-options.js';

/** How one Graph collection behaves. */
export interface CollectionDefinition {
  /** Path of the entity set in `$metadata`, e.g. `users`, `identityProtection/riskyUsers`. */
  contextPath: string;
  /** Qualified type, e.g. `microsoft.graph.signIn`, for error messages. */
  entityType: string;
  /** Every property the resource has, in the order Graph writes them; `$select` may name any of these. */
  properties: readonly string[];
  /** Properties returned without `$select` (Graph returns a default subset for users); all the item has when absent. */
  defaultProperties?: readonly string[];
  /** Properties always written even with `$select` (e.g. `@odata.type` of derived types). */
  alwaysProperties?: readonly string[];
  filterable: FilterableProperties;
  orderable: readonly string[];
  /** Order when `$orderby` is absent. */
  defaultOrderBy: readonly OrderBy[];
  defaultPageSize: number;
  maxPageSize: number;
  /** `$count=true` needs `ConsistencyLevel: eventual` (directory objects' advanced queries). */
  countNeedsConsistencyLevel?: boolean;
  /**
   * Properties a `$filter` may only name in an advanced query (`ConsistencyLevel: eventual` and `$count=true`),
   * as Graph requires for some directory properties; without both, Graph answers 400 "Unsupported Query".
   */
  advancedQueryProperties?: readonly string[];
  /** Navigation properties `$expand` may name; the route passes an expander for each. */
  expandable?: readonly string[];
}

type WireItem = Readonly<Record<string, unknown>>;

/** Computes an expanded navigation property of one (wire-shaped) item: an entity, a collection or null. */
export type Expanders = Readonly<Record<string, (item: WireItem) => unknown>>;

function expandInto(
  out: Record<string, unknown>,
  item: WireItem,
  expand: readonly string[],
  expanders: Expanders,
): Record<string, unknown> {
  for (const name of expand) {
    const expander = expanders[name];
    if (expander === undefined) throw new Error(`no expander for navigation property '${name}'`);
    out[name] = expander(item);
  }
  return out;
}

function project(
  item: WireItem,
  properties: readonly string[] | undefined,
  always: readonly string[],
): Record<string, unknown> {
  if (properties === undefined) return { ...item };
  const out: Record<string, unknown> = {};
  for (const name of always) if (name in item) out[name] = item[name];
  for (const name of properties) out[name] = item[name] ?? null;
  return out;
}

function compareForOrder(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortItems(items: WireItem[], orderBy: readonly OrderBy[]): WireItem[] {
  if (orderBy.length === 0) return items;
  return items.sort((a, b) => {
    for (const { property, descending } of orderBy) {
      const path = property.split('/');
      const c = compareForOrder(readPropertyPath(a, path), readPropertyPath(b, path));
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
}

function contextUrl(
  request: GraphRequest,
  contextPath: string,
  select: readonly string[] | undefined,
  expand: readonly string[],
  entity: boolean,
): string {
  const names = [...(select ?? []), ...expand.map((name) => `${name}()`)];
  const projection = names.length === 0 ? '' : `(${names.join(',')})`;
  return `${request.serviceRoot}/$metadata#${contextPath}${projection}${entity ? '/$entity' : ''}`;
}

function nextLink(request: GraphRequest, offset: number): string {
  const parts: string[] = [];
  for (const [name, value] of request.query) {
    if (name.toLowerCase() === '$skiptoken') continue;
    parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${request.serviceRoot}${request.rawPath}?${parts.join('&')}`;
}

/** The property paths a (resolved) filter names, joined with `/`, outside `any()` lambdas. */
function filterProperties(expression: FilterExpression): string[] {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(expression.left), ...filterProperties(expression.right)];
    case 'not':
      return filterProperties(expression.operand);
    case 'comparison':
      return [expression.left, expression.right].flatMap((operand) =>
        operand.kind === 'property' ? [operand.path.join('/')] : [],
      );
    case 'function':
      return expression.args.flatMap((operand) =>
        operand.kind === 'property' ? [operand.path.join('/')] : [],
      );
    case 'any':
      return [expression.collection.join('/')];
  }
}

/** Answers a collection GET over `items` (wire-shaped, in the resource's natural order). */
export function listCollection(
  request: GraphRequest,
  definition: CollectionDefinition,
  records: readonly object[],
  expanders: Expanders = {},
): GraphResponse {
  // Records are plain JSON objects (interfaces without index signatures); read them as such.
  const items = records as readonly WireItem[];
  const query = parseCollectionQuery(request, definition);
  if (query.count && definition.countNeedsConsistencyLevel) {
    const consistency = request.headers.consistencylevel;
    if (typeof consistency !== 'string' || consistency.toLowerCase() !== 'eventual') {
      throw new GraphHttpError(
        400,
        'Request_BadRequest',
        '$count is not currently supported. Add the request header ConsistencyLevel: eventual to use $count on directory objects.',
      );
    }
  }
  const filter = query.filter;
  if (filter !== undefined && definition.advancedQueryProperties?.length) {
    const advanced = filterProperties(filter).filter((name) =>
      definition.advancedQueryProperties?.includes(name),
    );
    const consistency = request.headers.consistencylevel;
    const eventual = typeof consistency === 'string' && consistency.toLowerCase() === 'eventual';
    if (advanced.length > 0 && (!eventual || !query.count)) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported Query. Filtering on ${advanced.join(', ')} is an advanced query: send the header ConsistencyLevel: eventual and $count=true.`,
      );
    }
  }
  const matching =
    filter === undefined ? [...items] : items.filter((item) => evaluateODataFilter(filter, item));
  const ordered = sortItems(matching, query.orderBy.length > 0 ? query.orderBy : definition.defaultOrderBy);
  const pageSize = query.top ?? definition.defaultPageSize;
  const page = ordered.slice(query.offset, query.offset + pageSize);
  const properties = query.select ?? definition.defaultProperties;
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(request, definition.contextPath, query.select, query.expand, false),
  };
  if (query.count) body['@odata.count'] = ordered.length;
  if (query.offset + pageSize < ordered.length)
    body['@odata.nextLink'] = nextLink(request, query.offset + pageSize);
  body.value = page.map((item) =>
    expandInto(project(item, properties, definition.alwaysProperties ?? []), item, query.expand, expanders),
  );
  return { status: 200, body };
}

/** Answers a single-entity GET for `item` (wire-shaped). */
export function getEntity(
  request: GraphRequest,
  definition: CollectionDefinition,
  record: object,
  expanders: Expanders = {},
): GraphResponse {
  const item = record as WireItem;
  const { select, expand } = parseEntityQuery(
    request,
    definition.entityType,
    definition.properties,
    definition.expandable,
  );
  const properties = select ?? definition.defaultProperties;
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(request, definition.contextPath, select, expand, true),
      ...expandInto(project(item, properties, definition.alwaysProperties ?? []), item, expand, expanders),
    },
  };
}
