/**
 * The rules planner's indicator answers, through the real pipeline (entities → intent → ledger → planner →
 * post-processing) on the real threat-intel plugin over in-memory sources: every indicator of the question
 * looked up in parallel (five at most, in the order written), one cited answer with the worst verdict, tables
 * per kind, tenant sightings, for CVEs the Azure resources Defender for Cloud reports them open on (the real
 * Defender for Cloud plugin over an in-memory ARM), and block/hunt/patch steps, never a proposed action.
 * Internal addresses are
 * called internal and sent nowhere; unknown indicators are "no intelligence"; a failing source makes the
 * answer partial and named; malformed input and questions with nothing to check get help that says why.
 */
import { describe, expect, it } from 'vitest';
import type { ArmClient } from '../../../../src/clients/arm.js';
import type { Answer } from '../../../../src/core/answer.js';
import { SourceUnavailableError } from '../../../../src/core/errors.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { MAX_INDICATORS, planIndicator } from '../../../../src/core/planner/plan-indicator.js';
import type { PlanOutcome } from '../../../../src/core/planner/planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { createDefenderCloudPlugin } from '../../../../src/plugins/defender-cloud/defender-cloud-plugin.js';
import { createThreatIntelPlugin } from '../../../../src/plugins/threat-intel/threat-intel-plugin.js';
import type { Plugin } from '../../../../src/plugins/types.js';
import {
  alert,
  evidence,
  type FakeCveClient,
  type FakeGraph,
  type FakeReputationClient,
  fakeAlertsGraph,
  fakeCveClient,
  fakeReputationClient,
  seconds,
  stats,
} from '../../plugins/threat-intel/fake-threat-intel-clients.js';

const NOW = new Date('2025-06-11T15:00:00Z');
const SHA256 = '37b12861fe414d0282cdc9c6cfe5e2f6510eed66036cf1fda02ebba9a1114dd9';

interface Sources {
  reputation: FakeReputationClient;
  vulnerabilities: FakeCveClient;
  graph: FakeGraph;
}

function sources(
  options: { failing?: Set<'ip' | 'domain' | 'url' | 'file'>; graphFailing?: boolean } = {},
): Sources {
  return {
    reputation: fakeReputationClient({
      ips: {
        '185.220.101.4': {
          last_analysis_stats: stats(9, 2, 57, 26),
          reputation: -31,
          tags: ['tor'],
          country: 'DE',
        },
        '192.0.2.66': {
          last_analysis_stats: stats(14, 3, 52, 25),
          reputation: -42,
          tags: ['tor'],
          as_owner: 'Example Anonymity Hosting',
          asn: 64496,
        },
        '8.8.8.8': {
          last_analysis_stats: stats(0, 0, 66, 28),
          reputation: 546,
          as_owner: 'GOOGLE',
          asn: 15169,
        },
      },
      domains: {
        'evil-login.xyz': {
          last_analysis_stats: stats(15, 1, 53, 22),
          categories: { Sophos: 'phishing' },
          creation_date: seconds(new Date('2025-06-05T15:00:00Z')),
        },
      },
      files: {
        [SHA256]: {
          sha256: SHA256,
          names: ['wupd.ps1'],
          last_analysis_stats: stats(31, 2, 0, 29),
          popular_threat_classification: { suggested_threat_label: 'trojan.powershell/downloader' },
        },
      },
      failing: options.failing,
    }),
    vulnerabilities: fakeCveClient({
      nvd: {
        'CVE-2024-3400': {
          id: 'CVE-2024-3400',
          published: '2024-04-12T08:15:06.230',
          cisaExploitAdd: '2024-04-12',
          cisaActionDue: '2024-04-19',
          cisaRequiredAction: 'Apply mitigations per vendor instructions.',
          cisaVulnerabilityName: 'Palo Alto Networks PAN-OS Command Injection Vulnerability',
          descriptions: [{ lang: 'en', value: 'A command injection in GlobalProtect.' }],
          metrics: {
            cvssMetricV31: [
              { type: 'Primary', cvssData: { version: '3.1', baseScore: 10, baseSeverity: 'CRITICAL' } },
            ],
          },
          references: [
            { url: 'https://security.paloaltonetworks.com/CVE-2024-3400', tags: ['Vendor Advisory'] },
          ],
        },
      },
      epss: {
        'CVE-2024-3400': { cve: 'CVE-2024-3400', epss: 0.94339, percentile: 0.99959, date: '2025-06-11' },
      },
    }),
    graph: fakeAlertsGraph(
      [
        alert('tor', [evidence({ ipAddress: '192.0.2.66' })], {
          title: 'Anonymous IP address',
          severity: 'medium',
        }),
        alert(
          'desktop',
          [
            evidence({
              '@odata.type': '#microsoft.graph.security.deviceEvidence',
              ipInterfaces: ['10.20.14.37'],
            }),
          ],
          {
            title: 'Suspicious PowerShell command line',
          },
        ),
      ],
      { failing: options.graphFailing },
    ),
  };
}

const SUBSCRIPTION = '3c1d7e52-8a4f-4b6e-9d21-5f0a6b7c8d94';
const WEB_PROD_01 = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-01`;
const MACHINE_VULNERABILITIES = '1195afff-c881-495e-9bc5-1486211ae03f';

/** A vulnerability finding (sub-assessment) as ARM sends it. */
function subAssessment(resourceId: string, cve: string, cvss: number) {
  return {
    id: `${resourceId}/providers/Microsoft.Security/assessments/${MACHINE_VULNERABILITIES}/subAssessments/${cve}`,
    name: cve,
    properties: {
      id: cve,
      displayName: `${cve}: a vulnerability`,
      status: { code: 'Unhealthy', severity: 'High' },
      remediation: 'Upgrade to the fixed release.',
      timeGenerated: '2025-06-09T10:00:00Z',
      additionalData: {
        assessedResourceType: 'ServerVulnerabilityAssessment',
        cvss: { '3.0': { base: cvss } },
        patchable: true,
      },
    },
  };
}

/** Defender for Cloud's ARM: one subscription, and web-prod-01's CVE-2024-3400 finding. */
function fakeArm(options: { failing?: boolean } = {}): ArmClient & { paths: string[] } {
  const paths: string[] = [];
  const refuse = async () => {
    throw new Error('not used by indicator questions');
  };
  return {
    baseUrl: 'https://management.azure.com',
    paths,
    get: refuse,
    post: refuse,
    put: refuse,
    async list(path, item) {
      paths.push(path);
      if (options.failing && path.includes('subAssessments'))
        throw new SourceUnavailableError(
          'Azure Resource Manager answered 503 (service unavailable) after 3 tries.',
        );
      const raw = path.startsWith('/subscriptions?')
        ? [
            {
              id: `/subscriptions/${SUBSCRIPTION}`,
              subscriptionId: SUBSCRIPTION,
              displayName: 'Contoso Production',
              state: 'Enabled',
            },
          ]
        : path.includes('/providers/Microsoft.Security/subAssessments')
          ? [
              subAssessment(WEB_PROD_01, 'CVE-2024-3400', 10),
              subAssessment(WEB_PROD_01, 'CVE-2024-6387', 8.1),
            ]
          : [];
      return { items: raw.map((entry) => item.parse(entry)), truncated: false, pages: 1 };
    },
  } as ArmClient & { paths: string[] };
}

async function ask(
  text: string,
  given: Sources = sources(),
  options: { plugins?: Plugin[]; history?: RememberedTurn[]; arm?: ArmClient } = {},
): Promise<{ outcome: PlanOutcome; answer?: Answer }> {
  const plugins = options.plugins ?? [
    createThreatIntelPlugin({
      reputation: given.reputation,
      vulnerabilities: given.vulnerabilities,
      graph: given.graph,
      now: () => NOW,
    }),
    createDefenderCloudPlugin({ arm: options.arm ?? fakeArm(), now: () => NOW }),
  ];
  const ledger = createSkillLedger({
    registry: createPluginRegistry(plugins),
    signal: AbortSignal.timeout(5_000),
  });
  const entities = extractEntities(text);
  const outcome = await planIndicator({
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', name: 'Patti Fernandez' },
      conversation: { id: 'a:personal', kind: 'personal' },
      text,
    },
    entities,
    intent: classifyIntent(text, entities),
    resolveUser: async () => ({ kind: 'none' }),
    ledger,
    now: NOW,
    signal: AbortSignal.timeout(5_000),
    history: options.history ?? [],
  });
  // Whatever the planner drafts must pass the gate every answer passes before it is shown.
  const answer =
    outcome.kind === 'answer'
      ? postprocess(outcome.draft, { groundedTargets: new Set(), skillCalls: ledger.count() })
      : undefined;
  return { outcome, answer };
}

function answerOf(result: { outcome: PlanOutcome; answer?: Answer }): Answer {
  if (!result.answer)
    throw new Error(
      `expected an answer, got help: ${result.outcome.kind === 'help' ? result.outcome.reason : ''}`,
    );
  return result.answer;
}

describe('one indicator', () => {
  it('answers "check 185.220.101.4": malicious, cited, with block and hunt steps and no proposed action', async () => {
    const answer = answerOf(await ask('check 185.220.101.4'));
    expect(answer).toMatchObject({
      intent: 'indicator',
      title: '185.220.101.4: malicious',
      riskLevel: 'high',
      subject: { kind: 'ip', id: '185.220.101.4' },
      planner: 'rules',
      partial: false,
      proposedActions: [],
    });
    expect(answer.summary).toMatch(
      /^IP address 185\.220\.101\.4 is malicious according to VirusTotal: 9 of 94 engines flag it malicious/,
    );
    expect(answer.sources.map((source) => `${source.id} ${source.skill}`)).toEqual([
      'S1 addressReputation',
      'S2 tenantSightings',
    ]);
    expect(answer.findings.map((finding) => [finding.title, finding.citations])).toEqual([
      ['185.220.101.4 is malicious: 9 of 94 engines flag it malicious', ['S1']],
      ["Not seen in this tenant's Defender XDR alerts of the last 30 days", ['S2']],
    ]);
    expect(
      answer.evidence.map((table) => [table.title, table.citations, table.rows[0]?.slice(0, 3)]),
    ).toEqual([['IP addresses', ['S1'], ['185.220.101.4', 'malicious', '9 malicious, 2 suspicious / 94']]]);
    expect(answer.remediation.map((step) => step.title)).toEqual([
      'Block 185.220.101.4 at the perimeter firewall and as Defender for Endpoint indicators',
      'Hunt for other contacts in the last 30 days (Defender XDR advanced hunting)',
    ]);
    expect(answer.guidance.join(' ')).toMatch(/Conditional Access sign-in risk policy/);
  });

  it('answers "what do we know about CVE-2024-3400?": critical, known exploited, NVD and EPSS cited, patch first', async () => {
    const answer = answerOf(await ask('what do we know about CVE-2024-3400?'));
    expect(answer.title).toBe('CVE-2024-3400: critical, known exploited, open on web-prod-01');
    expect(answer.riskLevel).toBe('critical');
    expect(answer.sources.map((source) => source.skill)).toEqual([
      'vulnerability',
      'exploitPrediction',
      'tenantSightings',
      'subscriptions',
      'vulnerabilityFindings',
    ]);
    expect(answer.findings[0]).toMatchObject({
      title: 'CVE-2024-3400 is critical, known exploited: CVSS 3.1 10.0 (critical)',
      severity: 'critical',
      citations: ['S1', 'S2'],
    });
    expect(answer.facts).toContainEqual({
      label: 'Known exploited (CISA KEV)',
      value: 'yes: added 2024-04-12, remediation due 2024-04-19',
    });
    expect(answer.facts).toContainEqual({
      label: 'EPSS',
      value: '94% chance of exploitation in 30 days (above 99.9% of CVEs), scored 2025-06-11',
    });
    expect(answer.remediation[0]).toEqual({
      title: "Patch CVE-2024-3400 now (known exploited); CISA's due date: 2024-04-19",
      detail:
        'CISA: Apply mitigations per vendor instructions.\nVendor advisory: https://security.paloaltonetworks.com/CVE-2024-3400',
    });
    // Exposure in this tenant: where Defender for Cloud's scans report it open, cited, with the next question.
    expect(answer.summary).toContain(
      'In this tenant, Defender for Cloud reports CVE-2024-3400 open on web-prod-01.',
    );
    expect(answer.findings[1]).toMatchObject({
      title: 'CVE-2024-3400 is open on 1 resource in this tenant: web-prod-01',
      detail:
        'web-prod-01 (virtual machine, rg-web-prod): high severity, CVSS 10.0, a fix is available, reported 2 d ago.',
      severity: 'critical',
      citations: ['S4', 'S5'],
    });
    expect(answer.remediation[1]).toMatchObject({ title: 'Fix CVE-2024-3400 on web-prod-01' });
    expect(answer.evidence.map((table) => table.title)).toContain(
      'Open on these resources (Defender for Cloud)',
    );
    expect(answer.followUps).toEqual(['is web-prod-01 vulnerable to CVE-2024-3400?']);
  });

  it('says no Azure resource reports a CVE, without calling the tenant clean beyond what was scanned', async () => {
    const arm = fakeArm();
    const answer = answerOf(await ask('cve-2021-44228 - are we exposed??', sources(), { arm }));
    expect(answer.summary).toContain(
      'In this tenant, Defender for Cloud reports CVE-2021-44228 open on no Azure resource (Contoso Production).',
    );
    const none = answer.findings.find((finding) => finding.title.startsWith('No Azure resource'));
    expect(none).toMatchObject({ severity: 'none', citations: ['S4', 'S5'] });
    expect(none?.detail).toMatch(/devices it does not assess are not covered/);
    // The CVE id is compared with the findings Ward reads; it is never put in an ARM path.
    expect(arm.paths.some((path) => path.includes('CVE'))).toBe(false);
    expect(answer.followUps).toEqual(['which of our devices are exposed to CVE-2021-44228?']);
  });

  it('says exposure could not be checked when the findings fail, and that it was not checked without Defender for Cloud', async () => {
    const failed = answerOf(
      await ask('what do we know about CVE-2024-3400?', sources(), { arm: fakeArm({ failing: true }) }),
    );
    expect(failed.partial).toBe(true);
    expect(failed.summary).toContain(
      'Exposure in this tenant could not be checked: Azure Resource Manager answered 503 (service unavailable) after 3 tries.',
    );
    const given = sources();
    const without = answerOf(
      await ask('what do we know about CVE-2024-3400?', given, {
        plugins: [
          createThreatIntelPlugin({
            vulnerabilities: given.vulnerabilities,
            graph: given.graph,
            now: () => NOW,
          }),
        ],
      }),
    );
    expect(without.title).toBe('CVE-2024-3400: critical, known exploited');
    expect(without.summary).toContain(
      'Exposure in this tenant was not checked: Defender for Cloud is not set up in this deployment.',
    );
  });

  it('answers "is evil-login.xyz malicious?" and "look up <sha256>"', async () => {
    const domain = answerOf(await ask('is evil-login.xyz malicious?'));
    expect(domain.title).toBe('evil-login.xyz: malicious');
    expect(domain.summary).toMatch(/registered 6 days ago/);
    const file = answerOf(await ask(`look up ${SHA256}`));
    expect(file.title).toBe(`${SHA256}: malicious`);
    expect(file.subject).toMatchObject({ kind: 'file', id: SHA256 });
  });

  it('says "no intelligence on it" for an indicator the source has no record of: an answer, not a failure', async () => {
    const answer = answerOf(await ask('check 198.51.100.250'));
    expect(answer).toMatchObject({
      title: '198.51.100.250: no intelligence on it',
      riskLevel: 'unknown',
      partial: false,
    });
    expect(answer.findings[0]).toMatchObject({
      title: 'No intelligence on 198.51.100.250',
      severity: 'unknown',
      citations: ['S1'],
    });
    expect(answer.remediation.map((step) => step.title)).not.toContain(expect.stringMatching(/^Block/));
  });

  it('calls a clean indicator clean and blocks nothing', async () => {
    const answer = answerOf(await ask('is 8.8.8.8 safe?'));
    expect(answer).toMatchObject({ title: '8.8.8.8: clean', riskLevel: 'none' });
    expect(answer.remediation.some((step) => step.title.startsWith('Block'))).toBe(false);
  });
});

describe('internal indicators', () => {
  it('says a private address is internal and sends it to no source, but searches the tenant for it', async () => {
    const given = sources();
    const answer = answerOf(await ask('check 10.20.14.37', given));
    expect(given.reputation.requests).toEqual([]);
    expect(answer.title).toBe('10.20.14.37 is a private (internal) address, seen in incident 4211');
    expect(answer.summary).toMatch(
      /10\.20\.14\.37 is a private \(internal\) address: Ward did not send it to a threat-intelligence source/,
    );
    expect(answer.sources.map((source) => source.skill)).toEqual(['tenantSightings']);
    expect(answer.findings[0]?.title).toBe('10.20.14.37 appears in 1 Defender XDR alert (incident 4211)');
    // Not judged by any source, but in an open alert: worth a look.
    expect(answer.riskLevel).toBe('medium');
  });

  it.each(['127.0.0.1', '192.168.1.10', 'fe80::1', 'nas01.contoso.local', 'http://10.1.2.3/admin'])(
    'never looks %s up in a threat-intelligence source',
    async (indicator) => {
      const given = sources();
      const answer = answerOf(await ask(`check ${indicator}`, given));
      expect(given.reputation.requests).toEqual([]);
      expect(answer.summary).toMatch(/Ward did not send it to a threat-intelligence source/);
    },
  );
});

describe('several indicators', () => {
  it('looks up at most five, in the order written, in one answer with a table per kind', async () => {
    const given = sources();
    const answer = answerOf(
      await ask(
        `check CVE-2024-3400, evil-login.xyz, 185.220.101.4, ${SHA256}, 192.0.2.66 and 8.8.8.8 please`,
        given,
      ),
    );
    expect(MAX_INDICATORS).toBe(5);
    expect(answer.title).toBe('5 indicators: 1 critical, known exploited, 4 malicious');
    expect(answer.riskLevel).toBe('critical');
    expect(answer.sources.map((source) => source.skill)).toEqual([
      'vulnerability',
      'exploitPrediction',
      'domainReputation',
      'addressReputation',
      'fileReputation',
      'addressReputation',
      'tenantSightings',
      'subscriptions',
      'vulnerabilityFindings',
    ]);
    expect(given.reputation.requests).not.toContain('/api/v3/ip_addresses/8.8.8.8');
    expect(answer.summary).toMatch(
      /Only the first 5 indicators were looked up; ask about the other one \(8\.8\.8\.8\) separately\./,
    );
    expect(answer.evidence.map((table) => table.title)).toEqual([
      'IP addresses',
      'Domains',
      'Files',
      'Vulnerabilities',
      'Open on these resources (Defender for Cloud)',
      'Seen in this tenant (Defender XDR, last 30 days)',
    ]);
    expect(answer.findings.find((finding) => finding.title.startsWith('192.0.2.66 appears'))).toMatchObject({
      title: '192.0.2.66 appears in 1 Defender XDR alert (incident 4211)',
      severity: 'medium',
    });
    expect(answer.followUps).toContain('what happened in incident 4211?');
  });

  it('reads domains written in the message but not names, files or emails', async () => {
    const given = sources();
    const answer = answerOf(
      await ask(
        'is evil-login.xyz, adele.vance, powershell.exe or adele.vance@contoso.com malicious?',
        given,
      ),
    );
    expect(given.reputation.requests).toEqual(['/api/v3/domains/evil-login.xyz']);
    expect(answer.title).toBe('evil-login.xyz: malicious');
  });
});

describe('failures and bad input', () => {
  it('answers partially, naming the failing source, and keeps what the others said', async () => {
    const answer = answerOf(
      await ask('check 185.220.101.4 and CVE-2024-3400', sources({ failing: new Set(['ip']) })),
    );
    expect(answer.partial).toBe(true);
    expect(answer.sources.filter((source) => !source.ok)).toMatchObject([
      { skill: 'addressReputation', error: 'VirusTotal failed (503) after 3 retries.' },
    ]);
    expect(answer.summary).toMatch(
      /IP address 185\.220\.101\.4 could not be checked: VirusTotal failed \(503\) after 3 retries\./,
    );
    expect(answer.title).toBe('2 indicators: 1 could not be checked, 1 critical, known exploited');
    expect(answer.riskLevel).toBe('critical');
    expect(answer.evidence.map((table) => table.title)).toEqual([
      'Vulnerabilities',
      'Open on these resources (Defender for Cloud)',
    ]);
  });

  it('says so when the tenant cannot be searched', async () => {
    const answer = answerOf(await ask('check 185.220.101.4', sources({ graphFailing: true })));
    expect(answer.partial).toBe(true);
    expect(answer.summary).toMatch(
      /This tenant's Defender XDR alerts could not be searched: Microsoft Graph failed \(503\)/,
    );
  });

  it.each([
    ['a malformed IP', 'check 999.1.1.1', /"999\.1\.1\.1" is not an IP address/],
    ['a malformed CVE', 'what do we know about CVE-2024-123?', /"CVE-2024-123" is not a CVE id/],
    ['a 50-digit hash', `look up ${'a'.repeat(50)}`, /is not an MD5, SHA-1 or SHA-256 hash/],
    [
      'a URL with a password',
      'is https://admin:hunter2@evil.example/login malicious?',
      /carries a user name or password/,
    ],
    [
      'a 2,100-character URL',
      `is https://evil.example/${'a'.repeat(2_100)} malicious?`,
      /too long to be a URL Ward looks up/,
    ],
  ])('refuses %s with help that says what is wrong, sending nothing', async (_label, text, reason) => {
    const given = sources();
    const { outcome } = await ask(text, given);
    expect(outcome.kind).toBe('help');
    expect(outcome.kind === 'help' && outcome.reason).toMatch(reason);
    expect(given.reputation.requests).toEqual([]);
    expect(given.vulnerabilities.requests).toEqual([]);
  });

  it('never repeats a password pasted in a URL', async () => {
    const { outcome } = await ask('is https://admin:hunter2@evil.example/login malicious?');
    expect(outcome.kind === 'help' && outcome.reason).toBe(
      '"https://***@evil.example/login" carries a user name or password; remove them before looking the URL up, so I did not look it up. Check it and ask again, e.g. "check 185.220.101.4" or "what do we know about CVE-2024-3400?".',
    );
  });

  it('names a malformed indicator next to the valid ones it answers', async () => {
    const answer = answerOf(await ask('check 185.220.101.4 and CVE-2024-123'));
    expect(answer.summary).toMatch(
      /"CVE-2024-123" is not a CVE id \(CVE-YYYY-NNNN, with 4 to 7 digits\); not looked up\./,
    );
  });

  it('asks what to check when the question names nothing', async () => {
    const { outcome } = await ask('is this malicious?');
    expect(outcome).toEqual({
      kind: 'help',
      reason:
        'Tell me what to check: an IP address, a domain, a URL, a file hash (MD5, SHA-1 or SHA-256) or a CVE id, e.g. "check 185.220.101.4".',
    });
  });

  it('says lookups are not set up when no threat-intelligence plugin is registered', async () => {
    const { outcome } = await ask('check 185.220.101.4', sources(), { plugins: [] });
    expect(outcome.kind === 'help' && outcome.reason).toMatch(/not set up in this deployment/);
  });

  it('reads an oversized message in bounded time and still answers within the schema', async () => {
    const filler = Array.from({ length: 4_000 }, (_, index) => `10.${index % 250}.1.${index % 200}`).join(
      ' ',
    );
    const started = performance.now();
    const answer = answerOf(await ask(`check 185.220.101.4 ${filler}`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(answer.summary).toMatch(/The message was long: only its first part was read\./);
    expect(answer.summary).toMatch(/Only the first 5 indicators were looked up/);
    expect(answer.sources.map((source) => source.skill)).toEqual(['addressReputation', 'tenantSightings']);
  });
});

describe('follow-ups', () => {
  it("answers about the previous answer's indicator when the question names none", async () => {
    const history: RememberedTurn[] = [
      {
        at: NOW,
        question: 'check 192.0.2.66',
        intent: 'indicator',
        title: '192.0.2.66: malicious',
        summary: '…',
        subject: { kind: 'ip', id: '192.0.2.66' },
      },
    ];
    const answer = answerOf(await ask('is it in any incident?', sources(), { history }));
    expect(answer.title).toBe('192.0.2.66: malicious, seen in incident 4211');
  });
});
