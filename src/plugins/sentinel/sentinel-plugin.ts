/**
 * The Microsoft Sentinel plugin: hunting in the Log Analytics workspace with KQL — an analyst's own query and
 * templates (a user's sign-ins, failed sign-ins by IP, encoded PowerShell) built from validated parameters.
 * Every query is validated against the workspace schema with Microsoft's Kusto parser before it runs, and runs
 * through `@azure/monitor-query-logs`. Read-only: it has no actions and never changes the workspace.
 */
import type { LogAnalyticsClient } from '../../clients/log-analytics.js';
import { ConfigError } from '../../core/errors.js';
import type { Plugin } from '../types.js';
import { encodedPowerShellSkill } from './skills/encoded-powershell.js';
import { failedSignInsByIpSkill } from './skills/failed-sign-ins-by-ip.js';
import { runQuerySkill } from './skills/run-query.js';
import { userSignInsSkill } from './skills/user-sign-ins.js';

/** What the Sentinel plugin needs. */
export interface SentinelPluginOptions {
  logs: LogAnalyticsClient;
  /** The workspace (customer) id, a GUID. */
  workspaceId: string;
  /** The clock; the system clock by default (kept for summaries that age results). */
  now?: () => Date;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates the `sentinel` plugin. Throws ConfigError when the workspace id is not a GUID. */
export function createSentinelPlugin(options: SentinelPluginOptions): Plugin {
  if (!GUID.test(options.workspaceId)) {
    throw new ConfigError(`The Log Analytics workspace id must be a GUID (got "${options.workspaceId}").`);
  }
  const target = { logs: options.logs, workspaceId: options.workspaceId };
  return {
    name: 'sentinel',
    displayName: 'Microsoft Sentinel',
    version: '0.1.0',
    skills: [
      runQuerySkill(target),
      userSignInsSkill(target),
      failedSignInsByIpSkill(target),
      encodedPowerShellSkill(target),
    ],
    actions: [],
    async health(context) {
      try {
        await options.logs.query(options.workspaceId, 'SigninLogs | take 1', {
          timespan: 'PT1H',
          signal: context.signal,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
