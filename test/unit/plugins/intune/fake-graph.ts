/**
 * An in-memory Microsoft Graph for Intune tests: a `GraphClient` (the real interface) that serves
 * `/deviceManagement/managedDevices` with `$filter` evaluated by the demo tenant's own OData parser and
 * evaluator (so a filter a skill builds must be valid OData, with Graph's case-insensitive string comparison),
 * `$select`, `$top` and `maxItems`, one device by id, and its `deviceCompliancePolicyStates`; responses are
 * validated with the skill's schema like the real client does. Paths matching `failing` answer with a
 * SourceUnavailableError (as the real client reports a 503 after its retries). Records every path requested.
 */
import type { z } from 'zod/v4';
import type { GraphClient, GraphList } from '../../../../src/clients/graph.js';
import type {
  DeviceCompliancePolicyState,
  ManagedDevice,
} from '../../../../src/clients/graph-device-resources.js';
import { NotFoundError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { parseODataFilter } from '../../../../src/demo/odata/odata-filter.js';
import { evaluateODataFilter } from '../../../../src/demo/odata/odata-filter-evaluate.js';

export interface FakeIntuneTenant {
  devices: ManagedDevice[];
  /** Compliance policy states by managed device id. */
  states?: Record<string, DeviceCompliancePolicyState[]>;
  /** Paths (decoded) matching one of these fail with a 503. */
  failing?: RegExp[];
}

export interface FakeGraph {
  graph: GraphClient;
  /** Every path requested, decoded, in order. */
  requests: string[];
}

const DEVICES = '/deviceManagement/managedDevices';

/** A Graph client over an in-memory Intune tenant. */
export function fakeGraph(tenant: FakeIntuneTenant): FakeGraph {
  const requests: string[] = [];

  function request(path: string): { route: string; query: URLSearchParams } {
    const decoded = decodeURIComponent(path);
    requests.push(decoded);
    if (tenant.failing?.some((pattern) => pattern.test(decoded))) {
      throw new SourceUnavailableError('Microsoft Graph failed (503) after retries.', { status: 503 });
    }
    const [route = '', search = ''] = path.split('?');
    return { route: decodeURIComponent(route), query: new URLSearchParams(search) };
  }

  function select(item: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
    const wanted = query.get('$select');
    if (!wanted) return item;
    return Object.fromEntries(wanted.split(',').map((key) => [key, item[key]]));
  }

  function findDevice(id: string): ManagedDevice {
    const device = tenant.devices.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
    if (!device) throw new NotFoundError(`Microsoft Graph has no such object (GET ${DEVICES}/${id}).`);
    return device;
  }

  function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
    const result = schema.safeParse(data);
    if (!result.success)
      throw new SourceUnavailableError('Microsoft Graph returned data Ward could not read.');
    return result.data;
  }

  const graph: GraphClient = {
    baseUrl: 'https://graph.example.test',
    async get(path, schema) {
      const { route, query } = request(path);
      const match = /^\/deviceManagement\/managedDevices\/([^/]+)$/.exec(route);
      if (!match?.[1]) throw new Error(`the fake Graph does not serve GET ${route}`);
      return parse(schema, select(findDevice(match[1]), query));
    },
    async list(path, item, options) {
      const { route, query } = request(path);
      let items: Record<string, unknown>[];
      if (route === DEVICES) {
        const filter = query.get('$filter');
        const expression = filter ? parseODataFilter(filter) : undefined;
        items = tenant.devices.filter((device) => !expression || evaluateODataFilter(expression, device));
      } else {
        const match = /^\/deviceManagement\/managedDevices\/([^/]+)\/deviceCompliancePolicyStates$/.exec(
          route,
        );
        if (!match?.[1]) throw new Error(`the fake Graph does not serve GET ${route}`);
        items = tenant.states?.[findDevice(match[1]).id] ?? [];
      }
      const maxItems = options?.maxItems ?? 500;
      const parsed = items.slice(0, maxItems).map((entry) => parse(item, select(entry, query)));
      return { items: parsed, truncated: items.length > maxItems, pages: 1 } as GraphList<
        z.output<typeof item>
      >;
    },
    async post() {
      throw new Error('the Intune plugin must never write');
    },
    async patch() {
      throw new Error('the Intune plugin must never write');
    },
    describe(method, path, version = 'v1.0') {
      return `${method} /${version}${decodeURIComponent(path)}`;
    },
  };
  return { graph, requests };
}
