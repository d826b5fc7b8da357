/**
 * Skill `intune.osVersions`: how many of the tenant's managed devices of one operating system run each OS
 * version (up to 1,000 devices read), so an answer can say how far behind one device is compared with the
 * rest of the fleet. Read-only; the operating system is validated and quoted as an OData literal.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import { managedDeviceSchema } from '../../../clients/graph-device-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';
import { operatingSystemSchema } from '../device-reference.js';

const MAX_READ = 1_000;
const osVersionOnly = managedDeviceSchema.pick({ osVersion: true });

/** What `intune.osVersions` returns: the versions in use, most common first. */
export interface OsVersionCounts {
  operatingSystem: string;
  versions: { version: string; count: number }[];
  /** How many devices were read. */
  devicesRead: number;
  /** The tenant has more devices of this system than were read. */
  truncated: boolean;
}

/** Creates `intune.osVersions` on a Graph client. */
export function osVersionsSkill(graph: GraphClient) {
  return defineSkill({
    name: 'osVersions',
    description:
      "Counts the OS versions the tenant's managed devices of one operating system run (to see how far behind a device is).",
    input: z.object({ operatingSystem: operatingSystemSchema }),
    async run(input, context): Promise<{ data: OsVersionCounts; requests: string[] }> {
      const path = `/deviceManagement/managedDevices${queryString({
        $filter: `operatingSystem eq ${odataString(input.operatingSystem)}`,
        $select: 'osVersion',
        $top: MAX_READ,
      })}`;
      const result = await graph.list(path, osVersionOnly, { signal: context.signal, maxItems: MAX_READ });
      const counts = new Map<string, number>();
      for (const item of result.items) {
        const version = item.osVersion?.trim();
        if (version) counts.set(version, (counts.get(version) ?? 0) + 1);
      }
      const versions = [...counts]
        .map(([version, count]) => ({ version, count }))
        .sort((left, right) => right.count - left.count || right.version.localeCompare(left.version));
      return {
        data: {
          operatingSystem: input.operatingSystem,
          versions,
          devicesRead: result.items.length,
          truncated: result.truncated,
        },
        requests: [graph.describe('GET', path)],
      };
    },
  });
}
