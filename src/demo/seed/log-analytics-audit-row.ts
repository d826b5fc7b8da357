/**
 * Turns a directory audit record (`microsoft.graph.directoryAudit`, as the demo tenant serves it under
 * `/auditLogs/directoryAudits`) into the row Microsoft Entra diagnostic settings write to `AuditLogs`: same
 * event, Log Analytics' column names (`OperationName`, `AADOperationType`, `InitiatedBy`/`TargetResources`
 * as dynamic). It never invents a field the record does not say.
 */

import type { DynamicValue, LogAnalyticsRow } from '../../clients/log-analytics-schema.js';
import type { DemoDirectoryAudit } from '../state/directory-audit.js';

/** The `AuditLogs` row for `audit`. */
export function auditLogRow(audit: DemoDirectoryAudit, tenantId: string): LogAnalyticsRow<'AuditLogs'> {
  const { user, app } = audit.initiatedBy;
  const initiatedBy: DynamicValue =
    user !== null
      ? {
          user: {
            id: user.id,
            displayName: user.displayName,
            userPrincipalName: user.userPrincipalName,
            ipAddress: user.ipAddress,
          },
        }
      : app !== null
        ? {
            app: {
              appId: app.appId,
              displayName: app.displayName,
              servicePrincipalId: app.servicePrincipalId,
              servicePrincipalName: app.servicePrincipalName,
            },
          }
        : {};
  return {
    TimeGenerated: audit.activityDateTime,
    TenantId: tenantId,
    Id: audit.id,
    CorrelationId: audit.correlationId,
    OperationName: audit.activityDisplayName,
    Category: audit.category,
    Result: audit.result,
    ResultReason: audit.resultReason,
    ActivityDisplayName: audit.activityDisplayName,
    ActivityDateTime: audit.activityDateTime,
    Identity: user?.displayName ?? app?.displayName ?? '',
    InitiatedBy: initiatedBy,
    TargetResources: audit.targetResources.map((target) => ({
      id: target.id,
      displayName: target.displayName,
      type: target.type,
      userPrincipalName: target.userPrincipalName,
      groupType: target.groupType,
      modifiedProperties: target.modifiedProperties.map((p) => ({
        displayName: p.displayName,
        oldValue: p.oldValue,
        newValue: p.newValue,
      })),
    })),
    AdditionalDetails: audit.additionalDetails.map(({ key, value }) => ({ key, value })),
    LoggedByService: audit.loggedByService,
    AADOperationType: audit.operationType,
    Type: 'AuditLogs',
  };
}
