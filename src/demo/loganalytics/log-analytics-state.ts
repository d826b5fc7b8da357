/**
 * What the demo tenant's Log Analytics (Microsoft Sentinel) workspace holds: its identity and the rows of
 * each table, typed from `log-analytics-schema.ts`. Datetimes are ISO 8601 UTC on the seeded timeline; a
 * KQL engine (`run-kql.ts`) slides them to the present like every other service does (`demo-clock.ts`).
 * Holds data only; `run-kql.ts` reads it.
 */
import type { LogAnalyticsRow, LogAnalyticsTableName } from '../../clients/log-analytics-schema.js';

/** A Log Analytics workspace. */
export interface DemoWorkspace {
  /** The workspace (customer) id, a GUID: what the query API's path names. */
  workspaceId: string;
  name: string;
  /** ARM id of the workspace. */
  resourceId: string;
}

/** Every table's rows, newest first. */
export type DemoLogAnalyticsTables = { [T in LogAnalyticsTableName]: LogAnalyticsRow<T>[] };

/** The workspace and its data. */
export interface DemoLogAnalytics {
  workspace: DemoWorkspace;
  tables: DemoLogAnalyticsTables;
}
