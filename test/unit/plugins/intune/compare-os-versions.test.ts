/** OS versions compared as numbers within one release line; unreadable versions are unknown, not equal. */
import { describe, expect, it } from 'vitest';
import { compareOsVersions, osVersionLine } from '../../../../src/plugins/intune/compare-os-versions.js';

describe('compareOsVersions', () => {
  it.each([
    ['10.0.22631.4169', '10.0.22631.4602', -1],
    ['10.0.22631.4602', '10.0.22631.4460', 1],
    ['10.0.22631.4602', '10.0.22631.4602', 0],
    ['17.10', '17.9', 1],
    ['18', '18.0.0', 0],
  ] as const)('%s vs %s is %i (numbers, not text)', (left, right, expected) => {
    expect(compareOsVersions(left, right)).toBe(expected);
  });

  it.each([
    ['', '1'],
    ['10.0.x', '10.0.1'],
    ['1..2', '1.2'],
    ['1.2.3.4.5.6.7', '1'],
  ])('%j vs %j is unknown', (left, right) => {
    expect(compareOsVersions(left, right)).toBeUndefined();
  });
});

describe('osVersionLine', () => {
  it('is the build of a four-part Windows version, else the major version', () => {
    expect(osVersionLine('10.0.22631.4169')).toBe('10.0.22631');
    expect(osVersionLine('10.0.26100.2605')).toBe('10.0.26100');
    expect(osVersionLine('17.7.2')).toBe('17');
    expect(osVersionLine('14')).toBe('14');
    expect(osVersionLine('Windows 11')).toBeUndefined();
  });
});
