/**
 * Where indicators appear in the tenant's own Defender XDR alerts: an IP in IP evidence, a device's interfaces
 * or a command line; a domain as a URL's host (or a parent of it) or in a command line; a URL in URL evidence or
 * a command line; a hash in a process's or file's details; a CVE in an alert's title or description.
 * Graph cannot filter alerts by evidence, so the skill lists recent alerts and this reads them. Pure and
 * linear in the alerts' size (plain string search, no regex built from an indicator). It never invents a
 * sighting: matches are exact, or whole-token for text.
 */
import type { SightingAlert } from '../../clients/threat-intel-resources.js';
import type { Indicator } from './indicator.js';

/** One alert an indicator appears in. */
export interface Sighting {
  alertId: string;
  incidentId?: string;
  title: string;
  severity: string;
  status: string;
  createdDateTime: string;
  serviceSource?: string;
  /** Where in the alert it appears: `IP evidence`, `URL evidence`, `command line`, `file hash`, ... */
  matchedIn: string;
  /** The evidence's own verdict and roles, when it matched evidence. */
  evidenceVerdict?: string;
  roles: string[];
}

/** The alerts one indicator appears in, newest first. */
export interface IndicatorSightings {
  indicator: Indicator;
  alerts: Sighting[];
  /** More alerts matched than are listed. */
  more: number;
}

const MAX_ALERTS_PER_INDICATOR = 10;

/** Finds each indicator in the alerts (newest first in, newest first out). */
export function findSightings(
  alerts: readonly SightingAlert[],
  indicators: readonly Indicator[],
): IndicatorSightings[] {
  return indicators.map((indicator) => {
    const matches: Sighting[] = [];
    for (const alert of alerts) {
      const match = matchAlert(alert, indicator);
      if (match) matches.push(match);
    }
    matches.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    return {
      indicator,
      alerts: matches.slice(0, MAX_ALERTS_PER_INDICATOR),
      more: Math.max(0, matches.length - MAX_ALERTS_PER_INDICATOR),
    };
  });
}

type Evidence = NonNullable<SightingAlert['evidence']>[number];

function matchAlert(alert: SightingAlert, indicator: Indicator): Sighting | undefined {
  const base = {
    alertId: alert.id,
    incidentId: alert.incidentId ?? undefined,
    title: alert.title ?? '(untitled alert)',
    severity: alert.severity,
    status: alert.status,
    createdDateTime: alert.createdDateTime,
    serviceSource: alert.serviceSource ?? undefined,
  };
  if (indicator.kind === 'cve') {
    const text = `${alert.title ?? ''}\n${alert.description ?? ''}`;
    return containsToken(text, indicator.value) ? { ...base, matchedIn: 'alert text', roles: [] } : undefined;
  }
  for (const evidence of alert.evidence ?? []) {
    const where = matchEvidence(evidence, indicator);
    if (where) {
      return {
        ...base,
        matchedIn: where,
        evidenceVerdict: evidence.verdict ?? undefined,
        roles: evidence.roles ?? [],
      };
    }
  }
  return undefined;
}

function matchEvidence(evidence: Evidence, indicator: Indicator): string | undefined {
  const value = indicator.value;
  switch (indicator.kind) {
    case 'ip':
      if (evidence.ipAddress?.toLowerCase() === value) return 'IP evidence';
      if ((evidence.ipInterfaces ?? []).some((address) => address.toLowerCase() === value))
        return 'device IP';
      if (evidence.url && urlHost(evidence.url) === value) return 'URL evidence';
      break;
    case 'domain':
      if (evidence.url) {
        const host = urlHost(evidence.url);
        if (host === value || host?.endsWith(`.${value}`)) return 'URL evidence';
      }
      break;
    case 'url':
      if (evidence.url && sameUrl(evidence.url, value)) return 'URL evidence';
      break;
    case 'hash':
      for (const file of [evidence.imageFile, evidence.parentProcessImageFile, evidence.fileDetails]) {
        if (!file) continue;
        if ([file.sha256, file.sha1, file.md5].some((hash) => hash?.toLowerCase() === value)) {
          return file.fileName ? `file hash (${file.fileName})` : 'file hash';
        }
      }
      break;
  }
  if (evidence.processCommandLine && containsToken(evidence.processCommandLine, value)) return 'command line';
  return undefined;
}

/** The lower-case host of a URL, without brackets; undefined when it is not one. */
function urlHost(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const host = new URL(text).hostname.toLowerCase();
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function sameUrl(evidenceUrl: string, indicator: string): boolean {
  if (!URL.canParse(evidenceUrl)) return false;
  const url = new URL(evidenceUrl);
  url.hash = '';
  return url.href === indicator;
}

/**
 * `needle` in `haystack` (case-insensitive) as a whole token: the characters around it are not part of a
 * host name, address or hash, so `192.0.2.4` is not found in `192.0.2.45`.
 */
export function containsToken(haystack: string, needle: string): boolean {
  if (needle.length === 0) return false;
  const text = haystack.toLowerCase();
  const target = needle.toLowerCase();
  for (let from = text.indexOf(target); from !== -1; from = text.indexOf(target, from + 1)) {
    const before = from === 0 ? '' : text[from - 1]!;
    const after = text[from + target.length] ?? '';
    if (!isTokenCharacter(before) && !isTokenCharacter(after)) return true;
  }
  return false;
}

function isTokenCharacter(character: string): boolean {
  return /^[a-z0-9._-]$/.test(character) && character !== '';
}
