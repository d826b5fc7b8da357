/**
 * The rules planner's identity posture review ("review our conditional access policies", "privileged accounts
 * without MFA"): the Entra plugin's Conditional Access policies, privileged role holders (active and
 * PIM-eligible), each holder's MFA methods and recent PIM activations, assessed by `assess-identity-posture`.
 * Every finding cites the skill calls it rests on; a failing source makes the answer partial and says what
 * could not be checked, never throws. It proposes no actions: policy changes are an administrator's call.
 * Questions about joiners, movers and leavers go to its lifecycle branch, which may (see that module).
 */
import type { AuthenticationMethod } from '../../clients/graph-resources.js';
import {
  assessIdentityPosture,
  type PostureEvidenceKey,
} from '../../plugins/entra/assess-identity-posture.js';
import type { ConditionalAccessPolicies } from '../../plugins/entra/skills/conditional-access-policies.js';
import type { PrivilegedRoleAssignments } from '../../plugins/entra/skills/privileged-role-assignments.js';
import type { RoleActivations } from '../../plugins/entra/skills/role-activations.js';
import { boundedText } from '../bounded-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { asksAboutLifecycle } from './lifecycle-question.js';
import { planLifecycleWorkflows } from './plan-lifecycle-workflows.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** Privileged accounts whose MFA methods are read (one call each); PIM-eligible ones first. */
export const MAX_PRIVILEGED_ACCOUNTS_CHECKED = 20;

/**
 * Answers an identity posture question from the tenant's Entra configuration; a question about joiners,
 * movers and leavers gets the lifecycle review instead (`plan-lifecycle-workflows`).
 */
export async function planIdentityPosture(input: PlanInput): Promise<PlanOutcome> {
  if (asksAboutLifecycle(input.turn.text)) return planLifecycleWorkflows(input);
  const { ledger } = input;
  const [policies, roles, activations] = await Promise.all([
    ledger.call<ConditionalAccessPolicies>('entra.conditionalAccessPolicies', {}),
    ledger.call<PrivilegedRoleAssignments>('entra.privilegedRoleAssignments', {}),
    ledger.call<RoleActivations>('entra.roleActivations', { days: 30 }),
  ]);
  const value = <T>(call: SkillCall<T>): T | undefined => (call.ok ? call.data : undefined);

  const holders = value(roles)?.holders;
  const principals = [
    ...new Set(
      [...(holders ?? [])]
        .filter((holder) => holder.principal?.['@odata.type'] === '#microsoft.graph.user')
        .sort((a, b) => Number(b.assignment === 'eligible') - Number(a.assignment === 'eligible'))
        .map((holder) => holder.principalId),
    ),
  ].slice(0, MAX_PRIVILEGED_ACCOUNTS_CHECKED);
  const methodCalls = await Promise.all(
    principals.map(
      async (id) =>
        [id, await ledger.call<AuthenticationMethod[]>('entra.authenticationMethods', { user: id })] as const,
    ),
  );
  const methods = new Map(methodCalls.map(([id, call]) => [id, value(call)]));
  const methodSource = new Map(methodCalls.map(([id, call]) => [id, call.sourceId]));

  const assessment = assessIdentityPosture({
    policies: value(policies),
    holders,
    methods,
    activations: value(activations)?.activations,
    now: input.now,
  });
  const single: Record<Exclude<PostureEvidenceKey, 'methods'>, string> = {
    policies: policies.sourceId,
    roles: roles.sourceId,
    activations: activations.sourceId,
  };
  const cite = (keys: readonly PostureEvidenceKey[], ids: readonly string[] = []): string[] => [
    ...new Set(
      keys.flatMap((key) =>
        key === 'methods' ? ids.flatMap((id) => methodSource.get(id) ?? []) : [single[key]],
      ),
    ),
  ];
  const factSource: Record<PostureEvidenceKey, string[]> = {
    policies: [policies.sourceId],
    roles: [roles.sourceId],
    activations: [activations.sourceId],
    methods: [...methodSource.values()],
  };
  return {
    kind: 'answer',
    draft: {
      intent: 'identity-posture',
      title: `Identity posture: ${assessment.verdict}`,
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
        rows: table.rows,
        citations: factSource[table.source]
          .slice(0, 1)
          .concat(table.source === 'roles' ? factSource.methods : []),
      })),
      remediation: assessment.remediation.map((step) => ({
        title: boundedText(step.title, 200),
        detail: step.detail,
      })),
      followUps: assessment.followUps,
      sources: ledger.sources(),
      planner: 'rules',
    },
  };
}
