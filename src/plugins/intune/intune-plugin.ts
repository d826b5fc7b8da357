/**
 * The Microsoft Intune plugin: managed devices, their owners, OS versions, encryption and last check-in, and
 * their compliance — policy by policy and setting by setting, so an answer can say why a device is not
 * compliant — all read through Microsoft Graph. Read-only: it has no device actions (sync, wipe, retire) and
 * never changes anything in Intune.
 */
import type { GraphClient } from '../../clients/graph.js';
import { managedDeviceSchema } from '../../clients/graph-device-resources.js';
import { queryString } from '../../clients/odata-literal.js';
import type { Plugin } from '../types.js';
import { deviceSkill } from './skills/device.js';
import { deviceComplianceSkill } from './skills/device-compliance.js';
import { nonCompliantDevicesSkill } from './skills/non-compliant-devices.js';
import { osVersionsSkill } from './skills/os-versions.js';
import { userDevicesSkill } from './skills/user-devices.js';

/** What the Intune plugin needs. */
export interface IntunePluginOptions {
  graph: GraphClient;
  /** The clock, for "not checked in for a week" counts; the system clock by default. */
  now?: () => Date;
}

/** Creates the `intune` plugin on a Graph client. */
export function createIntunePlugin(options: IntunePluginOptions): Plugin {
  const { graph } = options;
  const now = options.now ?? (() => new Date());
  return {
    name: 'intune',
    displayName: 'Microsoft Intune',
    version: '0.1.0',
    skills: [
      userDevicesSkill(graph),
      deviceSkill(graph),
      deviceComplianceSkill(graph),
      nonCompliantDevicesSkill(graph, now),
      osVersionsSkill(graph),
    ],
    actions: [],
    async health(context) {
      try {
        await graph.list(
          `/deviceManagement/managedDevices${queryString({ $top: 1, $select: 'id' })}`,
          managedDeviceSchema.pick({ id: true }),
          { signal: context.signal, maxItems: 1 },
        );
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
