/**
 * An administrator's password reset through `PATCH /users/{id}` with `passwordProfile` (the way an app with
 * application permissions resets a password): the new password takes effect at once, sessions issued before
 * now stop being valid, and Identity Protection remediates the user's open risk (adminGeneratedTemporaryPassword).
 * It never stores the password itself: only that and when it changed.
 */
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { userTarget } from '../seed/build-directory-audit.js';
import { recordWriteAudit } from './record-write-audit.js';
import { settleUserRisk } from './settle-user-risk.js';

export function setPasswordProfile(
  state: DemoTenantState,
  clock: DemoClock,
  person: DemoUser,
  _profile: { forceChangePasswordNextSignIn: boolean },
): void {
  const at = clock.toStored(clock.now());
  person.user.lastPasswordChangeDateTime = at;
  person.user.signInSessionsValidFromDateTime = at;
  const method = state.authenticationMethods
    .get(person.user.id)
    ?.find((m) => m['@odata.type'] === '#microsoft.graph.passwordAuthenticationMethod');
  if (method !== undefined) method.createdDateTime = at;
  settleUserRisk(
    state,
    person.user.id,
    { riskState: 'remediated', riskDetail: 'adminGeneratedTemporaryPassword', at },
    'ifOpen',
  );
  recordWriteAudit(state, clock, {
    idPrefix: 'Directory',
    category: 'UserManagement',
    activityDisplayName: 'Reset user password',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targets: [userTarget(person.user)],
    result: 'success',
    resultReason: '',
  });
}
