/**
 * The demo tenant: in-memory state seeded from a number, and one node:http request handler that answers
 * Microsoft Graph paths under `/graph/{v1.0|beta}/...` (other services get their own prefixes later:
 * `/loganalytics`, `/arm`, `/servicenow`), the control endpoints under `/_demo/`, and injected faults.
 * Every response carries `request-id` and `client-request-id` headers, and every error has Graph's shape.
 * Like the real service, it throttles Identity Protection and Conditional Access (about one request a second,
 * see `identity-protection-throttle.ts`); fault rules can also drop connections or truncate bodies.
 * It never listens on a port itself (see `start-demo-tenant.ts`) and never reads the wall clock except
 * through the injected `now`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { routeControlRequest } from './control/routes-control.js';
import { createDemoClock } from './demo-clock.js';
import type { DemoTenantState } from './demo-tenant-state.js';
import { createFaultInjector, type FaultEffect, type FaultInjector } from './faults.js';
import { GraphHttpError, graphErrorBody } from './graph/graph-error.js';
import type { GraphRequest, GraphResponse } from './graph/graph-request.js';
import { routeGraphRequest } from './graph/graph-router.js';
import {
  createIdentityProtectionThrottle,
  DEFAULT_IDENTITY_PROTECTION_RATE,
  type IdentityProtectionRate,
  type IdentityProtectionThrottle,
} from './identity-protection-throttle.js';
import { routeServiceRequest } from './route-service-request.js';
import { DEFAULT_DEMO_SEED, seedTenant } from './seed/seed-tenant.js';

export type { DemoTenantState } from './demo-tenant-state.js';

/** How to build a demo tenant. */
export interface DemoTenantOptions {
  /** Seed of the generated data (default 4211). Same seed and same `now()` → same tenant. */
  seed?: number;
  /** The tenant's clock; every seeded timestamp is relative to it. Default: the wall clock. */
  now?: () => Date;
  /**
   * Identity Protection / Conditional Access throttling (per tenant, across apps, refilled on the tenant's
   * clock): default `{ burst: 4, perSecond: 1 }`, like the real service; `false` turns it off.
   */
  identityProtectionRate?: IdentityProtectionRate;
}

/** A demo tenant: its state and its HTTP handler. */
export interface DemoTenant {
  state: DemoTenantState;
  /** The fault rules in force (also reachable through `/_demo/faults`). */
  faults: FaultInjector;
  /** The Identity Protection throttle (also reachable through `/_demo/throttle`). */
  throttle: IdentityProtectionThrottle;
  /** A node:http request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Restores the seeded data (anchored at the current `now()`), clears fault rules, refills the throttle. */
  reset(): void;
}

const GRAPH_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const CONTROL_CONTENT_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 64 * 1024;
const FAULT_ERRORS: Record<429 | 500 | 503 | 504, { code: string; message: string }> = {
  429: {
    code: 'TooManyRequests',
    message: 'Too many requests. Retry after the number of seconds in the Retry-After header.',
  },
  500: { code: 'generalException', message: 'An unspecified error has occurred.' },
  503: {
    code: 'serviceNotAvailable',
    message:
      'The service is temporarily unavailable. You may repeat the request after a delay, which may be given in a Retry-After header.',
  },
  504: {
    code: 'GatewayTimeout',
    message: 'The gateway did not receive a timely response from the upstream service.',
  },
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new GraphHttpError(413, 'BadRequest', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function splitSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new GraphHttpError(400, 'BadRequest', `The path segment '${s}' is not valid percent-encoding.`);
      }
    });
}

/** Creates a demo tenant seeded from `options.seed`, with timestamps relative to `options.now()`. */
export function createDemoTenant(options: DemoTenantOptions = {}): DemoTenant {
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const state = seedTenant(seed, now().getTime());
  const clock = createDemoClock(now, () => state.anchorMs);
  const faults = createFaultInjector(seed);
  const throttle = createIdentityProtectionThrottle(
    options.identityProtectionRate ?? DEFAULT_IDENTITY_PROTECTION_RATE,
  );

  const reset = () => {
    Object.assign(state, seedTenant(seed, now().getTime()));
    faults.clear();
    // The rate is a setting of the tenant, like its seed: a reset refills the bucket but keeps the rate.
    throttle.refill();
  };

  /** `applied.fault` says how the answer must be mangled on the way out (drop, truncate). */
  async function respond(
    req: IncomingMessage,
    applied: { fault?: FaultEffect },
  ): Promise<{ result: GraphResponse; contentType: string }> {
    const url = new URL(req.url ?? '/', 'http://demo-tenant.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    if (path.startsWith('/_demo/')) {
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : '';
      const result = routeControlRequest(method, path.slice('/_demo/'.length), body, {
        state,
        faults,
        throttle,
        now,
        reset,
      });
      return { result, contentType: CONTROL_CONTENT_TYPE };
    }

    const fault = faults.take(path);
    if (fault !== undefined) {
      applied.fault = fault;
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.status !== undefined) {
        const headers: Record<string, string> = { 'x-demo-fault': fault.ruleId };
        if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
        const { code, message } = FAULT_ERRORS[fault.status];
        throw new GraphHttpError(fault.status, code, message, { headers });
      }
    }

    // Azure Resource Manager (/arm), Log Analytics (/loganalytics), ServiceNow (/servicenow), threat
    // intelligence (/threatintel): their own shapes.
    const service = await routeServiceRequest(req, url, { state, clock });
    if (service !== undefined) return service;

    const graph = /^\/graph\/([^/]+)(\/.*)?$/.exec(path);
    if (graph === null) {
      throw new GraphHttpError(
        404,
        'NotFound',
        `The demo tenant serves no service at '${path}'. It serves Microsoft Graph at /graph/v1.0 and /graph/beta, Azure Resource Manager at /arm, Log Analytics at /loganalytics, ServiceNow at /servicenow, threat intelligence (VirusTotal, NVD, FIRST EPSS) at /threatintel, and its controls at /_demo/.`,
      );
    }
    const version = graph[1]!;
    if (version !== 'v1.0' && version !== 'beta') {
      throw new GraphHttpError(400, 'BadRequest', `Invalid version '${version}': use v1.0 or beta.`);
    }
    const retryAfterSeconds = throttle.check(path, now().getTime());
    if (retryAfterSeconds !== undefined) {
      const { code, message } = FAULT_ERRORS[429];
      throw new GraphHttpError(429, code, message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
    }
    const rawPath = graph[2] ?? '';
    const host = req.headers.host ?? 'localhost';
    const request: GraphRequest = {
      method,
      version,
      segments: splitSegments(rawPath),
      rawPath,
      query: url.searchParams,
      headers: req.headers,
      serviceRoot: `http://${host}/graph/${version}`,
      body: method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : '',
    };
    return { result: routeGraphRequest(request, { state, clock }), contentType: GRAPH_CONTENT_TYPE };
  }

  function write(
    res: ServerResponse,
    result: GraphResponse,
    contentType: string,
    ids: { requestId: string; clientRequestId: string },
    fault: FaultEffect | undefined,
  ) {
    if (res.headersSent) return;
    const common = {
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      'OData-Version': '4.0',
      'Cache-Control': 'no-cache',
    };
    if (result.body === undefined) {
      // 204 No Content (and any other answer without a body): no entity headers.
      res.writeHead(result.status, { ...result.headers, ...common });
      res.end();
      return;
    }
    const payload = JSON.stringify(result.body);
    if (fault?.kind === 'truncate') {
      // A 200 whose JSON stops half way, with a length that matches what is sent: a complete HTTP answer.
      const half = Buffer.from(payload, 'utf8').subarray(0, Math.floor(Buffer.byteLength(payload) / 2));
      res.writeHead(200, { ...common, 'Content-Type': contentType, 'Content-Length': half.length });
      res.end(half);
      return;
    }
    res.writeHead(result.status, {
      ...result.headers,
      ...common,
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(payload),
    });
    res.end(payload);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID();
    const header = req.headers['client-request-id'];
    const ids = {
      requestId,
      clientRequestId: typeof header === 'string' && header !== '' ? header : requestId,
    };
    const applied: { fault?: FaultEffect } = {};
    respond(req, applied)
      .then(
        ({ result, contentType }) => {
          // A dropped connection: the request was carried out, but its answer is lost on the way back.
          if (applied.fault?.kind === 'drop') res.destroy();
          else write(res, result, contentType, ids, applied.fault);
        },
        (error: unknown) => {
          if (applied.fault?.kind === 'drop') {
            res.destroy();
            return;
          }
          const known = GraphHttpError.isInstance(error)
            ? error
            : new GraphHttpError(
                500,
                'generalException',
                `The demo tenant failed: ${error instanceof Error ? error.message : String(error)}`,
              );
          write(
            res,
            {
              status: known.status,
              headers: { ...known.headers },
              body: graphErrorBody(known.graphCode, known.message, { date: now(), ...ids }),
            },
            GRAPH_CONTENT_TYPE,
            ids,
            applied.fault,
          );
        },
      )
      // Only reached if writing itself failed (the client went away mid-response): drop the connection.
      .catch(() => res.destroy());
  }

  return { state, faults, throttle, handle, reset };
}
