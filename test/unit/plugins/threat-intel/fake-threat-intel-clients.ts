/**
 * In-memory stand-ins for the threat-intelligence clients and the Graph client, built on their real
 * interfaces: they answer from maps, record every lookup (so a test can prove nothing was sent), and fail on
 * request with the WardError the real client would throw.
 */
import type { GraphClient } from '../../../../src/clients/graph.js';
import { type ThreatIntelClient, threatIntelPaths } from '../../../../src/clients/threat-intel.js';
import { type CveIntelClient, cveIntelPaths } from '../../../../src/clients/threat-intel-cve.js';
import type {
  EpssScore,
  NvdCve,
  SightingAlert,
  VtAnalysisStats,
  VtDomainAttributes,
  VtFileAttributes,
  VtIpAddressAttributes,
  VtUrlAttributes,
} from '../../../../src/clients/threat-intel-resources.js';
import { SourceUnavailableError } from '../../../../src/core/errors.js';

/** What the fake reputation source knows, and which of its lookups fail. */
export interface FakeReputationData {
  ips?: Record<string, VtIpAddressAttributes>;
  domains?: Record<string, VtDomainAttributes>;
  urls?: Record<string, VtUrlAttributes>;
  files?: Record<string, VtFileAttributes>;
  /** Lookup kinds that answer with a 503, as VirusTotal down. */
  failing?: Set<'ip' | 'domain' | 'url' | 'file'>;
}

export interface FakeReputationClient extends ThreatIntelClient {
  /** Every path requested, in order. */
  requests: string[];
}

/** A reputation source answering from `data`. */
export function fakeReputationClient(data: FakeReputationData = {}): FakeReputationClient {
  const requests: string[] = [];
  const lookup = async <A>(
    kind: 'ip' | 'domain' | 'url' | 'file',
    path: string,
    key: string,
    table?: Record<string, A>,
  ) => {
    requests.push(path);
    if (data.failing?.has(kind)) {
      throw new SourceUnavailableError('VirusTotal failed (503) after 3 retries.', { status: 503 });
    }
    const attributes = table && Object.hasOwn(table, key) ? table[key] : undefined;
    return attributes === undefined ? null : { id: key, attributes };
  };
  return {
    service: 'VirusTotal',
    baseUrl: 'https://www.virustotal.com',
    requests,
    ipAddress: (ip) => lookup('ip', threatIntelPaths.ipAddress(ip), ip, data.ips),
    domain: (domain) => lookup('domain', threatIntelPaths.domain(domain), domain, data.domains),
    url: (url) => lookup('url', threatIntelPaths.url(url), url, data.urls),
    file: (hash) => lookup('file', threatIntelPaths.file(hash), hash, data.files),
    describe: (path) => `GET ${path}`,
  };
}

/** What the fake NVD and EPSS know. */
export interface FakeCveData {
  nvd?: Record<string, NvdCve>;
  epss?: Record<string, EpssScore>;
  failing?: Set<'nvd' | 'epss'>;
}

export interface FakeCveClient extends CveIntelClient {
  requests: string[];
}

/** NVD and EPSS answering from `data`. */
export function fakeCveClient(data: FakeCveData = {}): FakeCveClient {
  const requests: string[] = [];
  return {
    requests,
    async nvd(cve) {
      requests.push(cveIntelPaths.nvd(cve));
      if (data.failing?.has('nvd')) throw new SourceUnavailableError('NVD failed (503) after 3 retries.');
      return data.nvd?.[cve] ?? null;
    },
    async epss(cve) {
      requests.push(cveIntelPaths.epss(cve));
      if (data.failing?.has('epss'))
        throw new SourceUnavailableError('FIRST EPSS failed (503) after 3 retries.');
      return data.epss?.[cve] ?? null;
    },
    describe: (path) => `GET ${path}`,
  };
}

export interface FakeGraph extends GraphClient {
  requests: string[];
}

/** A Graph client whose `/security/alerts_v2` lists `alerts`; everything else is a programming error. */
export function fakeAlertsGraph(alerts: SightingAlert[], options: { failing?: boolean } = {}): FakeGraph {
  const requests: string[] = [];
  const unexpected = async (): Promise<never> => {
    throw new Error('unexpected Graph call');
  };
  return {
    baseUrl: 'https://graph.microsoft.com',
    requests,
    get: unexpected,
    post: unexpected,
    patch: unexpected,
    async list(path) {
      requests.push(path);
      if (options.failing) throw new SourceUnavailableError('Microsoft Graph failed (503) after retries.');
      // biome-ignore lint/suspicious/noExplicitAny: the fake serves one schema's items
      return { items: alerts as any[], truncated: false, pages: 1 };
    },
    describe: (method, path) => `${method} /v1.0${path}`,
  };
}

/** Engine counts. */
export function stats(
  malicious: number,
  suspicious: number,
  harmless: number,
  undetected: number,
): VtAnalysisStats {
  return { malicious, suspicious, harmless, undetected, timeout: 0 };
}

/** `Date` as VirusTotal's Unix seconds. */
export function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A Defender XDR alert with the given evidence. */
export function alert(
  id: string,
  evidence: NonNullable<SightingAlert['evidence']>,
  overrides: Partial<SightingAlert> = {},
): SightingAlert {
  return {
    id,
    incidentId: '4211',
    title: `Alert ${id}`,
    description: '',
    status: 'new',
    severity: 'high',
    serviceSource: 'microsoftDefenderForEndpoint',
    createdDateTime: '2025-06-11T14:48:00.000Z',
    mitreTechniques: [],
    systemTags: [],
    evidence,
    ...overrides,
  } as SightingAlert;
}

/** One piece of alert evidence. */
export function evidence(fields: Record<string, unknown>): NonNullable<SightingAlert['evidence']>[number] {
  return {
    '@odata.type': '#microsoft.graph.security.ipEvidence',
    verdict: 'malicious',
    roles: [],
    detailedRoles: [],
    tags: [],
    ...fields,
  } as NonNullable<SightingAlert['evidence']>[number];
}
