/**
 * The Microsoft Entra ID plugin: identity risk (Identity Protection), sign-in logs, directory and MFA methods,
 * Conditional Access policies, privileged role holders and PIM activations, Lifecycle Workflows and the
 * joiners and leavers their HR dates name, all through Microsoft Graph, and
 * the remediation actions on a user (confirm compromised, reset password, revoke sessions, dismiss risk,
 * disable/enable). The plugin never decides to run an action: the guarded
 * action flow in the core calls `run` only after authorisation, confirmation and an exactly-once claim.
 */
import type { GraphClient } from '../../clients/graph.js';
import { userSchema } from '../../clients/graph-resources.js';
import { queryString } from '../../clients/odata-literal.js';
import type { Plugin } from '../types.js';
import { confirmCompromisedAction } from './actions/confirm-compromised.js';
import { dismissRiskAction } from './actions/dismiss-risk.js';
import { resetPasswordAction } from './actions/reset-password.js';
import { revokeSessionsAction } from './actions/revoke-sessions.js';
import { setAccountEnabledAction } from './actions/set-account-enabled.js';
import { authenticationMethodsSkill } from './skills/authentication-methods.js';
import { conditionalAccessPoliciesSkill } from './skills/conditional-access-policies.js';
import { findUsersSkill } from './skills/find-users.js';
import { getUserSkill } from './skills/get-user.js';
import { joinersAndLeaversSkill } from './skills/joiners-and-leavers.js';
import { lifecycleWorkflowsSkill } from './skills/lifecycle-workflows.js';
import { memberOfSkill } from './skills/member-of.js';
import { privilegedRoleAssignmentsSkill } from './skills/privileged-role-assignments.js';
import { riskDetectionsSkill } from './skills/risk-detections.js';
import { riskyUserSkill } from './skills/risky-user.js';
import { riskyUsersSkill } from './skills/risky-users.js';
import { roleActivationsSkill } from './skills/role-activations.js';
import { signInsSkill } from './skills/sign-ins.js';

export interface EntraPluginOptions {
  graph: GraphClient;
  now?: () => Date;
}

export function createEntraPlugin(options: EntraPluginOptions): Plugin {
  const now = options.now ?? (() => new Date());
  const { graph } = options;
  return {
    name: 'entra',
    displayName: 'Microsoft Entra ID',
    version: '0.1.0',
    skills: [
      findUsersSkill(graph),
      getUserSkill(graph),
      riskyUsersSkill(graph),
      riskyUserSkill(graph),
      riskDetectionsSkill(graph, now),
      signInsSkill(graph, now),
      authenticationMethodsSkill(graph),
      memberOfSkill(graph),
      conditionalAccessPoliciesSkill(graph),
      privilegedRoleAssignmentsSkill(graph),
      roleActivationsSkill(graph, now),
      lifecycleWorkflowsSkill(graph),
      joinersAndLeaversSkill(graph, now),
    ],
    actions: [
      confirmCompromisedAction(graph),
      resetPasswordAction(graph),
      revokeSessionsAction(graph),
      dismissRiskAction(graph),
      setAccountEnabledAction(graph, false),
      setAccountEnabledAction(graph, true),
    ],
    async health(context) {
      try {
        await graph.list(`/users${queryString({ $top: 1, $select: 'id' })}`, userSchema, {
          signal: context.signal,
          maxItems: 1,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
