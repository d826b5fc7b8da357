/**
 * What kind of device a managed device is (a computer, a phone, a tablet) and which platform it runs (Windows,
 * macOS, iOS/iPadOS, Android, Linux), read from the operating system and model Intune reports, so "Diego's
 * laptop" can be told from "Diego's iPhone" and "is BitLocker on?" is about the Windows one. Pure; never
 * guesses beyond `other` for systems it does not know.
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

/** The platform a managed device runs. */
export type DevicePlatform = 'windows' | 'macos' | 'ios' | 'android' | 'linux' | 'other';

/** Reads a device's platform from its operating system (iPadOS counts as iOS, as Intune's policies do). */
export function devicePlatform(device: Pick<ManagedDevice, 'operatingSystem'>): DevicePlatform {
  const os = (device.operatingSystem ?? '').toLowerCase();
  if (os.startsWith('windows')) return 'windows';
  if (os === 'macos' || os === 'mac os x' || os === 'osx') return 'macos';
  if (os === 'ios' || os === 'ipados') return 'ios';
  if (os.startsWith('android')) return 'android';
  if (os.includes('linux')) return 'linux';
  return 'other';
}
