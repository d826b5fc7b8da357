/**
 * The demo tenant's threat-intelligence set: what its VirusTotal-, NVD- and EPSS-shaped services know,
 * consistent with the tenant's stories. Incident 4211's infrastructure is known-bad (the stager's URL, its
 * `.example` domain and the address it resolved to, the Tor exit and password-spray addresses of Adele
 * Vance's sign-ins, the second-stage script the stager downloads); the binaries the incident's evidence
 * names (powershell.exe, explorer.exe) are the clean, signed Windows files they are; the background alerts'
 * phishing domains and anonymiser addresses are bad; a few well-known names and Contoso's own egress
 * addresses are clean; anything else is unknown (404). CVE-2024-3400, the vulnerability on web-prod-01, is
 * critical, known exploited and likely to be exploited again.
 * Deterministic: the same tenant state and the same instant give the same set (times are relative to `nowMs`,
 * like the rest of the tenant; background values come from the seed's own random stream). The one real
 * address in it, 185.220.101.4, is a publicly listed Tor exit relay and is described as nothing more.
 * Data only: it never touches the tenant's state and is never used outside the demo tenant.
 */
import { createHash } from 'node:crypto';
import type {
  EpssScore,
  NvdCve,
  VtAnalysisStats,
  VtDomainAttributes,
  VtFileAttributes,
  VtIpAddressAttributes,
  VtUrlAttributes,
} from '../../clients/threat-intel-resources.js';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { STAGER_IP, STAGER_URL } from '../seed/encoded-powershell.js';
import { HOSTILE_IPS, OFFICES } from '../seed/places.js';
import { SeededRandom } from '../seed/seeded-random.js';
import { ADELE_INCIDENT_ID } from '../seed/story-adele-incident.js';
import { TIME } from '../seed/story-timeline.js';
import type { DemoFileDetails } from '../state/security-incident.js';

/** Everything the demo's threat-intelligence services answer from. */
export interface DemoThreatIntelSet {
  /** By address. */
  ipAddresses: ReadonlyMap<string, VtIpAddressAttributes>;
  /** By lower-case name. */
  domains: ReadonlyMap<string, VtDomainAttributes>;
  /** By URL as WHATWG writes it, without fragment. */
  urls: ReadonlyMap<string, VtUrlAttributes>;
  /** By MD5, SHA-1 and SHA-256 (lower-case), each pointing at the same file. */
  files: ReadonlyMap<string, VtFileAttributes & { sha256: string }>;
  /** By upper-case CVE id. */
  cves: ReadonlyMap<string, NvdCve>;
  epss: ReadonlyMap<string, EpssScore>;
}

/** A domain the demo calls a phishing site: the background alerts' lures, and the headline prompt's. */
export const DEMO_PHISHING_DOMAINS = [
  'evil-login.xyz',
  'contoso-payroll.example',
  'sharepoint-docs.example',
  'm365-verify.example',
  'invoice-portal.example',
] as const;

/** The domain of the stager's download URL. */
export const STAGER_DOMAIN = new URL(STAGER_URL).hostname;

/** The second stage the encoded PowerShell downloads and runs in memory (a defanged stand-in). */
export const STAGE_TWO_SCRIPT =
  "# wupd.ps1 (demo stand-in for a second-stage loader; it does nothing)\n$u='https://msft-update-cdn.example/c2';Write-Output 'stage two'\n";
/** Its hashes, as a source would index them. */
export const STAGE_TWO_HASHES = {
  md5: createHash('md5').update(STAGE_TWO_SCRIPT).digest('hex'),
  sha1: createHash('sha1').update(STAGE_TWO_SCRIPT).digest('hex'),
  sha256: createHash('sha256').update(STAGE_TWO_SCRIPT).digest('hex'),
} as const;

/** The real, publicly listed Tor exit relay the headline prompt asks about. */
export const TOR_EXIT_RELAY = '185.220.101.4';

/** NVD's record of the vulnerability on web-prod-01. */
export const CVE_2024_3400 = 'CVE-2024-3400';

const SECOND = 1_000;

/** Builds the set for a tenant state at `nowMs`. */
export function buildThreatIntelSet(state: DemoTenantState, nowMs: number): DemoThreatIntelSet {
  const random = SeededRandom.stream(state.seed, 'threat-intel');
  const at = (agoMs: number) => Math.floor((nowMs - agoMs) / SECOND);
  const ipAddresses = new Map<string, VtIpAddressAttributes>();
  const domains = new Map<string, VtDomainAttributes>();
  const urls = new Map<string, VtUrlAttributes>();
  const files = new Map<string, VtFileAttributes & { sha256: string }>();

  const ip = (address: string, attributes: Partial<VtIpAddressAttributes> & { stats: VtAnalysisStats }) => {
    const { stats: analysis, ...rest } = attributes;
    ipAddresses.set(address, {
      last_analysis_date: at(random.int(1, 20) * TIME.HOUR),
      last_analysis_stats: analysis,
      reputation: 0,
      tags: [],
      total_votes: { harmless: 0, malicious: 0 },
      whois_date: at(random.int(30, 400) * TIME.DAY),
      ...rest,
    });
  };

  // Adele Vance's story and incident 4211: known-bad.
  ip(HOSTILE_IPS.torExit, {
    stats: stats(14, 3, 52, 25),
    reputation: -42,
    tags: ['tor'],
    total_votes: { harmless: 0, malicious: 11 },
    asn: 64496,
    as_owner: 'Example Anonymity Hosting',
    country: 'NL',
    continent: 'EU',
    network: '192.0.2.64/27',
  });
  ip(HOSTILE_IPS.spraySource, {
    stats: stats(11, 2, 55, 26),
    reputation: -25,
    total_votes: { harmless: 0, malicious: 6 },
    asn: 64497,
    as_owner: 'Example VPS Hosting SRL',
    country: 'RO',
    continent: 'EU',
    network: '192.0.2.32/27',
  });
  ip(STAGER_IP, {
    stats: stats(9, 1, 58, 26),
    reputation: -18,
    total_votes: { harmless: 0, malicious: 4 },
    asn: 64498,
    as_owner: 'Example Bulletproof Hosting',
    country: 'MD',
    continent: 'EU',
    network: '192.0.2.224/27',
  });
  // The background's anonymisers, VPS and botnet addresses: bad, some more than others.
  for (const address of HOSTILE_IPS.others) {
    const malicious = random.int(2, 9);
    ip(address, {
      stats: stats(malicious, random.int(0, 3), random.int(50, 60), random.int(20, 30)),
      reputation: -random.int(5, 30),
      tags: [random.pick(['tor', 'vpn', 'proxy', 'vps'])],
      total_votes: { harmless: 0, malicious: random.int(0, 5) },
      asn: 64499,
      as_owner: 'Example Hosting Collective',
      country: random.pick(['NL', 'DE', 'PA', 'VN', 'NG']),
      network: '192.0.2.96/27',
    });
  }
  // The headline prompt's address: a real Tor exit relay, described only as that.
  ip(TOR_EXIT_RELAY, {
    stats: stats(9, 2, 57, 26),
    reputation: -31,
    tags: ['tor'],
    total_votes: { harmless: 2, malicious: 9 },
    country: 'DE',
    continent: 'EU',
    network: '185.220.101.0/24',
  });
  // Clean: a public resolver, and Contoso's own office egress addresses.
  ip('8.8.8.8', {
    stats: stats(0, 0, 66, 28),
    reputation: 546,
    total_votes: { harmless: 41, malicious: 3 },
    asn: 15169,
    as_owner: 'GOOGLE',
    country: 'US',
    continent: 'NA',
    network: '8.8.8.0/24',
  });
  for (const office of OFFICES) {
    for (const address of office.egressIps) {
      ip(address, {
        stats: stats(0, 0, 61, 33),
        asn: 64500,
        as_owner: 'Contoso Ltd',
        country: office.place.countryOrRegion,
        network: '203.0.113.0/24',
      });
    }
  }

  const domain = (
    name: string,
    attributes: Partial<VtDomainAttributes> & { stats: VtAnalysisStats; registeredAgo: number },
  ) => {
    const { stats: analysis, registeredAgo, ...rest } = attributes;
    domains.set(name, {
      last_analysis_date: at(random.int(1, 30) * TIME.HOUR),
      last_analysis_stats: analysis,
      reputation: 0,
      tags: [],
      total_votes: { harmless: 0, malicious: 0 },
      categories: {},
      creation_date: at(registeredAgo),
      registrar: 'Example Registrar, Inc.',
      ...rest,
    });
  };
  domain(STAGER_DOMAIN, {
    stats: stats(12, 2, 54, 26),
    registeredAgo: 9 * TIME.DAY,
    reputation: -35,
    total_votes: { harmless: 0, malicious: 7 },
    categories: {
      'Forcepoint ThreatSeeker': 'malicious web sites',
      Sophos: 'malware repository',
      BitDefender: 'malware',
    },
  });
  for (const [index, name] of DEMO_PHISHING_DOMAINS.entries()) {
    domain(name, {
      stats: stats(
        index === 0 ? 15 : random.int(6, 12),
        random.int(1, 3),
        random.int(48, 56),
        random.int(22, 28),
      ),
      registeredAgo: (index === 0 ? 6 : random.int(10, 25)) * TIME.DAY,
      reputation: index === 0 ? -40 : -random.int(10, 30),
      total_votes: { harmless: 0, malicious: random.int(2, 9) },
      categories: {
        'Forcepoint ThreatSeeker': 'phishing and other frauds',
        Sophos: 'phishing',
        'alphaMountain.ai': 'Phishing',
      },
    });
  }
  domain('microsoft.com', {
    stats: stats(0, 0, 67, 27),
    registeredAgo: nowMs - Date.parse('1991-05-02T04:00:00Z'),
    reputation: 211,
    registrar: 'MarkMonitor Inc.',
    total_votes: { harmless: 58, malicious: 4 },
    categories: { 'Forcepoint ThreatSeeker': 'information technology', Sophos: 'information technology' },
  });
  domain('contoso.com', {
    stats: stats(0, 0, 64, 30),
    registeredAgo: nowMs - Date.parse('1998-11-06T05:00:00Z'),
    reputation: 3,
    registrar: 'MarkMonitor Inc.',
    categories: { 'Forcepoint ThreatSeeker': 'business and economy' },
  });

  const url = (
    href: string,
    attributes: Partial<VtUrlAttributes> & { stats: VtAnalysisStats; firstAgo: number; lastAgo: number },
  ) => {
    const { stats: analysis, firstAgo, lastAgo, ...rest } = attributes;
    urls.set(new URL(href).href, {
      url: href,
      last_final_url: href,
      title: '',
      last_analysis_date: at(lastAgo),
      last_analysis_stats: analysis,
      reputation: 0,
      tags: [],
      total_votes: { harmless: 0, malicious: 0 },
      categories: {},
      first_submission_date: at(firstAgo),
      last_submission_date: at(lastAgo),
      threat_names: [],
      times_submitted: random.int(2, 40),
      last_http_response_code: 200,
      ...rest,
    });
  };
  url(STAGER_URL, {
    stats: stats(10, 2, 56, 26),
    firstAgo: 2 * TIME.DAY + 3 * TIME.HOUR,
    lastAgo: 40 * TIME.MINUTE,
    reputation: -14,
    categories: { 'Forcepoint ThreatSeeker': 'malicious web sites', Sophos: 'malware repository' },
    threat_names: ['Downloader.PowerShell.Stager'],
  });
  for (const path of ['/', '/login']) {
    url(`https://evil-login.xyz${path}`, {
      stats: stats(14, 2, 51, 27),
      firstAgo: 5 * TIME.DAY,
      lastAgo: random.int(1, 12) * TIME.HOUR,
      title: 'Sign in to your account',
      categories: { 'Forcepoint ThreatSeeker': 'phishing and other frauds', Sophos: 'phishing' },
      threat_names: ['Phishing.Microsoft365'],
    });
  }
  // Every lure URL the tenant's own alerts carry, so a lookup of one agrees with the alert.
  const phishing = new Set<string>(DEMO_PHISHING_DOMAINS);
  for (const alert of state.securityAlerts) {
    for (const evidence of alert.evidence) {
      if (evidence['@odata.type'] !== '#microsoft.graph.security.urlEvidence') continue;
      if (!URL.canParse(evidence.url) || !phishing.has(new URL(evidence.url).hostname)) continue;
      const sentAgo = Math.max(0, state.anchorMs - Date.parse(alert.createdDateTime));
      url(evidence.url, {
        stats: stats(random.int(5, 11), random.int(0, 2), random.int(50, 58), random.int(20, 28)),
        firstAgo: sentAgo + random.int(1, 6) * TIME.HOUR,
        lastAgo: Math.max(TIME.MINUTE, sentAgo - TIME.HOUR),
        title: 'Sign in to your account',
        categories: { 'Forcepoint ThreatSeeker': 'phishing and other frauds' },
      });
    }
  }

  const file = (record: VtFileAttributes & { sha256: string; md5: string; sha1: string }) => {
    for (const hash of [record.md5, record.sha1, record.sha256]) files.set(hash.toLowerCase(), record);
  };
  file({
    ...STAGE_TWO_HASHES,
    meaningful_name: 'wupd.ps1',
    names: ['wupd.ps1', 'update.ps1'],
    size: Buffer.byteLength(STAGE_TWO_SCRIPT),
    type_description: 'Powershell',
    first_submission_date: at(2 * TIME.DAY + TIME.HOUR),
    last_submission_date: at(35 * TIME.MINUTE),
    last_analysis_date: at(35 * TIME.MINUTE),
    last_analysis_stats: stats(31, 2, 0, 29),
    reputation: -12,
    tags: ['powershell', 'downloader'],
    total_votes: { harmless: 0, malicious: 3 },
    times_submitted: 17,
    popular_threat_classification: {
      suggested_threat_label: 'trojan.powershell/downloader',
      popular_threat_category: [
        { value: 'trojan', count: 14 },
        { value: 'downloader', count: 9 },
      ],
      popular_threat_name: [{ value: 'powershell', count: 11 }],
    },
  });
  // The Windows binaries incident 4211's process evidence names: the real, signed files.
  for (const details of incidentBinaries(state)) {
    if (!details.sha256 || !details.sha1) continue;
    const hashes = SeededRandom.stream(state.seed, `threat-intel:file:${details.sha256}`);
    file({
      md5: hashes.hex(32),
      sha1: details.sha1,
      sha256: details.sha256,
      meaningful_name: details.fileName,
      names: [details.fileName, details.fileName.toUpperCase()],
      size: details.fileSize ?? undefined,
      type_description: 'Win32 EXE',
      first_submission_date: at(random.int(300, 900) * TIME.DAY),
      last_submission_date: at(random.int(1, 48) * TIME.HOUR),
      last_analysis_date: at(random.int(1, 10) * TIME.DAY),
      last_analysis_stats: stats(0, 0, 0, 72),
      reputation: random.int(10, 80),
      tags: ['peexe', 'signed'],
      total_votes: { harmless: random.int(5, 30), malicious: 0 },
      times_submitted: random.int(500, 5000),
      signature_info: {
        verified: 'Signed',
        signers: `${details.signer ?? 'Microsoft Windows'}; ${details.issuer ?? 'Microsoft Windows Production PCA 2011'}`,
        product: 'Microsoft® Windows® Operating System',
        description: details.fileName === 'powershell.exe' ? 'Windows PowerShell' : 'Windows Explorer',
      },
    });
  }

  const today = new Date(nowMs).toISOString().slice(0, 10);
  return {
    ipAddresses,
    domains,
    urls,
    files,
    cves: new Map(VULNERABILITIES.map((record) => [record.id, record])),
    epss: new Map(
      EPSS_SCORES.map(([cve, epss, percentile]) => [cve, { cve, epss, percentile, date: today }]),
    ),
  };
}

function stats(malicious: number, suspicious: number, harmless: number, undetected: number): VtAnalysisStats {
  return { malicious, suspicious, harmless, undetected, timeout: 0 };
}

/** The image files of incident 4211's processes (powershell.exe and the explorer.exe that started it). */
function incidentBinaries(state: DemoTenantState): DemoFileDetails[] {
  return state.securityAlerts
    .filter((alert) => alert.incidentId === ADELE_INCIDENT_ID)
    .flatMap((alert) => alert.evidence)
    .flatMap((evidence) =>
      evidence['@odata.type'] === '#microsoft.graph.security.processEvidence'
        ? [evidence.imageFile, evidence.parentProcessImageFile]
        : [],
    );
}

const PAN_OS_ADVISORY = 'https://security.paloaltonetworks.com/CVE-2024-3400';

/** NVD's records, as NVD publishes them (absolute dates: a CVE's history does not move with the demo). */
const VULNERABILITIES: readonly NvdCve[] = [
  {
    id: CVE_2024_3400,
    published: '2024-04-12T08:15:06.230',
    lastModified: '2024-12-20T16:11:31.597',
    vulnStatus: 'Analyzed',
    cisaExploitAdd: '2024-04-12',
    cisaActionDue: '2024-04-19',
    cisaRequiredAction:
      'Apply mitigations per vendor instructions as they become available. Otherwise, users with vulnerable versions of affected devices should enable Threat Prevention IDs available from the vendor. See the vendor bulletin for more details and a patch release schedule.',
    cisaVulnerabilityName: 'Palo Alto Networks PAN-OS Command Injection Vulnerability',
    descriptions: [
      {
        lang: 'en',
        value:
          'A command injection as a result of arbitrary file creation vulnerability in the GlobalProtect feature of Palo Alto Networks PAN-OS software for specific PAN-OS versions and distinct feature configurations may enable an unauthenticated attacker to execute arbitrary code with root privileges on the firewall. Cloud NGFW, Panorama appliances, and Prisma Access are not impacted by this vulnerability.',
      },
    ],
    metrics: {
      cvssMetricV40: [
        {
          source: 'psirt@paloaltonetworks.com',
          type: 'Secondary',
          cvssData: {
            version: '4.0',
            vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A',
            baseScore: 10,
            baseSeverity: 'CRITICAL',
          },
        },
      ],
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
            baseScore: 10,
            baseSeverity: 'CRITICAL',
          },
          exploitabilityScore: 3.9,
          impactScore: 6,
        },
      ],
    },
    weaknesses: [
      {
        source: 'psirt@paloaltonetworks.com',
        type: 'Secondary',
        description: [{ lang: 'en', value: 'CWE-77' }],
      },
    ],
    references: [
      {
        url: 'https://unit42.paloaltonetworks.com/cve-2024-3400/',
        source: 'psirt@paloaltonetworks.com',
        tags: ['Exploit', 'Third Party Advisory'],
      },
      { url: PAN_OS_ADVISORY, source: 'psirt@paloaltonetworks.com', tags: ['Vendor Advisory'] },
      {
        url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog?field_cve=CVE-2024-3400',
        source: 'nvd@nist.gov',
        tags: ['US Government Resource'],
      },
    ],
  },
  {
    id: 'CVE-2021-44228',
    published: '2021-12-10T10:15:09.143',
    lastModified: '2024-11-21T06:30:13.400',
    vulnStatus: 'Analyzed',
    cisaExploitAdd: '2021-12-10',
    cisaActionDue: '2021-12-24',
    cisaRequiredAction:
      'For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks.',
    cisaVulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
    descriptions: [
      {
        lang: 'en',
        value:
          'Apache Log4j2 2.0-beta9 through 2.15.0 (excluding security releases 2.12.2, 2.12.3, and 2.3.1) JNDI features used in configuration, log messages, and parameters do not protect against attacker controlled LDAP and other JNDI related endpoints. An attacker who can control log messages or log message parameters can execute arbitrary code loaded from LDAP servers when message lookup substitution is enabled.',
      },
    ],
    metrics: {
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
            baseScore: 10,
            baseSeverity: 'CRITICAL',
          },
          exploitabilityScore: 3.9,
          impactScore: 6,
        },
      ],
    },
    weaknesses: [
      {
        source: 'nvd@nist.gov',
        type: 'Primary',
        description: [
          { lang: 'en', value: 'CWE-502' },
          { lang: 'en', value: 'CWE-917' },
        ],
      },
    ],
    references: [
      {
        url: 'https://logging.apache.org/log4j/2.x/security.html',
        source: 'security@apache.org',
        tags: ['Vendor Advisory'],
      },
    ],
  },
  {
    id: 'CVE-2022-0778',
    published: '2022-03-15T17:15:08.513',
    lastModified: '2024-11-21T06:39:24.290',
    vulnStatus: 'Modified',
    descriptions: [
      {
        lang: 'en',
        value:
          'The BN_mod_sqrt() function, which computes a modular square root, contains a bug that can cause it to loop forever for non-prime moduli. Internally this function is used when parsing certificates that contain elliptic curve public keys in compressed form or explicit elliptic curve parameters with a base point encoded in compressed form.',
      },
    ],
    metrics: {
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
            baseScore: 7.5,
            baseSeverity: 'HIGH',
          },
          exploitabilityScore: 3.9,
          impactScore: 3.6,
        },
      ],
    },
    weaknesses: [
      { source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'CWE-835' }] },
    ],
    references: [
      {
        url: 'https://www.openssl.org/news/secadv/20220315.txt',
        source: 'openssl-security@openssl.org',
        tags: ['Vendor Advisory'],
      },
    ],
  },
];

/** FIRST's scores of the same CVEs: `[cve, epss, percentile]`. */
const EPSS_SCORES: readonly [string, number, number][] = [
  [CVE_2024_3400, 0.94339, 0.99959],
  ['CVE-2021-44228', 0.94358, 0.99995],
  ['CVE-2022-0778', 0.01092, 0.77231],
];
