/**
 * Entra ID (AADSTS) error codes that show up in ordinary sign-in logs, with the failure reason text the logs
 * carry, and how often each appears among failed interactive sign-ins. Data only; never used outside the
 * demo tenant.
 */

/** A sign-in error as `status` reports it. */
export interface SignInFailure {
  errorCode: number;
  failureReason: string;
  /** Relative frequency among background failures (0: only used by stories). */
  weight: number;
}

export const SIGN_IN_FAILURES = {
  invalidPassword: {
    errorCode: 50126,
    failureReason: 'Error validating credentials due to invalid username or password.',
    weight: 42,
  },
  mfaRequired: { errorCode: 50074, failureReason: 'Strong Authentication is required.', weight: 16 },
  keepMeSignedIn: {
    errorCode: 50140,
    failureReason: "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.",
    weight: 14,
  },
  blockedByConditionalAccess: {
    errorCode: 53003,
    failureReason:
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    weight: 7,
  },
  mfaDenied: {
    errorCode: 500121,
    failureReason: 'Authentication failed during strong authentication request.',
    weight: 8,
  },
  mfaRequiredLocation: {
    errorCode: 50076,
    failureReason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
    weight: 6,
  },
  deviceNotCompliant: {
    errorCode: 53000,
    failureReason:
      'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.',
    weight: 3,
  },
  accountLocked: {
    errorCode: 50053,
    failureReason:
      'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
    weight: 2,
  },
  passwordExpired: { errorCode: 50055, failureReason: 'The password is expired.', weight: 2 },
  accountDisabled: {
    errorCode: 50057,
    failureReason: 'User account is disabled. The account has been disabled by an administrator.',
    weight: 0,
  },
} as const satisfies Record<string, SignInFailure>;
