/**
 * The Microsoft Entra ID plugin: identity risk (Identity Protection), sign-in logs, directory and MFA methods,
 * all through Microsoft Graph. Its remediation actions are proposed as descriptors (see entra-actions.ts);
 * executing them is the action executor's job, not this plugin's.
 */
import type { GraphClient } from '../../clients/graph.js';
import { userSchema } from '../../clients/graph-resources.js';
import { queryString } from '../../clients/odata-literal.js';
import type { Plugin } from '../types.js';
import { authenticationMethodsSkill } from './skills/authentication-methods.js';
import { findUsersSkill } from './skills/find-users.js';
import { getUserSkill } from './skills/get-user.js';
import { riskDetectionsSkill } from './skills/risk-detections.js';
import { riskyUserSkill } from './skills/risky-user.js';
import { riskyUsersSkill } from './skills/risky-users.js';
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
    ],
    actions: [],
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
