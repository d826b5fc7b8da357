/**
 * Seeds the demo tenant's Sentinel workspace from what the tenant already holds, so every source tells the
 * same story: `SigninLogs` from Graph's sign-ins, `SecurityAlert` and `SecurityIncident` from Defender XDR's
 * alerts and incidents (incident 4211 included), `AuditLogs` from the directory audit log, and
 * `DeviceProcessEvents` from the processes XDR alerts name plus a day of ordinary laptop activity.
 * The query API runs the documented KQL subset over these rows (`loganalytics/run-kql.ts`).
 * It never reads the clock and never changes the records it derives rows from.
 */
import type { DemoRiskDetection, DemoSignIn, DemoUser } from '../demo-tenant-state.js';
import type { DemoLogAnalytics } from '../loganalytics/log-analytics-state.js';
import type { DemoDirectoryAudit } from '../state/directory-audit.js';
import type { DemoSecurityAlert, DemoSecurityIncident } from '../state/security-incident.js';
import { DEMO_WORKSPACE } from './contoso-azure-estate.js';
import { auditLogRow } from './log-analytics-audit-row.js';
import { securityAlertRow, securityIncidentRow } from './log-analytics-security-rows.js';
import { signInLogRow } from './log-analytics-sign-in-row.js';
import { seedDeviceProcessEvents } from './seed-device-process-events.js';
import type { SeededRandom } from './seeded-random.js';

/** What the workspace's rows are derived from. */
export interface LogAnalyticsSources {
  random: SeededRandom;
  anchorMs: number;
  tenantId: string;
  people: readonly DemoUser[];
  /** Newest first. */
  signIns: readonly DemoSignIn[];
  riskDetections: readonly DemoRiskDetection[];
  securityIncidents: readonly DemoSecurityIncident[];
  securityAlerts: readonly DemoSecurityAlert[];
  directoryAudits: readonly DemoDirectoryAudit[];
}

const newestFirst = <T extends { TimeGenerated: string }>(rows: T[]): T[] =>
  rows.sort((a, b) => (a.TimeGenerated < b.TimeGenerated ? 1 : a.TimeGenerated > b.TimeGenerated ? -1 : 0));

/** The workspace and its tables. */
export function seedLogAnalytics(sources: LogAnalyticsSources): DemoLogAnalytics {
  const { anchorMs, tenantId, people, securityAlerts } = sources;
  return {
    workspace: {
      workspaceId: DEMO_WORKSPACE.workspaceId,
      name: DEMO_WORKSPACE.name,
      resourceId: DEMO_WORKSPACE.resourceId,
    },
    tables: {
      SigninLogs: sources.signIns.map((s) => signInLogRow(s, tenantId)),
      SecurityAlert: newestFirst(securityAlerts.map(securityAlertRow)),
      SecurityIncident: newestFirst(
        sources.securityIncidents.map((incident) =>
          securityIncidentRow(
            incident,
            securityAlerts.filter((a) => a.incidentId === incident.id),
          ),
        ),
      ),
      DeviceProcessEvents: seedDeviceProcessEvents(
        sources.random,
        anchorMs,
        people,
        securityAlerts,
        tenantId,
      ),
      AuditLogs: newestFirst(sources.directoryAudits.map((a) => auditLogRow(a, tenantId))),
    },
  };
}
