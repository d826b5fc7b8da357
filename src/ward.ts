/**
 * Builds Ward's object graph from settings and starts it: storage, the tenant (demo or live), clients,
 * plugins, planner, orchestrator, the Teams host and the HTTP server. `src/index.ts` calls it for `npm start`;
 * integration tests call it with a smaller graph (their own database, an ephemeral port). Returns a handle
 * that shuts everything down in reverse order.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { preloadCardTemplates } from './cards/render-card.js';
import { createArmClient } from './clients/arm.js';
import { createAzureCredential } from './clients/azure-credential.js';
import { createGraphClient } from './clients/graph.js';
import { createLogAnalyticsClient } from './clients/log-analytics.js';
import { createModelClient } from './clients/model-client.js';
import { createServiceNowClient } from './clients/servicenow.js';
import { createThreatIntelClient } from './clients/threat-intel.js';
import { createCveIntelClient } from './clients/threat-intel-cve.js';
import type { Config } from './config.js';
import { auditTrail } from './core/actions/audit-trail.js';
import { createActionClickHandler } from './core/actions/handle-action-click.js';
import { createProtectedAccounts } from './core/actions/protected-accounts.js';
import { createRoleResolver } from './core/actions/resolve-roles.js';
import { feedbackReport } from './core/feedback/feedback-report.js';
import { labelFalsePositiveDismissals } from './core/feedback/label-false-positive-dismissals.js';
import { createOrchestrator } from './core/orchestrator.js';
import { createPromptCompletion } from './core/planner/complete-prompt.js';
import { createLlmPlanner } from './core/planner/llm-planner.js';
import type { Planner } from './core/planner/planner.js';
import { createRulesPlanner } from './core/planner/rules-planner.js';
import { createPluginRegistry } from './core/plugin-registry.js';
import { createAnswerRecorder } from './core/record-answer.js';
import { createSourceRerunner } from './core/rerun-source.js';
import { createUsageMeter } from './core/usage/create-usage-meter.js';
import { DEMO_PROTECTED_ACCOUNTS, DEMO_ROLES } from './demo/demo-action-settings.js';
import { SERVICENOW_DEMO_CREDENTIALS } from './demo/servicenow/servicenow-demo-credentials.js';
import { startDemoTenant } from './demo/start-demo-tenant.js';
import { THREAT_INTEL_DEMO_API_KEY } from './demo/threatintel/threat-intel-demo-key.js';
import { loadPromptbooks } from './manifests/load-promptbooks.js';
import { loadCustomPlugins } from './plugins/custom/load-custom-plugins.js';
import { createDefenderCloudPlugin } from './plugins/defender-cloud/defender-cloud-plugin.js';
import { createDefenderXdrPlugin } from './plugins/defender-xdr/defender-xdr-plugin.js';
import { createEntraPlugin } from './plugins/entra/entra-plugin.js';
import type { Memberships } from './plugins/entra/skills/member-of.js';
import { createIntunePlugin } from './plugins/intune/intune-plugin.js';
import { createScriptAnalysisPlugin } from './plugins/script-analysis/script-analysis-plugin.js';
import type { HuntingTarget } from './plugins/sentinel/run-hunting-query.js';
import { createSentinelPlugin } from './plugins/sentinel/sentinel-plugin.js';
import { createServiceNowPlugin } from './plugins/servicenow/servicenow-plugin.js';
import { createThreatIntelPlugin } from './plugins/threat-intel/threat-intel-plugin.js';
import type { Plugin } from './plugins/types.js';
import { createServer, listen } from './server.js';
import { createConversationMemory } from './store/conversation-memory.js';
import { createStore } from './store/create-store.js';
import { type Database, openDatabase } from './store/database.js';
import { runMigrations } from './store/migrations/run-migrations.js';
import { purgeExpired } from './store/purge-expired.js';
import { usageCountersFor } from './store/usage-counters.js';
import { createTeamsHost } from './teams/create-teams-host.js';

export interface WardOptions {
  config: Config;
  log: Logger;
  /** Use this database instead of opening one from the settings (tests). Ward does not close it. */
  database?: Database;
  now?: () => Date;
}

export interface RunningWard {
  /** `http://host:port` of the bot endpoint's server. */
  url: string;
  /** The demo tenant's base URL, when running on it. */
  demoTenantUrl?: string;
  close(): Promise<void>;
}

export async function startWard(options: WardOptions): Promise<RunningWard> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) {
      try {
        await closer();
      } catch (error) {
        log.warn({ err: error }, 'shutdown step failed');
      }
    }
  };

  try {
    preloadCardTemplates();
    // Files an admin edits: a bad one stops the start with every problem located, before anything else opens.
    const promptbooks = await loadPromptbooks(config.promptbooksDir);

    let database = options.database;
    if (!database) {
      const opened = await openDatabase({
        url: config.storage.databaseUrl,
        dataDir: config.storage.databaseUrl ? undefined : config.storage.dataDir,
        log,
      });
      database = opened;
      closers.push(() => opened.close());
    }
    const migrations = await runMigrations(database, { log });
    if (migrations.applied.length) log.info({ applied: migrations.applied }, 'database migrated');
    const store = createStore(database, { retention: config.retention });

    let graphBaseUrl: string;
    // Azure Resource Manager (Defender for Cloud): the demo's in demo mode, the public cloud's in live mode.
    let armBaseUrl = 'https://management.azure.com';
    let credential: TokenCredential | undefined;
    let demoTenantUrl: string | undefined;
    // Tickets: the demo tenant's ServiceNow in demo mode, the configured instance in live mode, else none.
    let serviceNow: Config['serviceNow'];
    // Threat intelligence: the demo tenant's sources in demo mode, the configured ones in live mode, else none.
    let threatIntel: Config['threatIntel'];
    // Sentinel hunting: the demo tenant's workspace in demo mode, the configured one in live mode, else none.
    let sentinel: Config['sentinel'];
    if (config.tenant.mode === 'demo') {
      const demo = await startDemoTenant({
        port: config.tenant.port,
        seed: config.tenant.seed,
        host: '127.0.0.1',
      });
      closers.push(() => demo.close());
      graphBaseUrl = demo.graphUrl;
      armBaseUrl = demo.armUrl;
      demoTenantUrl = demo.url;
      serviceNow = { baseUrl: demo.serviceNowUrl, ...SERVICENOW_DEMO_CREDENTIALS };
      if (config.serviceNow)
        log.warn("SERVICENOW_* settings are ignored in demo mode: the demo tenant's is used");
      sentinel = {
        baseUrl: demo.logAnalyticsUrl,
        workspaceId: demo.tenant.state.logAnalytics.workspace.workspaceId,
      };
      threatIntel = {
        reputation: { baseUrl: demo.threatIntelUrl, apiKey: THREAT_INTEL_DEMO_API_KEY },
        vulnerabilities: { nvdUrl: demo.threatIntelUrl, epssUrl: demo.threatIntelUrl },
      };
      if (config.threatIntel.reputation || config.threatIntel.vulnerabilities)
        log.warn(
          "THREAT_INTEL_* and CVE_INTEL settings are ignored in demo mode: the demo tenant's sources are used",
        );
    } else {
      serviceNow = config.serviceNow;
      threatIntel = config.threatIntel;
      sentinel = config.sentinel;
      graphBaseUrl = config.tenant.graphBaseUrl;
      credential = createAzureCredential(config.tenant.credential);
    }

    const graph = createGraphClient({
      baseUrl: graphBaseUrl,
      credential,
      timeoutMs: config.sources.timeoutMs,
      maxRetries: config.sources.maxRetries,
    });
    const arm = createArmClient({
      baseUrl: armBaseUrl,
      credential,
      timeoutMs: config.sources.timeoutMs,
      maxRetries: config.sources.maxRetries,
      serviceName: 'Defender for Cloud',
    });
    const plugins: Plugin[] = [
      createEntraPlugin({ graph, now }),
      createDefenderXdrPlugin({ graph, now }),
      createIntunePlugin({ graph, now }),
      createScriptAnalysisPlugin(),
      createDefenderCloudPlugin({ arm, now }),
    ];
    if (serviceNow) {
      const client = createServiceNowClient({
        baseUrl: serviceNow.baseUrl,
        auth: { username: serviceNow.username, password: serviceNow.password },
        timeoutMs: config.sources.timeoutMs,
        maxRetries: config.sources.maxRetries,
      });
      plugins.push(createServiceNowPlugin({ client, now }));
    }
    // Where custom KQL skills run: the Sentinel workspace, when Ward has one.
    let hunting: HuntingTarget | undefined;
    if (sentinel) {
      const logs = createLogAnalyticsClient({
        baseUrl: sentinel.baseUrl,
        credential,
        timeoutMs: config.sources.timeoutMs,
        maxRetries: config.sources.maxRetries,
      });
      plugins.push(createSentinelPlugin({ logs, workspaceId: sentinel.workspaceId, now }));
      hunting = { logs, workspaceId: sentinel.workspaceId };
    }
    if (threatIntel.reputation || threatIntel.vulnerabilities) {
      const limits = { timeoutMs: config.sources.timeoutMs, maxRetries: config.sources.maxRetries };
      plugins.push(
        createThreatIntelPlugin({
          reputation:
            threatIntel.reputation && createThreatIntelClient({ ...threatIntel.reputation, ...limits }),
          vulnerabilities:
            threatIntel.vulnerabilities &&
            createCveIntelClient({ ...threatIntel.vulnerabilities, ...limits }),
          graph,
          now,
        }),
      );
    }
    // The model, when configured: the planner's, and the one custom prompt skills complete on.
    // Azure OpenAI without a key signs in with Entra ID: the live tenant's credential, or its own settings.
    const model =
      config.model &&
      createModelClient(
        config.model,
        config.model.provider === 'azure' && !config.model.apiKey
          ? (credential ?? createAzureCredential(config.model.credential))
          : undefined,
      );
    // Custom plugins from manifests, after the built-in ones; an invalid manifest stops the start, every
    // problem located by file and line.
    const custom = await loadCustomPlugins(config.customPlugins.dir, {
      env: config.customPlugins.env,
      timeoutMs: config.sources.timeoutMs,
      maxRetries: config.sources.maxRetries,
      hunting,
      complete: model && createPromptCompletion(model),
      azureCredential: () => credential ?? createAzureCredential(config.customPlugins.azureCredential()),
    });
    plugins.push(...custom.plugins);
    for (const warning of custom.warnings) log.warn(warning);
    if (custom.plugins.length > 0)
      log.info({ plugins: custom.plugins.map((plugin) => plugin.name) }, 'custom plugins loaded');
    const registry = createPluginRegistry(plugins);
    const rules = createRulesPlanner({
      ticketing: registry.plugins.some((plugin) => plugin.name === 'servicenow'),
      customSkills: custom.skills,
    });
    let planner: Planner = rules;
    if (config.model && model) {
      planner = createLlmPlanner({
        client: model.client,
        model: model.model,
        registry,
        fallback: rules,
        maxSteps: config.model.maxSteps,
        maxTokens: config.model.maxTokens,
        deadlineMs: config.model.deadlineMs,
        log,
      });
      log.info({ model: model.describe }, 'answers are planned by a model');
    }
    const memory = createConversationMemory(database, {
      ...config.memory,
      keepText: config.retention.answerDays > 0,
      now,
    });
    // `remember` trims its own thread; threads nobody asks in again are swept hourly (any replica may do it).
    const sweep = new Cron('17 * * * *', { protect: true }, async () => {
      try {
        const forgotten = await memory.forgetExpired();
        if (forgotten) log.debug({ forgotten }, 'expired conversation memory removed');
      } catch (error) {
        log.warn({ err: error }, 'could not remove expired conversation memory');
      }
    });
    closers.push(async () => sweep.stop());
    // Text past its retention is purged daily at a fixed UTC time, and once now (a Ward that was down at that
    // time, or whose retention was just lowered, does not wait a day); any replica may run it.
    const retained = database;
    let purging: Promise<void> = Promise.resolve();
    const purge = () => {
      purging = purging.then(async () => {
        try {
          const report = await purgeExpired(retained, {
            retention: config.retention,
            actionTtlMs: config.actions.ttlHours * 3_600_000,
            now: now(),
          });
          log.info({ ...report }, 'retention purge finished');
        } catch (error) {
          log.warn({ err: error }, 'retention purge failed: the next run will continue');
        }
      });
      return purging;
    };
    const purgeJob = new Cron('41 2 * * *', { protect: true, timezone: 'Etc/UTC' }, purge);
    void purge();
    closers.push(async () => {
      purgeJob.stop();
      await purging;
    });
    // Counted even without limits, so `@Ward usage` shows what Ward costs before anyone sets one.
    const usage = createUsageMeter({ counters: usageCountersFor(database), limits: config.usage.limits });
    const orchestrator = createOrchestrator({
      registry,
      planner,
      fallbackPlanner: planner === rules ? undefined : rules,
      recorder: createAnswerRecorder({ store, actionTtlMs: config.actions.ttlHours * 3_600_000, now }),
      memory,
      usage,
      log,
      deadlineMs: config.sources.questionDeadlineMs,
      promptbooks,
      customSkills: custom.skills,
      now,
    });

    const roleSettings = config.actions.roles;
    const noRoles =
      !roleSettings.admin.length && !roleSettings.approver.length && !roleSettings.responder.length;
    const demo = config.tenant.mode === 'demo';
    if (noRoles && !demo) log.warn('no ROLE_* settings: nobody can run actions from Ward cards');
    const roles = createRoleResolver({
      roles: noRoles && demo ? DEMO_ROLES : roleSettings,
      cacheMs: config.actions.roleCacheMs,
      async memberGroups(userId, candidates, signal) {
        const skill = registry.skill('entra.memberOf');
        if (!skill) return [];
        const { data } = await skill.skill.run(skill.skill.input.parse({ userId }), { signal });
        const ids = new Set((data as Memberships).groups.map((group) => group.id.toLowerCase()));
        return candidates.filter((id) => ids.has(id));
      },
    });
    const guardedClicks = createActionClickHandler({
      store,
      registry,
      roles,
      protectedAccounts: createProtectedAccounts([
        ...config.actions.protectedAccounts,
        ...(demo ? DEMO_PROTECTED_ACCOUNTS : []),
      ]),
      twoPersonRule: config.actions.twoPersonRule,
      log,
      now,
    });
    // A risk dismissed as a false positive becomes a labelled case for `npm run eval:feedback`.
    const clicks = labelFalsePositiveDismissals(guardedClicks, { store, log });
    const host = createTeamsHost({
      bot: config.bot,
      orchestrator,
      clicks,
      auditTrail: (request) => auditTrail({ store, registry, roles }, request),
      usageReport: (subject) => usage.usageReport(subject, now()),
      feedbackReport: (request) => feedbackReport({ store, roles }, request, now()),
      sourceReruns: createSourceRerunner({
        store,
        registry,
        timeoutMs: config.sources.questionDeadlineMs,
        now,
      }),
      deliverSecretsToClicker: config.actions.resetPasswordDelivery === 'clicker',
      store,
      log,
      now,
    });
    const db = database;
    const server = createServer({
      messages: host.endpoint,
      log,
      readiness: [
        {
          name: 'database',
          async check() {
            await db.query('SELECT 1');
            return { ok: true };
          },
        },
        // Ward cannot answer without its identity source; an optional one (ServiceNow) failing only makes
        // answers partial, so it must not take Ward out of a load balancer.
        ...registry.plugins
          .filter((plugin) => plugin.name === 'entra')
          .map((plugin) => ({
            name: `plugin:${plugin.name}`,
            check: (signal: AbortSignal) => plugin.health({ signal }),
          })),
      ],
    });
    const httpServer: Server = await listen(server, config.server.host, config.server.port);
    // Registered before the server's closer so it runs after it: no new clicks, then finish running actions.
    closers.push(() => host.drain());
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        }),
    );
    const address = httpServer.address() as AddressInfo;
    const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { url: `http://${hostName}:${address.port}`, demoTenantUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
