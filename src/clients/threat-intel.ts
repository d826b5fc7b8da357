/**
 * Ward's client for a VirusTotal API v3-compatible threat-intelligence source (VirusTotal itself, or Google
 * Threat Intelligence, which serves the same paths with the same key): reputation reports of an IP address,
 * a domain, a URL and a file hash. One key (`x-apikey`), one wire shape, four kinds of indicator.
 * Lookups only: it never submits a file or a URL for analysis (that would share the tenant's indicator with
 * the source's community) and never follows a redirect. A source with no record answers `null`. Responses are
 * zod-validated; reads are retried on 429/5xx with `Retry-After` (see `threat-intel-request.ts`).
 * The key is sent only over https (or http to loopback, the demo tenant) and never appears in a message.
 */
import type { z } from 'zod/v4';
import { ConfigError } from '../core/errors.js';
import { createJsonSource } from './threat-intel-request.js';
import {
  type VtDomainAttributes,
  type VtFileAttributes,
  type VtIpAddressAttributes,
  type VtUrlAttributes,
  vtDomainAttributesSchema,
  vtErrorSchema,
  vtFileAttributesSchema,
  vtIpAddressAttributesSchema,
  vtObjectSchema,
  vtUrlAttributesSchema,
} from './threat-intel-resources.js';

/** How to build the client. */
export interface ThreatIntelClientOptions {
  /** Origin of the API, `https://www.virustotal.com` (paths start `/api/v3/`), or the demo tenant's. */
  baseUrl: string;
  apiKey: string;
  /** Named in citations and failures; default `VirusTotal`. */
  service?: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Options of one lookup. */
export interface ThreatIntelCallOptions {
  signal?: AbortSignal;
}

/** One object the source returned: its id and the attributes Ward reads. */
export interface ThreatIntelObject<A> {
  id: string;
  attributes: A;
}

/** A VirusTotal API v3-compatible reputation source. */
export interface ThreatIntelClient {
  readonly service: string;
  readonly baseUrl: string;
  ipAddress(
    ip: string,
    options?: ThreatIntelCallOptions,
  ): Promise<ThreatIntelObject<VtIpAddressAttributes> | null>;
  domain(
    domain: string,
    options?: ThreatIntelCallOptions,
  ): Promise<ThreatIntelObject<VtDomainAttributes> | null>;
  url(url: string, options?: ThreatIntelCallOptions): Promise<ThreatIntelObject<VtUrlAttributes> | null>;
  file(hash: string, options?: ThreatIntelCallOptions): Promise<ThreatIntelObject<VtFileAttributes> | null>;
  /** How a lookup is shown in citations: `GET /api/v3/ip_addresses/185.220.101.4`. */
  describe(path: string): string;
}

/** The request path of each lookup (the URL's id is its unpadded base64url, as the API defines it). */
export const threatIntelPaths = {
  ipAddress: (ip: string) => `/api/v3/ip_addresses/${encodeURIComponent(ip)}`,
  domain: (domain: string) => `/api/v3/domains/${encodeURIComponent(domain)}`,
  url: (url: string) => `/api/v3/urls/${urlIdentifier(url)}`,
  file: (hash: string) => `/api/v3/files/${encodeURIComponent(hash)}`,
} as const;

/** VirusTotal's URL identifier: the URL in base64url without padding. */
export function urlIdentifier(url: string): string {
  return Buffer.from(url, 'utf8').toString('base64url');
}

/** Printable ASCII without spaces: anything else in a header value could split the request. */
const API_KEY = /^[\x21-\x7e]{8,256}$/;

/** Creates the client. Validates options at construction and throws ConfigError if they are unsafe. */
export function createThreatIntelClient(options: ThreatIntelClientOptions): ThreatIntelClient {
  const service = options.service ?? 'VirusTotal';
  if (!API_KEY.test(options.apiKey)) {
    throw new ConfigError(
      `The ${service} API key must be 8 to 256 printable characters without spaces (it was not; it is not shown).`,
    );
  }
  const source = createJsonSource({
    service,
    baseUrl: options.baseUrl,
    headers: { 'x-apikey': options.apiKey },
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    accessHint: `check the ${service} API key Ward uses (THREAT_INTEL_API_KEY) and its quota.`,
    readServiceError: readVtError,
  });
  const lookup = async <A extends z.ZodType>(
    path: string,
    attributes: A,
    signal: AbortSignal | undefined,
  ): Promise<ThreatIntelObject<z.output<A>> | null> => {
    const body = await source.get(path, vtObjectSchema(attributes), signal);
    if (body === null) return null;
    // zod cannot see through the generic that `attributes` is required; the schema says it is.
    const data = body.data as { id: string; attributes: z.output<A> };
    return { id: data.id, attributes: data.attributes };
  };
  return {
    service,
    baseUrl: source.baseUrl,
    ipAddress: (ip, call) =>
      lookup(threatIntelPaths.ipAddress(ip), vtIpAddressAttributesSchema, call?.signal),
    domain: (domain, call) => lookup(threatIntelPaths.domain(domain), vtDomainAttributesSchema, call?.signal),
    url: (url, call) => lookup(threatIntelPaths.url(url), vtUrlAttributesSchema, call?.signal),
    file: (hash, call) => lookup(threatIntelPaths.file(hash), vtFileAttributesSchema, call?.signal),
    describe: (path) => `GET ${path}`,
  };
}

function readVtError(body: string): { code?: string; message?: string } | undefined {
  try {
    const parsed = vtErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message } : undefined;
  } catch {
    return undefined;
  }
}
