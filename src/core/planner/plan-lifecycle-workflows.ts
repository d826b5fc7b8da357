/**
 * The rules planner's joiner, mover and leaver review ("are leavers being offboarded?", "joiner mover leaver
 * gaps", "which accounts of people who left are still enabled?"), a branch of the identity posture review:
 * the Entra plugin's Lifecycle Workflows and the people their HR dates name, and for each leaver (enabled
 * accounts first) what they still hold (groups and directory roles, privileged roles active or eligible) and,
 * when the account is enabled, their sign-ins since the leave date; assessed by `assess-lifecycle-workflows`.
 * Every finding cites the skill calls it rests on; a failing source makes the answer partial and says what
 * could not be checked, never throws. For a leaver who can still sign in it proposes the guarded Entra
 * actions (disable account, revoke sessions) on that user, whom it grounds from the directory data it read.
 */
import type { SignIn } from '../../clients/graph-resources.js';
import {
  assessLifecycleWorkflows,
  type LifecycleEvidenceKey,
} from '../../plugins/entra/assess-lifecycle-workflows.js';
import { ENTRA_ACTIONS } from '../../plugins/entra/entra-actions.js';
import type { JoinersAndLeavers } from '../../plugins/entra/skills/joiners-and-leavers.js';
import type { LifecycleWorkflows } from '../../plugins/entra/skills/lifecycle-workflows.js';
import type { Memberships } from '../../plugins/entra/skills/member-of.js';
import type { PrivilegedRoleAssignments } from '../../plugins/entra/skills/privileged-role-assignments.js';
import type { ProposedAction } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** Leavers whose groups and roles are read (three calls each at most); enabled accounts first. */
export const MAX_LEAVERS_CHECKED = 8;
/** Leavers who get action buttons (two each, within the card's eight). */
export const MAX_LEAVERS_CONTAINED = 4;
/** The longest look-back `entra.signIns` allows, in hours. */
const MAX_SIGN_IN_HOURS = 24 * 30;

const CONTAINMENT_ACTIONS = ['disableAccount', 'revokeSessions'] as const;

/** Answers a joiner, mover or leaver question from the tenant's Lifecycle Workflows and directory. */
export async function planLifecycleWorkflows(input: PlanInput): Promise<PlanOutcome> {
  const { ledger } = input;
  const [workflows, people] = await Promise.all([
    ledger.call<LifecycleWorkflows>('entra.lifecycleWorkflows', {}),
    ledger.call<JoinersAndLeavers>('entra.joinersAndLeavers', {}),
  ]);
  const value = <T>(call: SkillCall<T>): T | undefined => (call.ok ? call.data : undefined);

  const leavers = (value(people)?.leavers ?? []).slice(0, MAX_LEAVERS_CHECKED);
  const reads = await Promise.all(
    leavers.map(async (leaver) => {
      const enabled = leaver.accountEnabled === true;
      const leftMs = Date.parse(leaver.employeeLeaveDateTime ?? '');
      const hours = Number.isNaN(leftMs)
        ? MAX_SIGN_IN_HOURS
        : Math.min(MAX_SIGN_IN_HOURS, Math.max(1, Math.ceil((input.now.getTime() - leftMs) / 3_600_000)));
      const [memberOf, roles, signIns] = await Promise.all([
        ledger.call<Memberships>('entra.memberOf', { userId: leaver.id }),
        ledger.call<PrivilegedRoleAssignments>('entra.privilegedRoleAssignments', { user: leaver.id }),
        enabled
          ? ledger.call<{ signIns: SignIn[]; truncated: boolean }>('entra.signIns', {
              userId: leaver.id,
              hours,
            })
          : undefined,
      ]);
      return { id: leaver.id, memberOf, roles, signIns };
    }),
  );

  const assessment = assessLifecycleWorkflows({
    workflows: value(workflows)?.workflows,
    workflowsError: workflows.ok ? undefined : workflows.error.message,
    people: value(people),
    memberships: new Map(reads.map((read) => [read.id, value(read.memberOf)])),
    roles: new Map(reads.map((read) => [read.id, value(read.roles)?.holders])),
    signIns: new Map(
      reads.flatMap((read) => (read.signIns ? [[read.id, value(read.signIns)?.signIns] as const] : [])),
    ),
    now: input.now,
  });

  const perPerson = new Map(
    reads.map((read) => [
      read.id,
      {
        access: [read.memberOf.sourceId, read.roles.sourceId],
        signIns: read.signIns ? [read.signIns.sourceId] : [],
      },
    ]),
  );
  const cite = (keys: readonly LifecycleEvidenceKey[], principals: readonly string[] = []): string[] => [
    ...new Set(
      keys.flatMap((key) => {
        if (key === 'workflows') return [workflows.sourceId];
        if (key === 'people') return [people.sourceId];
        return principals.flatMap((id) => perPerson.get(id)?.[key] ?? []);
      }),
    ),
  ];

  // The leavers to contain: read from the directory for this question, so their buttons may be shown.
  const contained = assessment.containment.slice(0, MAX_LEAVERS_CONTAINED);
  const proposedActions: ProposedAction[] = contained.flatMap((leaver) => {
    const target = {
      kind: 'user' as const,
      id: leaver.userId,
      displayName: boundedText(
        `${leaver.displayName}${leaver.userPrincipalName ? ` (${leaver.userPrincipalName})` : ''}`,
        200,
      ),
    };
    return CONTAINMENT_ACTIONS.map((name) => ({
      action: `entra.${name}`,
      // One leaver: the plain titles; several: each button names whom it acts on.
      title: boundedText(
        contained.length === 1
          ? ENTRA_ACTIONS[name].title
          : `${ENTRA_ACTIONS[name].title}: ${leaver.displayName}`,
        60,
      ),
      destructive: ENTRA_ACTIONS[name].destructive,
      target,
      why: boundedText(leaver.why, 500),
    }));
  });

  return {
    kind: 'answer',
    draft: {
      intent: 'identity-posture',
      title: boundedText(`Joiners, movers and leavers: ${assessment.verdict}`, 200),
      summary: boundedText(assessment.summary, 4000),
      riskLevel: assessment.riskLevel,
      facts: assessment.facts
        .slice(0, 12)
        .map(({ label, value: text }) => ({ label, value: boundedText(text, 500) })),
      findings: assessment.findings.slice(0, 30).map((finding) => ({
        title: boundedText(finding.title, 200),
        detail: finding.detail === undefined ? undefined : boundedText(finding.detail, 2000),
        severity: finding.severity,
        when: finding.when,
        citations: cite(finding.sources, finding.principals),
      })),
      evidence: assessment.evidence.map((table) => ({
        title: table.title,
        columns: table.columns,
        rows: table.rows.map((row) => row.map((cell) => boundedText(cell, 300))),
        // The people table's "still holds" column rests on the per-leaver reads too.
        citations: cite(
          table.source === 'people' ? ['people', 'access'] : [table.source],
          table.source === 'people' ? reads.map((read) => read.id) : [],
        ),
      })),
      remediation: assessment.remediation.slice(0, 12).map((step) => ({
        title: boundedText(step.title, 200),
        detail: step.detail === undefined ? undefined : boundedText(step.detail, 1000),
        action: step.action && proposedActions.length ? `entra.${step.action}` : undefined,
      })),
      proposedActions,
      followUps: assessment.followUps.slice(0, 5),
      sources: ledger.sources(),
      planner: 'rules',
    },
    groundedTargets: contained.map((leaver) => leaver.userId),
  };
}
