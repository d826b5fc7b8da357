/**
 * The Entra user-risk assessment: from a user's risk record, detections, sign-ins, MFA methods and privileged
 * roles to a risk summary, findings, ordered remediation steps, prevention guidance and the actions worth
 * proposing. Computed from the data, never per user; each finding names the evidence it rests on. A source that
 * failed (`undefined`) is reasoned about as unknown, never as "nothing found". A privileged account raises the
 * stakes: its role is a finding, and risk on it counts for more. Pure: no I/O, no clock.
 */
import type {
  AuthenticationMethod,
  GraphUser,
  RiskDetection,
  RiskyUser,
  SignIn,
} from '../../clients/graph-resources.js';
import { formatAgo, formatSpan, formatUtc } from '../format-when.js';
import { analyseSignIns, deviceName, isSuccessful } from './analyse-sign-ins.js';
import { placeName } from './country-name.js';
import { describeRiskEvent } from './describe-risk-event.js';
import { ENTRA_ACTIONS, type EntraActionName } from './entra-actions.js';
import { GLOBAL_ADMINISTRATOR_TEMPLATE } from './privileged-roles.js';
import type { PrivilegedRoleHolder } from './skills/privileged-role-assignments.js';

/** Which piece of evidence a statement rests on; the planner maps these to citations. */
export type EvidenceKey =
  | 'user'
  | 'riskyUser'
  | 'riskDetections'
  | 'signIns'
  | 'authenticationMethods'
  | 'roles';
export type Level = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface UserRiskEvidence {
  user: GraphUser;
  /** `null`: Identity Protection has no record (never flagged). `undefined`: the source failed. */
  riskyUser: RiskyUser | null | undefined;
  detections: RiskDetection[] | undefined;
  signIns: SignIn[] | undefined;
  methods: AuthenticationMethod[] | undefined;
  /**
   * The user's privileged Entra roles (`entra.privilegedRoleAssignments` filtered on the user). Absent: not
   * asked (nothing is said about roles); `{ ok: false }`: the source failed.
   */
  roles?: { ok: true; holders: readonly PrivilegedRoleHolder[] } | { ok: false };
  now: Date;
}

export interface UserRiskAssessment {
  riskLevel: Level;
  /** A one-line verdict, e.g. "High risk — likely compromised". */
  verdict: string;
  summary: string;
  facts: { label: string; value: string; source: EvidenceKey }[];
  findings: { title: string; detail?: string; severity: Level; when?: string; sources: EvidenceKey[] }[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: EvidenceKey }[];
  remediation: { title: string; detail?: string; action?: EntraActionName }[];
  guidance: string[];
  proposedActions: { action: EntraActionName; why: string }[];
  followUps: string[];
}

const STRONG_MFA = new Set([
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  '#microsoft.graph.fido2AuthenticationMethod',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
  '#microsoft.graph.softwareOathAuthenticationMethod',
  '#microsoft.graph.platformCredentialAuthenticationMethod',
  '#microsoft.graph.hardwareOathAuthenticationMethod',
  '#microsoft.graph.x509CertificateAuthenticationMethod',
]);
// Email is not here: it only serves self-service password reset, never as a second factor at sign-in.
const WEAK_MFA = new Set([
  '#microsoft.graph.phoneAuthenticationMethod',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
]);
const PASSWORD_METHOD = '#microsoft.graph.passwordAuthenticationMethod';
const KNOWN_STATES = new Set([
  'none',
  'atRisk',
  'confirmedCompromised',
  'remediated',
  'dismissed',
  'confirmedSafe',
]);

const RISK_DETAIL_WORDS: Record<string, string> = {
  userPerformedSecuredPasswordReset: 'the user reset their password securely (self-service with MFA)',
  userPerformedSecuredPasswordChange: 'the user changed their password securely',
  adminGeneratedTemporaryPassword: 'an administrator reset the password',
  adminDismissedAllRiskForUser: 'an administrator dismissed the risk',
  adminConfirmedSigninSafe: 'an administrator confirmed the sign-ins safe',
  adminConfirmedSigninCompromised: 'an administrator confirmed a sign-in compromised',
  adminConfirmedUserCompromised: 'an administrator confirmed the user compromised',
  userPassedMFADrivenByRiskBasedPolicy: 'the user passed MFA required by a risk-based policy',
  aiConfirmedSigninSafe: 'Microsoft confirmed the sign-ins safe',
  userChangedPasswordOnPremises: 'the user changed their password on-premises',
  adminConfirmedServicePrincipalCompromised: 'an administrator confirmed compromise',
};

const METHOD_NAMES: Record<string, string> = {
  '#microsoft.graph.passwordAuthenticationMethod': 'Password',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'Microsoft Authenticator',
  '#microsoft.graph.fido2AuthenticationMethod': 'FIDO2 security key',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'Windows Hello for Business',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'Software OATH token',
  '#microsoft.graph.phoneAuthenticationMethod': 'Phone (SMS/voice)',
  '#microsoft.graph.emailAuthenticationMethod': 'Email (SSPR only)',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'Temporary Access Pass',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'Platform credential',
  '#microsoft.graph.hardwareOathAuthenticationMethod': 'Hardware OATH token',
  '#microsoft.graph.x509CertificateAuthenticationMethod': 'Certificate (X.509)',
};

/** `table[key]` for the table's own keys only: Graph text like "constructor" must not reach Object.prototype. */
function lookup(table: Record<string, string>, key: string | null | undefined): string | undefined {
  return key && Object.hasOwn(table, key) ? table[key] : undefined;
}

function methodName(method: AuthenticationMethod): string {
  return (
    lookup(METHOD_NAMES, method['@odata.type']) ?? method['@odata.type'].replace('#microsoft.graph.', '')
  );
}

function toLevel(value: string | null | undefined): Level {
  return value === 'low' || value === 'medium' || value === 'high' ? value : 'none';
}

/** The user's risk level as Graph reports it; `hidden` or a value Ward does not know is `unknown`, not `none`. */
function userLevel(riskyUser: RiskyUser | null | undefined): Level {
  if (riskyUser === undefined) return 'unknown';
  if (riskyUser === null || riskyUser.riskLevel === 'none') return 'none';
  const level = toLevel(riskyUser.riskLevel);
  return level === 'none' ? 'unknown' : level;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Assesses one user's identity risk from the evidence gathered. */
export function assessUserRisk(evidence: UserRiskEvidence): UserRiskAssessment {
  const { user, riskyUser, detections, signIns, methods, now } = evidence;
  const name = user.displayName ?? user.userPrincipalName ?? user.id;
  const upn = user.userPrincipalName ?? user.mail ?? user.id;
  const findings: UserRiskAssessment['findings'] = [];
  const facts: UserRiskAssessment['facts'] = [];
  const evidenceTables: UserRiskAssessment['evidence'] = [];
  const guidance: string[] = [];
  const followUps: string[] = [];

  const state = riskyUser === undefined ? 'unknown' : (riskyUser?.riskState ?? 'none');
  const graphLevel = userLevel(riskyUser);
  const active = state === 'atRisk' || state === 'confirmedCompromised';
  const unrecognisedState = riskyUser != null && !KNOWN_STATES.has(state);
  const levelKnown = graphLevel === 'low' || graphLevel === 'medium' || graphLevel === 'high';
  /** "at high risk", or just "at risk" when Graph hides the level. */
  const atLevel = levelKnown ? `at ${graphLevel} risk` : 'at risk';
  /** "High risk" or "At risk", to start the verdict. */
  const riskWords = levelKnown ? `${cap(graphLevel)} risk` : 'At risk';

  if (riskyUser) {
    facts.push({ label: 'Risk level', value: riskyUser.riskLevel, source: 'riskyUser' });
    facts.push({ label: 'Risk state', value: riskyUser.riskState, source: 'riskyUser' });
    if (riskyUser.riskLastUpdatedDateTime) {
      facts.push({
        label: 'Risk updated',
        value: `${formatUtc(riskyUser.riskLastUpdatedDateTime)} (${formatAgo(riskyUser.riskLastUpdatedDateTime, now)})`,
        source: 'riskyUser',
      });
    }
  } else if (riskyUser === null) {
    facts.push({
      label: 'Risk level',
      value: 'none (never flagged by Identity Protection)',
      source: 'riskyUser',
    });
  }
  if (user.accountEnabled === false) {
    facts.push({ label: 'Account', value: 'disabled', source: 'user' });
  }
  if (user.jobTitle || user.department) {
    facts.push({
      label: 'Role',
      value: [user.jobTitle, user.department].filter(Boolean).join(', '),
      source: 'user',
    });
  }

  // Risk detections: only those still at risk count towards the verdict; older ones are history.
  const activeDetections = (detections ?? []).filter(
    (d) => d.riskState === 'atRisk' || d.riskState === 'confirmedCompromised',
  );
  const detectionTypes = [...new Set(activeDetections.map((d) => d.riskEventType))];
  const strongTypes = detectionTypes.filter((type) => describeRiskEvent(type).strength === 'strong');
  const moderateTypes = detectionTypes.filter((type) => describeRiskEvent(type).strength === 'moderate');
  for (const type of detectionTypes) {
    const ofType = activeDetections.filter((d) => d.riskEventType === type);
    const latest = ofType[0];
    const description = describeRiskEvent(type);
    const where = [
      ...new Set(ofType.map((d) => [d.ipAddress, placeName(d.location)].filter(Boolean).join(' in '))),
    ];
    findings.push({
      title: `${description.label}: ${description.meaning}`,
      detail: `${ofType.length} detection${ofType.length > 1 ? 's' : ''}${where.length ? ` from ${listWords(where.slice(0, 3))}` : ''}${
        latest?.detectedDateTime ? `, latest ${formatAgo(latest.detectedDateTime, now)}` : ''
      }.`,
      severity: toLevel(latest?.riskLevel) === 'none' ? 'low' : toLevel(latest?.riskLevel),
      when: latest?.activityDateTime ?? latest?.detectedDateTime ?? undefined,
      sources: ['riskDetections'],
    });
  }
  if (detections && detections.length > 0) {
    evidenceTables.push({
      title: 'Risk detections',
      columns: ['When', 'Detection', 'Level', 'IP', 'Location', 'State'],
      rows: detections
        .slice(0, 10)
        .map((d) => [
          d.detectedDateTime ? formatAgo(d.detectedDateTime, now) : '',
          describeRiskEvent(d.riskEventType).label,
          d.riskLevel,
          d.ipAddress ?? '',
          placeName(d.location),
          d.riskState,
        ]),
      source: 'riskDetections',
    });
  }

  // Sign-ins.
  const observations = signIns ? analyseSignIns(signIns, now) : undefined;
  if (observations?.travel) {
    const { first, second, gapMs } = observations.travel;
    findings.push({
      title: `Signed in from ${placeName(first.location)} and ${placeName(second.location)} within ${formatSpan(gapMs)}`,
      detail: `${first.ipAddress ?? 'unknown IP'} (${first.appDisplayName ?? 'unknown app'}) at ${formatUtc(first.createdDateTime)}, then ${
        second.ipAddress ?? 'unknown IP'
      } (${second.appDisplayName ?? 'unknown app'}) at ${formatUtc(second.createdDateTime)}: one person cannot be in both places.`,
      severity: 'high',
      when: second.createdDateTime,
      sources: ['signIns'],
    });
  }
  if (observations && observations.failures.length >= 5) {
    const top = observations.failureReasons[0];
    const spanMs = now.getTime() - Date.parse(observations.failures[0]?.createdDateTime ?? now.toISOString());
    findings.push({
      title: `${observations.failures.length} failed sign-ins${
        Number.isFinite(spanMs) ? ` in the last ${formatSpan(spanMs)}` : ''
      }`,
      detail: top ? `Most common: ${top.reason} (${top.count}).` : undefined,
      severity: observations.failures.length >= 20 ? 'high' : 'medium',
      when: observations.failures[observations.failures.length - 1]?.createdDateTime,
      sources: ['signIns'],
    });
  }
  for (const device of observations?.newDevices.slice(0, 2) ?? []) {
    findings.push({
      title: `New device: ${device.name}`,
      detail: `First seen ${formatAgo(device.firstSeen.createdDateTime, now)} from ${placeName(device.firstSeen.location)} (${
        device.firstSeen.ipAddress ?? 'unknown IP'
      }).`,
      severity: 'medium',
      when: device.firstSeen.createdDateTime,
      sources: ['signIns'],
    });
  }
  if (observations && observations.notable.length > 0) {
    evidenceTables.push({
      title: 'Recent sign-ins that matter',
      columns: ['When', 'App', 'IP', 'Location', 'Device', 'Result'],
      rows: observations.notable.map((s) => [
        formatAgo(s.createdDateTime, now),
        s.appDisplayName ?? '',
        s.ipAddress ?? '',
        placeName(s.location),
        deviceName(s) ?? '',
        isSuccessful(s)
          ? `success${s.riskLevelDuringSignIn && s.riskLevelDuringSignIn !== 'none' ? ` (risk ${s.riskLevelDuringSignIn})` : ''}`
          : `failed: ${s.status?.failureReason ?? s.status?.errorCode}`,
      ]),
      source: 'signIns',
    });
  }

  // MFA coverage.
  const strongMethods = (methods ?? []).filter((m) => STRONG_MFA.has(m['@odata.type']));
  const weakMethods = (methods ?? []).filter((m) => WEAK_MFA.has(m['@odata.type']));
  const noMfa = methods !== undefined && strongMethods.length === 0 && weakMethods.length === 0;
  if (methods) {
    facts.push({
      label: 'MFA methods',
      value: methods.length ? [...new Set(methods.map(methodName))].join(', ') : 'none',
      source: 'authenticationMethods',
    });
  }
  if (noMfa) {
    findings.push({
      title: 'No MFA method registered',
      detail: 'Only a password protects this account: a leaked or guessed password is enough to sign in.',
      severity: active ? 'high' : 'medium',
      sources: ['authenticationMethods'],
    });
  } else if (methods && strongMethods.length === 0) {
    findings.push({
      title: 'Only weak MFA methods',
      detail: `Registered: ${listWords([...new Set(weakMethods.map(methodName))])}. Phone-based methods can be phished or SIM-swapped.`,
      severity: 'low',
      sources: ['authenticationMethods'],
    });
  }
  // Privileged roles: the user's own active assignments and PIM eligibilities.
  const roles = evidence.roles?.ok ? privilegedRolesOf(evidence.roles.holders, user.id) : [];
  const privileged = roles.length > 0;
  const takeover = roles.some((role) => TAKEOVER_ROLES.has(role.roleDefinitionId.toLowerCase()));
  if (evidence.roles?.ok) {
    facts.push({
      label: 'Privileged roles',
      value: roles.length ? roles.map(roleLabel).join(', ') : 'none (no active or PIM-eligible assignment)',
      source: 'roles',
    });
  }
  for (const role of roles.slice(0, MAX_ROLE_FINDINGS)) {
    const eligible = role.assignment === 'eligible';
    const tenantWide = TAKEOVER_ROLES.has(role.roleDefinitionId.toLowerCase());
    const held = eligible
      ? `${name} can activate ${role.roleName} through Privileged Identity Management at any time${
          role.since ? `; eligible since ${formatUtc(role.since)} (${formatAgo(role.since, now)})` : ''
        }.`
      : `${name} holds ${role.roleName} now, without activating it.`;
    const stakes = active
      ? `Whoever controls this account can ${eligible ? 'activate it and ' : ''}${tenantWide ? 'take over the tenant' : 'use it'}.`
      : noMfa
        ? `With no MFA method registered, whoever knows the password can register their own method and ${eligible ? 'activate' : 'use'} it.`
        : undefined;
    findings.push({
      title: eligible ? `Eligible for ${role.roleName} (PIM)` : `Active ${role.roleName}`,
      detail: stakes ? `${held} ${stakes}` : held,
      severity: active ? (tenantWide ? 'critical' : 'high') : noMfa ? 'high' : eligible ? 'low' : 'medium',
      when: role.since,
      sources: noMfa ? ['roles', 'authenticationMethods'] : ['roles'],
    });
  }

  // The password's `createdDateTime` is its last change, not a newly registered method.
  const recentlyAddedMethods = (methods ?? []).filter(
    (m) =>
      m['@odata.type'] !== PASSWORD_METHOD &&
      m.createdDateTime &&
      now.getTime() - Date.parse(m.createdDateTime) < 14 * 86_400_000,
  );

  // Verdict.
  const travelStrong = !!observations?.travel;
  const strongEvidence =
    strongTypes.length > 0 || moderateTypes.length >= 2 || (travelStrong && detectionTypes.length > 0);
  let riskLevel: Level = graphLevel;
  if (state === 'confirmedCompromised') riskLevel = 'critical';
  else if (unrecognisedState) riskLevel = 'unknown';
  else if (!active && riskyUser !== undefined)
    riskLevel = findings.some((f) => f.severity === 'high') ? 'medium' : noMfa ? 'low' : 'none';
  // A privileged account at risk puts what the role reaches at risk too; one without MFA is exposed.
  if (privileged && active) riskLevel = raiseLevel(riskLevel);
  else if (privileged && noMfa && (riskLevel === 'none' || riskLevel === 'low')) riskLevel = 'medium';

  let verdict: string;
  const history = lookup(RISK_DETAIL_WORDS, riskyUser?.riskDetail);
  const likelyCompromised =
    state === 'confirmedCompromised' || (state === 'atRisk' && (graphLevel === 'high' || strongEvidence));
  if (state === 'unknown') verdict = 'Risk unknown — Identity Protection did not answer';
  else if (state === 'confirmedCompromised') verdict = 'Confirmed compromised';
  else if (state === 'atRisk' && likelyCompromised) verdict = `${riskWords} — likely compromised`;
  else if (state === 'atRisk') verdict = `${riskWords} — needs verification`;
  else if (state === 'remediated') verdict = 'Remediated — no active risk';
  else if (state === 'dismissed') verdict = 'Risk dismissed — no active risk';
  else if (state === 'confirmedSafe') verdict = 'Confirmed safe';
  else if (unrecognisedState) verdict = `Risk state "${state}" not recognised — check Identity Protection`;
  else if (privileged && noMfa) verdict = 'No identity risk flagged — privileged account without MFA';
  else verdict = 'No identity risk flagged';

  // Summary in plain words.
  const parts: string[] = [];
  if (state === 'atRisk' || state === 'confirmedCompromised') {
    parts.push(
      `${name} (${upn}) is ${state === 'confirmedCompromised' ? 'confirmed compromised' : atLevel} in Identity Protection.`,
    );
    if (detectionTypes.length) {
      parts.push(`Active detections: ${listWords(detectionTypes.map((t) => describeRiskEvent(t).label))}.`);
    }
    if (observations?.travel) {
      parts.push(
        `Sign-ins came from ${placeName(observations.travel.first.location)} and ${placeName(observations.travel.second.location)} ${formatSpan(
          observations.travel.gapMs,
        )} apart.`,
      );
    }
    parts.push(
      state === 'confirmedCompromised'
        ? 'Contain the account now.'
        : strongEvidence || graphLevel === 'high'
          ? 'The evidence points to a compromised account: contain it now.'
          : 'Verify with the user whether this activity was theirs before acting.',
    );
  } else if (state === 'remediated' || state === 'dismissed' || state === 'confirmedSafe') {
    parts.push(
      `${name} (${upn}) has no active identity risk: the risk was ${state}${history ? ` — ${history}` : ''}${
        riskyUser?.riskLastUpdatedDateTime ? ` ${formatAgo(riskyUser.riskLastUpdatedDateTime, now)}` : ''
      }.`,
    );
  } else if (state === 'unknown') {
    parts.push(
      `Ward could not read ${name}'s risk from Identity Protection, so this assessment is incomplete.`,
    );
  } else if (unrecognisedState) {
    parts.push(
      `Identity Protection reports ${name} (${upn}) with risk state "${state}", which Ward does not recognise: check the user in Identity Protection.`,
    );
  } else {
    parts.push(`Identity Protection has not flagged ${name} (${upn}).`);
  }
  if (noMfa) parts.push('The account has no MFA method registered.');
  if (privileged) {
    parts.push(
      `${name} ${rolesPhrase(roles)}${
        active
          ? `: ${takeover ? 'treat a compromise of this account as a compromise of the tenant' : 'the role widens what an attacker can do'}`
          : ''
      }.`,
    );
  }
  if (user.accountEnabled === false) parts.push('The account is disabled.');
  const unknownSources = [
    detections === undefined && 'risk detections',
    signIns === undefined && 'sign-in logs',
    methods === undefined && 'authentication methods',
    evidence.roles?.ok === false && 'privileged roles',
  ].filter((s): s is string => !!s);
  if (unknownSources.length) parts.push(`Not checked (source unavailable): ${listWords(unknownSources)}.`);

  // Remediation: ordered, specific to the state.
  const remediation: UserRiskAssessment['remediation'] = [];
  const proposedActions: UserRiskAssessment['proposedActions'] = [];
  const ips = [...new Set(activeDetections.map((d) => d.ipAddress).filter((ip): ip is string => !!ip))];
  const evidenceWords = listWords(
    [
      ...detectionTypes.map((t) => describeRiskEvent(t).label),
      ...(travelStrong ? ['sign-ins from two countries'] : []),
    ].slice(0, 4),
  );
  if (state === 'atRisk' && likelyCompromised) {
    remediation.push({
      title: 'Confirm the user compromised',
      detail: `Evidence: ${evidenceWords || 'high user risk'}. Confirming raises risk to high so risk policies block or force remediation, and trains Identity Protection.`,
      action: 'confirmCompromised',
    });
    remediation.push({
      title: 'Reset the password',
      detail: 'Require a change at next sign-in; do not reuse.',
      action: 'resetPassword',
    });
    remediation.push({
      title: 'Revoke all sessions',
      detail:
        'Invalidate refresh tokens so a stolen session stops working; the user signs in again everywhere.',
      action: 'revokeSessions',
    });
    proposedActions.push(
      {
        action: 'confirmCompromised',
        why: `Strong evidence of compromise: ${evidenceWords || 'high user risk'}.`,
      },
      {
        action: 'resetPassword',
        why: `${name} is ${atLevel}; the password must be assumed known to an attacker.`,
      },
      { action: 'revokeSessions', why: 'Sessions opened by an attacker stay valid until revoked.' },
    );
    // No "Dismiss risk" here: next to containment on a likely compromise it is one click from clearing the
    // evidence. An analyst who proves a false positive dismisses it deliberately, in Identity Protection.
    if (user.accountEnabled !== false) {
      proposedActions.push({
        action: 'disableAccount',
        why: 'Blocks every new sign-in while you investigate, if the attacker may still hold a session or the password.',
      });
    }
  } else if (state === 'atRisk') {
    remediation.push({
      title: 'Verify with the user out of band',
      detail: `Call or message ${name} (not by email) and ask whether the flagged activity${
        detectionTypes.length ? ` (${evidenceWords})` : ''
      } was theirs.`,
    });
    remediation.push({
      title: 'If it was not them: confirm compromised, reset the password, revoke sessions',
      action: 'confirmCompromised',
    });
    remediation.push({ title: 'If it was them: dismiss the risk with the reason', action: 'dismissRisk' });
    proposedActions.push(
      {
        action: 'resetPassword',
        why: `${name} is ${atLevel}; reset if the activity is not confirmed as theirs.`,
      },
      { action: 'revokeSessions', why: 'Ends any session opened from the flagged sign-in.' },
      { action: 'confirmCompromised', why: 'If the user did not recognise the activity.' },
      { action: 'dismissRisk', why: 'If the user confirms the activity was theirs.' },
    );
  } else if (state === 'confirmedCompromised') {
    remediation.push({
      title: 'Reset the password',
      detail: 'Require a change at next sign-in.',
      action: 'resetPassword',
    });
    remediation.push({ title: 'Revoke all sessions', action: 'revokeSessions' });
    proposedActions.push(
      { action: 'resetPassword', why: 'The account is confirmed compromised.' },
      { action: 'revokeSessions', why: 'Sessions opened by an attacker stay valid until revoked.' },
    );
    if (user.accountEnabled !== false) {
      proposedActions.push({
        action: 'disableAccount',
        why: 'Blocks every new sign-in until the account is cleaned up.',
      });
    }
  }
  if (privileged && active) {
    remediation.push({
      title: 'Remove the privileged roles until the account is clean',
      detail: `Remove ${listWords(roles.map(roleLabel))} (Entra admin center → Roles and administrators), and review what the account changed with them in the directory audit log.`,
    });
  }
  if (user.accountEnabled === false) {
    proposedActions.push({
      action: 'enableAccount',
      why: 'The account is disabled; re-enable it once the password is reset and sessions are revoked.',
    });
  }
  if (active) {
    if (noMfa) {
      remediation.push({
        title: 'Register MFA before restoring access',
        detail:
          'Issue a Temporary Access Pass after verifying identity, and have the user register Microsoft Authenticator or a FIDO2 key.',
      });
    } else if (methods) {
      remediation.push({
        title: 'Require re-registration of MFA methods',
        detail: recentlyAddedMethods.length
          ? `Methods added in the last 14 days: ${listWords(recentlyAddedMethods.map(methodName))}. An attacker with the password may have added one: remove unknown methods.`
          : 'An attacker with the password may have registered their own method: review the registered methods with the user.',
      });
    }
    remediation.push({
      title: 'Look for persistence',
      detail:
        'Review mailbox inbox and forwarding rules, OAuth app consents and recently registered devices for this user.',
    });
    if (ips.length) {
      // Before the user has answered, the flagged IP may be their own: blocking it is conditional.
      remediation.push({
        title: likelyCompromised
          ? `Block the attacker's IP addresses`
          : 'If it was not them: block the flagged IP addresses',
        detail: `Add ${listWords(ips.slice(0, 5))} to a blocked named location in Conditional Access and hunt for other accounts signing in from them.`,
      });
    }
  } else if (noMfa) {
    remediation.push({
      title: 'Require MFA registration',
      detail:
        'Have the user register Microsoft Authenticator or a FIDO2 key (an authentication strength policy enforces it).',
    });
    if (privileged) {
      remediation.push({
        title: 'Keep the role unusable until MFA is registered',
        detail: `Require an authentication strength on activation in the PIM settings of ${listWords([...new Set(roles.map((role) => role.roleName))])}, or remove the assignment until the user has registered a method.`,
      });
    }
  } else if (state === 'remediated' || state === 'dismissed' || state === 'confirmedSafe') {
    remediation.push({
      title: 'No containment needed',
      detail: 'Keep watching for new detections; re-check if the user reports anything unusual.',
    });
  }

  // Prevention guidance, from what the evidence shows.
  if (active || state === 'remediated') {
    guidance.push(
      'Use a risk-based Conditional Access policy: require a secure password change for high user risk and MFA for medium or higher sign-in risk, so Identity Protection remediates without an analyst.',
    );
  }
  if (detectionTypes.includes('passwordSpray') || (observations?.failures.length ?? 0) >= 5) {
    guidance.push(
      'Block legacy authentication and keep smart lockout and the banned password list on: spray attacks live on weak passwords and basic auth.',
    );
  }
  if (detectionTypes.includes('anonymizedIPAddress')) {
    guidance.push(
      'Consider blocking sign-ins from anonymous IP addresses, or requiring a compliant device for them.',
    );
  }
  if (noMfa)
    guidance.push(
      'Enforce MFA registration for every user with an authentication strength policy; start with privileged accounts.',
    );

  if (privileged) {
    guidance.push(
      'Protect administrator roles with phishing-resistant MFA (a Conditional Access policy on directory roles), keep them eligible in PIM rather than active, and require approval to activate the tenant-wide ones.',
    );
  }

  if (active) followUps.push(`show sign-ins for ${upn}`, 'show risky users');
  else followUps.push('show risky users');
  if (privileged) followUps.push('which admins have no MFA?');

  return {
    riskLevel,
    verdict,
    summary: parts.join(' '),
    facts,
    findings,
    evidence: evidenceTables,
    remediation,
    guidance,
    proposedActions,
    followUps,
  };
}

/** Roles that reach the whole tenant: whoever holds one can grant themselves any other. */
const TAKEOVER_ROLES: ReadonlySet<string> = new Set([
  GLOBAL_ADMINISTRATOR_TEMPLATE,
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
]);
const MAX_ROLE_FINDINGS = 4;
const LEVEL_STEPS: readonly Level[] = ['none', 'low', 'medium', 'high', 'critical'];

/** One level up (`high` → `critical`); `unknown` stays unknown. */
function raiseLevel(level: Level): Level {
  const index = LEVEL_STEPS.indexOf(level);
  return index === -1 ? level : LEVEL_STEPS[Math.min(index + 1, LEVEL_STEPS.length - 1)]!;
}

/** The user's roles, one per role and kind of assignment, active and tenant-wide ones first. */
function privilegedRolesOf(holders: readonly PrivilegedRoleHolder[], userId: string): PrivilegedRoleHolder[] {
  const seen = new Set<string>();
  return holders
    .filter((holder) => holder.principalId.toLowerCase() === userId.toLowerCase())
    .filter((holder) => {
      const key = `${holder.roleDefinitionId.toLowerCase()}:${holder.assignment}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        Number(b.assignment === 'active') - Number(a.assignment === 'active') ||
        Number(TAKEOVER_ROLES.has(b.roleDefinitionId.toLowerCase())) -
          Number(TAKEOVER_ROLES.has(a.roleDefinitionId.toLowerCase())) ||
        a.roleName.localeCompare(b.roleName),
    );
}

/** "Global Administrator (eligible, PIM)", "Security Administrator (active)". */
function roleLabel(role: PrivilegedRoleHolder): string {
  return `${role.roleName} (${role.assignment === 'eligible' ? 'eligible, PIM' : 'active'})`;
}

/** "holds Security Administrator and is eligible for Global Administrator through PIM". */
function rolesPhrase(roles: readonly PrivilegedRoleHolder[]): string {
  const active = roles.filter((role) => role.assignment === 'active').map((role) => role.roleName);
  const eligible = roles.filter((role) => role.assignment === 'eligible').map((role) => role.roleName);
  return [
    active.length ? `holds ${listWords(active)}` : '',
    eligible.length ? `is eligible for ${listWords(eligible)} through PIM` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export { ENTRA_ACTIONS };
