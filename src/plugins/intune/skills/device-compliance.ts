/**
 * Skill `intune.deviceCompliance`: why a managed device is or is not compliant — each compliance policy
 * assigned to it and, setting by setting, its state and the value the device reports. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  COMPLIANCE_POLICY_STATE_SELECT,
  deviceCompliancePolicyStateSchema,
} from '../../../clients/graph-device-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { guidSchema } from '../device-reference.js';

/** Creates `intune.deviceCompliance` on a Graph client. */
export function deviceComplianceSkill(graph: GraphClient) {
  return defineSkill({
    name: 'deviceCompliance',
    description:
      "Lists a managed device's compliance policy states setting by setting (which setting fails and the value the device reports).",
    input: z.object({ deviceId: guidSchema }),
    async run(input, context) {
      const path = `/deviceManagement/managedDevices/${encodeURIComponent(input.deviceId)}/deviceCompliancePolicyStates${queryString(
        { $select: COMPLIANCE_POLICY_STATE_SELECT.join(',') },
      )}`;
      const result = await graph.list(path, deviceCompliancePolicyStateSchema, {
        signal: context.signal,
        maxItems: 100,
      });
      return { data: result.items, requests: [graph.describe('GET', path)] };
    },
  });
}
