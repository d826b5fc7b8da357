/**
 * Ends a user's open risk the way Identity Protection does when an admin dismisses it or a secure password
 * reset remediates it: the risky-user record, the user's open detections (atRisk or confirmed compromised)
 * and the risky sign-ins that raised them all take the new state and detail; the user's risk level drops to
 * none. Shared by `dismiss` and the password reset so both end risk identically.
 * It never touches another user's records, nor records that are already closed.
 */
import type { DemoTenantState } from '../demo-tenant-state.js';

const OPEN = new Set(['atRisk', 'confirmedCompromised']);

/** How the risk ended, and when (a stored timestamp). */
export interface RiskOutcome {
  riskState: 'dismissed' | 'remediated';
  riskDetail: string;
  at: string;
}

/**
 * Applies `outcome` to `userId`'s open risk. `riskyUserToo: 'always'` also closes a record that is not open
 * (an admin may dismiss a remediated user); `'ifOpen'` leaves closed records alone.
 */
export function settleUserRisk(
  state: DemoTenantState,
  userId: string,
  outcome: RiskOutcome,
  riskyUserToo: 'always' | 'ifOpen',
): void {
  const risky = state.riskyUsers.find((r) => r.id === userId);
  if (risky !== undefined && (riskyUserToo === 'always' || OPEN.has(risky.riskState))) {
    risky.riskState = outcome.riskState;
    risky.riskDetail = outcome.riskDetail;
    risky.riskLevel = 'none';
    risky.riskLastUpdatedDateTime = outcome.at;
  }
  for (const detection of state.riskDetections) {
    if (detection.userId !== userId || !OPEN.has(detection.riskState)) continue;
    detection.riskState = outcome.riskState;
    detection.riskDetail = outcome.riskDetail;
    detection.lastUpdatedDateTime = outcome.at;
  }
  for (const signIn of state.signIns) {
    if (signIn.userId !== userId || !OPEN.has(signIn.riskState)) continue;
    signIn.riskState = outcome.riskState;
    signIn.riskDetail = outcome.riskDetail;
  }
}
