/**
 * The threat-intelligence assessment: from what a source says about an indicator to a verdict (malicious,
 * suspicious, clean, unknown) with the reasons it rests on, and from NVD and EPSS to how urgent a CVE is.
 * Computed from the data only, never per indicator; "the source has no record" is `unknown` ("no intelligence
 * on it"), never clean; too few engines looking is unknown too. Pure: no I/O; `now` only dates a domain's age.
 */
import type { ReputationReport } from './reputation-report.js';
import type { EpssReport, VulnerabilityReport } from './vulnerability-report.js';

/** What Ward concludes about an indicator. */
export type Verdict = 'malicious' | 'suspicious' | 'clean' | 'unknown';
/** How urgent something is; the answer's risk levels. */
export type Level = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';

/** A verdict and the facts that decided it. */
export interface IndicatorAssessment {
  verdict: Verdict;
  level: Level;
  /** Short clauses, most decisive first: "12 of 94 engines flag it malicious". */
  reasons: string[];
}

/** How urgent a CVE is, and why. */
export interface VulnerabilityAssessment {
  level: Level;
  /** In CISA's Known Exploited Vulnerabilities catalog. */
  knownExploited: boolean;
  /** Exploited, likely to be (EPSS), or critical: patch before anything else. */
  patchFirst: boolean;
  reasons: string[];
}

/** Engines flagging it malicious that settle the verdict on their own. */
export const MALICIOUS_ENGINES = 5;
/** Engines that must have looked before "nobody flags it" means clean. */
export const CLEAN_MIN_ENGINES = 10;
/** A community score at or below this is a warning on its own. */
const BAD_REPUTATION = -10;
/** Domains younger than this are suspicious: most phishing domains are days old. */
const NEW_DOMAIN_DAYS = 30;
/** EPSS scores from which exploitation is likely (high) or notable (medium). */
const EPSS_LIKELY = 0.5;
const EPSS_NOTABLE = 0.1;

const LEVEL_OF: Readonly<Record<Verdict, Level>> = {
  malicious: 'high',
  suspicious: 'medium',
  clean: 'none',
  unknown: 'unknown',
};
const LEVEL_ORDER: readonly Level[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];
const VERDICT_ORDER: readonly Verdict[] = ['unknown', 'clean', 'suspicious', 'malicious'];

/** The verdict on one IP address, domain, URL or file. */
export function assessReputation(report: ReputationReport, now: Date): IndicatorAssessment {
  if (!report.found) {
    return { verdict: 'unknown', level: 'unknown', reasons: [`${report.source} has no record of it`] };
  }
  const detections = report.detections;
  const malicious = detections?.malicious ?? 0;
  const suspicious = detections?.suspicious ?? 0;
  const engines = detections?.engines ?? 0;
  const reputation = report.reputation;
  const votes = report.votes;
  const reasons: string[] = [];

  if (malicious > 0) reasons.push(`${malicious} of ${engines} engines flag it malicious`);
  if (suspicious > 0) reasons.push(`${suspicious} of ${engines} flag it suspicious`);
  if (report.threatNames.length > 0) reasons.push(`known as ${report.threatNames.slice(0, 2).join(', ')}`);
  const badCategories = report.categories.filter((category) => BAD_CATEGORY.test(category));
  if (badCategories.length > 0) reasons.push(`categorised as ${badCategories.slice(0, 3).join(', ')}`);
  if (reputation !== undefined && reputation <= BAD_REPUTATION) reasons.push(`community score ${reputation}`);
  const anonymiser = report.tags.find((tag) => ANONYMISER_TAG.test(tag));
  if (anonymiser) reasons.push(`tagged "${anonymiser}" (an anonymising network)`);
  const ageDays = report.registered
    ? (now.getTime() - Date.parse(report.registered)) / 86_400_000
    : undefined;
  const newlyRegistered = ageDays !== undefined && ageDays >= 0 && ageDays < NEW_DOMAIN_DAYS;
  if (newlyRegistered) reasons.push(`registered ${Math.max(1, Math.round(ageDays))} days ago`);

  const communityBad =
    (reputation !== undefined && reputation < 0) || (votes !== undefined && votes.malicious > votes.harmless);
  let verdict: Verdict;
  if (malicious >= MALICIOUS_ENGINES || (malicious >= 2 && (communityBad || badCategories.length > 0))) {
    verdict = 'malicious';
  } else if (
    malicious > 0 ||
    suspicious >= 2 ||
    badCategories.length > 0 ||
    (reputation !== undefined && reputation <= BAD_REPUTATION) ||
    anonymiser !== undefined ||
    newlyRegistered
  ) {
    verdict = 'suspicious';
  } else if (engines >= CLEAN_MIN_ENGINES && (reputation === undefined || reputation >= 0)) {
    verdict = 'clean';
    reasons.push(`none of ${engines} engines flag it`);
    if (report.file?.signature) reasons.push(`signed (${report.file.signature})`);
  } else {
    verdict = 'unknown';
    reasons.push(
      engines === 0
        ? `${report.source} has no analysis of it yet`
        : `only ${engines} engines have analysed it, too few to call it clean`,
    );
  }
  return { verdict, level: LEVEL_OF[verdict], reasons };
}

/** How urgent a CVE is, from its NVD record and EPSS score (either may be missing: a source failed). */
export function assessVulnerability(
  nvd: VulnerabilityReport | undefined,
  epss: EpssReport | undefined,
): VulnerabilityAssessment {
  const reasons: string[] = [];
  let level: Level = 'unknown';
  const cvss = nvd?.found ? nvd.cvss : undefined;
  if (cvss) {
    level = toLevel(cvss.severity);
    reasons.push(`CVSS ${cvss.version} ${cvss.score.toFixed(1)} (${cvss.severity})`);
  } else if (nvd?.found) {
    reasons.push('NVD has not scored it yet');
  } else if (nvd) {
    reasons.push('NVD has no record of it');
  }
  const knownExploited = nvd?.knownExploited !== undefined;
  if (nvd?.knownExploited) {
    reasons.push(`in CISA's Known Exploited Vulnerabilities catalog since ${nvd.knownExploited.added}`);
    level = atLeast(level, cvss && cvss.score >= 9 ? 'critical' : 'high');
  }
  const score = epss?.found ? epss.score : undefined;
  if (score !== undefined) {
    const percentile = epss?.percentile;
    reasons.push(
      `EPSS ${formatProbability(score)} chance of exploitation in 30 days${
        percentile !== undefined ? ` (higher than ${formatPercentile(percentile)} of CVEs)` : ''
      }`,
    );
    if (score >= EPSS_LIKELY) level = atLeast(level, 'high');
    else if (score >= EPSS_NOTABLE) level = atLeast(level, 'medium');
  }
  const patchFirst = knownExploited || (score ?? 0) >= EPSS_LIKELY || level === 'critical';
  return { level, knownExploited, patchFirst, reasons };
}

/** The more severe of two levels (`unknown` is the least). */
export function worstLevel(levels: readonly Level[]): Level {
  return levels.reduce<Level>(
    (worst, level) => (LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(worst) ? level : worst),
    'unknown',
  );
}

/** The most severe verdict (`unknown` is the least). */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>(
    (worst, verdict) => (VERDICT_ORDER.indexOf(verdict) > VERDICT_ORDER.indexOf(worst) ? verdict : worst),
    'unknown',
  );
}

/** `94%`, `0.4%`, `<0.1%`. */
export function formatProbability(value: number): string {
  const percent = value * 100;
  if (percent >= 10) return `${Math.round(percent)}%`;
  if (percent >= 0.1) return `${percent.toFixed(1)}%`;
  return '<0.1%';
}

/** `99.9%` for a percentile. */
export function formatPercentile(value: number): string {
  const percent = value * 100;
  return percent >= 99 ? `${(Math.floor(percent * 10) / 10).toFixed(1)}%` : `${Math.floor(percent)}%`;
}

const BAD_CATEGORY =
  /phish|malware|malicious|spam|botnet|command and control|c2|scam|fraud|exploit|compromised/i;
const ANONYMISER_TAG = /^(?:tor|tor[-_ ]?exit(?:[-_ ]?node)?|anonymi[sz]er|vpn|proxy|open[-_ ]?proxy)$/i;

function toLevel(severity: string): Level {
  return severity === 'critical' || severity === 'high' || severity === 'medium' || severity === 'low'
    ? severity
    : 'none';
}

function atLeast(level: Level, floor: Level): Level {
  return LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(floor) ? level : floor;
}
