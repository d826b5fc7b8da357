/**
 * Why a user cannot sign in, from their recent sign-in log: the failed sign-ins grouped by error code, the
 * cause of each in words (sign-in-error-codes.ts), the Conditional Access policies that failed them, whether a
 * sign-in has succeeded since, and what to do. Computed from the data, never per user; a source that failed
 * (`undefined`) is reported as unknown, never as "no failures". Pure: no I/O, no clock.
 */
import type { AuthenticationMethod, GraphUser, SignIn } from '../../clients/graph-resources.js';
import { formatAgo, formatUtc } from '../format-when.js';
import type { Level } from './assess-user-risk.js';
import { placeName } from './country-name.js';
import { SIGN_IN_ERROR_CODES, type SignInErrorMeaning } from './sign-in-error-codes.js';

/** Which piece of evidence a statement rests on; the planner maps these to citations. */
export type SignInFailureEvidenceKey = 'signIns' | 'authenticationMethods';

/** What the assessment reads. */
export interface SignInFailureEvidence {
  user: GraphUser;
  /** Newest first or not; `undefined` when the sign-in log could not be read. */
  signIns: SignIn[] | undefined;
  /** `undefined` when not read or failed. */
  methods?: AuthenticationMethod[] | undefined;
  /** How far back the sign-ins go, for the wording. */
  hours: number;
  now: Date;
}

/** The assessment, ready for a planner to cite. */
export interface SignInFailureAssessment {
  riskLevel: Level;
  verdict: string;
  summary: string;
  facts: { label: string; value: string; source: SignInFailureEvidenceKey }[];
  findings: {
    title: string;
    detail?: string;
    severity: Level;
    when?: string;
    sources: SignInFailureEvidenceKey[];
  }[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: SignInFailureEvidenceKey }[];
  remediation: { title: string; detail?: string }[];
  followUps: string[];
}

const NOT_MFA = new Set([
  '#microsoft.graph.passwordAuthenticationMethod',
  '#microsoft.graph.emailAuthenticationMethod',
]);
const MAX_ROWS = 25;

/** The error code a sign-in failed with; undefined for a success. */
export function signInErrorCode(signIn: SignIn): number | undefined {
  const code = signIn.status?.errorCode;
  return code === undefined || code === null || code === 0 ? undefined : code;
}

/** The Conditional Access policies that failed a sign-in, "CA001: … (mfa)". */
export function failedPolicies(signIn: SignIn): string[] {
  return (signIn.appliedConditionalAccessPolicies ?? [])
    .filter((policy) => policy.result === 'failure')
    .map((policy) => {
      const name = policy.displayName ?? policy.id ?? 'unnamed policy';
      const controls = policy.enforcedGrantControls?.length
        ? ` (${policy.enforcedGrantControls.join(', ')})`
        : '';
      return `${name}${controls}`;
    });
}

function meaningOf(code: number, signIn: SignIn): SignInErrorMeaning {
  const known = SIGN_IN_ERROR_CODES.get(code);
  if (known) return known;
  return {
    label: `Error ${code}`,
    cause: signIn.status?.failureReason
      ? `Entra reported "${signIn.status.failureReason}"`
      : `Entra reported error ${code} with no reason`,
    fix: `Look up AADSTS${code} in Microsoft's sign-in error reference and check the sign-in's details in the Entra admin center.`,
    kind: failedPolicies(signIn).length > 0 ? 'policy' : 'credentials',
  };
}

function where(signIn: SignIn): string {
  return `${placeName(signIn.location)}${signIn.ipAddress ? ` (${signIn.ipAddress})` : ''}`;
}

function app(signIn: SignIn): string {
  return [signIn.appDisplayName, signIn.clientAppUsed].filter(Boolean).join(' · ') || 'unknown app';
}

/** Reads a user's recent sign-ins for why they fail. */
export function assessSignInFailure(evidence: SignInFailureEvidence): SignInFailureAssessment {
  const { user, now } = evidence;
  const who = user.displayName ?? user.userPrincipalName ?? user.id;
  const span = evidence.hours % 24 === 0 ? `${evidence.hours / 24} days` : `${evidence.hours} hours`;
  const upn = user.userPrincipalName ?? undefined;
  const followUps = upn ? [`is ${upn} compromised?`, `show sign-ins for ${upn}`] : [];
  if (evidence.signIns === undefined) {
    return {
      riskLevel: 'unknown',
      verdict: 'sign-in log unavailable',
      summary: `Ward could not read ${who}'s sign-in log, so it cannot say why the sign-in fails. Try again in a minute, or check the sign-in logs in the Entra admin center.`,
      facts: [],
      findings: [],
      evidence: [],
      remediation: [],
      followUps,
    };
  }
  const signIns = [...evidence.signIns].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  const failures = signIns.filter((signIn) => signInErrorCode(signIn) !== undefined);
  const real = failures.filter((signIn) => meaningOf(signInErrorCode(signIn)!, signIn).kind !== 'interrupt');
  const lastSuccess = signIns.find((signIn) => signInErrorCode(signIn) === undefined);
  const facts: SignInFailureAssessment['facts'] = [
    { label: `Sign-ins (${span})`, value: `${signIns.length}, ${failures.length} failed`, source: 'signIns' },
    {
      label: 'Last successful sign-in',
      value: lastSuccess
        ? `${formatUtc(lastSuccess.createdDateTime)} (${formatAgo(lastSuccess.createdDateTime, now)})`
        : `none in ${span}`,
      source: 'signIns',
    },
  ];
  const methods = evidence.methods;
  const mfaMethods = methods?.filter((method) => !NOT_MFA.has(method['@odata.type']));
  if (mfaMethods !== undefined) {
    facts.push({
      label: 'MFA methods',
      value: mfaMethods.length ? String(mfaMethods.length) : 'none registered',
      source: 'authenticationMethods',
    });
  }

  if (real.length === 0) {
    return {
      riskLevel: 'none',
      verdict: `no failed sign-ins in ${span}`,
      summary: `${who} has no failed sign-ins in the last ${span}${
        failures.length ? ` (only 'Keep me signed in' interruptions)` : ''
      }${lastSuccess ? `; the last successful one was ${formatAgo(lastSuccess.createdDateTime, now)}` : ''}. If they still cannot sign in, the attempt may not reach Entra ID (wrong tenant or account name, network or app problem): get the exact error message or its correlation id.`,
      facts,
      findings: [],
      evidence: [],
      remediation: [],
      followUps,
    };
  }

  const groups = new Map<number, SignIn[]>();
  for (const signIn of real) {
    const code = signInErrorCode(signIn)!;
    groups.set(code, [...(groups.get(code) ?? []), signIn]);
  }
  const latest = real[0]!;
  const latestMeaning = meaningOf(signInErrorCode(latest)!, latest);
  const latestPolicies = failedPolicies(latest);
  const succeededSince = lastSuccess !== undefined && lastSuccess.createdDateTime > latest.createdDateTime;
  const mfaDenied = groups.get(500121)?.length ?? 0;
  const locked = groups.has(50053);
  const riskLevel: Level = mfaDenied >= 2 || locked ? 'medium' : 'low';

  const findings: SignInFailureAssessment['findings'] = [...groups.entries()].map(([code, items]) => {
    const first = items[0]!;
    const meaning = meaningOf(code, first);
    const policies = [...new Set(items.flatMap(failedPolicies))];
    const places = [...new Set(items.map(where))];
    const reason = first.status?.failureReason ? ` The log says: "${first.status.failureReason}"` : '';
    return {
      title: `${meaning.label} (error ${code}): ${items.length}×, latest ${formatAgo(first.createdDateTime, now)}`,
      detail: `${capitalise(meaning.cause)}.${reason}${
        policies.length ? ` Conditional Access policies that failed: ${policies.join('; ')}.` : ''
      } From ${places.slice(0, 3).join(', ')}${places.length > 3 ? ` and ${places.length - 3} more` : ''}.`,
      severity:
        code === 500121 && items.length >= 2 ? 'medium' : meaning.kind === 'account' ? 'medium' : 'low',
      when: first.createdDateTime,
      sources: ['signIns'],
    };
  });
  if (
    mfaMethods !== undefined &&
    mfaMethods.length === 0 &&
    real.some((s) => meaningOf(signInErrorCode(s)!, s).kind === 'mfa')
  ) {
    findings.push({
      title: 'No MFA method registered',
      detail: `${who} is asked for MFA but has no method to answer it with.`,
      severity: 'medium',
      sources: ['authenticationMethods'],
    });
  }

  const remediation: SignInFailureAssessment['remediation'] = [];
  if (succeededSince) {
    remediation.push({
      title: 'Confirm the problem still exists',
      detail: `${who} signed in successfully ${formatAgo(lastSuccess!.createdDateTime, now)}, after the last failure.`,
    });
  }
  for (const [code, items] of groups) {
    const meaning = meaningOf(code, items[0]!);
    remediation.push({ title: `Fix: ${meaning.label.toLowerCase()}`, detail: meaning.fix });
  }
  if (findings.some((finding) => finding.title === 'No MFA method registered')) {
    remediation.push({
      title: 'Register an MFA method',
      detail: 'Issue a Temporary Access Pass so the user can register Microsoft Authenticator or a passkey.',
    });
  }

  const summary = `${who}'s latest failed sign-in, ${formatAgo(latest.createdDateTime, now)} to ${app(latest)} from ${where(latest)}, failed because ${latestMeaning.cause} (error ${signInErrorCode(latest)})${
    latestPolicies.length ? `; Conditional Access: ${latestPolicies.join('; ')}` : ''
  }. ${real.length} of ${signIns.length} sign-ins in the last ${span} failed${
    groups.size > 1
      ? ` (${[...groups.entries()].map(([code, items]) => `${items.length}× ${meaningOf(code, items[0]!).label.toLowerCase()}`).join(', ')})`
      : ''
  }.${succeededSince ? ` A sign-in has succeeded since (${formatAgo(lastSuccess!.createdDateTime, now)}).` : ''} ${latestMeaning.fix}`;

  return {
    riskLevel,
    verdict: succeededSince ? `${latestMeaning.label} (signed in since)` : latestMeaning.label,
    summary,
    facts,
    findings,
    evidence: [
      {
        title: 'Failed sign-ins',
        columns: ['Time', 'Error', 'Conditional Access', 'App · client', 'Location'],
        rows: real
          .slice(0, MAX_ROWS)
          .map((signIn) => [
            `${formatUtc(signIn.createdDateTime)} (${formatAgo(signIn.createdDateTime, now)})`,
            `${signInErrorCode(signIn)} ${signIn.status?.failureReason ?? ''}`.trim(),
            failedPolicies(signIn).join('; ') || (signIn.conditionalAccessStatus ?? 'unknown'),
            app(signIn),
            where(signIn),
          ]),
        source: 'signIns',
      },
    ],
    remediation,
    followUps,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
