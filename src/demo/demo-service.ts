/**
 * The contract between the demo tenant's HTTP handler and the services it hosts besides Microsoft Graph
 * (Azure Resource Manager under `/arm`, Log Analytics under `/loganalytics`, ServiceNow under `/servicenow`):
 * a service gets a request already read (path after its prefix, query, headers, body) and answers with data,
 * errors included, in its own wire shape. Keeps node:http out of the services so they stay plain functions.
 * It never carries behaviour of its own.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { DemoClock } from './demo-clock.js';
import type { DemoTenantState } from './demo-tenant-state.js';

/** A request to one service, with its prefix removed. */
export interface DemoServiceRequest {
  method: string;
  /** The path after the service's prefix, still percent-encoded, e.g. `/subscriptions/x/providers/...`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request body as text ("" when there is none). */
  body: string;
  /** Absolute URL of the service's root, for links it writes, e.g. `http://127.0.0.1:4211/arm`. */
  serviceRoot: string;
}

/** What a service answers: always an answer, errors included. */
export interface DemoServiceResponse {
  status: number;
  /** JSON body; always present (the demo tenant writes every answer as JSON). */
  body: unknown;
  headers?: Record<string, string>;
}

/** What a service may read and change. */
export interface DemoServiceContext {
  state: DemoTenantState;
  clock: DemoClock;
}

/** One service of the demo tenant. */
export interface DemoService {
  /** As analysts know it, e.g. `Azure Resource Manager`. */
  name: string;
  /** Path prefix, e.g. `/arm`. */
  prefix: `/${string}`;
  /** `Content-Type` of its answers. */
  contentType: string;
  /** Answers a request; never throws for anything a client can send. */
  handle(request: DemoServiceRequest, context: DemoServiceContext): DemoServiceResponse;
  /** An error answer in the service's own shape (for failures outside `handle`, e.g. an oversized body). */
  error(status: number, message: string): DemoServiceResponse;
}
