/**
 * Skill `sentinel.runQuery`: runs an analyst's (or the model's) KQL query against the Sentinel workspace, after
 * validating it against the workspace schema; an invalid query is refused with line/column diagnostics and never
 * sent. Read-only: Log Analytics queries cannot change data.
 */
import { z } from 'zod/v4';
import { defineSkill } from '../../types.js';
import { type HuntingTarget, runHuntingQuery } from '../run-hunting-query.js';

/** Creates `sentinel.runQuery`. */
export function runQuerySkill(target: HuntingTarget) {
  return defineSkill({
    name: 'runQuery',
    description:
      'Runs a KQL query against the Microsoft Sentinel workspace (tables SigninLogs, SecurityAlert, SecurityIncident, DeviceProcessEvents, AuditLogs) over the last `hours`, after validating it against the schema.',
    input: z.object({
      query: z.string().trim().min(1).max(10_000),
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .default(24),
    }),
    run: (input, context) =>
      runHuntingQuery(target, { query: input.query, timespan: `PT${input.hours}H` }, context),
  });
}
