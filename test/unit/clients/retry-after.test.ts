import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/clients/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-11T15:00:00Z');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a date in the past as no wait', () => {
    expect(parseRetryAfter('Wed, 11 Jun 2025 15:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 11 Jun 2025 14:00:00 GMT', now)).toBe(0);
  });

  it('gives undefined for what it cannot read, so the caller backs off on its own', () => {
    for (const value of [null, undefined, '', 'soon', '-1', '1.5', 'Wed, 11 Jun 2025 15:00:30']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
