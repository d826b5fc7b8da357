/**
 * Identity Protection's throttling, as the real service does it: about one request a second per tenant,
 * across every app, over `/identityProtection/*` and `/identity/conditionalAccess/*` (v1.0 and beta), with a
 * small burst. Past it the demo tenant answers 429 `TooManyRequests` with `Retry-After`, so clients meet the
 * throttling they will meet in production. On by default; a tenant option, `PUT /_demo/throttle` or
 * `DEMO_TENANT_IDENTITY_PROTECTION_RATE` (standalone) change or disable it.
 * It never throttles other paths and never reads the wall clock: it uses the tenant's clock.
 */
import {
  assertTokenBucketRate,
  createTokenBucket,
  type TokenBucket,
  type TokenBucketRate,
} from './token-bucket.js';

/** What the demo tenant does without a setting: 4 requests at once, then one a second. */
export const DEFAULT_IDENTITY_PROTECTION_RATE: TokenBucketRate = { burst: 4, perSecond: 1 };

/** A rate, or `false` for no throttling. */
export type IdentityProtectionRate = TokenBucketRate | false;

const THROTTLED_PATH =
  /^\/graph\/(?:v1\.0|beta)\/(?:identityProtection|identity\/conditionalAccess)(?:\/|$)/i;

/** The throttle of one demo tenant. */
export interface IdentityProtectionThrottle {
  /** The rate in force, or `false` when off. */
  rate(): IdentityProtectionRate;
  /** Replaces the rate (a full bucket), or turns throttling off with `false`. */
  configure(rate: IdentityProtectionRate): void;
  /** Refills the bucket (the rate stays). */
  refill(): void;
  /** Seconds to wait when a request to `path` at `nowMs` is over the limit; undefined when it may go ahead. */
  check(path: string, nowMs: number): number | undefined;
  /** Tokens left at `nowMs` (null when off), for `/_demo/throttle`. */
  available(nowMs: number): number | null;
}

/** True for the paths the Identity Protection throttle counts. */
export function isIdentityProtectionPath(path: string): boolean {
  return THROTTLED_PATH.test(path);
}

/** A throttle at `rate` (checked here, so a bad option fails at construction). */
export function createIdentityProtectionThrottle(
  initial: IdentityProtectionRate,
): IdentityProtectionThrottle {
  let bucket: TokenBucket | undefined;
  const configure = (rate: IdentityProtectionRate) => {
    if (rate !== false) assertTokenBucketRate(rate, 'identityProtectionRate');
    bucket = rate === false ? undefined : createTokenBucket(rate);
  };
  configure(initial);
  return {
    rate: () => (bucket === undefined ? false : { ...bucket.rate }),
    configure,
    refill: () => bucket?.refill(),
    check(path, nowMs) {
      if (bucket === undefined || !isIdentityProtectionPath(path)) return undefined;
      const decision = bucket.take(nowMs);
      return decision.allowed ? undefined : decision.retryAfterSeconds;
    },
    available: (nowMs) => (bucket === undefined ? null : bucket.available(nowMs)),
  };
}
