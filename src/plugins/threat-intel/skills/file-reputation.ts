/**
 * Skill `threat-intel.fileReputation`: what a VirusTotal v3-compatible source knows about one file by MD5, SHA-1
 * or SHA-256 (engine verdicts, threat label, names, type, signature, first and last seen), as a `ReputationReport`.
 * A source with no record answers `found: false`, which is an answer ("no intelligence on it"), not a failure.
 * Internal addresses and names are refused by the input schema before anything is sent. Read-only: it looks
 * up, and never submits anything for analysis.
 */
import { z } from 'zod/v4';
import { type ThreatIntelClient, threatIntelPaths } from '../../../clients/threat-intel.js';
import { defineSkill } from '../../types.js';
import { indicatorValueSchema } from '../indicator.js';
import { fileReport } from '../reputation-report.js';

/** `threat-intel.fileReputation` on `client`. */
export function fileReputationSkill(client: ThreatIntelClient) {
  return defineSkill({
    name: 'fileReputation',
    description: `Reputation of a file by MD5, SHA-1 or SHA-256 from ${client.service}: engine verdicts, threat label, names, type, signature, first and last seen.`,
    input: z.object({ hash: indicatorValueSchema('hash') }),
    async run(input, context) {
      const path = threatIntelPaths.file(input.hash);
      const object = await client.file(input.hash, { signal: context.signal });
      return {
        data: fileReport({ kind: 'hash', value: input.hash }, client.service, object),
        requests: [client.describe(path)],
      };
    },
  });
}
