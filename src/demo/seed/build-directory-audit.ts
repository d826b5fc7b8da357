/**
 * Builds directory audit records (`microsoft.graph.directoryAudit`) the way Entra writes them: who did it
 * (a user with their address, or an app), what, to which targets with which property changes, through which
 * service. Used by the audit seed and by the demo tenant's write APIs, so both read alike.
 * It never decides anything: callers say what happened.
 */
import type { DemoGraphUser } from '../demo-tenant-state.js';
import type {
  DemoAuditAppIdentity,
  DemoDirectoryAudit,
  DemoModifiedProperty,
  DemoTargetResource,
} from '../state/directory-audit.js';

/** What one audit record says. */
export interface DirectoryAuditEvent {
  id: string;
  correlationId: string;
  /** Epoch ms on the seeded timeline. */
  at: number;
  category: string;
  activityDisplayName: string;
  loggedByService: string;
  operationType: 'Add' | 'Assign' | 'Update' | 'Unassign' | 'Delete';
  by: { user: DemoGraphUser; ipAddress: string | null } | { app: DemoAuditAppIdentity };
  targets: DemoTargetResource[];
  additionalDetails?: { key: string; value: string }[];
  result?: 'success' | 'failure';
  resultReason?: string;
}

/** A modified property, its values written as JSON the way Entra writes them (`"[true]"`). */
export function modifiedProperty(
  displayName: string,
  oldValue: unknown,
  newValue: unknown,
): DemoModifiedProperty {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return { displayName, oldValue: json(oldValue), newValue: json(newValue) };
}

/** A user as an audit target. */
export function userTarget(
  user: DemoGraphUser,
  modifiedProperties: DemoModifiedProperty[] = [],
): DemoTargetResource {
  return {
    id: user.id,
    displayName: null,
    type: 'User',
    userPrincipalName: user.userPrincipalName,
    groupType: null,
    modifiedProperties,
  };
}

/** A group, role or policy as an audit target. */
export function objectTarget(
  type: 'Group' | 'Role' | 'Policy' | 'Device' | 'Other',
  id: string,
  displayName: string,
  modifiedProperties: DemoModifiedProperty[] = [],
  groupType: string | null = null,
): DemoTargetResource {
  return { id, displayName, type, userPrincipalName: null, groupType, modifiedProperties };
}

/** The record for `event`. */
export function buildDirectoryAudit(event: DirectoryAuditEvent): DemoDirectoryAudit {
  return {
    id: event.id,
    category: event.category,
    correlationId: event.correlationId,
    result: event.result ?? 'success',
    resultReason: event.resultReason ?? '',
    activityDisplayName: event.activityDisplayName,
    activityDateTime: new Date(event.at).toISOString(),
    loggedByService: event.loggedByService,
    operationType: event.operationType,
    initiatedBy:
      'user' in event.by
        ? {
            user: {
              id: event.by.user.id,
              displayName: null,
              userPrincipalName: event.by.user.userPrincipalName,
              ipAddress: event.by.ipAddress,
            },
            app: null,
          }
        : { user: null, app: { ...event.by.app } },
    targetResources: event.targets,
    additionalDetails: event.additionalDetails ?? [],
  };
}

/** Entra's audit ids: the service's prefix, a GUID and a short suffix (`Directory_<guid>_<5>_<9 digits>`). */
export function auditId(prefix: string, guid: string, suffix: string): string {
  return `${prefix}_${guid}${suffix === '' ? '' : `_${suffix}`}`;
}
