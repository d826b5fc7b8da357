/**
 * Cloud posture questions through the rules planner's Defender for Cloud module: the real pipeline up to the
 * plan (entities → intent → ledger) and the real plugin on the demo tenant's Azure Resource Manager over
 * loopback HTTP. Covers the headline ("show critical risks for publicly exposed resources"), delegation (the
 * owner tag, an existing assignment, no owner), a resource or recommendation named, follow-ups on the previous
 * answer's resource, and sources failing: the answer says what failed, never throws, and proposes only on the
 * resource it fetched (which it returns as a grounded target). No mocks of Ward's code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArmClient } from '../../../../src/clients/arm.js';
import type { Answer } from '../../../../src/core/answer.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { classifyIntent, type IntentResult } from '../../../../src/core/planner/classify-intent.js';
import { planCloudPosture } from '../../../../src/core/planner/plan-cloud-posture.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { STORY_RESOURCES } from '../../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../../src/demo/seed/defender-recommendations.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { createDefenderCloudPlugin } from '../../../../src/plugins/defender-cloud/defender-cloud-plugin.js';

const NOW = new Date('2025-06-11T15:00:00.000Z');
const HEADLINE = 'show critical risks for publicly exposed resources';
const WEB = STORY_RESOURCES.webProd01.id;
const CLOUD: IntentResult = { intent: 'cloud-posture', reason: 'test' };

let demo: RunningDemoTenant;
beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, now: () => NOW, identityProtectionRate: false });
});
afterEach(async () => {
  await fetch(`${demo.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await demo?.close();
});

async function fault(path: string) {
  await fetch(`${demo.url}/_demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path, status: 503, times: 20 }),
  });
}

async function plan(
  text: string,
  options: { history?: RememberedTurn[]; intent?: IntentResult; ticketing?: boolean } = {},
) {
  const arm = createArmClient({ baseUrl: demo.armUrl, timeoutMs: 5_000, maxRetries: 0 });
  const registry = createPluginRegistry([createDefenderCloudPlugin({ arm, now: () => NOW })]);
  const signal = new AbortController().signal;
  const ledger = createSkillLedger({ registry, signal });
  const entities = extractEntities(text);
  const outcome = await planCloudPosture(
    {
      turn: {
        id: 'activity-1',
        user: { id: '29:patti', name: 'Patti Fernandez' },
        conversation: { id: 'a:personal-chat', kind: 'personal' },
        text,
      },
      entities,
      intent: options.intent ?? classifyIntent(text, entities),
      resolveUser: () => Promise.reject(new Error('cloud posture never resolves a user')),
      ledger,
      now: NOW,
      signal,
      history: options.history ?? [],
    },
    { ticketing: options.ticketing },
  );
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got help: ${outcome.reason}`);
  const grounded = new Set(outcome.groundedTargets ?? []);
  const answer: Answer = postprocess(outcome.draft, {
    groundedTargets: grounded,
    skillCalls: ledger.count(),
  });
  return { outcome, answer, grounded, refs: ledger.sources().map((s) => `${s.plugin}.${s.skill}`) };
}

function remembered(subject: RememberedTurn['subject']): RememberedTurn[] {
  return [
    {
      at: new Date(NOW.getTime() - 60_000),
      question: HEADLINE,
      intent: 'cloud-posture',
      title: 't',
      summary: 's',
      subject,
    },
  ];
}

describe('the headline: critical risks for publicly exposed resources', () => {
  it('is a cloud posture question', () => {
    expect(classifyIntent(HEADLINE, extractEntities(HEADLINE)).intent).toBe('cloud-posture');
  });

  it('leads with web-prod-01’s critical vulnerability on its attack path, with the score and the paths', async () => {
    const { answer, refs } = await plan(HEADLINE);
    expect(answer.riskLevel).toBe('critical');
    expect(answer.title).toMatch(/^\d+ critical or high risks on \d+ internet-exposed resources$/);
    expect(answer.summary).toContain(
      'Most urgent: "Machines should have vulnerability findings resolved" on web-prod-01 (virtual machine), CVE-2024-3400',
    );
    expect(answer.summary).toMatch(
      /Secure score \d+(\.\d)?% \([\d.]+ of \d+ points\), down [\d.]+ points in 7 days \(estimated/,
    );
    expect(answer.subject).toEqual({
      kind: 'resource',
      id: WEB,
      displayName: 'web-prod-01 (virtual machine)',
    });
    expect(answer.findings[0]).toMatchObject({
      title: 'web-prod-01: Machines should have vulnerability findings resolved',
      severity: 'critical',
    });
    expect(answer.evidence.map((table) => table.title)).toEqual([
      'Risks on internet-exposed resources',
      'Attack paths',
      'Secure score controls with the most points to gain',
    ]);
    // Only exposed resources in the risk table.
    const exposed = new Set(
      demo.tenant.state.defenderForCloud.resources.filter((r) => r.internetExposed).map((r) => r.name),
    );
    for (const row of answer.evidence[0]!.rows) expect(exposed.has(row[0]!.split(' ')[0]!)).toBe(true);
    expect(refs).toEqual([
      'defender-cloud.subscriptions',
      'defender-cloud.recommendations',
      'defender-cloud.secureScore',
      'defender-cloud.attackPaths',
      'defender-cloud.governanceAssignments',
      'defender-cloud.resourceOwner',
    ]);
    expect(answer.partial).toBe(false);
  });

  it('proposes assigning the owner its tag names (due in 7 days) and a ticket, on the resource it grounded', async () => {
    const { answer, grounded } = await plan(HEADLINE, { ticketing: true });
    expect([...grounded]).toEqual([WEB]);
    expect(answer.proposedActions.map((p) => p.action)).toEqual([
      'defender-cloud.assignOwner',
      'servicenow.createIncident',
    ]);
    const [assign, ticket] = answer.proposedActions;
    expect(assign).toMatchObject({
      title: 'Assign owner',
      destructive: false,
      target: { kind: 'resource', id: WEB },
      input: {
        assessmentKey: AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
        owner: 'nestor.wilke@contoso.com',
        dueInDays: '7',
        recommendation: 'Machines should have vulnerability findings resolved',
      },
    });
    expect(assign?.why).toBe(
      'nestor.wilke@contoso.com owns web-prod-01 (its owner tag); critical risk, so Ward suggests a due date in 7 days.',
    );
    expect(ticket?.input).toMatchObject({ urgency: '1', correlationId: 'ward-{answerId}' });
    expect(ticket?.input?.shortDescription).toMatch(/^Ward: \d+ critical or high risks/);
    expect(answer.remediation.filter((step) => step.action).map((step) => step.action)).toEqual([
      'defender-cloud.assignOwner',
      'servicenow.createIncident',
    ]);
  });

  it('loses its buttons when post-processing is not told the grounded resource', async () => {
    const { outcome } = await plan(HEADLINE, { ticketing: true });
    if (outcome.kind !== 'answer') throw new Error('answer expected');
    expect(postprocess(outcome.draft, { groundedTargets: new Set(), skillCalls: 0 }).proposedActions).toEqual(
      [],
    );
  });

  it('offers no ticket without ticketing', async () => {
    const { answer } = await plan(HEADLINE);
    expect(answer.proposedActions.map((p) => p.action)).toEqual(['defender-cloud.assignOwner']);
  });

  it('sees an owner assigned since, and proposes no second one', async () => {
    const put = await fetch(
      `${demo.armUrl}${WEB}/providers/Microsoft.Security/assessments/${AZURE_ASSESSMENT_KEYS.vulnerabilityFindings}/governanceAssignments/6634ff9f-127b-4bf2-8e6e-b1737f5e789c?api-version=2022-01-01-preview`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          properties: { owner: 'nestor.wilke@contoso.com', remediationDueDate: '2025-06-18T23:59:59Z' },
        }),
      },
    );
    expect(put.status).toBe(201);
    const { answer } = await plan(HEADLINE, { ticketing: true });
    expect(answer.proposedActions.map((p) => p.action)).toEqual(['servicenow.createIncident']);
    expect(answer.facts).toContainEqual({
      label: 'Owner (web-prod-01)',
      value: 'nestor.wilke@contoso.com · due 2025-06-18',
    });
    expect(answer.summary).toContain('is assigned to nestor.wilke@contoso.com, due 2025-06-18.');
  });
});

describe('naming a resource or a recommendation', () => {
  it('answers about a resource named in the question', async () => {
    const { answer } = await plan('show the Defender for Cloud recommendations for web-prod-01', {
      intent: CLOUD,
    });
    expect(answer.title).toBe('web-prod-01 (virtual machine): critical risk, internet-exposed');
    expect(answer.evidence[0]?.title).toBe('Unhealthy recommendations on web-prod-01');
    expect(answer.remediation.map((step) => step.title)).toContain(
      'Restrict inbound access to web-prod-01: allow 443 only through the application gateway and close 22 to the internet.',
    );
  });

  it('answers a follow-up about the previous answer’s resource', async () => {
    const subject = { kind: 'resource' as const, id: WEB, displayName: 'web-prod-01 (virtual machine)' };
    const text = 'and its remediation?';
    expect(classifyIntent(text, extractEntities(text), { followUp: { subject } }).intent).toBe(
      'cloud-posture',
    );
    const { answer } = await plan('and its remediation?', { history: remembered(subject) });
    expect(answer.title).toMatch(/^web-prod-01 \(virtual machine\)/);
  });

  it('answers about a recommendation named by its title', async () => {
    const { answer } = await plan(
      'which resources fail "Machines should have vulnerability findings resolved"?',
      {
        intent: CLOUD,
      },
    );
    expect(answer.title).toMatch(
      /^Machines should have vulnerability findings resolved: \d+ unhealthy resources$/,
    );
    expect(answer.evidence[0]?.title).toBe('Affected resources');
    expect(answer.evidence[0]?.rows[0]?.[0]).toBe('web-prod-01 (virtual machine)');
  });

  it('asks for an owner tag instead of proposing an owner for an untagged resource', async () => {
    const { answer } = await plan('recommendations for build-agent-01', { intent: CLOUD, ticketing: true });
    expect(answer.proposedActions.map((p) => p.action)).toEqual(['servicenow.createIncident']);
    expect(answer.remediation.map((step) => step.title)).toContain('Give build-agent-01 an owner');
  });

  it('says when a named machine is not an Azure resource it assesses', async () => {
    const { answer } = await plan('azure recommendations for DESKTOP-ADELE01', { intent: CLOUD });
    expect(answer.summary).toMatch(/^Defender for Cloud assesses no Azure resource named DESKTOP-ADELE01\. /);
  });

  it('never puts the question’s text into an ARM request', async () => {
    const { answer } = await plan(
      'recommendations for /subscriptions/x/../../providers?api-version=1 web-prod-02',
      {
        intent: CLOUD,
      },
    );
    const requests = answer.sources.flatMap((source) => source.requests).join('\n');
    expect(requests).not.toContain('..');
    expect(requests).not.toContain('api-version=1');
  });
});

describe('failing sources', () => {
  it('answers from the attack paths when Microsoft.Security is down, marked partial, proposing nothing', async () => {
    await fault('providers/Microsoft.Security');
    const { answer } = await plan(HEADLINE, { ticketing: true });
    expect(answer.partial).toBe(true);
    expect(answer.riskLevel).toBe('unknown');
    expect(answer.title).toBe('Defender for Cloud recommendations unavailable');
    expect(answer.findings.map((f) => f.title)).toContain(
      'Attack path: Internet exposed VM with high severity vulnerabilities has read permission to a storage account with sensitive data',
    );
    expect(answer.sources.filter((s) => !s.ok).map((s) => s.skill)).toEqual([
      'recommendations',
      'secureScore',
    ]);
    expect(answer.proposedActions).toEqual([]);
  });

  it('says Defender for Cloud is unavailable when even the subscriptions cannot be listed', async () => {
    await fault('^/arm/subscriptions$');
    const { answer } = await plan(HEADLINE);
    expect(answer.title).toBe('Defender for Cloud unavailable');
    expect(answer.partial).toBe(true);
  });

  it('still proposes the ticket when the owner cannot be looked up', async () => {
    await fault('Microsoft.Resources/tags');
    const { answer } = await plan(HEADLINE, { ticketing: true });
    expect(answer.proposedActions.map((p) => p.action)).toEqual(['servicenow.createIncident']);
    expect(answer.partial).toBe(true);
  });
});

describe('the ticket', () => {
  it('is written from the answer, within ServiceNow’s limits, about the resource', async () => {
    const { answer } = await plan(HEADLINE, { ticketing: true });
    const input = answer.proposedActions.find((p) => p.action === 'servicenow.createIncident')?.input;
    expect(input?.shortDescription.length).toBeLessThanOrEqual(160);
    expect(input?.description.length).toBeLessThanOrEqual(4_000);
    expect(input?.description).toContain(
      '- web-prod-01: Machines should have vulnerability findings resolved',
    );
    expect(input?.description).toContain(WEB);
    expect(input?.description).toContain('Ward answer: {answerId}');
  });
});
