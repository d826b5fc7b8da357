/**
 * Fault injection for the demo tenant: rules that make requests whose path matches a regular expression fail
 * the way the real services and networks fail (429 with `Retry-After`, 500, 503, 504; a connection dropped
 * without an answer; a 200 whose JSON body is cut in half) and/or answer slowly, for a number of requests or
 * until cleared, always or with a probability. Lets clients be tested against throttling, outages and broken
 * connections without a real tenant.
 * It never applies to the control endpoints (`/_demo/...`) and never uses `Math.random`: the probability draw
 * is seeded, so a test run is repeatable.
 */
import { z } from 'zod/v4';
import { SeededRandom } from './seed/seeded-random.js';

/** The body of `POST /_demo/faults`. */
export const faultRuleInputSchema = z
  .object({
    path: z
      .string()
      .min(1)
      .max(500)
      .refine(
        (source) => {
          try {
            new RegExp(source);
            return true;
          } catch {
            return false;
          }
        },
        {
          message:
            'path must be a valid JavaScript regular expression (it is matched against the request path)',
        },
      ),
    status: z.union([z.literal(429), z.literal(500), z.literal(503), z.literal(504)]).optional(),
    /**
     * `drop`: the request is carried out, then the connection is destroyed without a response (a response
     * lost on the way back). `truncate`: a 200 whose JSON body is cut in half (with a matching length).
     */
    kind: z.enum(['drop', 'truncate']).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    times: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((rule) => rule.status !== undefined || rule.delayMs !== undefined || rule.kind !== undefined, {
    message:
      'a fault needs a status (429, 500, 503 or 504), a kind (drop or truncate), a delayMs, or a delayMs with one of the others',
  })
  .refine((rule) => rule.kind === undefined || rule.status === undefined, {
    message: 'kind and status cannot be combined: a dropped or truncated response has no error status',
    path: ['kind'],
  })
  .refine((rule) => rule.retryAfterSeconds === undefined || rule.status !== undefined, {
    message: 'retryAfterSeconds needs a status',
    path: ['retryAfterSeconds'],
  });
export type FaultRuleInput = z.infer<typeof faultRuleInputSchema>;

/** A rule as listed by `GET /_demo/faults`. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  /** Requests it still applies to (0: spent, kept for the record); absent when unlimited. */
  remaining?: number;
  /** Requests it has applied to so far. */
  applied: number;
}

/** What a matching rule does to one request. */
export interface FaultEffect {
  ruleId: string;
  delayMs: number;
  status?: 429 | 500 | 503 | 504;
  /** Seconds for `Retry-After` (always set for 429). */
  retryAfterSeconds?: number;
  /** Drop the connection, or truncate the body (see `faultRuleInputSchema`). */
  kind?: 'drop' | 'truncate';
}

/** Default `Retry-After` for a 429 rule that names none. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Holds the fault rules of one demo tenant. */
export interface FaultInjector {
  add(input: FaultRuleInput): FaultRule;
  list(): FaultRule[];
  clear(): void;
  /** The effect for a request to `path`, if a rule applies (counting it against `times`). */
  take(path: string): FaultEffect | undefined;
}

/** A fault injector whose probability draws are seeded with `seed`. */
export function createFaultInjector(seed: number): FaultInjector {
  let rules: { rule: FaultRule; pattern: RegExp }[] = [];
  let nextId = 1;
  let random = new SeededRandom(seed ^ 0x5eed);

  return {
    add(input) {
      const rule: FaultRule = { ...input, id: `fault-${nextId++}`, applied: 0 };
      if (input.times !== undefined) rule.remaining = input.times;
      rules.push({ rule, pattern: new RegExp(input.path) });
      return { ...rule };
    },
    list() {
      return rules.map(({ rule }) => ({ ...rule }));
    },
    clear() {
      rules = [];
      nextId = 1;
      random = new SeededRandom(seed ^ 0x5eed);
    },
    take(path) {
      for (const { rule, pattern } of rules) {
        if (rule.remaining === 0 || !pattern.test(path)) continue;
        if (rule.probability !== undefined && !(random.next() < rule.probability)) continue;
        rule.applied++;
        if (rule.remaining !== undefined) rule.remaining--;
        return {
          ruleId: rule.id,
          delayMs: rule.delayMs ?? 0,
          status: rule.status,
          kind: rule.kind,
          retryAfterSeconds:
            rule.status === 429
              ? (rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
              : rule.retryAfterSeconds,
        };
      }
      return undefined;
    },
  };
}
