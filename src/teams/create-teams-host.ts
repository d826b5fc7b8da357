/**
 * Assembles the Teams host: the adapter (with or without Bot Framework credentials), the Teams AI
 * application, and the `/api/messages` endpoint. The composition root calls this and never touches
 * botbuilder itself. Without credentials auth is skipped, which is only safe on loopback (config enforces it).
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ActionClickHandler } from '../core/actions/handle-action-click.js';
import type { Orchestrator } from '../core/orchestrator.js';
import type { MessageEndpoint } from '../server.js';
import type { Store } from '../store/create-store.js';
import { createTeamsApp, type TeamsAppOptions } from './app.js';
import { createBotEndpoint, WardTeamsAdapter } from './bot-endpoint.js';
import { feedbackMessageLinks } from './feedback-message-links.js';
import { keepEntityFields } from './keep-entity-fields.js';

export interface TeamsHostOptions {
  bot: Config['bot'];
  orchestrator: Orchestrator;
  clicks: ActionClickHandler;
  auditTrail: TeamsAppOptions['auditTrail'];
  /** `@Ward usage`: the analyst's and tenant's model usage against the limits. */
  usageReport?: TeamsAppOptions['usageReport'];
  /** `@Ward feedback report` (admins only). */
  feedbackReport?: TeamsAppOptions['feedbackReport'];
  /** A finding's "Re-run" (`ward.rerunSource`). */
  sourceReruns?: TeamsAppOptions['sourceReruns'];
  /** Send a reset's temporary password to the clicker's 1:1 chat (RESET_PASSWORD_DELIVERY=clicker). */
  deliverSecretsToClicker?: boolean;
  store: Store;
  log: Logger;
  now?: () => Date;
}

export interface TeamsHost {
  endpoint: MessageEndpoint;
  /** Resolves when background work (actions still running, card updates) has finished. */
  drain(): Promise<void>;
}

export function createTeamsHost(options: TeamsHostOptions): TeamsHost {
  // Once per process, before any activity is sent: streamed replies need their entities' own fields.
  keepEntityFields();
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const { bot } = options;
  const settings = bot
    ? {
        MicrosoftAppId: bot.appId,
        MicrosoftAppPassword: bot.password ?? '',
        MicrosoftAppType: bot.type,
        MicrosoftAppTenantId: bot.tenantId ?? '',
      }
    : {};
  const adapter = new WardTeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
  // Answer messages get Teams' thumbs, and their ids are kept so a thumbs reaction finds its answer.
  adapter.use(feedbackMessageLinks({ store: options.store, log: options.log }));
  const app = createTeamsApp({
    adapter,
    botAppId: bot?.appId,
    orchestrator: options.orchestrator,
    clicks: options.clicks,
    auditTrail: options.auditTrail,
    usageReport: options.usageReport,
    feedbackReport: options.feedbackReport,
    sourceReruns: options.sourceReruns,
    deliverSecretsToClicker: options.deliverSecretsToClicker,
    track,
    store: options.store,
    log: options.log,
    now: options.now,
  });
  const endpoint = createBotEndpoint({
    adapter,
    logic: async (context) => {
      await app.run(context);
    },
    log: options.log,
    requireAuth: !!bot,
  });
  return {
    endpoint,
    async drain() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
