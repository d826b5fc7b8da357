/**
 * The order device lists are shown in: devices that are not compliant first, then the most recently active
 * (the device someone is using now matters more than one in a drawer), then by name. Pure; never drops one.
 */
import type { ManagedDevice } from '../../clients/graph-device-resources.js';
import { intuneInstant } from './intune-instant.js';

/** A new array of `devices`, non-compliant first, then by latest check-in, then by name. */
export function orderDevices(devices: readonly ManagedDevice[]): ManagedDevice[] {
  const rank = (device: ManagedDevice) =>
    device.complianceState === 'noncompliant' ? 0 : device.complianceState === 'compliant' ? 2 : 1;
  return [...devices].sort(
    (left, right) =>
      rank(left) - rank(right) ||
      (intuneInstant(right.lastSyncDateTime) ?? 0) - (intuneInstant(left.lastSyncDateTime) ?? 0) ||
      (left.deviceName ?? '').localeCompare(right.deviceName ?? ''),
  );
}
