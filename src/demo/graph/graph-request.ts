/**
 * What a Graph route sees of an HTTP request, already split into the API version and the path segments, and
 * what it answers with. Keeps node:http types out of the routes so they stay plain functions of data.
 * It never parses the body: writes read it with `graph-request-body.ts`, against their own schema.
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
  /** The request body as text (empty for GET and for writes sent without one). */
  body: string;
}

/** A successful Graph answer (errors are thrown as `GraphHttpError`); `body` undefined sends no body (204). */
export interface GraphResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
