import { describe, expect, it } from 'vitest';
import { createFaultInjector, faultRuleInputSchema } from '../../../src/demo/faults.js';

describe('fault rules', () => {
  it('applies a rule only to matching paths, for `times` requests, and keeps it listed when spent', () => {
    const faults = createFaultInjector(1);
    faults.add({ path: 'signIns', status: 503, times: 2 });
    expect(faults.take('/graph/v1.0/users')).toBeUndefined();
    expect(faults.take('/graph/v1.0/auditLogs/signIns')?.status).toBe(503);
    expect(faults.take('/graph/v1.0/auditLogs/signIns')?.status).toBe(503);
    expect(faults.take('/graph/v1.0/auditLogs/signIns')).toBeUndefined();
    expect(faults.list()).toEqual([expect.objectContaining({ id: 'fault-1', remaining: 0, applied: 2 })]);
  });

  it('always gives a 429 a Retry-After', () => {
    const faults = createFaultInjector(1);
    faults.add({ path: '.', status: 429 });
    expect(faults.take('/x')?.retryAfterSeconds).toBe(1);
  });

  it('passes a drop or truncate kind on, with any delay', () => {
    const faults = createFaultInjector(1);
    faults.add({ path: 'signIns', kind: 'drop', delayMs: 5 });
    faults.add({ path: 'users', kind: 'truncate' });
    expect(faults.take('/graph/v1.0/auditLogs/signIns')).toMatchObject({ kind: 'drop', delayMs: 5 });
    expect(faults.take('/graph/v1.0/users')).toMatchObject({ kind: 'truncate', delayMs: 0 });
    expect(faultRuleInputSchema.safeParse({ path: 'x', kind: 'truncate' }).success).toBe(true);
  });

  it('draws probabilities from the seed, so runs repeat', () => {
    const run = () => {
      const faults = createFaultInjector(7);
      faults.add({ path: '.', status: 500, probability: 0.3 });
      return Array.from({ length: 200 }, () => faults.take('/x') !== undefined);
    };
    const first = run();
    expect(run()).toEqual(first);
    const hits = first.filter(Boolean).length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });

  it.each([
    [{ path: '(' }, 'valid JavaScript regular expression'],
    [{ path: 'x' }, 'needs a status'],
    [{ path: 'x', status: 418 }, 'status'],
    [{ path: 'x', delayMs: 10, retryAfterSeconds: 3 }, 'retryAfterSeconds needs a status'],
    [{ path: 'x', status: 429, probability: 2 }, 'probability'],
    [{ path: 'x', status: 429, times: 0 }, 'times'],
    [{ path: 'x', status: 429, colour: 'red' }, 'colour'],
    [{ path: 'x', kind: 'drop', status: 500 }, 'cannot be combined'],
    [{ path: 'x', kind: 'explode' }, 'kind'],
  ])('refuses the rule %j', (input, message) => {
    const result = faultRuleInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});
