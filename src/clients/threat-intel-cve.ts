/**
 * Ward's client for vulnerability intelligence from the two public, authoritative sources: the NVD CVE API
 * 2.0 (description, CVSS v4.0/v3.x/v2 scores, weaknesses, references, and the CISA Known Exploited
 * Vulnerabilities fields NVD carries with each record) and the FIRST EPSS API (the probability of exploitation
 * in the next 30 days). Both are keyless; an NVD API key, when given, only raises NVD's rate limit.
 * Reads only, zod-validated, retried on 429/5xx with `Retry-After`; a CVE a source has no record of is `null`.
 * The key never appears in a message.
 */
import { ConfigError } from '../core/errors.js';
import { createJsonSource } from './threat-intel-request.js';
import {
  type EpssScore,
  epssResponseSchema,
  type NvdCve,
  nvdResponseSchema,
} from './threat-intel-resources.js';

/** How to build the client. */
export interface CveIntelClientOptions {
  /** NVD's origin, `https://services.nvd.nist.gov`, or the demo tenant's. */
  nvdUrl: string;
  /** Optional NVD API key (`apiKey` header): 50 instead of 5 requests per 30 s. */
  nvdApiKey?: string;
  /** FIRST's origin, `https://api.first.org`, or the demo tenant's. */
  epssUrl: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Options of one lookup. */
export interface CveIntelCallOptions {
  signal?: AbortSignal;
}

/** NVD and EPSS for one CVE at a time. */
export interface CveIntelClient {
  /** The NVD record of `cve`, or `null` when NVD has none. */
  nvd(cve: string, options?: CveIntelCallOptions): Promise<NvdCve | null>;
  /** The EPSS score of `cve`, or `null` when FIRST has not scored it. */
  epss(cve: string, options?: CveIntelCallOptions): Promise<EpssScore | null>;
  /** How a lookup is shown in citations. */
  describe(path: string): string;
}

/** The request path of each lookup. */
export const cveIntelPaths = {
  nvd: (cve: string) => `/rest/json/cves/2.0?cveId=${encodeURIComponent(cve)}`,
  epss: (cve: string) => `/data/v1/epss?cve=${encodeURIComponent(cve)}`,
} as const;

const API_KEY = /^[\x21-\x7e]{8,256}$/;

/** Creates the client. Validates options at construction and throws ConfigError if they are unsafe. */
export function createCveIntelClient(options: CveIntelClientOptions): CveIntelClient {
  if (options.nvdApiKey !== undefined && !API_KEY.test(options.nvdApiKey)) {
    throw new ConfigError(
      'The NVD API key must be 8 to 256 printable characters without spaces (it was not; it is not shown).',
    );
  }
  const common = { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
  const nvd = createJsonSource({
    ...common,
    service: 'NVD',
    baseUrl: options.nvdUrl,
    headers: options.nvdApiKey ? { apiKey: options.nvdApiKey } : undefined,
    accessHint: options.nvdApiKey
      ? 'check the NVD API key Ward uses (NVD_API_KEY); NVD also refuses more than 50 requests in 30 s.'
      : 'NVD refuses more than 5 requests in 30 s without an API key: set NVD_API_KEY for 50.',
  });
  const epss = createJsonSource({
    ...common,
    service: 'FIRST EPSS',
    baseUrl: options.epssUrl,
    accessHint: 'FIRST refused the request; check that Ward may reach api.first.org.',
  });
  return {
    async nvd(cve, call) {
      const body = await nvd.get(cveIntelPaths.nvd(cve), nvdResponseSchema, call?.signal);
      const record = body?.vulnerabilities.find((item) => item.cve.id.toUpperCase() === cve.toUpperCase());
      return record?.cve ?? null;
    },
    async epss(cve, call) {
      const body = await epss.get(cveIntelPaths.epss(cve), epssResponseSchema, call?.signal);
      return body?.data.find((score) => score.cve.toUpperCase() === cve.toUpperCase()) ?? null;
    },
    describe: (path) => `GET ${path}`,
  };
}
