/**
 * Laptops, phones and tablets, and their platforms, told apart from what Intune reports, so "Diego's laptop"
 * finds the laptop and "is BitLocker on?" the Windows device.
 */
import { describe, expect, it } from 'vitest';
import { deviceForm, devicePlatform } from '../../../../src/plugins/intune/device-form.js';

describe('deviceForm', () => {
  it.each([
    ['Windows', 'Latitude 7420', 'computer'],
    ['macOS', 'MacBook Air (M2, 2022)', 'computer'],
    ['iOS', 'iPhone 14', 'phone'],
    ['Android', 'Pixel 8', 'phone'],
    ['AndroidEnterprise', 'Galaxy S24', 'phone'],
    ['iPadOS', 'iPad Air', 'tablet'],
    ['iOS', 'iPad Pro', 'tablet'],
    ['Android', 'Galaxy Tab S9', 'tablet'],
    ['Linux', 'ThinkPad', 'computer'],
    ['HoloLens', null, 'other'],
    [null, null, 'other'],
  ] as const)('%s %s is a %s', (operatingSystem, model, form) => {
    expect(deviceForm({ operatingSystem, model })).toBe(form);
  });
});

describe('devicePlatform', () => {
  it.each([
    ['Windows', 'windows'],
    ['Windows 10 Enterprise', 'windows'],
    ['macOS', 'macos'],
    ['iOS', 'ios'],
    ['iPadOS', 'ios'],
    ['Android', 'android'],
    ['AndroidEnterprise', 'android'],
    ['Linux', 'linux'],
    ['HoloLens', 'other'],
    [null, 'other'],
  ] as const)('%s runs %s', (operatingSystem, platform) => {
    expect(devicePlatform({ operatingSystem })).toBe(platform);
  });
});
