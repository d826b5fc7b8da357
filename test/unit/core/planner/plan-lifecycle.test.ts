/**
 * The rules planner's lifecycle branch of identity posture through the real pipeline up to the plan (entities
 * → intent → ledger) and the real Entra plugin on the demo tenant's Graph over loopback HTTP: which skills it
 * calls, that each finding cites the calls it rests on (the leaver's finding: the HR dates, what he holds,
 * his sign-ins), that the leaver it proposes to contain is the target it grounds, buttons that name whom
 * they act on when there are several leavers, and one leaver's access failing. No mocks of Ward's code.
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
import { SOC_TEAM } from '../../../../src/demo/seed/people.js';
import { pickLifecyclePeople } from '../../../../src/demo/seed/seed-lifecycle.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { createEntraPlugin } from '../../../../src/plugins/entra/entra-plugin.js';

const NOW = new Date('2025-06-11T15:00:00.000Z');
let demo: RunningDemoTenant;
beforeAll(async () => {
  demo = await startDemoTenant({ port: 0, now: () => NOW, identityProtectionRate: false });
});
afterEach(async () => {
  await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
  await fetch(`${demo.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await demo?.close();
});

async function plan(text: string) {
  const graph = createGraphClient({ baseUrl: demo.graphUrl, timeoutMs: 5_000, maxRetries: 0 });
  const registry = createPluginRegistry([createEntraPlugin({ graph, now: () => NOW })]);
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
    now: NOW,
    signal,
    history: [],
  });
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got ${outcome.kind}`);
  const answer: Answer = postprocess(outcome.draft, {
    groundedTargets: new Set(outcome.groundedTargets ?? []),
    skillCalls: ledger.count(),
  });
  const sources = ledger.sources();
  const ref = (id: string) => {
    const source = sources.find((s) => s.id === id);
    return `${source?.plugin}.${source?.skill}`;
  };
  return { outcome, answer, intent, sources, ref };
}

describe('plan-lifecycle-workflows', () => {
  it('reads the workflows, the HR dates, and what each leaver holds; sign-ins only for enabled accounts', async () => {
    const { answer, intent, sources } = await plan('are leavers being offboarded?');
    expect(intent.intent).toBe('identity-posture');
    expect(answer.title).toMatch(/^Joiners, movers and leavers: /);
    expect(sources.map((s) => `${s.plugin}.${s.skill}`)).toEqual([
      'entra.lifecycleWorkflows',
      'entra.joinersAndLeavers',
      // Nestor (enabled): groups and roles, and sign-ins; the offboarded leaver: groups and roles only.
      'entra.memberOf',
      'entra.privilegedRoleAssignments',
      'entra.signIns',
      'entra.memberOf',
      'entra.privilegedRoleAssignments',
    ]);
    expect(answer.partial).toBe(false);
  });

  it("cites the leaver's finding with the HR dates, his access and his sign-ins, and the gaps with the workflows", async () => {
    const { answer, ref } = await plan('are leavers being offboarded?');
    const nestor = answer.findings.find((f) => f.title.startsWith('Nestor Wilke left'));
    expect(nestor?.citations.map(ref)).toEqual([
      'entra.joinersAndLeavers',
      'entra.memberOf',
      'entra.privilegedRoleAssignments',
      'entra.signIns',
    ]);
    const mover = answer.findings.find((f) => f.title === 'No mover workflow');
    expect(mover?.citations.map(ref)).toEqual(['entra.lifecycleWorkflows']);
  });

  it('proposes containment for the leaver it grounded, and nobody else', async () => {
    const { outcome, answer } = await plan('which accounts of people who left are still enabled?');
    expect(outcome.kind === 'answer' && outcome.groundedTargets).toEqual([SOC_TEAM.nestor.id]);
    expect(answer.proposedActions.map((a) => [a.action, a.title, a.target.displayName])).toEqual([
      ['entra.disableAccount', 'Disable account', 'Nestor Wilke (nestor.wilke@contoso.com)'],
      ['entra.revokeSessions', 'Revoke sessions', 'Nestor Wilke (nestor.wilke@contoso.com)'],
    ]);
    expect(answer.proposedActions[0]?.why).toMatch(
      /left 9 d ago and can still sign in \(holds Global Reader\)/,
    );
  });

  it('names whom each button acts on when several leavers can still sign in', async () => {
    const offboarded = pickLifecyclePeople(demo.tenant.state.users).leaverOffboarded.user;
    const enable = await fetch(`${demo.graphUrl}/v1.0/users/${offboarded.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountEnabled: true }),
    });
    expect(enable.status).toBe(204);
    const { answer, outcome } = await plan('terminated employees still have access?');
    expect(answer.proposedActions.map((a) => a.title)).toEqual([
      'Disable account: Nestor Wilke',
      'Revoke sessions: Nestor Wilke',
      `Disable account: ${offboarded.displayName}`,
      `Revoke sessions: ${offboarded.displayName}`,
    ]);
    expect(outcome.kind === 'answer' && [...(outcome.groundedTargets ?? [])].sort()).toEqual(
      [SOC_TEAM.nestor.id, offboarded.id].sort(),
    );
  });

  it("says when a leaver's access cannot be read, and still proposes containment", async () => {
    await fetch(`${demo.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: `users/${SOC_TEAM.nestor.id}/transitiveMemberOf`,
        status: 503,
        times: 50,
      }),
    });
    const { answer, ref } = await plan('are leavers being offboarded?');
    expect(answer.partial).toBe(true);
    expect(answer.summary).toMatch(/Could not check: what Nestor Wilke still holds/);
    const nestor = answer.findings.find((f) => f.title.startsWith('Nestor Wilke left'));
    expect(nestor?.citations.map(ref)).not.toContain('entra.memberOf');
    expect(answer.proposedActions.map((a) => a.target.id)).toContain(SOC_TEAM.nestor.id);
  });
});
