/**
 * The demo tenant's threat-intelligence sources under `/threatintel` (Ward's base URL for each is
 * `${url}/threatintel`, as it would be the source's origin), each at its real paths and in its real shapes:
 * - VirusTotal API v3: `GET /api/v3/ip_addresses/{ip}`, `/domains/{domain}`, `/urls/{id}` (unpadded base64url
 *   of the URL, or the SHA-256 of it), `/files/{md5|sha1|sha256}`, with `x-apikey` (the demo key; otherwise 401);
 *   a record it does not hold is 404 `NotFoundError`, as VirusTotal answers; errors are `{ error: { code, message } }`.
 * - NVD CVE API 2.0: `GET /rest/json/cves/2.0?cveId=...` (an unknown CVE: `totalResults: 0`).
 * - FIRST EPSS: `GET /data/v1/epss?cve=...[,...]`.
 * Answers come from `threat-intel-seed.ts`, relative to the tenant's clock. Fault rules apply as for every
 * service (the demo tenant applies them before routing here). Read-only: it has no writes and keeps no state.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { DemoService, DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { THREAT_INTEL_DEMO_API_KEY } from './threat-intel-demo-key.js';
import { buildThreatIntelSet, type DemoThreatIntelSet } from './threat-intel-seed.js';

/** A VirusTotal-shaped error. */
function vtError(status: number, code: string, message: string): DemoServiceResponse {
  return { status, body: { error: { code, message } } };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The URL a `/urls/{id}` id stands for, looked up in the set: base64url of the URL, or its SHA-256. */
function findUrl(set: DemoThreatIntelSet, id: string) {
  if (/^[0-9a-f]{64}$/i.test(id)) {
    for (const [href, attributes] of set.urls) {
      if (createHash('sha256').update(href).digest('hex') === id.toLowerCase()) return { href, attributes };
    }
    return undefined;
  }
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  url.hash = '';
  const attributes = set.urls.get(url.href);
  return attributes ? { href: url.href, attributes } : undefined;
}

function virusTotal(request: DemoServiceRequest, set: DemoThreatIntelSet): DemoServiceResponse {
  const key = request.headers['x-apikey'];
  if (typeof key !== 'string' || key === '') {
    return vtError(401, 'AuthenticationRequiredError', 'X-Apikey header is missing');
  }
  if (!sameText(key, THREAT_INTEL_DEMO_API_KEY))
    return vtError(401, 'WrongCredentialsError', 'Wrong API key');
  if (request.method !== 'GET') {
    return vtError(405, 'MethodNotAllowedError', `${request.method} is not allowed on this resource`);
  }
  const match = /^\/api\/v3\/(ip_addresses|domains|urls|files)\/([^/]+)\/?$/.exec(request.path);
  const id = match ? decodeSegment(match[2]!) : undefined;
  if (!match || id === undefined) return vtError(404, 'NotFoundError', `Resource not found: ${request.path}`);
  const collection = match[1]!;
  const object = (type: string, objectId: string, attributes: unknown): DemoServiceResponse => ({
    status: 200,
    body: {
      data: {
        id: objectId,
        type,
        links: { self: `${request.serviceRoot}/api/v3/${collection}/${encodeURIComponent(objectId)}` },
        attributes,
      },
    },
  });
  switch (collection) {
    case 'ip_addresses': {
      if (isIP(id) === 0) return vtError(400, 'InvalidArgumentError', `"${id}" is not a valid IP address`);
      const attributes = set.ipAddresses.get(id.toLowerCase());
      return attributes
        ? object('ip_address', id, attributes)
        : vtError(404, 'NotFoundError', `IP address "${id}" not found`);
    }
    case 'domains': {
      const attributes = set.domains.get(id.toLowerCase());
      return attributes
        ? object('domain', id.toLowerCase(), attributes)
        : vtError(404, 'NotFoundError', `Domain "${id}" not found`);
    }
    case 'urls': {
      const found = findUrl(set, id);
      return found
        ? object('url', createHash('sha256').update(found.href).digest('hex'), found.attributes)
        : vtError(404, 'NotFoundError', `URL "${id}" not found`);
    }
    default: {
      if (!/^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i.test(id)) {
        return vtError(400, 'InvalidArgumentError', `"${id}" is not a valid file hash`);
      }
      const attributes = set.files.get(id.toLowerCase());
      return attributes
        ? object('file', attributes.sha256, attributes)
        : vtError(404, 'NotFoundError', `File "${id}" not found`);
    }
  }
}

function nvd(request: DemoServiceRequest, set: DemoThreatIntelSet, now: Date): DemoServiceResponse {
  const requested = request.query.get('cveId');
  if (requested !== null && !/^CVE-\d{4}-\d{4,7}$/i.test(requested.trim())) {
    return {
      status: 404,
      headers: { message: 'Invalid cveId parameter' },
      body: { message: 'Invalid cveId' },
    };
  }
  const records =
    requested === null
      ? [...set.cves.values()]
      : [set.cves.get(requested.trim().toUpperCase())].filter((record) => record !== undefined);
  return {
    status: 200,
    body: {
      resultsPerPage: records.length,
      startIndex: 0,
      totalResults: records.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: now.toISOString().slice(0, 23),
      vulnerabilities: records.map((cve) => ({ cve })),
    },
  };
}

function epss(request: DemoServiceRequest, set: DemoThreatIntelSet): DemoServiceResponse {
  const requested = request.query.get('cve');
  const scores =
    requested === null
      ? [...set.epss.values()]
      : requested
          .split(',')
          .slice(0, 100)
          .map((cve) => set.epss.get(cve.trim().toUpperCase()))
          .filter((score) => score !== undefined);
  return {
    status: 200,
    body: {
      status: 'OK',
      'status-code': 200,
      version: '1.0',
      access: 'public',
      total: scores.length,
      offset: 0,
      limit: 100,
      // EPSS writes its probabilities as decimal strings.
      data: scores.map((score) => ({
        cve: score.cve,
        epss: score.epss.toFixed(9),
        percentile: score.percentile.toFixed(9),
        date: score.date,
      })),
    },
  };
}

/** The threat-intelligence sources of the demo tenant. */
export const threatIntelService: DemoService = {
  name: 'Threat intelligence (VirusTotal, NVD, FIRST EPSS)',
  prefix: '/threatintel',
  contentType: 'application/json; charset=utf-8',
  handle(request, { state, clock }) {
    const now = clock.now();
    const set = buildThreatIntelSet(state, now.getTime());
    if (request.path.startsWith('/api/v3/')) return virusTotal(request, set);
    if (request.method === 'GET' && /^\/rest\/json\/cves\/2\.0\/?$/.test(request.path))
      return nvd(request, set, now);
    if (request.method === 'GET' && /^\/data\/v1\/epss\/?$/.test(request.path)) return epss(request, set);
    return vtError(
      404,
      'NotFoundError',
      `The demo threat-intelligence service serves /api/v3/... (VirusTotal), /rest/json/cves/2.0 (NVD) and /data/v1/epss (FIRST), not ${request.path}.`,
    );
  },
  error(status, message) {
    return vtError(status, status >= 500 ? 'InternalError' : 'BadRequestError', message);
  },
};
