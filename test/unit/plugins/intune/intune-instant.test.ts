/** Device times: relative ages, UTC stamps, and Intune's "never" / "no end" sentinels read as no time at all. */
import { describe, expect, it } from 'vitest';
import { formatAgo, formatWhen } from '../../../../src/plugins/format-when.js';
import { intuneInstant } from '../../../../src/plugins/intune/intune-instant.js';
import { daysAgo, hoursAgo, NOW } from './fixtures.js';

describe('formatAgo', () => {
  it.each([
    [hoursAgo(0.001), 'just now'],
    [hoursAgo(0.5), '30 min ago'],
    [hoursAgo(5), '5 h ago'],
    [hoursAgo(53), '2 d ago'],
    [daysAgo(1092), '3 y ago'],
    [daysAgo(-3), 'in 3 d'],
    ['not a time', 'unknown time'],
  ])('%s reads as %s', (iso, expected) => {
    expect(formatAgo(iso, NOW)).toBe(expected);
  });

  it('stamps with UTC and the age', () => {
    expect(formatWhen(hoursAgo(53), NOW)).toBe('2026-11-22 10:00 UTC (2 d ago)');
  });
});

describe('intuneInstant', () => {
  it.each(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '', null, undefined, 'soon'])(
    '%j is no time',
    (value) => {
      expect(intuneInstant(value)).toBeUndefined();
    },
  );

  it('reads a real time', () => {
    expect(intuneInstant(NOW.toISOString())).toBe(NOW.getTime());
  });
});
