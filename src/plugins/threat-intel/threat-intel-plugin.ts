/**
 * The threat-intelligence plugin: lookups of IP addresses, domains, URLs and file hashes in a VirusTotal
 * v3-compatible source, CVEs in NVD (CVSS, CISA Known Exploited Vulnerabilities) and FIRST EPSS, and where
 * those indicators appear in this tenant's Defender XDR alerts (through Microsoft Graph). Each source is
 * optional: only the skills of configured sources are registered, so a deployment without a reputation key
 * still answers CVE questions, and the other way round.
 * Read-only: it has no actions, submits nothing for analysis, and never sends an internal address or name to
 * a source (the skills' input schemas refuse them).
 */
import type { GraphClient } from '../../clients/graph.js';
import type { ThreatIntelClient } from '../../clients/threat-intel.js';
import type { CveIntelClient } from '../../clients/threat-intel-cve.js';
import { ConfigError } from '../../core/errors.js';
import type { Plugin } from '../types.js';
import { addressReputationSkill } from './skills/address-reputation.js';
import { domainReputationSkill } from './skills/domain-reputation.js';
import { exploitPredictionSkill } from './skills/exploit-prediction.js';
import { fileReputationSkill } from './skills/file-reputation.js';
import { tenantSightingsSkill } from './skills/tenant-sightings.js';
import { urlReputationSkill } from './skills/url-reputation.js';
import { vulnerabilitySkill } from './skills/vulnerability.js';

/** What the threat-intelligence plugin needs; at least one of `reputation` and `vulnerabilities`. */
export interface ThreatIntelPluginOptions {
  /** IP, domain, URL and file-hash reputation (VirusTotal or a compatible source). */
  reputation?: ThreatIntelClient;
  /** CVE lookups (NVD and FIRST EPSS). */
  vulnerabilities?: CveIntelClient;
  /** The tenant's Graph client, for sightings in Defender XDR alerts. */
  graph?: GraphClient;
  now?: () => Date;
}

/** Creates the `threat-intel` plugin. Throws ConfigError when it would have nothing to look anything up in. */
export function createThreatIntelPlugin(options: ThreatIntelPluginOptions): Plugin {
  const now = options.now ?? (() => new Date());
  const { reputation, vulnerabilities, graph } = options;
  if (!reputation && !vulnerabilities) {
    throw new ConfigError(
      'The threat-intel plugin needs a reputation source, a vulnerability source, or both.',
    );
  }
  const sources = [
    ...(reputation ? [reputation.service] : []),
    ...(vulnerabilities ? ['NVD', 'FIRST EPSS'] : []),
  ];
  return {
    name: 'threat-intel',
    displayName: 'Threat intelligence',
    version: '0.1.0',
    skills: [
      ...(reputation
        ? [
            addressReputationSkill(reputation),
            domainReputationSkill(reputation),
            urlReputationSkill(reputation),
            fileReputationSkill(reputation),
          ]
        : []),
      ...(vulnerabilities
        ? [vulnerabilitySkill(vulnerabilities), exploitPredictionSkill(vulnerabilities)]
        : []),
      ...(graph ? [tenantSightingsSkill(graph, now)] : []),
    ],
    actions: [],
    async health() {
      // Every lookup counts against the source's quota (VirusTotal's public API allows 500 a day): probing
      // it from a readiness check would spend the analysts' lookups on load-balancer pings.
      return { ok: true, detail: `sources: ${sources.join(', ')} (not probed: lookups use quota)` };
    },
  };
}
