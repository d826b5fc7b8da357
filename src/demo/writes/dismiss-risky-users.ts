/**
 * `riskyUsers/dismiss`: an admin says the users' risk was not real. Each user's risky-user record becomes
 * dismissed, riskLevel none, riskDetail adminDismissedAllRiskForUser; their open detections and risky sign-ins
 * are dismissed too. A user Identity Protection never flagged is left as is (there is nothing to dismiss).
 * Records one `DismissUser` audit entry per user.
 * It never checks who may dismiss: the caller (Ward) has already authorized the action.
 */
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { userTarget } from '../seed/build-directory-audit.js';
import { recordWriteAudit } from './record-write-audit.js';
import { settleUserRisk } from './settle-user-risk.js';

/** Dismisses the risk of `people` (all in the directory), now. */
export function dismissRiskyUsers(
  state: DemoTenantState,
  clock: DemoClock,
  people: readonly DemoUser[],
): void {
  const at = clock.toStored(clock.now());
  for (const person of people) {
    settleUserRisk(
      state,
      person.user.id,
      { riskState: 'dismissed', riskDetail: 'adminDismissedAllRiskForUser', at },
      'always',
    );
    recordWriteAudit(state, clock, {
      idPrefix: 'IdentityProtection',
      category: 'Other',
      activityDisplayName: 'DismissUser',
      loggedByService: 'Identity Protection',
      operationType: 'Update',
      targets: [userTarget(person.user)],
    });
  }
}
