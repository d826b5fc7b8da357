/**
 * Skill `sentinel.userSignIns`: a user's sign-ins from the Sentinel workspace's `SigninLogs` over the last
 * hours, newest first, built from the `userSignInsQuery` template. Read-only.
 */
import { z } from 'zod/v4';
import { defineSkill } from '../../types.js';
import { userSignInsQuery } from '../hunting-queries.js';
import { type HuntingTarget, runHuntingQuery } from '../run-hunting-query.js';

/** A user principal name: no whitespace, one `@`, bounded. */
export const userPrincipalNameSchema = z
  .string()
  .trim()
  .max(256)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected a user principal name such as adele.vance@contoso.com');

/** Creates `sentinel.userSignIns`. */
export function userSignInsSkill(target: HuntingTarget) {
  return defineSkill({
    name: 'userSignIns',
    description: "Lists a user's sign-ins from Sentinel's SigninLogs over the last `hours` (newest first).",
    input: z.object({
      user: userPrincipalNameSchema,
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
    }),
    run: (input, context) => runHuntingQuery(target, userSignInsQuery(input.user, input.hours), context),
  });
}
