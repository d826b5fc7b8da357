/**
 * What kind of device a managed device is (a computer, a phone, a tablet), read from the operating system and
 * model Intune reports, so "Diego's laptop" can be told from "Diego's iPhone". Pure; never guesses beyond
 * `other` for systems it does not know.
 */
import type { ManagedDevice } from '../../clients/graph-device-resources.js';

/** The form factor of a managed device. */
export type DeviceForm = 'computer' | 'phone' | 'tablet' | 'other';

/** Reads a device's form factor from its operating system and model. */
export function deviceForm(device: Pick<ManagedDevice, 'operatingSystem' | 'model'>): DeviceForm {
  const os = (device.operatingSystem ?? '').toLowerCase();
  const model = (device.model ?? '').toLowerCase();
  if (os === 'ipados' || model.includes('ipad') || model.includes('tablet') || model.includes('galaxy tab'))
    return 'tablet';
  if (os === 'ios' || os.startsWith('android')) return 'phone';
  if (os.startsWith('windows') || os === 'macos' || os.includes('linux') || os.includes('chrome'))
    return 'computer';
  return 'other';
}
