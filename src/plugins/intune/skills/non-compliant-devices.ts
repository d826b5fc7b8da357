/**
 * Skill `intune.nonCompliantDevices`: the devices Intune marks non-compliant, most recently active first: the
 * top N of them, how many there are, and counts over all of them (by operating system, unencrypted, silent
 * for a week or more), up to 1,000 read. Read-only.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  MANAGED_DEVICE_SELECT,
  type ManagedDevice,
  managedDeviceSchema,
} from '../../../clients/graph-device-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { intuneInstant } from '../intune-instant.js';
import { orderDevices } from '../order-devices.js';

const MAX_READ = 1_000;
const WEEK_MS = 7 * 86_400_000;

/** What `intune.nonCompliantDevices` returns. */
export interface NonCompliantDevices {
  /** The first `top`, most recently active first. */
  devices: ManagedDevice[];
  /** How many non-compliant devices were read; a lower bound when `truncated`. */
  total: number;
  /** More than 1,000 devices are non-compliant: `total` and the counts cover only those read. */
  truncated: boolean;
  /** How many run each operating system, most first. */
  byOperatingSystem: { operatingSystem: string; count: number }[];
  /** How many Intune reports unencrypted. */
  unencrypted: number;
  /** How many have not checked in for 7 days or more (or never). */
  silentForAWeek: number;
}

/** Creates `intune.nonCompliantDevices` on a Graph client; `now` dates "silent for a week". */
export function nonCompliantDevicesSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'nonCompliantDevices',
    description:
      'Lists the managed devices Intune marks non-compliant (most recently active first) and how many there are.',
    input: z.object({ top: z.number().int().min(1).max(100).default(25) }),
    async run(input, context): Promise<{ data: NonCompliantDevices; requests: string[] }> {
      const path = `/deviceManagement/managedDevices${queryString({
        $filter: `complianceState eq ${odataString('noncompliant')}`,
        $select: MANAGED_DEVICE_SELECT.join(','),
        $top: 100,
      })}`;
      const result = await graph.list(path, managedDeviceSchema, {
        signal: context.signal,
        maxItems: MAX_READ,
      });
      const byOperatingSystem = new Map<string, number>();
      for (const device of result.items) {
        const os = device.operatingSystem?.trim() || 'unknown OS';
        byOperatingSystem.set(os, (byOperatingSystem.get(os) ?? 0) + 1);
      }
      const weekAgo = now().getTime() - WEEK_MS;
      return {
        data: {
          devices: orderDevices(result.items).slice(0, input.top),
          total: result.items.length,
          truncated: result.truncated,
          byOperatingSystem: [...byOperatingSystem]
            .map(([operatingSystem, count]) => ({ operatingSystem, count }))
            .sort(
              (left, right) =>
                right.count - left.count || left.operatingSystem.localeCompare(right.operatingSystem),
            ),
          unencrypted: result.items.filter((device) => device.isEncrypted === false).length,
          silentForAWeek: result.items.filter(
            (device) => (intuneInstant(device.lastSyncDateTime) ?? 0) <= weekAgo,
          ).length,
        },
        requests: [graph.describe('GET', path)],
      };
    },
  });
}
