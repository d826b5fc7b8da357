/**
 * Where the rules planner hunts and what it asks for: Defender XDR advanced hunting when the question names it
 * (advanced hunting, Defender, MDE, "defender kql:", "hunt in defender:"), Sentinel otherwise; templates get
 * validated numbers and a UPN, own queries are passed on whole. Answers that ran are rerunnable; a refused
 * query is not, an unavailable service is. Skills are stand-ins registered on the real registry and ledger.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { InvalidInputError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { planHunt } from '../../../../src/core/planner/plan-hunt.js';
import type { HuntRows } from '../../../../src/core/planner/summarise-hunt.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { defineSkill, type Plugin } from '../../../../src/plugins/types.js';

const NOW = new Date('2025-06-11T15:00:00Z');

function stand(calls: { ref: string; input: unknown }[], failWith?: Error): Plugin[] {
  const skill = (plugin: string, name: string) =>
    defineSkill({
      name,
      description: name,
      input: z.record(z.string(), z.unknown()),
      async run(input) {
        calls.push({ ref: `${plugin}.${name}`, input });
        if (failWith) throw failWith;
        const data: HuntRows = {
          query: String(input.query ?? `${name} template`),
          timespan: 'P1D',
          columns: [{ name: 'DeviceName', type: 'string' }],
          rows: [{ DeviceName: 'desktop-adele01' }],
          rowCount: 1,
          truncated: false,
        };
        return { data, requests: [`${plugin}.${name}`] };
      },
    });
  const plugin = (name: string, displayName: string, skills: string[]): Plugin => ({
    name,
    displayName,
    version: '0.0.0',
    skills: skills.map((s) => skill(name, s)),
    actions: [],
    health: async () => ({ ok: true }),
  });
  return [
    plugin('sentinel', 'Microsoft Sentinel', [
      'runQuery',
      'encodedPowerShell',
      'failedSignInsByIp',
      'userSignIns',
    ]),
    plugin('defender-xdr', 'Microsoft Defender XDR', ['advancedHunting']),
  ];
}

async function plan(text: string, failWith?: Error) {
  const calls: { ref: string; input: unknown }[] = [];
  const ledger = createSkillLedger({
    registry: createPluginRegistry(stand(calls, failWith)),
    signal: AbortSignal.timeout(5_000),
  });
  const entities = extractEntities(text);
  const outcome = await planHunt({
    turn: {
      id: '1',
      user: { id: '29:1' },
      conversation: { id: 'c', kind: 'personal' },
      text,
    },
    entities,
    intent: classifyIntent(text, entities),
    resolveUser: async () => ({ kind: 'none' }) as never,
    ledger,
    now: NOW,
    signal: AbortSignal.timeout(5_000),
    history: [],
  });
  return { calls, outcome };
}

describe('where a hunt runs', () => {
  it.each([
    [
      'advanced hunting for encoded powershell on devices last 7 days',
      /DeviceProcessEvents\n\| where Timestamp > ago\(7d\)/,
      168,
    ],
    ['hunt for encoded powershell in defender this week', /DeviceProcessEvents/, 168],
    ['MDE: any encoded commands in the last 2 days?', /ago\(2d\)/, 48],
    [
      'advanced hunting for failed sign-ins by IP today',
      /IdentityLogonEvents[\s\S]*ActionType == "LogonFailed"/,
      24,
    ],
    [
      'defender advanced hunting sign-ins of adele.vance@contoso.com last 3 days',
      /AccountUpn =~ "adele\.vance@contoso\.com"/,
      72,
    ],
  ])('"%s" → Defender XDR advanced hunting with a template', async (text, query, hours) => {
    const { calls } = await plan(text);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ref).toBe('defender-xdr.advancedHunting');
    expect(calls[0]?.input).toEqual({ query: expect.stringMatching(query), hours });
  });

  it.each([
    [
      'defender kql: DeviceInfo | where OSPlatform == "Windows11" | take 5',
      'DeviceInfo | where OSPlatform == "Windows11" | take 5',
    ],
    ['hunt in defender: DeviceProcessEvents | take 1', 'DeviceProcessEvents | take 1'],
    ['advanced hunting: AlertInfo | take 3', 'AlertInfo | take 3'],
    ['mde kql: DeviceInfo | take 1', 'DeviceInfo | take 1'],
  ])('"%s" → the analyst’s own query, whole, in advanced hunting', async (text, query) => {
    const { calls } = await plan(text);
    expect(calls).toEqual([{ ref: 'defender-xdr.advancedHunting', input: { query, hours: 24 } }]);
  });

  it.each([
    ['hunt for encoded powershell in the last 7 days', 'sentinel.encodedPowerShell', { days: 7 }],
    ['find failed sign-ins by IP this week', 'sentinel.failedSignInsByIp', { hours: 168, top: 10 }],
    [
      'hunt sign-ins of adele.vance@contoso.com in sentinel',
      'sentinel.userSignIns',
      { user: 'adele.vance@contoso.com', hours: 24 },
    ],
    ['kql: SigninLogs | take 3', 'sentinel.runQuery', { query: 'SigninLogs | take 3', hours: 24 }],
    // Defender for Cloud is not Defender XDR.
    [
      'hunt failed sign-ins by IP, defender for cloud team asked',
      'sentinel.failedSignInsByIp',
      { hours: 24, top: 10 },
    ],
  ])('"%s" → Sentinel', async (text, ref, input) => {
    const { calls } = await plan(text);
    expect(calls).toEqual([{ ref, input }]);
  });
});

describe('the answer', () => {
  it('is rerunnable, summarised, and cites the hunt', async () => {
    const { outcome } = await plan('advanced hunting: DeviceInfo | take 1');
    expect(outcome.kind).toBe('answer');
    if (outcome.kind !== 'answer') return;
    const answer = postprocess(outcome.draft, { groundedTargets: new Set(), skillCalls: 1 });
    expect(answer).toMatchObject({
      intent: 'hunt',
      title: 'Your advanced hunting query: 1 row',
      rerunnable: true,
      partial: false,
    });
    expect(answer.summary).toMatch(
      /^Your query returned 1 row from Defender XDR advanced hunting for the last day/,
    );
    expect(answer.facts).toContainEqual({
      label: 'Hunted in',
      value: 'Microsoft Defender XDR advanced hunting',
    });
    expect(answer.evidence.map((table) => table.title)).toEqual([
      'KQL (validated against the advanced hunting schema)',
      'Results',
    ]);
    expect(answer.findings.every((finding) => finding.citations.join() === 'S1')).toBe(true);
  });

  it('for a query the validator refused: says nothing was run, and is not rerunnable', async () => {
    const { outcome } = await plan(
      'defender kql: DeviceProcessEvents | where TimeGenerated > ago(1d)',
      new InvalidInputError('The KQL query is not valid (KS142).'),
    );
    if (outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(outcome.draft).toMatchObject({
      title: 'Your advanced hunting query: query refused',
      summary: 'The KQL query is not valid (KS142). Nothing was run.',
      rerunnable: false,
    });
  });

  it('for a query the service refused (HTTP 400): says so, and is not rerunnable', async () => {
    const { outcome } = await plan(
      'kql: SigninLogs | join AuditLogs on CorrelationId',
      new SourceUnavailableError('Log Analytics refused the query (HTTP 400): join is not supported.', {
        status: 400,
      }),
    );
    if (outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(outcome.draft).toMatchObject({ title: 'Your query: query refused', rerunnable: false });
    expect(outcome.draft.summary).toMatch(/Change the query and ask again\.$/);
  });

  it('when the service is unavailable: says to try again, and is rerunnable', async () => {
    const { outcome } = await plan(
      'advanced hunting for encoded powershell',
      new SourceUnavailableError('Microsoft Graph is throttling requests (429) and retries ran out.', {
        status: 429,
      }),
    );
    if (outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(outcome.draft).toMatchObject({
      title: 'Encoded PowerShell (Defender XDR): Defender XDR advanced hunting unavailable',
      rerunnable: true,
    });
  });

  it('asks what to hunt for when the question names no hunt', async () => {
    const { calls, outcome } = await plan('hunt');
    expect(calls).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'help', reason: expect.stringMatching(/defender kql:/) });
  });
});
