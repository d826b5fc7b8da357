/**
 * Skill `threat-intel.addressReputation`: what a VirusTotal v3-compatible source knows about one public IP address
 * (engine verdicts, community score, tags, network owner and country), as a `ReputationReport`.
 * A source with no record answers `found: false`, which is an answer ("no intelligence on it"), not a failure.
 * Internal addresses and names are refused by the input schema before anything is sent. Read-only: it looks
 * up, and never submits anything for analysis.
 */
import { z } from 'zod/v4';
import { type ThreatIntelClient, threatIntelPaths } from '../../../clients/threat-intel.js';
import { defineSkill } from '../../types.js';
import { indicatorValueSchema } from '../indicator.js';
import { ipAddressReport } from '../reputation-report.js';

/** `threat-intel.addressReputation` on `client`. */
export function addressReputationSkill(client: ThreatIntelClient) {
  return defineSkill({
    name: 'addressReputation',
    description: `Reputation of a public IP address from ${client.service}: engine verdicts, community score, tags, network owner and country.`,
    input: z.object({ ip: indicatorValueSchema('ip') }),
    async run(input, context) {
      const path = threatIntelPaths.ipAddress(input.ip);
      const object = await client.ipAddress(input.ip, { signal: context.signal });
      return {
        data: ipAddressReport({ kind: 'ip', value: input.ip }, client.service, object),
        requests: [client.describe(path)],
      };
    },
  });
}
