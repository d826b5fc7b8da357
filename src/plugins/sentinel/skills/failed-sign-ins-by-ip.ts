/**
 * Skill `sentinel.failedSignInsByIp`: failed sign-ins over the last hours grouped by source address (failures,
 * distinct users, which users, first and last seen), the top addresses first. Read-only.
 */
import { z } from 'zod/v4';
import { defineSkill } from '../../types.js';
import { failedSignInsByIpQuery } from '../hunting-queries.js';
import { type HuntingTarget, runHuntingQuery } from '../run-hunting-query.js';

/** Creates `sentinel.failedSignInsByIp`. */
export function failedSignInsByIpSkill(target: HuntingTarget) {
  return defineSkill({
    name: 'failedSignInsByIp',
    description:
      'Groups failed sign-ins from Sentinel over the last `hours` by source IP address (failures, distinct users, first/last seen), the `top` addresses first.',
    input: z.object({
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
      top: z.number().int().min(1).max(50).default(10),
    }),
    run: (input, context) => runHuntingQuery(target, failedSignInsByIpQuery(input.hours, input.top), context),
  });
}
