import { describe, expect, it } from 'vitest';
import {
  createIdentityProtectionThrottle,
  isIdentityProtectionPath,
} from '../../../src/demo/identity-protection-throttle.js';
import { createTokenBucket } from '../../../src/demo/token-bucket.js';

describe('the token bucket', () => {
  it('lets a burst through, then one request per refill interval, saying how long to wait', () => {
    const bucket = createTokenBucket({ burst: 3, perSecond: 2 });
    const at = (ms: number) => bucket.take(ms);
    expect([at(0), at(0), at(0)].every((d) => d.allowed)).toBe(true);
    expect(at(0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(at(499).allowed).toBe(false);
    expect(at(500).allowed).toBe(true);
    expect(at(500).allowed).toBe(false);
    expect(bucket.available(10_000)).toBe(3);
  });

  it('rounds Retry-After up to whole seconds for slow rates, and ignores a clock that steps back', () => {
    const bucket = createTokenBucket({ burst: 1, perSecond: 0.25 });
    expect(bucket.take(1_000).allowed).toBe(true);
    expect(bucket.take(1_000)).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(bucket.take(0).allowed).toBe(false);
    expect(bucket.take(5_000).allowed).toBe(true);
    bucket.refill();
    expect(bucket.take(0).allowed).toBe(true);
  });

  it('refuses a rate it cannot honour', () => {
    expect(() => createTokenBucket({ burst: 0, perSecond: 1 })).toThrow(/burst/);
    expect(() => createTokenBucket({ burst: 1.5, perSecond: 1 })).toThrow(/burst/);
    expect(() => createTokenBucket({ burst: 1, perSecond: 0 })).toThrow(/perSecond/);
  });
});

describe('the Identity Protection throttle', () => {
  it('counts Identity Protection and Conditional Access paths of both versions, nothing else', () => {
    for (const path of [
      '/graph/v1.0/identityProtection/riskyUsers',
      '/graph/beta/identityProtection/riskDetections/abc',
      '/graph/v1.0/IDENTITYPROTECTION/riskyUsers/dismiss',
      '/graph/v1.0/identity/conditionalAccess/policies',
    ]) {
      expect(isIdentityProtectionPath(path), path).toBe(true);
    }
    for (const path of [
      '/graph/v1.0/users',
      '/graph/v1.0/identity/b2xUserFlows',
      '/graph/v1.0/identityProtectionX',
      '/_demo/health',
    ]) {
      expect(isIdentityProtectionPath(path), path).toBe(false);
    }
  });

  it('throttles only while configured, and can be reconfigured', () => {
    const throttle = createIdentityProtectionThrottle({ burst: 1, perSecond: 1 });
    const path = '/graph/v1.0/identityProtection/riskyUsers';
    expect(throttle.check(path, 0)).toBeUndefined();
    expect(throttle.check(path, 0)).toBe(1);
    expect(throttle.check('/graph/v1.0/users', 0)).toBeUndefined();
    throttle.configure(false);
    expect(throttle.rate()).toBe(false);
    expect(throttle.available(0)).toBeNull();
    for (let i = 0; i < 10; i++) expect(throttle.check(path, 0)).toBeUndefined();
    throttle.configure({ burst: 2, perSecond: 1 });
    expect(throttle.rate()).toEqual({ burst: 2, perSecond: 1 });
    expect(() => throttle.configure({ burst: 2, perSecond: -1 })).toThrow(/perSecond/);
  });
});
