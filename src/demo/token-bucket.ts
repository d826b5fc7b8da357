/**
 * A token bucket: holds up to `burst` tokens, refills `perSecond` tokens a second, and each request takes one
 * or is told how long to wait. The demo tenant throttles the way Microsoft's services do with it.
 * It never reads the wall clock itself: the caller passes the instant of every call, so tests can move time.
 */

/** A bucket's size and refill rate. */
export interface TokenBucketRate {
  /** Tokens a full bucket holds: requests that may arrive at once. */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
}

/** The answer to one request: go ahead, or wait this many seconds. */
export type TokenBucketDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A token bucket at `rate`, full at first. */
export interface TokenBucket {
  readonly rate: TokenBucketRate;
  /** Takes a token at `nowMs` if one is there. */
  take(nowMs: number): TokenBucketDecision;
  /** Tokens available at `nowMs` (fractional while refilling). */
  available(nowMs: number): number;
  /** Fills the bucket again. */
  refill(): void;
}

/** Checks a rate at construction: a positive whole burst and a positive rate. */
export function assertTokenBucketRate(rate: TokenBucketRate, what: string): void {
  if (!Number.isInteger(rate.burst) || rate.burst < 1 || rate.burst > 10_000) {
    throw new RangeError(`${what}: burst must be a whole number from 1 to 10000 (got ${rate.burst})`);
  }
  if (!Number.isFinite(rate.perSecond) || rate.perSecond <= 0 || rate.perSecond > 10_000) {
    throw new RangeError(`${what}: perSecond must be above 0 and at most 10000 (got ${rate.perSecond})`);
  }
}

/** Creates a full bucket. */
export function createTokenBucket(rate: TokenBucketRate): TokenBucket {
  assertTokenBucketRate(rate, 'token bucket');
  let tokens = rate.burst;
  let lastMs: number | undefined;

  const update = (nowMs: number) => {
    if (lastMs !== undefined && nowMs > lastMs) {
      tokens = Math.min(rate.burst, tokens + ((nowMs - lastMs) / 1000) * rate.perSecond);
    }
    // A clock that steps back (a test resetting it) neither refills nor drains the bucket.
    lastMs = lastMs === undefined ? nowMs : Math.max(lastMs, nowMs);
  };

  return {
    rate: { ...rate },
    take(nowMs) {
      update(nowMs);
      if (tokens >= 1) {
        tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate.perSecond)) };
    },
    available(nowMs) {
      update(nowMs);
      return tokens;
    },
    refill() {
      tokens = rate.burst;
      lastMs = undefined;
    },
  };
}
