/**
 * What a Graph route sees of an HTTP request, already split into the API version and the path segments, and
 * what it answers with. Keeps node:http types out of the routes so they stay plain functions of data.
 * It never reads the request body (the routes served so far take none).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A request under `/graph/{version}/...`. */
export interface GraphRequest {
  method: string;
  version: 'v1.0' | 'beta';
  /** Decoded path segments after the version, e.g. `['users', 'adele.vance@contoso.com']`. */
  segments: readonly string[];
  /** The path after the version as it arrived (still encoded), e.g. `/auditLogs/signIns`. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Absolute service root for `@odata.context` and `@odata.nextLink`, e.g. `http://127.0.0.1:4000/graph/v1.0`. */
  serviceRoot: string;
}

/** A successful Graph answer (errors are thrown as `GraphHttpError`). */
export interface GraphResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
