/**
 * How a managed device reads in a table or a sentence: its label, owner, OS and one row of a device table.
 * Pure (the caller passes `now`); tenant text is passed through as is: the card escapes it, never this.
 */
import type { ManagedDevice } from '../../clients/graph-device-resources.js';
import { formatAgo } from '../format-when.js';
import { intuneInstant } from './intune-instant.js';

/** Columns of a device table, in the order of {@link deviceTableRow}. */
export const DEVICE_TABLE_COLUMNS = ['Device', 'Owner', 'OS', 'Compliance', 'Encrypted', 'Last check-in'];

/** The device's name, or its id when Intune has no name for it. */
export function deviceLabel(device: Pick<ManagedDevice, 'id' | 'deviceName'>): string {
  return device.deviceName?.trim() || device.id;
}

/** "Windows 10.0.22631.4169", or what is known of it. */
export function osLabel(device: Pick<ManagedDevice, 'operatingSystem' | 'osVersion'>): string {
  return [device.operatingSystem, device.osVersion].filter(Boolean).join(' ') || 'unknown OS';
}

/** "Diego Siciliani (diego.siciliani@contoso.com)", the UPN alone, or undefined for a userless device. */
export function ownerLabel(
  device: Pick<ManagedDevice, 'userDisplayName' | 'userPrincipalName'>,
): string | undefined {
  const name = device.userDisplayName?.trim();
  const upn = device.userPrincipalName?.trim();
  if (name && upn) return `${name} (${upn})`;
  return name || upn || undefined;
}

/** "2 d ago", or "never" when Intune has no check-in. */
export function checkInLabel(device: Pick<ManagedDevice, 'lastSyncDateTime'>, now: Date): string {
  const at = intuneInstant(device.lastSyncDateTime);
  return at === undefined ? 'never' : formatAgo(new Date(at).toISOString(), now);
}

/** "yes", "no" or "unknown". */
export function encryptedLabel(device: Pick<ManagedDevice, 'isEncrypted'>): string {
  return device.isEncrypted === true ? 'yes' : device.isEncrypted === false ? 'no' : 'unknown';
}

/** One row of a device table. */
export function deviceTableRow(device: ManagedDevice, now: Date): string[] {
  return [
    deviceLabel(device),
    ownerLabel(device) ?? 'shared (no user)',
    osLabel(device),
    device.complianceState ?? 'unknown',
    encryptedLabel(device),
    checkInLabel(device, now),
  ];
}
