/**
 * Skill `intune.userDevices`: the managed devices Intune lists for one user (by object id or UPN), non-compliant
 * first. Read-only; the user is validated and quoted as an OData literal, never pasted into the filter.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { MANAGED_DEVICE_SELECT, managedDeviceSchema } from '../../../clients/graph-device-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { isGuid, userReferenceSchema } from '../device-reference.js';
import { orderDevices } from '../order-devices.js';

/** Creates `intune.userDevices` on a Graph client. */
export function userDevicesSkill(graph: GraphClient) {
  return defineSkill({
    name: 'userDevices',
    description:
      "Lists a user's Intune managed devices (name, OS and version, compliance, encryption, last check-in).",
    input: z.object({
      user: userReferenceSchema,
      top: z.number().int().min(1).max(100).default(50),
    }),
    async run(input, context) {
      const filter = isGuid(input.user)
        ? `userId eq ${odataString(input.user)}`
        : `userPrincipalName eq ${odataString(input.user)}`;
      const path = `/deviceManagement/managedDevices${queryString({
        $filter: filter,
        $select: MANAGED_DEVICE_SELECT.join(','),
        $top: input.top,
      })}`;
      const result = await graph.list(path, managedDeviceSchema, {
        signal: context.signal,
        maxItems: input.top,
      });
      return {
        data: { devices: orderDevices(result.items), truncated: result.truncated },
        requests: [graph.describe('GET', path)],
      };
    },
  });
}
