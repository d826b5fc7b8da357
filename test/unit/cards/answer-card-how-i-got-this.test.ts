/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
/**
 * "How I got this" on the answer card: a hidden section behind a toggle that names the planner, every source
 * with its skill, plugin version, inputs, the request behind it (a Graph path as text, a KQL query whole in a
 * monospace block), its duration or why it failed, and the stage timings — tenant text escaped, lists bounded.
 * Each finding gets a "Re-run" of its first source; the whole card is fitted to Teams' size limit.
 */
import { describe, expect, it } from 'vitest';
import {
  type AnswerCardInput,
  answerCardBudgetBytes,
  toAnswerCardView,
} from '../../../src/cards/answer-card-view.js';
import { formatKql } from '../../../src/cards/how-i-got-this-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { type Answer, type AnswerDraft, answerSchema, type Source } from '../../../src/core/answer.js';
import { allObjects, type CardObject, ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';
const createdAt = new Date('2026-11-24T14:05:00Z');

const kql =
  'SigninLogs | where TimeGenerated > ago(7d) | where ResultType != "0" | summarize Failures = count(), Users = dcount(UserPrincipalName) by IPAddress | where Users > 5 | sort by Failures desc | take 10';

const sources: Source[] = [
  {
    id: 'S1',
    plugin: 'entra',
    skill: 'riskyUser',
    service: 'Microsoft Entra ID',
    version: '1.2.0',
    input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01' },
    requests: ['GET /v1.0/identityProtection/riskyUsers/a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01'],
    ok: true,
    durationMs: 120,
  },
  {
    id: 'S2',
    plugin: 'sentinel',
    skill: 'failedSignInsByIp',
    service: 'Microsoft Sentinel',
    version: '0.3.1',
    input: { hours: 168, top: 10 },
    requests: [`POST /v1/workspaces/ws-1/query (P7D): ${kql}`],
    ok: true,
    durationMs: 1_840,
  },
  {
    id: 'S3',
    plugin: 'entra',
    skill: 'signIns',
    service: 'Microsoft Entra ID',
    input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', hours: 72 },
    requests: [],
    ok: false,
    error: 'Microsoft Graph is throttling requests (429) after 3 retries',
    durationMs: 9_000,
  },
];

function answerWith(overrides: Partial<AnswerDraft> = {}): Answer {
  return answerSchema.parse({
    intent: 'user-risk',
    title: 'Adele Vance is at high risk',
    summary: 'Password spray from 192.0.2.45 and a risky sign-in.',
    riskLevel: 'high',
    planner: 'rules',
    findings: [
      { title: 'Password spray from 192.0.2.45', severity: 'high', citations: ['S2', 'S1'] },
      { title: 'At risk in Identity Protection', severity: 'high', citations: ['S3', 'S1'] },
    ],
    sources,
    partial: true,
    timings: { groundingMs: 2, planningMs: 1_912, sourcesMs: 1_860, postprocessMs: 3, totalMs: 1_917 },
    ...overrides,
  });
}

function render(answer: Answer, overrides: Partial<AnswerCardInput> = {}) {
  const view = toAnswerCardView({ answerId, answer, actions: [], createdAt, now: createdAt, ...overrides });
  return { view, card: renderCard('answer', view) };
}

function section(card: unknown): CardObject | undefined {
  return allObjects(card).find((object) => object.id === 'wardHowIGotThis');
}

describe('"How I got this" on the answer card', () => {
  const { card } = render(answerWith());

  it('is a hidden section behind its own toggle, and the card stays valid', () => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    // The feedback section has toggles of its own; these are the card's sections.
    const toggles = ofType(card, 'Action.ToggleVisibility').filter((toggle) =>
      String(toggle.targetElements).startsWith('ward'),
    );
    expect(toggles.map((toggle) => [toggle.title, toggle.targetElements])).toEqual([
      ['Sources (3)', ['wardSources']],
      ['How I got this', ['wardHowIGotThis']],
    ]);
    expect(section(card)?.isVisible).toBe(false);
  });

  it('names the planner, each source with skill, version, inputs, request and duration, failures and timings', () => {
    expect(texts(section(card))).toEqual([
      'How I got this',
      "Planner: Ward's rules (deterministic, no model)",
      'Sources: 3 consulted, 1 failed',
      'S1 · entra.riskyUser · Microsoft Entra ID 1.2.0 · 120 ms',
      'Inputs: userId: a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01',
      'GET /v1.0/identityProtection/riskyUsers/a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01',
      'S2 · sentinel.failedSignInsByIp · Microsoft Sentinel 0.3.1 · 1.8 s',
      'Inputs: hours: 168 · top: 10',
      'POST /v1/workspaces/ws-1/query (P7D) · KQL:',
      [
        'SigninLogs',
        '| where TimeGenerated > ago(7d)',
        '| where ResultType != "0"',
        '| summarize Failures = count(), Users = dcount(UserPrincipalName) by IPAddress',
        '| where Users > 5',
        '| sort by Failures desc',
        '| take 10',
      ].join('\n\n'),
      'S3 · entra.signIns · Microsoft Entra ID · 9.0 s',
      'Inputs: userId: a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01 · hours: 72',
      'Failed: Microsoft Graph is throttling requests (429) after 3 retries',
      'Timings: grounding 2 ms · planning 1.9 s (sources 1.9 s) · post-processing 3 ms · total 1.9 s',
    ]);
    const blocks = ofType(section(card), 'TextBlock');
    expect(blocks.filter((block) => block.fontType === 'Monospace').map((block) => block.text)).toHaveLength(
      1,
    );
    expect(blocks.find((block) => String(block.text).startsWith('S3'))?.color).toBe('attention');
    expect(blocks.find((block) => String(block.text).startsWith('Failed'))?.color).toBe('Attention');
  });

  it('names the model when a model planned the answer', () => {
    const { view } = render(answerWith({ planner: 'gpt-4o-mini' }));
    expect(view.howIGotThis.planner).toBe('Planner: model gpt-4o-mini');
  });

  it('gives each finding a Re-run of its first source that answered, carrying only the answer and source ids', () => {
    const reruns = ofType(card, 'Action.Execute').filter((action) => action.verb === 'ward.rerunSource');
    expect(reruns.map((action) => [action.title, action.data, action.associatedInputs])).toEqual([
      ['Re-run S2', { answerId, sourceId: 'S2' }, 'none'],
      ['Re-run S1', { answerId, sourceId: 'S1' }, 'none'],
    ]);
  });

  it('escapes tenant text in inputs, requests and failures', () => {
    const hostile: Source = {
      id: 'S1',
      plugin: 'custom',
      skill: 'lookup',
      service: 'Contoso [Intel](https://evil.example)',
      input: { name: '*Admin* ${answerId} [x](https://evil.example)' },
      requests: ['GET /lookup?q=**bold**&u=https://evil.example/${x}'],
      ok: false,
      error: '# Urgent: [reset here](https://evil.example)',
    };
    const { card: escaped } = render(answerWith({ findings: [], sources: [hostile] }));
    const shown = texts(section(escaped)).join('\n');
    expect(shown).toContain('Inputs: name: \\*Admin\\* $\\{answerId} \\[x\\](hxxps://evil.example)');
    expect(shown).toContain('GET /lookup?q=\\*\\*bold\\*\\*&u=hxxps://evil.example/$\\{x}');
    expect(shown).toContain('Contoso \\[Intel\\](hxxps://evil.example)');
    expect(shown).toContain('Failed: # Urgent: \\[reset here\\](hxxps://evil.example)');
    expect(JSON.stringify(section(escaped))).not.toMatch(/\$\{|https:/);
  });

  it('bounds the sources, the requests of one source and a long query, and says how many more', () => {
    const many: Source[] = Array.from({ length: 20 }, (_, index) => ({
      id: `S${index + 1}`,
      plugin: 'entra',
      skill: 'user',
      service: 'Microsoft Entra ID',
      requests: Array.from({ length: 5 }, (_unused, request) => `GET /v1.0/users/u${index}-${request}`),
      ok: true,
    }));
    const longQuery = `SigninLogs ${'| where UserPrincipalName != "nobody@contoso.com" '.repeat(200)}`;
    many[0] = { ...many[0]!, requests: [`POST /v1/workspaces/ws/query (P1D): ${longQuery}`] };
    const { view } = render(answerWith({ findings: [], sources: many }));
    expect(view.howIGotThis.sources).toHaveLength(12);
    expect(view.howIGotThis.more).toBe('+8 more sources (listed under Sources)');
    expect(view.howIGotThis.sources[1]?.requests.map((request) => request.head)).toEqual([
      'GET /v1.0/users/u1-0',
      'GET /v1.0/users/u1-1',
      'GET /v1.0/users/u1-2',
      '+2 more requests',
    ]);
    const query = view.howIGotThis.sources[0]?.requests[0]?.query ?? '';
    expect(longQuery.length).toBeGreaterThan(9_000);
    expect(query.endsWith('…')).toBe(true);
    expect(query.replaceAll('\n\n', '\n').length).toBeLessThan(3_100);
  });
});

describe('formatKql', () => {
  it('starts a line at each pipe outside string literals', () => {
    expect(formatKql('T | where A == "x | y" | where B has \'p|q\' | take 1')).toBe(
      'T\n| where A == "x | y"\n| where B has \'p|q\'\n| take 1',
    );
  });
});

describe('the answer card within Teams’ size limit', () => {
  it('draws the largest possible answer under the budget, saying what it left out', () => {
    const long = (text: string, length: number) =>
      text.repeat(Math.ceil(length / text.length)).slice(0, length);
    const allSources: Source[] = Array.from({ length: 40 }, (_, index) => ({
      id: `S${index + 1}`,
      plugin: 'sentinel',
      skill: 'runQuery',
      service: 'Microsoft Sentinel',
      version: '0.3.1',
      input: { query: long('SigninLogs | where x ', 300) },
      requests: [
        `POST /v1/workspaces/ws/query (P7D): ${long('SigninLogs | where UserPrincipalName != "a" ', 3_000)}`,
      ],
      ok: true,
      durationMs: 10,
    }));
    const largest = answerWith({
      summary: long('A long summary. ', 4_000),
      facts: Array.from({ length: 12 }, (_, index) => ({
        label: `Fact ${index}`,
        value: long('value ', 300),
      })),
      findings: Array.from({ length: 30 }, (_, index) => ({
        title: long(`Finding ${index} `, 200),
        detail: long('detail text ', 2_000),
        severity: 'high' as const,
        citations: [`S${(index % 40) + 1}`],
      })),
      evidence: Array.from({ length: 6 }, (_, table) => ({
        title: `Table ${table}`,
        columns: ['A', 'B', 'C', 'D', 'E', 'F'],
        rows: Array.from({ length: 25 }, () => Array.from({ length: 6 }, () => long('cell ', 300))),
        citations: ['S1'],
      })),
      remediation: Array.from({ length: 12 }, (_, index) => ({
        title: `Step ${index}`,
        detail: long('do ', 1_000),
      })),
      guidance: Array.from({ length: 8 }, () => long('guide ', 1_000)),
      followUps: Array.from({ length: 5 }, () => long('ask ', 200)),
      sources: allSources,
      partial: false,
    });
    const { card } = render(largest);
    const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
    expect(size).toBeLessThanOrEqual(answerCardBudgetBytes);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const all = texts(card);
    expect(all.some((text) => /^\+\d+ more findings$/.test(text))).toBe(true);
    expect(all.some((text) => /^\+\d+ more rows$/.test(text))).toBe(true);
    expect(all.some((text) => /^\+\d+ more tables$/.test(text))).toBe(true);
    expect(all.some((text) => /^\+\d+ more sources/.test(text))).toBe(true);
    expect(all.some((text) => /^\+\d+ more steps$/.test(text))).toBe(true);
  });

  it('draws an answer that fits as it is, with nothing left out', () => {
    const { card } = render(answerWith());
    expect(texts(card).some((text) => /^\+\d+ more/.test(text))).toBe(false);
  });
});
