/**
 * Skill `defender-xdr.incident`: one Defender XDR incident by id, with its alerts and their evidence
 * (`GET /security/incidents/{id}?$expand=alerts`). An id Defender does not know (Graph answers 404) is
 * returned as `null`, not as a failure, so the answer can say "no such incident". Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { type DefenderIncident, defenderIncidentSchema } from '../../../clients/graph-security-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { WardError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';
import { incidentIdSchema } from '../incident-reference.js';

/** The `defender-xdr.incident` skill on `graph`. */
export function incidentSkill(graph: GraphClient) {
  return defineSkill({
    name: 'incident',
    description:
      'Gets one Microsoft Defender XDR incident by its number (severity, status, owner, classification) with its alerts and their evidence; null when there is no such incident.',
    input: z.object({ incidentId: incidentIdSchema }),
    async run(input, context) {
      const path = `/security/incidents/${encodeURIComponent(input.incidentId)}${queryString({ $expand: 'alerts' })}`;
      const requests = [graph.describe('GET', path)];
      try {
        const data: DefenderIncident | null = await graph.get(path, defenderIncidentSchema, {
          signal: context.signal,
        });
        return { data, requests };
      } catch (error) {
        if (WardError.isInstance(error) && error.code === 'not_found') return { data: null, requests };
        throw error;
      }
    },
  });
}
