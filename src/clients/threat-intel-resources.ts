/**
 * The wire shapes of the threat-intelligence sources, as zod schemas: one for Ward's clients and the demo
 * tenant alike, so the demo can never drift from what Ward reads.
 * - VirusTotal API v3 (also served, with the same paths and key, by Google Threat Intelligence): IP address,
 *   domain, URL and file objects (`{ data: { id, type, attributes } }`) and its error body.
 * - NVD CVE API 2.0: one CVE record, with its CVSS metrics and the CISA Known Exploited Vulnerabilities fields
 *   NVD carries (`cisaExploitAdd`, `cisaActionDue`, ...).
 * - FIRST EPSS API: the exploit prediction score of a CVE.
 * - Microsoft Graph `/security/alerts_v2`, with the file details evidence can carry, for tenant sightings.
 * Only the fields Ward reads are declared; sources add fields freely and omit the ones they have no value for.
 */
import { z } from 'zod/v4';
import { alertEvidenceSchema, securityAlertSchema, securityFileDetailsSchema } from './graph-resources.js';

const count = z.number().int().nonnegative();
/** VirusTotal writes times as Unix seconds. */
const unixSeconds = z.number().int().nonnegative();
const text = z.string().nullish();
const textList = z.array(z.string()).nullish();

/** `last_analysis_stats`: how many engines said what in the latest analysis. */
export const vtAnalysisStatsSchema = z.object({
  harmless: count.default(0),
  malicious: count.default(0),
  suspicious: count.default(0),
  undetected: count.default(0),
  timeout: count.default(0),
});
export type VtAnalysisStats = z.infer<typeof vtAnalysisStatsSchema>;

/** `total_votes`: the community's votes. */
export const vtVotesSchema = z.object({ harmless: count.default(0), malicious: count.default(0) });

/** What every VirusTotal network-location and file object has. */
const vtCommonAttributes = {
  last_analysis_date: unixSeconds.nullish(),
  last_analysis_stats: vtAnalysisStatsSchema.nullish(),
  /** Community score: negative is bad. */
  reputation: z.number().int().nullish(),
  tags: textList,
  total_votes: vtVotesSchema.nullish(),
};

/** `ip_address` attributes. */
export const vtIpAddressAttributesSchema = z.object({
  ...vtCommonAttributes,
  as_owner: text,
  asn: z.number().int().nullish(),
  country: text,
  continent: text,
  network: text,
  whois_date: unixSeconds.nullish(),
});
export type VtIpAddressAttributes = z.infer<typeof vtIpAddressAttributesSchema>;

/** `domain` attributes. */
export const vtDomainAttributesSchema = z.object({
  ...vtCommonAttributes,
  /** Engine → category, e.g. `{ "Forcepoint ThreatSeeker": "phishing" }`. */
  categories: z.record(z.string(), z.string()).nullish(),
  /** WHOIS registration time. */
  creation_date: unixSeconds.nullish(),
  registrar: text,
});
export type VtDomainAttributes = z.infer<typeof vtDomainAttributesSchema>;

/** `url` attributes. */
export const vtUrlAttributesSchema = z.object({
  ...vtCommonAttributes,
  url: text,
  last_final_url: text,
  title: text,
  categories: z.record(z.string(), z.string()).nullish(),
  first_submission_date: unixSeconds.nullish(),
  last_submission_date: unixSeconds.nullish(),
  threat_names: textList,
  times_submitted: count.nullish(),
  last_http_response_code: z.number().int().nullish(),
});
export type VtUrlAttributes = z.infer<typeof vtUrlAttributesSchema>;

const vtRankedValueSchema = z.object({ value: z.string(), count: count });

/** `file` attributes. */
export const vtFileAttributesSchema = z.object({
  ...vtCommonAttributes,
  md5: text,
  sha1: text,
  sha256: text,
  meaningful_name: text,
  names: textList,
  size: count.nullish(),
  type_description: text,
  first_submission_date: unixSeconds.nullish(),
  last_submission_date: unixSeconds.nullish(),
  times_submitted: count.nullish(),
  popular_threat_classification: z
    .object({
      suggested_threat_label: text,
      popular_threat_category: z.array(vtRankedValueSchema).nullish(),
      popular_threat_name: z.array(vtRankedValueSchema).nullish(),
    })
    .nullish(),
  signature_info: z.object({ verified: text, signers: text, product: text, description: text }).nullish(),
});
export type VtFileAttributes = z.infer<typeof vtFileAttributesSchema>;

/** `{ data: { id, type, attributes } }`: one VirusTotal object. */
export function vtObjectSchema<A extends z.ZodType>(attributes: A) {
  return z.object({
    data: z.object({ id: z.string(), type: z.string(), attributes }),
  });
}

/** VirusTotal's error body: `{ error: { code, message } }` (e.g. `NotFoundError`, `QuotaExceededError`). */
export const vtErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }),
});

const nvdTextSchema = z.object({ lang: z.string(), value: z.string() });

/** `cvssData` of any CVSS version NVD reports. */
export const nvdCvssDataSchema = z.object({
  version: z.string(),
  vectorString: text,
  baseScore: z.number().min(0).max(10),
  /** Absent in CVSS v2 data (it is on the metric there). */
  baseSeverity: text,
});

/** One CVSS metric: who scored it (`Primary` NVD, `Secondary` the CNA) and the score. */
export const nvdCvssMetricSchema = z.object({
  source: text,
  type: text,
  cvssData: nvdCvssDataSchema,
  baseSeverity: text,
  exploitabilityScore: z.number().nullish(),
  impactScore: z.number().nullish(),
});
export type NvdCvssMetric = z.infer<typeof nvdCvssMetricSchema>;

/** NVD's `cve` object. */
export const nvdCveSchema = z.object({
  id: z.string(),
  published: text,
  lastModified: text,
  vulnStatus: text,
  /** CISA KEV: the date the CVE was added to the Known Exploited Vulnerabilities catalog. */
  cisaExploitAdd: text,
  /** CISA KEV: the date US federal agencies must have remediated it by. */
  cisaActionDue: text,
  cisaRequiredAction: text,
  cisaVulnerabilityName: text,
  descriptions: z.array(nvdTextSchema).default([]),
  metrics: z
    .object({
      cvssMetricV40: z.array(nvdCvssMetricSchema).nullish(),
      cvssMetricV31: z.array(nvdCvssMetricSchema).nullish(),
      cvssMetricV30: z.array(nvdCvssMetricSchema).nullish(),
      cvssMetricV2: z.array(nvdCvssMetricSchema).nullish(),
    })
    .nullish(),
  weaknesses: z
    .array(z.object({ source: text, type: text, description: z.array(nvdTextSchema).default([]) }))
    .nullish(),
  references: z.array(z.object({ url: z.string(), source: text, tags: textList })).nullish(),
});
export type NvdCve = z.infer<typeof nvdCveSchema>;

/** `GET /rest/json/cves/2.0?cveId=...`: zero or one record. */
export const nvdResponseSchema = z.object({
  totalResults: count,
  vulnerabilities: z.array(z.object({ cve: nvdCveSchema })).default([]),
});

/** EPSS writes its probabilities as decimal strings ("0.943390000"). */
const probability = z
  .union([z.string().regex(/^\d{1,3}(?:\.\d{1,12})?$/), z.number()])
  .transform(Number)
  .pipe(z.number().min(0).max(1));

/** One EPSS score. */
export const epssScoreSchema = z.object({
  cve: z.string(),
  /** Probability of exploitation activity in the next 30 days. */
  epss: probability,
  /** Share of all scored CVEs with a lower score. */
  percentile: probability,
  /** Day the score was computed (`YYYY-MM-DD`). */
  date: text,
});
export type EpssScore = z.infer<typeof epssScoreSchema>;

/** `GET /data/v1/epss?cve=...`. */
export const epssResponseSchema = z.object({
  status: z.string().optional(),
  total: count.optional(),
  data: z.array(epssScoreSchema).default([]),
});

const fileDetailsWithMd5 = securityFileDetailsSchema.extend({ md5: text });

/** A Defender XDR alert with every evidence field a sighting can match, file evidence's details included. */
export const sightingAlertSchema = securityAlertSchema.extend({
  evidence: z
    .array(
      alertEvidenceSchema.extend({
        imageFile: fileDetailsWithMd5.nullish(),
        parentProcessImageFile: fileDetailsWithMd5.nullish(),
        fileDetails: fileDetailsWithMd5.nullish(),
      }),
    )
    .nullish(),
});
export type SightingAlert = z.infer<typeof sightingAlertSchema>;
