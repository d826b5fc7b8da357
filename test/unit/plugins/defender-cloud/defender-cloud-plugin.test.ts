/**
 * The Defender for Cloud plugin against the demo tenant's Azure Resource Manager over loopback HTTP: every
 * skill parses what the service sends (the story: web-prod-01 internet-exposed with a critical finding on an
 * attack path; an overdue governance assignment; owner tags), the estimated score trend agrees with the demo's
 * own 30-day history, a failing source is an error the ledger records, the health check, and "Assign owner"
 * making (then updating) a governance assignment the next read sees.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ArmClient, createArmClient } from '../../../../src/clients/arm.js';
import { WardError } from '../../../../src/core/errors.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { STORY_RESOURCES } from '../../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../../src/demo/seed/defender-recommendations.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { assignOwnerAction } from '../../../../src/plugins/defender-cloud/actions/assign-owner.js';
import { createDefenderCloudPlugin } from '../../../../src/plugins/defender-cloud/defender-cloud-plugin.js';
import { estimateScoreTrend } from '../../../../src/plugins/defender-cloud/estimate-score-trend.js';
import type { CloudAttackPaths } from '../../../../src/plugins/defender-cloud/skills/attack-paths.js';
import type { CloudGovernanceAssignments } from '../../../../src/plugins/defender-cloud/skills/governance-assignments.js';
import type { CloudRecommendations } from '../../../../src/plugins/defender-cloud/skills/recommendations.js';
import type { CloudResourceOwner } from '../../../../src/plugins/defender-cloud/skills/resource-owner.js';
import type { CloudSecureScore } from '../../../../src/plugins/defender-cloud/skills/secure-score.js';
import type { CloudSubscriptions } from '../../../../src/plugins/defender-cloud/skills/subscriptions.js';
import { NOW, SUBSCRIPTION_ID } from './fixtures.js';

const WEB = STORY_RESOURCES.webProd01.id;
const VULNERABILITIES = AZURE_ASSESSMENT_KEYS.vulnerabilityFindings;

let demo: RunningDemoTenant;
let arm: ArmClient;
beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, now: () => NOW, identityProtectionRate: false });
  arm = createArmClient({ baseUrl: demo.armUrl, timeoutMs: 5_000, maxRetries: 1 });
});
afterEach(async () => {
  await fetch(`${demo.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await demo?.close();
});

async function call<T>(skill: string, input: unknown) {
  const registry = createPluginRegistry([createDefenderCloudPlugin({ arm, now: () => NOW })]);
  const ledger = createSkillLedger({ registry, signal: new AbortController().signal });
  const result = await ledger.call<T>(`defender-cloud.${skill}`, input);
  return { result, source: ledger.sources()[0]! };
}

async function data<T>(skill: string, input: unknown): Promise<T> {
  const { result } = await call<T>(skill, input);
  if (!result.ok) throw result.error;
  return result.data;
}

describe('reading Defender for Cloud', () => {
  it('lists the subscription', async () => {
    const { subscriptions } = await data<CloudSubscriptions>('subscriptions', {});
    expect(subscriptions).toEqual([
      expect.objectContaining({ subscriptionId: SUBSCRIPTION_ID, state: 'Enabled' }),
    ]);
  });

  it('puts web-prod-01’s critical, internet-exposed vulnerability finding first, with its CVE and attack path', async () => {
    const list = await data<CloudRecommendations>('recommendations', { subscriptionId: SUBSCRIPTION_ID });
    const [first] = list.recommendations;
    expect(first).toMatchObject({
      assessmentKey: VULNERABILITIES,
      displayName: 'Machines should have vulnerability findings resolved',
      severity: 'High',
      status: 'Unhealthy',
      riskLevel: 'Critical',
      internetExposed: true,
      resource: { id: WEB, name: 'web-prod-01', kind: 'virtual machine' },
    });
    expect(first?.cves).toContain('CVE-2024-3400');
    expect(first?.attackPathsReferences).toHaveLength(1);
    expect(first?.remediation).toMatch(/vendor fix/);
    expect(list.recommendations.every((r) => r.status === 'Unhealthy')).toBe(true);
  });

  it('filters by exposure, severity and resource', async () => {
    const exposed = await data<CloudRecommendations>('recommendations', {
      subscriptionId: SUBSCRIPTION_ID,
      exposedOnly: true,
      severities: ['High'],
    });
    const exposedNames = new Set(exposed.recommendations.map((r) => r.resource.name));
    const estate = demo.tenant.state.defenderForCloud.resources;
    for (const name of exposedNames) expect(estate.find((r) => r.name === name)?.internetExposed).toBe(true);
    expect(exposed.recommendations.every((r) => r.severity === 'High')).toBe(true);
    const web = await data<CloudRecommendations>('recommendations', { resourceId: WEB });
    expect(new Set(web.recommendations.map((r) => r.resource.name))).toEqual(new Set(['web-prod-01']));
  });

  it('reads one recommendation with its portal link', async () => {
    const one = await data<{ portalUrl?: string; remediation?: string }>('recommendation', {
      resourceId: WEB,
      assessmentKey: VULNERABILITIES,
    });
    expect(one.portalUrl).toContain(VULNERABILITIES);
    expect(one.remediation).toBeTruthy();
  });

  it('reads the secure score, and the estimated trend matches the demo’s own history', async () => {
    const score = await data<CloudSecureScore>('secureScore', { subscriptionId: SUBSCRIPTION_ID });
    const history = demo.tenant.state.defenderForCloud.secureScoreHistory;
    expect(score.score.percentage).toBe(history.at(-1)?.percentage);
    expect(score.controls[0]!.max - score.controls[0]!.current).toBeGreaterThanOrEqual(
      score.controls.at(-1)!.max - score.controls.at(-1)!.current,
    );
    const all = await data<CloudRecommendations>('recommendations', {
      subscriptionId: SUBSCRIPTION_ID,
      statuses: ['Unhealthy', 'Healthy'],
      top: 500,
    });
    const trend = estimateScoreTrend(score.controls, all.recommendations, NOW, 7);
    expect(trend?.pastPercentage).toBeCloseTo(history.at(-8)!.percentage, 3);
    expect(trend?.currentPercentage).toBeCloseTo(history.at(-1)!.percentage, 3);
    expect(trend?.worsened.map((r) => r.resource.name)).toContain('web-prod-01');
  });

  it('reads the attack paths: web-prod-01’s, critical, starts from the internet', async () => {
    const { paths } = await data<CloudAttackPaths>('attackPaths', { subscriptionId: SUBSCRIPTION_ID });
    expect(paths[0]).toMatchObject({
      riskLevel: 'Critical',
      entryPoint: { name: 'web-prod-01', resourceId: WEB },
      target: { name: 'stcontosocustdata' },
      internetExposedResourceIds: [WEB],
    });
    expect(paths[0]?.assessments).toContainEqual(
      expect.objectContaining({ assessmentKey: VULNERABILITIES, resourceId: WEB }),
    );
  });

  it('reads owner tags, and the seeded overdue governance assignment', async () => {
    expect((await data<CloudResourceOwner>('resourceOwner', { resourceId: WEB })).owner).toEqual({
      email: 'nestor.wilke@contoso.com',
      tag: 'owner',
    });
    const build = demo.tenant.state.defenderForCloud.resources.find((r) => r.name === 'build-agent-01')!;
    expect((await data<CloudResourceOwner>('resourceOwner', { resourceId: build.id })).owner).toBeUndefined();
    const storage = STORY_RESOURCES.customerData.id;
    const seeded = demo.tenant.state.defenderForCloud.governanceAssignments[0]!;
    const { assignments } = await data<CloudGovernanceAssignments>('governanceAssignments', {
      resourceId: storage,
      assessmentKey: seeded.assessmentKey,
    });
    expect(assignments).toEqual([
      expect.objectContaining({ owner: 'johanna.lorenz@contoso.com', resourceId: storage }),
    ]);
    expect(Date.parse(assignments[0]!.remediationDueDate)).toBeLessThan(NOW.getTime());
  });

  it('records a failing source as an error that says what failed, never throws', async () => {
    await fetch(`${demo.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'providers/Microsoft.Security', status: 503, times: 10 }),
    });
    const { result, source } = await call('recommendations', { subscriptionId: SUBSCRIPTION_ID });
    expect(result.ok).toBe(false);
    expect(source).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Defender for Cloud|503|unavailable/i),
    });
  });

  it('reports health, and what is wrong when ARM fails', async () => {
    const plugin = createDefenderCloudPlugin({ arm });
    expect(await plugin.health({ signal: new AbortController().signal })).toEqual({ ok: true });
    await fetch(`${demo.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/arm/subscriptions$', status: 503, times: 10 }),
    });
    const health = await plugin.health({ signal: new AbortController().signal });
    expect(health.ok).toBe(false);
    expect(health.detail).toBeTruthy();
  });
});

describe('Assign owner', () => {
  const input = {
    userId: WEB,
    assessmentKey: VULNERABILITIES,
    owner: 'nestor.wilke@contoso.com',
    dueInDays: '7',
    recommendation: 'Machines should have vulnerability findings resolved',
  };
  const context = (idempotencyKey: string) => ({ signal: new AbortController().signal, idempotencyKey });

  it('creates a governance assignment due in the chosen days, keyed by the idempotency key, that the next read sees', async () => {
    const action = assignOwnerAction(arm, () => NOW);
    const key = '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    const output = await action.run(input, context(key));
    expect(output.data).toMatchObject({
      assignmentKey: key,
      owner: 'nestor.wilke@contoso.com',
      remediationDueDate: '2025-06-18T23:59:59.000Z',
      message:
        'Assigned: "Machines should have vulnerability findings resolved" on web-prod-01 is now owned by nestor.wilke@contoso.com, due 2025-06-18 (Defender for Cloud governance).',
    });
    expect(output.requests.at(-1)).toMatch(/^PUT .*\/governanceAssignments\/1f0e2d3c-/);
    const { assignments } = await data<CloudGovernanceAssignments>('governanceAssignments', {
      resourceId: WEB,
      assessmentKey: VULNERABILITIES,
    });
    expect(assignments).toEqual([
      expect.objectContaining({
        assignmentKey: key,
        owner: 'nestor.wilke@contoso.com',
        isGracePeriod: false,
      }),
    ]);
  });

  it('updates the existing assignment instead of adding a second owner', async () => {
    const action = assignOwnerAction(arm, () => NOW);
    await action.run(input, context('1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'));
    const again = await action.run(
      { ...input, owner: 'miriam.graham@contoso.com', dueInDays: '30' },
      context('2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
    );
    expect(again.data.message).toMatch(/^Reassigned from nestor.wilke@contoso.com: /);
    const { assignments } = await data<CloudGovernanceAssignments>('governanceAssignments', {
      resourceId: WEB,
      assessmentKey: VULNERABILITIES,
    });
    expect(assignments).toEqual([
      expect.objectContaining({
        assignmentKey: '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
        owner: 'miriam.graham@contoso.com',
      }),
    ]);
  });

  it('fails with ARM’s words for a recommendation the resource does not have', async () => {
    const action = assignOwnerAction(arm, () => NOW);
    const error = await action
      .run(
        { ...input, assessmentKey: '00000000-0000-4000-8000-000000000000' },
        context('3a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
      )
      .catch((e: unknown) => e);
    expect(WardError.isInstance(error)).toBe(true);
  });
});
