/**
 * The demo tenant's Conditional Access policies and how each one turns out for a sign-in, as the sign-in log's
 * `appliedConditionalAccessPolicies` and `conditionalAccessStatus` report it. The policies serve only to
 * make sign-in logs read true; serving `/identity/conditionalAccess/policies` comes later.
 * It never decides whether a sign-in succeeds: callers pass the outcome, this only explains it.
 */
import type { DemoAppliedConditionalAccessPolicy } from '../demo-tenant-state.js';

/** A Conditional Access policy as far as sign-in logs show it. */
export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  grantControls: readonly string[];
  sessionControls: readonly string[];
}

export const CONDITIONAL_ACCESS_POLICIES = {
  requireMfa: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a01',
    displayName: 'CA001: Require multifactor authentication for all users',
    grantControls: ['Mfa'],
    sessionControls: [],
  },
  blockLegacy: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a02',
    displayName: 'CA002: Block legacy authentication',
    grantControls: ['Block'],
    sessionControls: [],
  },
  compliantDeviceForAzure: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a03',
    displayName: 'CA003: Require compliant device for Azure management',
    grantControls: ['RequireCompliantDevice'],
    sessionControls: [],
  },
  riskySignInMfa: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a04',
    displayName: 'CA004: Require MFA for medium and high sign-in risk',
    grantControls: ['Mfa'],
    sessionControls: [],
  },
  unmanagedSignInFrequency: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a05',
    displayName: 'CA005: Sign-in frequency 8 hours on unmanaged devices (report-only)',
    grantControls: [],
    sessionControls: ['SignInFrequency'],
  },
  guestTermsOfUse: {
    id: '8e5a6f3b-1c2d-4e7f-9a0b-3c4d5e6f7a06',
    displayName: 'CA006: Require terms of use for guests (off)',
    grantControls: [],
    sessionControls: [],
  },
} as const satisfies Record<string, ConditionalAccessPolicy>;

/** What the sign-in looked like to Conditional Access. */
export interface ConditionalAccessInput {
  /** Primary authentication got far enough for Conditional Access to be evaluated. */
  evaluated: boolean;
  legacyClient: boolean;
  azureManagement: boolean;
  deviceCompliant: boolean;
  deviceManaged: boolean;
  /** The user is excluded from CA001 (no MFA registered). */
  mfaExcluded: boolean;
  /** MFA was satisfied (`success`), refused or pending (`failure`), or not asked for. */
  mfa: 'success' | 'failure' | 'notAsked';
  signInRiskMediumOrHigher: boolean;
}

/** The applied policies and the overall status for one sign-in. */
export function evaluateConditionalAccess(input: ConditionalAccessInput): {
  conditionalAccessStatus: string;
  appliedConditionalAccessPolicies: DemoAppliedConditionalAccessPolicy[];
} {
  const p = CONDITIONAL_ACCESS_POLICIES;
  const results: [ConditionalAccessPolicy, string][] = [];
  if (!input.evaluated) {
    for (const policy of Object.values(p))
      results.push([policy, policy === p.guestTermsOfUse ? 'notEnabled' : 'notApplied']);
  } else {
    const mfaResult =
      input.mfa === 'success' ? 'success' : input.mfa === 'failure' ? 'failure' : 'notApplied';
    results.push([p.requireMfa, input.mfaExcluded || input.legacyClient ? 'notApplied' : mfaResult]);
    results.push([p.blockLegacy, input.legacyClient ? 'failure' : 'notApplied']);
    results.push([
      p.compliantDeviceForAzure,
      input.azureManagement ? (input.deviceCompliant ? 'success' : 'failure') : 'notApplied',
    ]);
    results.push([p.riskySignInMfa, input.signInRiskMediumOrHigher ? mfaResult : 'notApplied']);
    results.push([
      p.unmanagedSignInFrequency,
      input.deviceManaged ? 'reportOnlyNotApplied' : 'reportOnlySuccess',
    ]);
    results.push([p.guestTermsOfUse, 'notEnabled']);
  }
  const applied = results.map(([policy, result]) => ({
    id: policy.id,
    displayName: policy.displayName,
    enforcedGrantControls: result === 'success' || result === 'failure' ? [...policy.grantControls] : [],
    enforcedSessionControls:
      result === 'success' || result === 'reportOnlySuccess' ? [...policy.sessionControls] : [],
    result,
  }));
  const status = applied.some((a) => a.result === 'failure')
    ? 'failure'
    : applied.some((a) => a.result === 'success')
      ? 'success'
      : 'notApplied';
  return { conditionalAccessStatus: status, appliedConditionalAccessPolicies: applied };
}
