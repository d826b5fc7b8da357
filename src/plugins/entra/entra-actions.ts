/**
 * The remediation actions Ward can propose for an Entra user, as descriptors (title, role, destructive).
 * Proposing is all the planner can do; executing them belongs to the guarded action executor.
 */
import type { ActionDescriptor } from '../types.js';

export const ENTRA_ACTIONS = {
  confirmCompromised: {
    name: 'confirmCompromised',
    title: 'Confirm compromised',
    description:
      'Marks the user as confirmed compromised in Identity Protection (risk set to high; risk policies apply).',
    requiredRole: 'responder',
    destructive: true,
  },
  resetPassword: {
    name: 'resetPassword',
    title: 'Reset password',
    description: 'Resets the password and requires a change at next sign-in.',
    requiredRole: 'responder',
    destructive: true,
  },
  revokeSessions: {
    name: 'revokeSessions',
    title: 'Revoke sessions',
    description: 'Invalidates refresh tokens and session cookies: the user must sign in again everywhere.',
    requiredRole: 'responder',
    destructive: true,
  },
  dismissRisk: {
    name: 'dismissRisk',
    title: 'Dismiss risk',
    description: 'Dismisses the user risk as benign or a false positive (after verifying with the user).',
    requiredRole: 'responder',
    destructive: false,
    choice: {
      id: 'reason',
      label: 'Why is this risk being dismissed?',
      options: [
        { value: 'falsePositive', title: 'False positive: the user confirmed the activity was theirs' },
        { value: 'benign', title: 'Benign: expected activity (travel, VPN, a new device)' },
      ],
    },
  },
  disableAccount: {
    name: 'disableAccount',
    title: 'Disable account',
    description: 'Blocks sign-in for the account until it is re-enabled.',
    requiredRole: 'responder',
    destructive: true,
  },
  enableAccount: {
    name: 'enableAccount',
    title: 'Re-enable account',
    description: 'Allows the account to sign in again.',
    requiredRole: 'responder',
    destructive: false,
  },
} as const satisfies Record<string, ActionDescriptor>;

export type EntraActionName = keyof typeof ENTRA_ACTIONS;
