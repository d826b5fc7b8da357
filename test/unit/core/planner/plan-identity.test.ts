/**
 * The rules planner's identity modules through the real pipeline up to the plan (entities → intent → ledger →
 * user resolution) and the real Entra plugin on the demo tenant's Graph over loopback HTTP: "why is adele
 * blocked?" and "why can't megan sign in?" (plan-sign-in-failure), "privileged accounts without MFA" and a
 * Conditional Access review (plan-identity-posture), and sources failing: the answer says what failed and is
 * partial, never throws. No mocks of Ward's code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../../src/clients/graph.js';
import type { Answer } from '../../../../src/core/answer.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { resolveUser } from '../../../../src/core/grounding/resolve-user.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { createEntraPlugin } from '../../../../src/plugins/entra/entra-plugin.js';

let demo: RunningDemoTenant;
beforeAll(async () => {
  demo = await startDemoTenant({ port: 0, identityProtectionRate: false });
});
afterEach(async () => {
  await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await demo?.close();
});

async function fault(path: string) {
  await fetch(`${demo.url}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path, status: 503, times: 50 }),
  });
}

async function plan(text: string) {
  const graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 5_000, maxRetries: 0 });
  const registry = createPluginRegistry([createEntraPlugin({ graph })]);
  const signal = new AbortController().signal;
  const ledger = createSkillLedger({ registry, signal });
  const entities = extractEntities(text);
  const intent = classifyIntent(text, entities);
  const outcome = await createRulesPlanner().plan({
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', name: 'Patti Fernandez' },
      conversation: { id: 'a:personal-chat', kind: 'personal' },
      text,
    },
    entities,
    intent,
    resolveUser: () => resolveUser(entities, ledger),
    ledger,
    now: new Date(),
    signal,
    history: [],
  });
  if (outcome.kind !== 'answer') return { outcome, intent };
  const answer: Answer = postprocess(outcome.draft, {
    groundedTargets: new Set(),
    skillCalls: ledger.count(),
  });
  return { outcome, answer, intent, refs: ledger.sources().map((s) => `${s.plugin}.${s.skill}`) };
}

describe('plan-sign-in-failure', () => {
  it('reads adele’s failed sign-ins: MFA denied, with the Conditional Access policies that failed', async () => {
    const { answer, intent, refs } = await plan('why is adele.vance@contoso.com blocked?');
    expect(intent.intent).toBe('sign-in-failure');
    expect(answer?.intent).toBe('sign-in-failure');
    expect(answer?.title).toMatch(/^Adele Vance: MFA failed or denied/);
    expect(answer?.summary).toMatch(/error 500121\); Conditional Access: CA001/);
    expect(answer?.subject).toMatchObject({
      kind: 'user',
      displayName: 'Adele Vance (adele.vance@contoso.com)',
    });
    expect(answer?.proposedActions).toEqual([]);
    expect(refs).toEqual(['entra.user', 'entra.signIns', 'entra.authenticationMethods']);
  });

  it('asks which user when none is named', async () => {
    const { outcome } = await plan("why can't anyone sign in?");
    expect(outcome.kind).toBe('help');
  });

  it('says the sign-in log is unavailable when it fails, as a partial answer', async () => {
    await fault('auditLogs/signIns');
    const { answer } = await plan("why can't megan sign in?");
    expect(answer?.title).toBe('Megan Bowen: sign-in log unavailable');
    expect(answer?.riskLevel).toBe('unknown');
    expect(answer?.partial).toBe(true);
  });
});

describe('plan-identity-posture', () => {
  it('finds Lynne Robbins, eligible Global Administrator with no MFA method, citing roles and her methods', async () => {
    const { answer, intent, refs } = await plan('privileged accounts without MFA');
    expect(intent.intent).toBe('identity-posture');
    const lynne = answer?.findings.find(
      (f) => f.title === 'Lynne Robbins: eligible Global Administrator with no MFA method',
    );
    expect(lynne?.severity).toBe('critical');
    expect(lynne?.citations).toHaveLength(2);
    expect(answer?.riskLevel).toBe('critical');
    expect(refs?.slice(0, 3)).toEqual([
      'entra.conditionalAccessPolicies',
      'entra.privilegedRoleAssignments',
      'entra.roleActivations',
    ]);
    expect(refs?.filter((ref) => ref === 'entra.authenticationMethods').length).toBeGreaterThan(1);
    expect(answer?.partial).toBe(false);
  });

  it('still answers about privileged accounts when Conditional Access fails, and says what it could not check', async () => {
    await fault('identity/conditionalAccess');
    const { answer } = await plan('review our conditional access policies');
    expect(answer?.partial).toBe(true);
    expect(answer?.summary).toMatch(/Could not check: Conditional Access policies/);
    expect(answer?.findings.map((f) => f.title)).toContain(
      'Lynne Robbins: eligible Global Administrator with no MFA method',
    );
  });
});
