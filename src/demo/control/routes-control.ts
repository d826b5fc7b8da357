/**
 * The demo tenant's control endpoints, which no real service has: `GET /_demo/health`, `POST /_demo/reset`
 * (restore the seed, clear faults, refill the throttle), `GET|POST|DELETE /_demo/faults` (list, add, clear
 * fault rules) and `GET|PUT /_demo/throttle` (read or set the Identity Protection throttle, e.g.
 * `{"identityProtection": false}` or `{"identityProtection": {"burst": 4, "perSecond": 1}}`) and
 * `POST /_demo/plant` (write attacker-controlled text into a seeded record, see `plant-text.ts`).
 * Bodies are validated with zod; a bad one gets 400 with a message that says what to fix.
 * It never serves Graph data and is never subject to fault rules.
 */
import { z } from 'zod/v4';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { type FaultInjector, faultRuleInputSchema } from '../faults.js';
import { GraphHttpError } from '../graph/graph-error.js';
import type { GraphResponse } from '../graph/graph-request.js';
import type { IdentityProtectionThrottle } from '../identity-protection-throttle.js';
import { routePlantText } from './plant-text.js';

/** What the control endpoints act on. */
export interface ControlContext {
  state: DemoTenantState;
  faults: FaultInjector;
  throttle: IdentityProtectionThrottle;
  now(): Date;
  reset(): void;
}

/** The body of `PUT /_demo/throttle`. */
export const throttleSettingSchema = z
  .object({
    identityProtection: z.union([
      z.literal(false),
      z
        .object({
          burst: z.number().int().min(1).max(10_000),
          perSecond: z.number().positive().max(10_000),
        })
        .strict(),
    ]),
  })
  .strict();

function throttleView(context: ControlContext) {
  const rate = context.throttle.rate();
  return {
    identityProtection:
      rate === false ? false : { ...rate, available: context.throttle.available(context.now().getTime()) },
  };
}

function parseJson(body: string): unknown {
  if (body.trim() === '') {
    throw new GraphHttpError(
      400,
      'BadRequest',
      'The request body is empty: send JSON, e.g. a fault rule {"path":"/auditLogs/signIns","status":429}.',
    );
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `The request body is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Answers a request under `/_demo/`; `path` is the part after it (e.g. `faults`). */
export function routeControlRequest(
  method: string,
  path: string,
  body: string,
  context: ControlContext,
): GraphResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET health': {
      const { state } = context;
      return {
        status: 200,
        body: {
          status: 'ok',
          seed: state.seed,
          tenantId: state.tenantId,
          now: context.now().toISOString(),
          seededAt: new Date(state.anchorMs).toISOString(),
          counts: {
            users: state.users.length,
            riskyUsers: state.riskyUsers.length,
            riskDetections: state.riskDetections.length,
            signIns: state.signIns.length,
            groups: state.groups.length,
            directoryAudits: state.directoryAudits.length,
            managedDevices: state.managedDevices.length,
            securityIncidents: state.securityIncidents.length,
            securityAlerts: state.securityAlerts.length,
          },
          faults: context.faults.list().length,
        },
      };
    }
    case 'POST reset':
      context.reset();
      return { status: 200, body: { status: 'reset', seed: context.state.seed } };
    case 'GET faults':
      return { status: 200, body: { value: context.faults.list() } };
    case 'POST faults': {
      const parsed = faultRuleInputSchema.safeParse(parseJson(body));
      if (!parsed.success) {
        throw new GraphHttpError(400, 'BadRequest', `Invalid fault rule:\n${z.prettifyError(parsed.error)}`);
      }
      return { status: 201, body: context.faults.add(parsed.data) };
    }
    case 'GET throttle':
      return { status: 200, body: throttleView(context) };
    case 'PUT throttle': {
      const parsed = throttleSettingSchema.safeParse(parseJson(body));
      if (!parsed.success) {
        throw new GraphHttpError(
          400,
          'BadRequest',
          `Invalid throttle setting:\n${z.prettifyError(parsed.error)}`,
        );
      }
      context.throttle.configure(parsed.data.identityProtection);
      return { status: 200, body: throttleView(context) };
    }
    case 'POST plant':
      return { status: 200, body: routePlantText(parseJson(body), context.state, context.now) };
    case 'DELETE faults': {
      const cleared = context.faults.list().length;
      context.faults.clear();
      return { status: 200, body: { cleared } };
    }
    default:
      throw new GraphHttpError(
        404,
        'NotFound',
        `No control endpoint '${method} /_demo/${path}'. Available: GET /_demo/health, POST /_demo/reset, GET|POST|DELETE /_demo/faults, GET|PUT /_demo/throttle, POST /_demo/plant.`,
      );
  }
}
