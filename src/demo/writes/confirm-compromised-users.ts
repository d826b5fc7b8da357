/**
 * `riskyUsers/confirmCompromised`: an admin says the users are compromised. Each risky-user record becomes
 * confirmedCompromised, riskLevel high, riskDetail adminConfirmedUserCompromised (a user Identity Protection
 * never flagged gets a record), and, as Identity Protection does, an `adminConfirmedUserCompromised`
 * detection is added. Confirming again changes nothing but adds another audit entry
 * (`ConfirmAccountCompromised`, one per user per call).
 * It never checks who may confirm: the caller (Ward) has already authorized the action.
 */
import { randomBytes } from 'node:crypto';
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { userTarget } from '../seed/build-directory-audit.js';
import { recordWriteAudit } from './record-write-audit.js';

/** Confirms `people` (all in the directory) compromised, now. */
export function confirmCompromisedUsers(
  state: DemoTenantState,
  clock: DemoClock,
  people: readonly DemoUser[],
): void {
  const at = clock.toStored(clock.now());
  for (const person of people) {
    const user = person.user;
    let risky = state.riskyUsers.find((r) => r.id === user.id);
    if (risky === undefined) {
      risky = {
        id: user.id,
        isDeleted: false,
        isProcessing: false,
        riskLastUpdatedDateTime: at,
        riskLevel: 'high',
        riskState: 'confirmedCompromised',
        riskDetail: 'adminConfirmedUserCompromised',
        userDisplayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
      };
      state.riskyUsers.unshift(risky);
    }
    if (risky.riskState !== 'confirmedCompromised' || risky.riskDetail !== 'adminConfirmedUserCompromised') {
      risky.riskState = 'confirmedCompromised';
      risky.riskLevel = 'high';
      risky.riskDetail = 'adminConfirmedUserCompromised';
      risky.riskLastUpdatedDateTime = at;
    }
    const confirmed = state.riskDetections.some(
      (d) =>
        d.userId === user.id &&
        d.riskEventType === 'adminConfirmedUserCompromised' &&
        d.riskState === 'confirmedCompromised',
    );
    if (!confirmed) {
      state.riskDetections.unshift({
        id: randomBytes(32).toString('hex'),
        requestId: null,
        correlationId: null,
        riskEventType: 'adminConfirmedUserCompromised',
        riskState: 'confirmedCompromised',
        riskLevel: 'high',
        riskDetail: 'adminConfirmedUserCompromised',
        source: 'IdentityProtection',
        detectionTimingType: 'offline',
        activity: 'user',
        tokenIssuerType: 'AzureAD',
        ipAddress: null,
        location: null,
        activityDateTime: at,
        detectedDateTime: at,
        lastUpdatedDateTime: at,
        userId: user.id,
        userDisplayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        additionalInfo: null,
      });
    }
    recordWriteAudit(state, clock, {
      idPrefix: 'IdentityProtection',
      category: 'Other',
      activityDisplayName: 'ConfirmAccountCompromised',
      loggedByService: 'Identity Protection',
      operationType: 'Update',
      targets: [userTarget(user)],
    });
  }
}
