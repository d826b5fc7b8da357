/**
 * Skill `threat-intel.urlReputation`: what a VirusTotal v3-compatible source knows about one http(s) URL (engine
 * verdicts, categories, threat names, first and last seen, where it redirects), as a `ReputationReport`.
 * A source with no record answers `found: false`, which is an answer ("no intelligence on it"), not a failure.
 * Internal addresses and names are refused by the input schema before anything is sent. Read-only: it looks
 * up, and never submits anything for analysis.
 */
import { z } from 'zod/v4';
import type { ThreatIntelClient } from '../../../clients/threat-intel.js';
import { defineSkill } from '../../types.js';
import { indicatorValueSchema } from '../indicator.js';
import { urlReport } from '../reputation-report.js';

/** `threat-intel.urlReputation` on `client`. */
export function urlReputationSkill(client: ThreatIntelClient) {
  return defineSkill({
    name: 'urlReputation',
    description: `Reputation of an http(s) URL from ${client.service}: engine verdicts, categories, threat names, first and last seen, where it redirects.`,
    input: z.object({ url: indicatorValueSchema('url') }),
    async run(input, context) {
      const object = await client.url(input.url, { signal: context.signal });
      return {
        data: urlReport({ kind: 'url', value: input.url }, client.service, object),
        // The path holds the URL in base64; the citation shows the URL itself.
        requests: [client.describe(`/api/v3/urls/{id of ${input.url}}`)],
      };
    },
  });
}
