/**
 * The rules planner's answer to "why can't megan sign in?": the user's failed sign-ins over the last week
 * (error code and reason, the Conditional Access policies that failed them, app, client and location), the
 * cause in words and what to do, from the Entra plugin's sign-in log and MFA methods. Every statement cites
 * the skill call it rests on; a failing source makes the answer say so, never throw. It proposes no actions:
 * a sign-in problem is fixed by the user or the service desk, not by a button.
 */
import type { AuthenticationMethod, GraphUser, SignIn } from '../../clients/graph-resources.js';
import {
  assessSignInFailure,
  type SignInFailureEvidenceKey,
} from '../../plugins/entra/assess-sign-in-failure.js';
import type { AnswerDraft } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

/** How far back the sign-in log is read: a week covers "since Monday" and the weekend. */
export const SIGN_IN_FAILURE_HOURS = 7 * 24;

/** Answers a sign-in failure question about the resolved user. */
export async function planSignInFailure(input: PlanInput): Promise<PlanOutcome> {
  const resolution = await input.resolveUser();
  switch (resolution.kind) {
    case 'none':
      return {
        kind: 'help',
        reason:
          'Tell me whose sign-in fails: their UPN or name ("why can\'t megan.bowen@contoso.com sign in?").',
      };
    case 'not-found':
      return userNotFoundHelp(resolution.query);
    case 'ambiguous':
      return ambiguousUserHelp(resolution);
    case 'failed':
      return {
        kind: 'answer',
        draft: {
          intent: 'sign-in-failure',
          title: `Could not look up ${boundedText(resolution.query, 100)}`,
          summary: `${resolution.error.message} Ward could not read the sign-in log without the user; try again in a minute.`,
          riskLevel: 'unknown',
          planner: 'rules',
          sources: input.ledger.sources(),
        },
      };
    case 'resolved':
      return {
        kind: 'answer',
        draft: await signInFailureAnswer(input, resolution.user, resolution.sourceId),
      };
  }
}

async function signInFailureAnswer(
  input: PlanInput,
  user: GraphUser,
  userSourceId: string,
): Promise<AnswerDraft> {
  const { ledger } = input;
  const [signIns, methods] = await Promise.all([
    ledger.call<{ signIns: SignIn[]; truncated: boolean }>('entra.signIns', {
      userId: user.id,
      hours: SIGN_IN_FAILURE_HOURS,
      top: 200,
    }),
    ledger.call<AuthenticationMethod[]>('entra.authenticationMethods', { user: user.id }),
  ]);
  const assessment = assessSignInFailure({
    user,
    signIns: signIns.ok ? signIns.data.signIns : undefined,
    methods: methods.ok ? methods.data : undefined,
    hours: SIGN_IN_FAILURE_HOURS,
    now: input.now,
  });
  const cite: Record<SignInFailureEvidenceKey, string> = {
    signIns: signIns.sourceId,
    authenticationMethods: methods.sourceId,
  };
  const name = user.displayName ?? user.userPrincipalName ?? user.id;
  const upn = user.userPrincipalName ?? undefined;
  return {
    intent: 'sign-in-failure',
    title: `${boundedText(name, 100)}: ${assessment.verdict}`,
    summary: assessment.summary,
    riskLevel: assessment.riskLevel,
    subject: { kind: 'user', id: user.id, displayName: upn ? `${name} (${upn})` : name },
    facts: [
      { label: 'User', value: upn ? `${name} · ${upn}` : name },
      ...assessment.facts.map(({ label, value }) => ({ label, value })),
    ],
    findings: assessment.findings.map((finding) => ({
      title: boundedText(finding.title, 200),
      detail: finding.detail === undefined ? undefined : boundedText(finding.detail, 2000),
      severity: finding.severity,
      when: finding.when,
      citations: [...new Set([userSourceId, ...finding.sources.map((key) => cite[key])])],
    })),
    evidence: assessment.evidence.map((table) => ({
      title: table.title,
      columns: table.columns,
      rows: table.rows,
      citations: [cite[table.source]],
    })),
    remediation: assessment.remediation.map((step) => ({
      title: boundedText(step.title, 200),
      detail: step.detail,
    })),
    followUps: assessment.followUps,
    sources: ledger.sources(),
    planner: 'rules',
  };
}
