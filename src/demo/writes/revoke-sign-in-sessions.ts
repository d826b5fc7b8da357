/**
 * `revokeSignInSessions`: refresh tokens and session cookies issued before now stop working. Moves the user's
 * `signInSessionsValidFromDateTime` to now and records `Update StsRefreshTokenValidFrom Timestamp`, as Core
 * Directory does. Revoking again simply moves the instant again.
 * It never checks who may revoke: the caller (Ward) has already authorized the action.
 */
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { modifiedProperty, userTarget } from '../seed/build-directory-audit.js';
import { recordWriteAudit } from './record-write-audit.js';

/** Revokes `person`'s sessions now; returns the new valid-from instant (stored timeline). */
export function revokeSignInSessions(state: DemoTenantState, clock: DemoClock, person: DemoUser): string {
  const at = clock.toStored(clock.now());
  const before = person.user.signInSessionsValidFromDateTime;
  person.user.signInSessionsValidFromDateTime = at;
  recordWriteAudit(state, clock, {
    idPrefix: 'Directory',
    category: 'UserManagement',
    activityDisplayName: 'Update StsRefreshTokenValidFrom Timestamp',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targets: [
      userTarget(person.user, [
        modifiedProperty('StsRefreshTokensValidFrom', before === null ? [] : [before], [at]),
        modifiedProperty('Included Updated Properties', undefined, 'StsRefreshTokensValidFrom'),
      ]),
    ],
  });
  return at;
}
