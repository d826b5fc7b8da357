/** Laptops, phones and tablets told apart from what Intune reports, so "Diego's laptop" finds the laptop. */
import { describe, expect, it } from 'vitest';
import { deviceForm } from '../../../../src/plugins/intune/device-form.js';

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
