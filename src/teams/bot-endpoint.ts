/**
 * `/api/messages` for the Bot Framework: validates the activity envelope, checks that a bearer token is
 * present when credentials are configured, runs the adapter (which verifies the token) and maps failures:
 * anything that fails before Ward's logic runs is authentication → 401 (botbuilder answers some forged tokens
 * with 500), malformed envelopes → 400. Never logs request bodies or tokens.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import type { MessageEndpoint } from '../server.js';

/** The envelope every activity must have before Ward hands it to the adapter. */
const activityEnvelopeSchema = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }).optional(),
  channelId: z.string().max(64).optional(),
});

/** TeamsAdapter with its (protected) authenticated processing exposed, so Ward controls the HTTP answer. */
export class WardTeamsAdapter extends TeamsAdapter {
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export interface BotEndpointOptions {
  adapter: WardTeamsAdapter;
  logic: (context: TurnContext) => Promise<void>;
  log: Logger;
  /** True when bot credentials are configured: every activity must carry a Bot Framework token. */
  requireAuth: boolean;
  /** Longest wait for token validation before answering 503 (default 15 s). */
  authDeadlineMs?: number;
}

export function createBotEndpoint(options: BotEndpointOptions): MessageEndpoint {
  const { adapter, log } = options;
  return {
    async handle(body, authorization) {
      const envelope = activityEnvelopeSchema.safeParse(body);
      if (!envelope.success) {
        const problems = envelope.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`);
        log.warn({ problems }, 'activity rejected');
        return {
          status: 400,
          body: {
            error: 'invalid_activity',
            message: `Not a Bot Framework activity: ${problems.join('; ')}`,
          },
        };
      }
      if (
        options.requireAuth &&
        !/^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(authorization)
      ) {
        log.warn({ type: envelope.data.type }, 'unauthenticated activity refused');
        return {
          status: 401,
          body: { error: 'unauthorized', message: 'A Bot Framework bearer token is required.' },
        };
      }
      let logicStarted = false;
      let authTimer: NodeJS.Timeout | undefined;
      try {
        const processing = adapter.processAuthenticated(
          authorization,
          envelope.data as unknown as Activity,
          async (context) => {
            logicStarted = true;
            clearTimeout(authTimer);
            await options.logic(context);
          },
        );
        // Token validation fetches signing keys with no deadline of its own: bound it, so an unreachable
        // identity endpoint answers 503 instead of holding the request (and Teams' retry) for minutes.
        const authDeadline = new Promise<'timeout'>((resolve) => {
          authTimer = setTimeout(() => resolve('timeout'), options.authDeadlineMs ?? 15_000);
        });
        const first = await Promise.race([processing, authDeadline]);
        if (first === 'timeout' && !logicStarted) {
          processing.catch(() => undefined);
          log.warn({ type: envelope.data.type }, 'authentication did not finish in time');
          return {
            status: 503,
            body: {
              error: 'auth_unavailable',
              message: 'The Bot Framework token could not be verified in time.',
            },
          };
        }
        clearTimeout(authTimer);
        const invokeResponse = first === 'timeout' ? await processing : first;
        return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
      } catch (error) {
        clearTimeout(authTimer);
        if (!logicStarted) {
          log.warn({ err: error, type: envelope.data.type }, 'activity authentication failed');
          return {
            status: 401,
            body: { error: 'unauthorized', message: 'The Bot Framework token was not accepted.' },
          };
        }
        log.error({ err: error, type: envelope.data.type }, 'activity failed');
        return {
          status: 500,
          body: { error: 'internal_error', message: 'Ward could not process this activity.' },
        };
      }
    },
  };
}
