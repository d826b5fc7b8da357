/**
 * "Is <asset> affected by <CVE>?" through the rules planner: the real pipeline up to the plan (entities →
 * intent → ledger), the real Defender for Cloud, threat-intel and Intune plugins on the demo tenant over
 * loopback HTTP. Yes from an open vulnerability finding (with the fix delegated to the resource's owner), no
 * from a scan that lists other findings or none, unknown when no scanner covers the asset or its findings
 * cannot be read, an Intune device whose vulnerabilities no source holds, an asset nobody knows, and a
 * follow-up about the resource of the previous answer. No mocks of Ward's code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArmClient } from '../../../../src/clients/arm.js';
import { createGraphClient } from '../../../../src/clients/graph.js';
import { createCveIntelClient } from '../../../../src/clients/threat-intel-cve.js';
import type { Answer } from '../../../../src/core/answer.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { STORY_RESOURCES } from '../../../../src/demo/seed/contoso-azure-estate.js';
import { AZURE_ASSESSMENT_KEYS } from '../../../../src/demo/seed/defender-recommendations.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import { createDefenderCloudPlugin } from '../../../../src/plugins/defender-cloud/defender-cloud-plugin.js';
import { createIntunePlugin } from '../../../../src/plugins/intune/intune-plugin.js';
import { createThreatIntelPlugin } from '../../../../src/plugins/threat-intel/threat-intel-plugin.js';

const NOW = new Date('2025-06-11T15:00:00.000Z');
const WEB = STORY_RESOURCES.webProd01.id;

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

async function plan(text: string, options: { history?: RememberedTurn[] } = {}) {
  const limits = { timeoutMs: 5_000, maxRetries: 0 };
  const graph = createGraphClient({ baseUrl: demo.graphUrl, ...limits });
  const registry = createPluginRegistry([
    createDefenderCloudPlugin({ arm: createArmClient({ baseUrl: demo.armUrl, ...limits }), now: () => NOW }),
    createThreatIntelPlugin({
      vulnerabilities: createCveIntelClient({
        nvdUrl: demo.threatIntelUrl,
        epssUrl: demo.threatIntelUrl,
        ...limits,
      }),
      now: () => NOW,
    }),
    createIntunePlugin({ graph, now: () => NOW }),
  ]);
  const signal = new AbortController().signal;
  const ledger = createSkillLedger({ registry, signal });
  const entities = extractEntities(text);
  const history = options.history ?? [];
  const subject = history.at(-1)?.subject;
  const intent = classifyIntent(text, entities, { followUp: subject ? { subject } : {} });
  const outcome = await createRulesPlanner({ ticketing: false }).plan({
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', name: 'Patti Fernandez' },
      conversation: { id: 'a:personal-chat', kind: 'personal' },
      text,
    },
    entities,
    intent,
    resolveUser: () => Promise.reject(new Error('an exposure question never resolves a user')),
    ledger,
    now: NOW,
    signal,
    history,
  });
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got help: ${outcome.reason}`);
  const answer: Answer = postprocess(outcome.draft, {
    groundedTargets: new Set(outcome.groundedTargets ?? []),
    skillCalls: ledger.count(),
  });
  return { intent, outcome, answer, refs: ledger.sources().map((s) => `${s.plugin}.${s.skill}`) };
}

/** A demo VM whose machine vulnerability assessment has `status` (the seed decides which). */
function vmWith(status: 'Healthy' | 'Unhealthy' | 'NotApplicable'): string {
  const defender = demo.tenant.state.defenderForCloud;
  const vms = defender.resources.filter(
    (resource) => resource.type === 'Microsoft.Compute/virtualMachines' && resource.id !== WEB,
  );
  const found = vms.find((vm) =>
    defender.assessments.some(
      (a) =>
        a.resourceId === vm.id &&
        a.assessmentKey === AZURE_ASSESSMENT_KEYS.vulnerabilityFindings &&
        a.status.code === status,
    ),
  );
  if (!found) throw new Error(`the seed has no VM whose vulnerability assessment is ${status}`);
  return found.name;
}

describe('yes: an open vulnerability finding names the CVE', () => {
  it('answers "is web-prod-01 vulnerable to CVE-2024-3400?" from the finding and the intelligence, cited', async () => {
    const { intent, answer, refs } = await plan('is web-prod-01 vulnerable to CVE-2024-3400?');
    expect(intent.intent).toBe('cloud-posture');
    expect(answer).toMatchObject({
      intent: 'cloud-posture',
      title: 'web-prod-01: affected by CVE-2024-3400',
      riskLevel: 'critical',
      subject: { kind: 'resource', id: WEB, displayName: 'web-prod-01 (virtual machine)' },
      partial: false,
    });
    expect(answer.summary).toMatch(
      /^Yes: Defender for Cloud reports CVE-2024-3400 on web-prod-01 — an open finding of "Machines should have vulnerability findings resolved" names CVE-2024-3400 \(high severity, CVSS 3\.0 10\.0, in Palo Alto Networks PAN-OS 10\.2\.8, a fix is available\)\./,
    );
    expect(answer.summary).toContain('is critical, known exploited');
    expect(refs).toContain('defender-cloud.vulnerabilityFindings');
    const cite = (skill: string) => answer.sources.find((source) => source.skill === skill)!.id;
    expect(answer.findings[0]).toMatchObject({
      title: 'web-prod-01 is affected by CVE-2024-3400',
      severity: 'critical',
      citations: [cite('recommendations'), cite('vulnerabilityFindings')],
    });
    expect(answer.findings[1]).toMatchObject({
      title: 'CVE-2024-3400 is critical, known exploited: CVSS 3.1 10.0 (critical)',
      citations: [cite('vulnerability'), cite('exploitPrediction')],
    });
    expect(answer.evidence[0]).toMatchObject({
      title: 'CVEs on web-prod-01',
      rows: [
        [
          'CVE-2024-3400',
          'affected',
          'CVE-2024-3400: Palo Alto Networks PAN-OS GlobalProtect command injection · High · CVSS 10.0',
          'available',
          'yes, since 2024-04-12',
          expect.stringMatching(/%$/),
        ],
      ],
    });
    expect(answer.remediation.map((step) => step.title).slice(0, 2)).toEqual([
      'Patch CVE-2024-3400 on web-prod-01',
      'Check web-prod-01 for signs of exploitation',
    ]);
    expect(answer.remediation[0]?.detail).toMatch(/^Upgrade PAN-OS to a fixed release/);
  });

  it('delegates the recommendation that carries the CVE to the resource owner', async () => {
    const { answer } = await plan('CVE-2024-3400 on web-prod-01 - are we exposed?');
    expect(answer.proposedActions).toMatchObject([
      {
        action: 'defender-cloud.assignOwner',
        target: { kind: 'resource', id: WEB },
        input: {
          assessmentKey: AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
          owner: 'nestor.wilke@contoso.com',
        },
      },
    ]);
  });

  it('answers a follow-up ("and is it vulnerable to CVE-2024-3400?") about the resource of the previous answer', async () => {
    const history: RememberedTurn[] = [
      {
        at: new Date(NOW.getTime() - 60_000),
        question: 'recommendations for web-prod-01',
        intent: 'cloud-posture',
        title: 't',
        summary: 's',
        subject: { kind: 'resource', id: WEB, displayName: 'web-prod-01 (virtual machine)' },
      },
    ];
    const { answer } = await plan('and is it vulnerable to CVE-2024-3400?', { history });
    expect(answer.title).toBe('web-prod-01: affected by CVE-2024-3400');
  });
});

describe('no: the asset is scanned and no open finding names the CVE', () => {
  it('says so for a CVE not among web-prod-01’s findings, and keeps the asset’s own risk', async () => {
    const { answer } = await plan('is web-prod-01 affected by cve-2021-44228');
    expect(answer.title).toBe('web-prod-01: no open CVE-2021-44228 finding');
    expect(answer.summary).toMatch(
      /^No: Defender for Cloud reports no open CVE-2021-44228 finding on web-prod-01 — its vulnerability scan lists 4 findings, none of them CVE-2021-44228\./,
    );
    expect(answer.findings[0]).toMatchObject({
      title: 'No open CVE-2021-44228 finding on web-prod-01',
      severity: 'none',
    });
    expect(answer.riskLevel).toBe('critical');
    expect(answer.remediation.some((step) => step.title.startsWith('Patch CVE-2021-44228'))).toBe(false);
  });

  it('says so for a machine whose vulnerability scan is healthy', async () => {
    const vm = vmWith('Healthy');
    const { answer } = await plan(`is ${vm} vulnerable to CVE-2024-3400?`);
    expect(answer.title).toBe(`${vm}: no open CVE-2024-3400 finding`);
    expect(answer.findings[0]?.detail).toBe(
      'Its vulnerability scan is healthy: "Machines should have vulnerability findings resolved" reports no open finding.',
    );
  });

  it('answers each of several CVEs', async () => {
    const { answer } = await plan('is web-prod-01 exposed to CVE-2024-6387 or CVE-2021-44228?');
    expect(answer.title).toBe('web-prod-01: affected by 1 of 2 CVEs');
    expect(answer.facts.slice(1, 3)).toEqual([
      { label: 'CVE-2024-6387', value: 'affected' },
      { label: 'CVE-2021-44228', value: 'no open finding' },
    ]);
  });
});

describe('unknown: Ward cannot tell', () => {
  it('when no vulnerability scanner covers the machine', async () => {
    const vm = vmWith('NotApplicable');
    const { answer } = await plan(`does ${vm} have CVE-2024-3400?`);
    expect(answer.title).toBe(`${vm}: exposure to CVE-2024-3400 unknown`);
    expect(answer.findings[0]?.severity).toBe('unknown');
    expect(answer.findings[0]?.detail).toMatch(/no Defender for Cloud vulnerability assessment covers it/i);
  });

  it('when the findings cannot be read: a partial answer that does not say no', async () => {
    await fault('subAssessments');
    const { answer } = await plan('is web-prod-01 vulnerable to CVE-2021-44228?');
    expect(answer.partial).toBe(true);
    expect(answer.title).toBe('web-prod-01: exposure to CVE-2021-44228 unknown');
    expect(answer.findings[0]?.detail).toMatch(/could not be read in full/);
  });

  it('for a device Intune manages: says why, and how to settle it in Defender Vulnerability Management', async () => {
    const { intent, answer, refs } = await plan('is DESKTOP-DIEGO01 vulnerable to CVE-2024-3400?');
    expect(intent.intent).toBe('cloud-posture');
    expect(refs.at(-1)).toBe('intune.device');
    expect(answer).toMatchObject({
      intent: 'device',
      title: 'DESKTOP-DIEGO01: exposure to CVE-2024-3400 unknown',
      riskLevel: 'unknown',
      subject: { kind: 'device', displayName: 'DESKTOP-DIEGO01' },
    });
    expect(answer.summary).toMatch(/reports its compliance, not its vulnerabilities/);
    expect(answer.summary).toContain('Defender for Cloud assesses no Azure resource named DESKTOP-DIEGO01');
    const check = answer.remediation.find((step) => step.title.startsWith('Check DESKTOP-DIEGO01'));
    expect(check?.detail).toContain(
      'DeviceTvmSoftwareVulnerabilities | where DeviceName startswith "desktop-diego01" and CveId in ("CVE-2024-3400")',
    );
  });
});

describe('an asset no source knows', () => {
  it('says which sources were asked, and still what the CVE is', async () => {
    const { answer } = await plan('is srv-nope-99 vulnerable to CVE-2024-3400?');
    expect(answer).toMatchObject({
      intent: 'cloud-posture',
      title: 'srv-nope-99: no such asset found',
      riskLevel: 'unknown',
    });
    expect(answer.subject).toBeUndefined();
    expect(answer.summary).toMatch(
      /^Ward found no asset named srv-nope-99: Defender for Cloud assesses no Azure resource by that name, and Intune manages no device by that name\./,
    );
    expect(answer.findings.map((finding) => finding.title)).toEqual([
      'CVE-2024-3400 is critical, known exploited: CVSS 3.1 10.0 (critical)',
    ]);
    expect(answer.proposedActions).toEqual([]);
  });

  it('says Defender for Cloud could not be checked when it fails, rather than that the asset is not there', async () => {
    await fault('subscriptions');
    const { answer } = await plan('is srv-nope-99 vulnerable to CVE-2024-3400?');
    expect(answer.partial).toBe(true);
    expect(answer.summary).toMatch(/Defender for Cloud could not be checked/);
    expect(answer.summary).not.toMatch(/Defender for Cloud assesses no Azure resource/);
  });
});
