/**
 * The demo tenant's control endpoints, which no real service has: `GET /_demo/health`, `POST /_demo/reset`
 * (restore the seed and clear faults), and `GET|POST|DELETE /_demo/faults` (list, add, clear fault rules).
 * Bodies are validated with zod; a bad one gets 400 with a message that says what to fix.
 * It never serves Graph data and is never subject to fault rules.
 */
import { z } from 'zod/v4';
import type { DemoTenantState } from '../demo-tenant-state.js';
import { type FaultInjector, faultRuleInputSchema } from '../faults.js';
import { GraphHttpError } from '../graph/graph-error.js';
import type { GraphResponse } from '../graph/graph-request.js';

/** What the control endpoints act on. */
export interface ControlContext {
  state: DemoTenantState;
  faults: FaultInjector;
  now(): Date;
  reset(): void;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') {
    throw new GraphHttpError(
      400,
      'BadRequest',
      'The request body is empty: send a JSON fault rule, e.g. {"path":"/auditLogs/signIns","status":429}.',
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
    case 'DELETE faults': {
      const cleared = context.faults.list().length;
      context.faults.clear();
      return { status: 200, body: { cleared } };
    }
    default:
      throw new GraphHttpError(
        404,
        'NotFound',
        `No control endpoint '${method} /_demo/${path}'. Available: GET /_demo/health, POST /_demo/reset, GET|POST|DELETE /_demo/faults.`,
      );
  }
}
