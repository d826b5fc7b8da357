/**
 * Skill `threat-intel.domainReputation`: what a VirusTotal v3-compatible source knows about one public domain
 * (engine verdicts, categories, community score, registration date and registrar), as a `ReputationReport`.
 * A source with no record answers `found: false`, which is an answer ("no intelligence on it"), not a failure.
 * Internal addresses and names are refused by the input schema before anything is sent. Read-only: it looks
 * up, and never submits anything for analysis.
 */
import { z } from 'zod/v4';
import { type ThreatIntelClient, threatIntelPaths } from '../../../clients/threat-intel.js';
import { defineSkill } from '../../types.js';
import { indicatorValueSchema } from '../indicator.js';
import { domainReport } from '../reputation-report.js';

/** `threat-intel.domainReputation` on `client`. */
export function domainReputationSkill(client: ThreatIntelClient) {
  return defineSkill({
    name: 'domainReputation',
    description: `Reputation of a domain from ${client.service}: engine verdicts, categories (phishing, malware), community score, registration date and registrar.`,
    input: z.object({ domain: indicatorValueSchema('domain') }),
    async run(input, context) {
      const path = threatIntelPaths.domain(input.domain);
      const object = await client.domain(input.domain, { signal: context.signal });
      return {
        data: domainReport({ kind: 'domain', value: input.domain }, client.service, object),
        requests: [client.describe(path)],
      };
    },
  });
}
