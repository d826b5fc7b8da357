/**
 * The reputation of one indicator as the threat-intelligence skills return it: what the source knows (engine
 * verdicts, community score, tags, categories, first/last seen, network, file names and threat labels), in
 * one small shape for every kind, read from the source's VirusTotal v3 object. Small on purpose: it is what a
 * model sees as a tool result and what an answer cites, not the source's whole record.
 * Pure: no I/O, no clock. Lists are capped; text is the source's, bounded later where it is shown.
 */
import type { ThreatIntelObject } from '../../clients/threat-intel.js';
import type {
  VtAnalysisStats,
  VtDomainAttributes,
  VtFileAttributes,
  VtIpAddressAttributes,
  VtUrlAttributes,
} from '../../clients/threat-intel-resources.js';
import type { Indicator } from './indicator.js';

/** Engine verdicts of the latest analysis. */
export interface Detections {
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
  /** Engines that gave a verdict (the four above). */
  engines: number;
}

/** What a reputation source says about one IP address, domain, URL or file. */
export interface ReputationReport {
  indicator: Indicator;
  /** The source that was asked, e.g. `VirusTotal`. */
  source: string;
  /** False: the source has no record of it ("no intelligence on it"). */
  found: boolean;
  detections?: Detections;
  /** Community score: negative is bad. */
  reputation?: number;
  votes?: { malicious: number; harmless: number };
  tags: string[];
  /** Distinct categories engines put it in (domains, URLs), e.g. `phishing`. */
  categories: string[];
  /** Names of the threat, from engines or the source's own label. */
  threatNames: string[];
  /** ISO: first submitted to the source (URLs, files). */
  firstSeen?: string;
  /** ISO: last submitted to the source (URLs, files). */
  lastSeen?: string;
  /** ISO: the latest analysis. */
  lastAnalysed?: string;
  /** ISO: WHOIS registration (domains). */
  registered?: string;
  registrar?: string;
  network?: { asn?: number; owner?: string; country?: string; range?: string };
  url?: { finalUrl?: string; title?: string; httpStatus?: number };
  file?: {
    names: string[];
    type?: string;
    size?: number;
    md5?: string;
    sha1?: string;
    sha256?: string;
    /** The source's suggested label, e.g. `trojan.powershell/downloader`. */
    threatLabel?: string;
    /** e.g. `Signed · Microsoft Windows`. */
    signature?: string;
  };
}

const MAX_TAGS = 10;
const MAX_NAMES = 5;

/** A report saying the source has no record of `indicator`. */
export function notFoundReport(indicator: Indicator, source: string): ReputationReport {
  return { indicator, source, found: false, tags: [], categories: [], threatNames: [] };
}

/** The report of an IP address object. */
export function ipAddressReport(
  indicator: Indicator,
  source: string,
  object: ThreatIntelObject<VtIpAddressAttributes> | null,
): ReputationReport {
  if (object === null) return notFoundReport(indicator, source);
  const a = object.attributes;
  return {
    ...common(indicator, source, a),
    network: compact({
      asn: a.asn ?? undefined,
      owner: a.as_owner ?? undefined,
      country: a.country ?? undefined,
      range: a.network ?? undefined,
    }),
  };
}

/** The report of a domain object. */
export function domainReport(
  indicator: Indicator,
  source: string,
  object: ThreatIntelObject<VtDomainAttributes> | null,
): ReputationReport {
  if (object === null) return notFoundReport(indicator, source);
  const a = object.attributes;
  return {
    ...common(indicator, source, a),
    categories: distinct(Object.values(a.categories ?? {}), MAX_NAMES),
    registered: isoFromSeconds(a.creation_date),
    registrar: a.registrar ?? undefined,
  };
}

/** The report of a URL object. */
export function urlReport(
  indicator: Indicator,
  source: string,
  object: ThreatIntelObject<VtUrlAttributes> | null,
): ReputationReport {
  if (object === null) return notFoundReport(indicator, source);
  const a = object.attributes;
  return {
    ...common(indicator, source, a),
    categories: distinct(Object.values(a.categories ?? {}), MAX_NAMES),
    threatNames: distinct(a.threat_names ?? [], MAX_NAMES),
    firstSeen: isoFromSeconds(a.first_submission_date),
    lastSeen: isoFromSeconds(a.last_submission_date),
    url: compact({
      finalUrl: a.last_final_url && a.last_final_url !== a.url ? a.last_final_url : undefined,
      title: a.title || undefined,
      httpStatus: a.last_http_response_code ?? undefined,
    }),
  };
}

/** The report of a file object. */
export function fileReport(
  indicator: Indicator,
  source: string,
  object: ThreatIntelObject<VtFileAttributes> | null,
): ReputationReport {
  if (object === null) return notFoundReport(indicator, source);
  const a = object.attributes;
  const classification = a.popular_threat_classification;
  const label = classification?.suggested_threat_label ?? undefined;
  const signature = a.signature_info;
  return {
    ...common(indicator, source, a),
    threatNames: distinct(
      [...(label ? [label] : []), ...(classification?.popular_threat_name ?? []).map((name) => name.value)],
      MAX_NAMES,
    ),
    firstSeen: isoFromSeconds(a.first_submission_date),
    lastSeen: isoFromSeconds(a.last_submission_date),
    file: compact({
      names: distinct([...(a.meaningful_name ? [a.meaningful_name] : []), ...(a.names ?? [])], MAX_NAMES),
      type: a.type_description ?? undefined,
      size: a.size ?? undefined,
      md5: a.md5 ?? undefined,
      sha1: a.sha1 ?? undefined,
      sha256: a.sha256 ?? undefined,
      threatLabel: label,
      signature:
        signature && (signature.verified || signature.signers)
          ? [signature.verified, signature.signers].filter(Boolean).join(' · ')
          : undefined,
    }),
  };
}

interface CommonAttributes {
  last_analysis_date?: number | null;
  last_analysis_stats?: VtAnalysisStats | null;
  reputation?: number | null;
  tags?: string[] | null;
  total_votes?: { malicious: number; harmless: number } | null;
}

function common(indicator: Indicator, source: string, a: CommonAttributes): ReputationReport {
  const stats = a.last_analysis_stats;
  return {
    indicator,
    source,
    found: true,
    detections: stats
      ? {
          malicious: stats.malicious,
          suspicious: stats.suspicious,
          harmless: stats.harmless,
          undetected: stats.undetected,
          engines: stats.malicious + stats.suspicious + stats.harmless + stats.undetected,
        }
      : undefined,
    reputation: a.reputation ?? undefined,
    votes: a.total_votes ?? undefined,
    tags: distinct(a.tags ?? [], MAX_TAGS),
    categories: [],
    threatNames: [],
    lastAnalysed: isoFromSeconds(a.last_analysis_date),
  };
}

/** Unix seconds as an ISO instant; undefined for absent or out-of-range values. */
export function isoFromSeconds(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || seconds <= 0) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function distinct(values: readonly string[], max: number): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const text = value.trim();
    if (text !== '' && !seen.has(text.toLowerCase())) seen.set(text.toLowerCase(), text);
    if (seen.size >= max) break;
  }
  return [...seen.values()];
}

/** `value` without its undefined properties (so a report holds only what the source said). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
