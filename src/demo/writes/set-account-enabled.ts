/**
 * `PATCH /users/{id}` with `accountEnabled`: disables (or re-enables) an account and records `Disable account`
 * (or `Enable account`) with the AccountEnabled change, as Core Directory does. The demo tenant generates no
 * new sign-ins after seeding, so a disabled account shows in what GET returns (`accountEnabled: false`) and
 * in the audit log, not in new failed (50057) sign-ins.
 * It never checks who may disable: the caller (Ward) has already authorized the action.
 */
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { modifiedProperty, userTarget } from '../seed/build-directory-audit.js';
import { recordWriteAudit } from './record-write-audit.js';

/** Sets `person`'s `accountEnabled` and audits it (also when it was already so: the admin still acted). */
export function setAccountEnabled(
  state: DemoTenantState,
  clock: DemoClock,
  person: DemoUser,
  enabled: boolean,
): void {
  const before = person.user.accountEnabled;
  person.user.accountEnabled = enabled;
  recordWriteAudit(state, clock, {
    idPrefix: 'Directory',
    category: 'UserManagement',
    activityDisplayName: enabled ? 'Enable account' : 'Disable account',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targets: [
      userTarget(person.user, [
        modifiedProperty('AccountEnabled', [before], [enabled]),
        modifiedProperty('Included Updated Properties', undefined, 'AccountEnabled'),
      ]),
    ],
  });
}
