/**
 * What the common Entra sign-in error codes (AADSTS) mean for the person signing in, and what to do about each:
 * the cause in plain words and the fix a SOC or service desk would apply. Data only; the codes are
 * Microsoft's, documented at learn.microsoft.com/entra/identity-platform/reference-error-codes. It never
 * decides whether a sign-in was an attack.
 */

/** How an error code reads on an answer. */
export interface SignInErrorMeaning {
  /** Short label, e.g. "Wrong password". */
  label: string;
  /** The cause, in words, for the person asking. */
  cause: string;
  /** What to do. */
  fix: string;
  /** How it is counted: a hard block, a step the user did not finish, or an interruption that is no failure. */
  kind: 'credentials' | 'mfa' | 'policy' | 'account' | 'interrupt';
}

/** Error codes Ward explains; anything else is explained from the log's own failure reason. */
export const SIGN_IN_ERROR_CODES: ReadonlyMap<number, SignInErrorMeaning> = new Map([
  [
    50126,
    {
      label: 'Wrong password',
      cause: 'the user name or password was wrong',
      fix: 'Have the user retype the password or use self-service password reset; many failures from an unfamiliar address point to password spraying, not a forgetful user.',
      kind: 'credentials',
    },
  ],
  [
    50053,
    {
      label: 'Account locked (smart lockout)',
      cause: 'smart lockout locked the account after too many wrong passwords',
      fix: 'Find where the wrong passwords came from: if not from the user, block that source; the lockout lifts by itself, or reset the password.',
      kind: 'account',
    },
  ],
  [
    50055,
    {
      label: 'Password expired',
      cause: 'the password has expired',
      fix: 'Have the user change the password (self-service password reset) or reset it for them.',
      kind: 'credentials',
    },
  ],
  [
    50057,
    {
      label: 'Account disabled',
      cause: 'the account is disabled in Entra ID',
      fix: 'Check why it was disabled (the directory audit log); re-enable it only if that reason no longer holds.',
      kind: 'account',
    },
  ],
  [
    50074,
    {
      label: 'MFA required, not completed',
      cause: 'multifactor authentication was required and the sign-in stopped before it was completed',
      fix: 'Have the user complete the MFA prompt; if they have no method registered, help them register one (Temporary Access Pass).',
      kind: 'mfa',
    },
  ],
  [
    50076,
    {
      label: 'MFA required (new location or policy change)',
      cause:
        'multifactor authentication was required because of the location or a policy change, and was not completed',
      fix: 'Have the user complete the MFA prompt; check the sign-in location is expected.',
      kind: 'mfa',
    },
  ],
  [
    500121,
    {
      label: 'MFA failed or denied',
      cause: 'the multifactor prompt was denied, timed out or failed',
      fix: 'Ask the user whether they were signing in: denied prompts they did not start mean someone else has the password (reset it and revoke sessions).',
      kind: 'mfa',
    },
  ],
  [
    53003,
    {
      label: 'Blocked by Conditional Access',
      cause: 'a Conditional Access policy blocked the sign-in',
      fix: 'Look at the policy that failed below: usually a legacy protocol (IMAP, POP, ActiveSync basic auth) or a blocked location; have the user sign in with a modern client.',
      kind: 'policy',
    },
  ],
  [
    53000,
    {
      label: 'Device not compliant',
      cause: 'Conditional Access requires a compliant device and the device is not compliant',
      fix: 'Bring the device into compliance in Intune (or enrol it), then sync it and sign in again.',
      kind: 'policy',
    },
  ],
  [
    53001,
    {
      label: 'Device not domain-joined',
      cause: 'Conditional Access requires a hybrid-joined device',
      fix: 'Sign in from a company (hybrid-joined) device.',
      kind: 'policy',
    },
  ],
  [
    530032,
    {
      label: 'Blocked by security policy',
      cause: 'a security policy (security defaults or an admin block) blocked the sign-in',
      fix: 'Check the tenant security policies that apply to the user.',
      kind: 'policy',
    },
  ],
  [
    50140,
    {
      label: "'Keep me signed in' prompt",
      cause: "the 'Keep me signed in' prompt interrupted the sign-in (not a real failure)",
      fix: 'Nothing to fix: the user answers the prompt and continues.',
      kind: 'interrupt',
    },
  ],
]);
