/**
 * What to do about indicators once their verdicts are known, in the order an analyst does it: block what is
 * bad (perimeter firewall, Defender for Endpoint indicators, web proxy, Defender for Office 365's Tenant
 * Allow/Block List), hunt for every other contact with it (advanced hunting queries ready to paste), work the
 * tenant's incidents it appears in, and patch CVEs by urgency (CISA's due date and required action first).
 * Steps are only ever advice: Ward proposes no action for indicators and runs nothing. Pure: no I/O, no clock.
 */
import { hashAlgorithm, type Indicator } from './indicator.js';

/** A CVE to patch, with what the sources said about it. */
export interface CveToPatch {
  cve: string;
  /** Known exploited, likely to be, or critical. */
  patchFirst: boolean;
  knownExploited: boolean;
  /** CISA KEV's remediation due date. */
  due?: string;
  /** CISA KEV's required action. */
  requiredAction?: string;
  /** The vendor advisory, when NVD lists one. */
  advisory?: string;
}

/** What the steps are computed from. */
export interface RemediationInput {
  /** Indicators judged malicious or suspicious. */
  block: Indicator[];
  /** Indicators worth hunting for (bad or unknown; not clean ones). */
  hunt: Indicator[];
  /** Incidents of this tenant the indicators appear in. */
  incidents: string[];
  cves: CveToPatch[];
  /** A blocked address is an anonymiser (Tor, VPN, proxy). */
  anonymiser: boolean;
  /** A source answered about an indicator but had no verdict on it (no record, too few engines). */
  unverified: boolean;
}

/** One step. */
export interface Step {
  title: string;
  detail?: string;
}

/** The ordered steps and the prevention guidance. */
export interface IndicatorRemediation {
  steps: Step[];
  guidance: string[];
}

const MAX_IN_QUERY = 5;
const DAYS = 30;

/** The steps for a set of assessed indicators. */
export function indicatorRemediation(input: RemediationInput): IndicatorRemediation {
  const steps: Step[] = [];
  const guidance: string[] = [];
  const of = (kind: Indicator['kind'], list: readonly Indicator[]) =>
    list.filter((indicator) => indicator.kind === kind).map((indicator) => indicator.value);

  const badIps = of('ip', input.block);
  const badDomains = of('domain', input.block);
  const badUrls = of('url', input.block);
  const badHashes = of('hash', input.block);

  if (badIps.length > 0) {
    steps.push({
      title: `Block ${list(badIps)} at the perimeter firewall and as Defender for Endpoint indicators`,
      detail:
        'Microsoft Defender portal › Settings › Endpoints › Indicators › IP addresses and URLs/Domains › Add item, action "Block and remediate" (devices need network protection in block mode). The firewall covers what Defender for Endpoint does not.',
    });
  }
  if (badDomains.length > 0 || badUrls.length > 0) {
    const names = [...badDomains, ...badUrls];
    steps.push({
      title: `Block ${list(names)} in Defender for Endpoint, the web proxy and the Tenant Allow/Block List`,
      detail:
        'Defender for Endpoint: Settings › Endpoints › Indicators › URLs/Domains (Block and remediate). Defender for Office 365: Email & collaboration › Policies › Tenant Allow/Block Lists › URLs (Block), so mail carrying it is quarantined and clicks are stopped.',
    });
  }
  if (badHashes.length > 0) {
    steps.push({
      title: `Add a file indicator for ${list(badHashes.map(shortHash))} in Defender for Endpoint`,
      detail:
        'Settings › Endpoints › Indicators › File hashes › Add item, action "Block and remediate": every onboarded device blocks and quarantines it (SHA-1, SHA-256 and MD5 are accepted).',
    });
  }
  if (input.incidents.length > 0) {
    steps.push({
      title: `Work incident ${list(input.incidents)}, where ${input.incidents.length === 1 ? 'it appears' : 'they appear'}`,
      detail:
        'The accounts and devices in those alerts had contact with the indicator: contain them first (ask Ward about the incident, or about the user).',
    });
  }
  const hunting = huntingQueries(input.hunt);
  if (hunting.length > 0) {
    steps.push({
      title: `Hunt for other contacts in the last ${DAYS} days (Defender XDR advanced hunting)`,
      detail: hunting.join('\n'),
    });
  }
  for (const cve of input.cves) {
    if (cve.patchFirst) {
      steps.push({
        title: `Patch ${cve.cve} now${cve.knownExploited ? ' (known exploited)' : ''}${cve.due ? `; CISA's due date: ${cve.due}` : ''}`,
        detail:
          [
            cve.requiredAction ? `CISA: ${cve.requiredAction}` : undefined,
            cve.advisory ? `Vendor advisory: ${cve.advisory}` : undefined,
          ]
            .filter(Boolean)
            .join('\n') || undefined,
      });
      steps.push({
        title: `Find every exposed asset and look for exploitation of ${cve.cve}`,
        detail:
          'Defender Vulnerability Management › Weaknesses › search the CVE › Exposed devices, and Defender for Cloud › Recommendations ("vulnerability findings should be resolved"). An internet-facing asset that was exposed before it was patched needs a compromise assessment, not only the patch.',
      });
    } else {
      steps.push({
        title: `Patch ${cve.cve} in the normal cycle`,
        detail: cve.advisory ? `Vendor advisory: ${cve.advisory}` : undefined,
      });
    }
  }

  if (input.block.length > 0) {
    guidance.push(
      'Engine verdicts are votes, not proof, and infrastructure changes hands: review blocks on addresses and domains after 90 days instead of keeping them forever.',
    );
  }
  if (input.anonymiser) {
    guidance.push(
      'Anonymiser exits (Tor, VPNs) change daily: block risky sign-ins with a Conditional Access sign-in risk policy (Identity Protection flags anonymous IP addresses) rather than address by address.',
    );
  }
  if (input.cves.some((cve) => cve.knownExploited)) {
    guidance.push(
      "Patch CVEs in CISA's Known Exploited Vulnerabilities catalog before anything else, internet-facing assets first: they are being exploited now.",
    );
  }
  if (input.unverified) {
    guidance.push(
      'No record, or no engine flagging it, is not a clean bill of health for a new indicator: decide on what the tenant itself saw (the hunting queries), and ask again in a day.',
    );
  }
  return { steps, guidance };
}

/** Advanced hunting queries (KQL) for the indicators, one line each, values quoted safely. */
export function huntingQueries(indicators: readonly Indicator[]): string[] {
  const values = (kind: Indicator['kind']) =>
    indicators
      .filter((indicator) => indicator.kind === kind)
      .slice(0, MAX_IN_QUERY)
      .map((indicator) => indicator.value);
  const queries: string[] = [];
  const since = `Timestamp > ago(${DAYS}d)`;
  const ips = values('ip');
  if (ips.length > 0) {
    queries.push(
      `DeviceNetworkEvents | where ${since} and RemoteIP in (${kql(ips)}) | summarize Connections=count(), Last=max(Timestamp) by DeviceName, RemoteIP`,
      `AADSignInEventsBeta | where ${since} and IPAddress in (${kql(ips)}) | summarize SignIns=count() by AccountUpn, IPAddress, ErrorCode`,
    );
  }
  const domains = values('domain');
  if (domains.length > 0) {
    queries.push(
      `DeviceNetworkEvents | where ${since} and RemoteUrl has_any (${kql(domains)}) | summarize count() by DeviceName, RemoteUrl`,
      `EmailUrlInfo | where ${since} and UrlDomain in (${kql(domains)}) | join kind=inner EmailEvents on NetworkMessageId | project Timestamp, RecipientEmailAddress, Subject, Url`,
    );
  }
  const urls = values('url');
  if (urls.length > 0) {
    queries.push(
      `UrlClickEvents | where ${since} and Url in (${kql(urls)}) | project Timestamp, AccountUpn, Url, ActionType`,
      `EmailUrlInfo | where ${since} and Url in (${kql(urls)}) | join kind=inner EmailEvents on NetworkMessageId | project Timestamp, RecipientEmailAddress, Subject`,
    );
  }
  const hashes = values('hash');
  for (const column of ['SHA256', 'SHA1', 'MD5'] as const) {
    const ofColumn = hashes.filter((hash) => hashAlgorithm(hash)?.replace('-', '') === column);
    if (ofColumn.length > 0) {
      queries.push(
        `union DeviceFileEvents, DeviceProcessEvents | where ${since} and ${column} in (${kql(ofColumn)}) | summarize count() by DeviceName, FolderPath, FileName`,
      );
    }
  }
  return queries;
}

/** KQL string literals, comma-separated; quotes and backslashes escaped. */
function kql(values: readonly string[]): string {
  return values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(', ');
}

function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 12)}…` : hash;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 3);
  const more = items.length - shown.length;
  const text =
    shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return more > 0 ? `${text} (and ${more} more)` : text;
}
