/**
 * Skill `intune.device`: one managed device by its Intune id, its Entra device id, or its name. Names are not
 * unique in Intune, so a name returns every device that has it (none when Intune does not manage one by that
 * name). Read-only; ids are validated GUIDs and names are quoted as OData literals.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  MANAGED_DEVICE_SELECT,
  type ManagedDevice,
  managedDeviceSchema,
} from '../../../clients/graph-device-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { WardError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';
import { deviceReferenceSchema, isGuid } from '../device-reference.js';
import { orderDevices } from '../order-devices.js';

const MAX_SAME_NAME = 25;

/** What `intune.device` returns. */
export interface DeviceLookup {
  devices: ManagedDevice[];
  truncated: boolean;
}

/** Creates `intune.device` on a Graph client. */
export function deviceSkill(graph: GraphClient) {
  return defineSkill({
    name: 'device',
    description:
      'Finds a managed device by Intune device id, Entra device id or device name (every device with that name).',
    input: z.object({ device: deviceReferenceSchema }),
    async run(input, context): Promise<{ data: DeviceLookup; requests: string[] }> {
      const select = MANAGED_DEVICE_SELECT.join(',');
      const requests: string[] = [];
      const search = async (filter: string): Promise<DeviceLookup> => {
        const path = `/deviceManagement/managedDevices${queryString({
          $filter: filter,
          $select: select,
          $top: MAX_SAME_NAME,
        })}`;
        requests.push(graph.describe('GET', path));
        const result = await graph.list(path, managedDeviceSchema, {
          signal: context.signal,
          maxItems: MAX_SAME_NAME,
        });
        return { devices: orderDevices(result.items), truncated: result.truncated };
      };
      if (!isGuid(input.device)) {
        const data = await search(`deviceName eq ${odataString(input.device)}`);
        return { data, requests };
      }
      const path = `/deviceManagement/managedDevices/${encodeURIComponent(input.device)}${queryString({ $select: select })}`;
      requests.push(graph.describe('GET', path));
      try {
        const device = await graph.get(path, managedDeviceSchema, { signal: context.signal });
        return { data: { devices: [device], truncated: false }, requests };
      } catch (error) {
        if (!WardError.isInstance(error) || error.code !== 'not_found') throw error;
      }
      // Entra ID, Defender and sign-in logs name a device by its Entra device id, not Intune's.
      const data = await search(`azureADDeviceId eq ${odataString(input.device)}`);
      return { data, requests };
    },
  });
}
