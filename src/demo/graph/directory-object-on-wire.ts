/**
 * Directory objects as navigation properties return them (`members`, `memberOf`, a role assignment's
 * `principal`): the object's own properties plus `@odata.type`, which tells a user from a group or a role.
 * It never decides which objects are related: routes pass the objects.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import { slideDateTimes } from '../slide-date-times.js';
import type { DemoDirectoryRole, DemoGroup } from '../state/directory-objects.js';
import { userOnWire } from './routes-users.js';

/** A user as a directory object (every property; `$select` or the default set narrows it later). */
export function userAsDirectoryObject(person: DemoUser, driftMs: number): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...userOnWire(person, driftMs) };
}

/** A group as a directory object. */
export function groupAsDirectoryObject(group: DemoGroup, driftMs: number): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.group', ...slideDateTimes(group.group, driftMs) };
}

/** A directory role as a directory object. */
export function roleAsDirectoryObject(role: DemoDirectoryRole): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.directoryRole', ...role.role };
}
