/**
 * The admin password reset, a long-running operation as Graph runs it: accepting it creates an operation
 * (`notStarted`); the first poll finds it `running`; the second poll (or a few seconds on the tenant's clock,
 * whichever comes first) finds it `succeeded`, or `failed` when the new password breaks the tenant's
 * complexity rules. On success the password changes now, sessions issued before are revoked, and the
 * user's open risk is remediated (riskDetail adminGeneratedTemporaryPassword), as Identity Protection does
 * after an admin reset. Records `Reset password` (success or failure) in the audit log.
 * It never keeps or returns a password it was given; a system-generated one is returned once, at acceptance.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { userTarget } from '../seed/build-directory-audit.js';
import type { DemoAuthenticationOperation } from '../state/authentication-operation.js';
import { recordWriteAudit } from './record-write-audit.js';
import { settleUserRisk } from './settle-user-risk.js';

/** An operation not polled twice completes this long after it was accepted (on the tenant's clock). */
export const PASSWORD_RESET_COMPLETES_AFTER_MS = 3_000;
/** Polls after which an operation has completed. */
export const PASSWORD_RESET_COMPLETES_AFTER_POLLS = 2;
/** What `Retry-After` suggests between polls, in seconds. */
export const PASSWORD_RESET_RETRY_AFTER_SECONDS = 1;

const TERMINAL = new Set(['succeeded', 'failed']);

/** Why Entra would refuse `password`, or null when it is acceptable. */
export function passwordComplexityProblem(password: string): string | null {
  if (password.length < 8 || password.length > 256) {
    return 'The password must be between 8 and 256 characters long.';
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(password)).length;
  if (classes < 3) {
    return 'The password must contain characters from three of: lowercase letters, uppercase letters, digits and symbols.';
  }
  return null;
}

/** A temporary password in the style Entra generates (four letters, four digits, e.g. `Cuyo5459`). */
export function generateTemporaryPassword(): string {
  const consonants = 'BCDFGHJKLMNPRSTVWXZ';
  const vowels = 'aeiou';
  const pick = (letters: string) => letters[randomInt(letters.length)]!;
  const word = `${pick(consonants)}${pick(vowels)}${pick(consonants).toLowerCase()}${pick(vowels)}`;
  return `${word}${String(randomInt(10_000)).padStart(4, '0')}`;
}

/** Accepts a reset of `person`'s password method `methodId`; the caller has checked the method exists. */
export function startPasswordReset(
  state: DemoTenantState,
  clock: DemoClock,
  person: DemoUser,
  methodId: string,
  newPassword: string | undefined,
): DemoAuthenticationOperation {
  const now = clock.now();
  const at = clock.toStored(now);
  const operation: DemoAuthenticationOperation = {
    id: randomUUID(),
    userId: person.user.id,
    methodId,
    status: 'notStarted',
    createdDateTime: at,
    lastActionDateTime: at,
    statusDetail: null,
    acceptedAtMs: now.getTime(),
    polls: 0,
    failureReason: newPassword === undefined ? null : passwordComplexityProblem(newPassword),
  };
  state.authenticationOperations.push(operation);
  return operation;
}

function finish(state: DemoTenantState, clock: DemoClock, operation: DemoAuthenticationOperation): void {
  const at = clock.toStored(clock.now());
  const person = state.users.find((p) => p.user.id === operation.userId);
  operation.lastActionDateTime = at;
  if (person === undefined) {
    operation.status = 'failed';
    operation.statusDetail = 'The user no longer exists.';
    return;
  }
  if (operation.failureReason !== null) {
    operation.status = 'failed';
    operation.statusDetail = operation.failureReason;
  } else {
    operation.status = 'succeeded';
    operation.statusDetail = null;
    person.user.lastPasswordChangeDateTime = at;
    person.user.signInSessionsValidFromDateTime = at;
    const method = state.authenticationMethods.get(person.user.id)?.find((m) => m.id === operation.methodId);
    if (method !== undefined && method['@odata.type'] === '#microsoft.graph.passwordAuthenticationMethod') {
      method.createdDateTime = at;
    }
    settleUserRisk(
      state,
      person.user.id,
      { riskState: 'remediated', riskDetail: 'adminGeneratedTemporaryPassword', at },
      'ifOpen',
    );
  }
  recordWriteAudit(state, clock, {
    idPrefix: 'Directory',
    category: 'UserManagement',
    activityDisplayName: 'Reset password',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targets: [userTarget(person.user)],
    result: operation.status === 'succeeded' ? 'success' : 'failure',
    resultReason: operation.status === 'succeeded' ? '' : (operation.statusDetail ?? ''),
  });
}

/** Completes every operation that has been running long enough (called before each Graph request). */
export function settlePasswordResets(state: DemoTenantState, clock: DemoClock): void {
  const nowMs = clock.now().getTime();
  for (const operation of state.authenticationOperations) {
    if (
      !TERMINAL.has(operation.status) &&
      nowMs - operation.acceptedAtMs >= PASSWORD_RESET_COMPLETES_AFTER_MS
    ) {
      finish(state, clock, operation);
    }
  }
}

/** One poll of `operation`: it moves on (running, then its end) and is returned as it now is. */
export function pollPasswordReset(
  state: DemoTenantState,
  clock: DemoClock,
  operation: DemoAuthenticationOperation,
): DemoAuthenticationOperation {
  if (TERMINAL.has(operation.status)) return operation;
  operation.polls++;
  if (operation.polls >= PASSWORD_RESET_COMPLETES_AFTER_POLLS) {
    finish(state, clock, operation);
  } else if (operation.status === 'notStarted') {
    operation.status = 'running';
    operation.lastActionDateTime = clock.toStored(clock.now());
  }
  return operation;
}
