/** Merging step drafts: summary lines, bounds, dedupe, worst risk, and steps that fail or answer with help. */
import { describe, expect, it } from 'vitest';
import { type AnswerDraft, answerSchema } from '../../../../src/core/answer.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { Planner } from '../../../../src/core/planner/planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { type Promptbook, promptbookSchema } from '../../../../src/core/promptbooks/promptbook.js';
import { mergeStepDrafts, runPromptbook, share } from '../../../../src/core/promptbooks/run-promptbook.js';

const book: Promptbook = promptbookSchema.parse({
  name: 'test-book',
  title: 'Test book',
  parameters: [{ name: 'upn', description: 'a UPN' }],
  steps: [
    { title: 'Risk', prompt: 'is {upn} compromised?' },
    { title: 'Devices', prompt: "show {upn}'s devices" },
    { title: 'Incidents', prompt: 'incidents for {upn}' },
  ],
});

const target = { kind: 'user' as const, id: 'u1', displayName: 'Adele Vance' };

function draft(tag: string, riskLevel: AnswerDraft['riskLevel'], size: number): AnswerDraft {
  return {
    intent: tag,
    title: `${tag} title`,
    summary: `${tag}   summary\nsecond line.`,
    riskLevel,
    subject: target,
    findings: Array.from({ length: size }, (_, i) => ({ title: `${tag} finding ${i}`, citations: ['S1'] })),
    evidence: Array.from({ length: 4 }, (_, i) => ({
      title: `${tag} table ${i}`,
      columns: ['a'],
      rows: [],
      citations: ['S1'],
    })),
    remediation: [{ title: 'Reset the password' }, { title: `${tag} step` }],
    proposedActions: [
      { action: 'entra.resetPassword', title: 'Reset password', target, why: 'risky', destructive: true },
      { action: 'entra.revokeSessions', title: `Revoke ${tag}`, target, why: 'risky', destructive: true },
    ],
    planner: 'rules',
  };
}

describe('mergeStepDrafts', () => {
  const sources = [{ id: 'S1', plugin: 'entra', skill: 'user', service: 'Entra', requests: [], ok: true }];
  const merged = mergeStepDrafts(
    book,
    'adele.vance@contoso.com',
    [
      { step: book.steps[0]!, outcome: { kind: 'answer', draft: draft('risk', 'high', 40) } },
      {
        step: book.steps[1]!,
        outcome: { kind: 'no-answer', reason: 'Defender for Endpoint is unavailable.' },
      },
      { step: book.steps[2]!, outcome: { kind: 'answer', draft: draft('incidents', 'medium', 3) } },
    ],
    sources,
  );

  it('titles the book with the subject and writes one summary line per step, failures included', () => {
    expect(merged.title).toBe('Test book: Adele Vance');
    expect(merged.summary).toBe(
      [
        'Risk: risk summary second line.',
        'Devices: no answer — Defender for Endpoint is unavailable.',
        'Incidents: incidents summary second line.',
      ].join('\n'),
    );
    expect(merged.intent).toBe('promptbook');
    expect(merged.planner).toBe('rules');
    expect(merged.riskLevel).toBe('high');
    expect(merged.sources).toEqual(sources);
  });

  it('stays within the schema bounds, keeping every step a share', () => {
    expect(answerSchema.safeParse(merged).success).toBe(true);
    expect(merged.findings).toHaveLength(30);
    expect(merged.findings?.filter((finding) => finding.title.startsWith('incidents'))).toHaveLength(3);
    expect(merged.evidence).toHaveLength(6);
    expect(merged.evidence?.map((table) => table.title)).toEqual([
      'risk table 0',
      'risk table 1',
      'risk table 2',
      'incidents table 0',
      'incidents table 1',
      'incidents table 2',
    ]);
  });

  it('dedupes remediation by title and proposed actions by action and target', () => {
    expect(merged.remediation?.map((step) => step.title)).toEqual([
      'Reset the password',
      'risk step',
      'incidents step',
    ]);
    expect(merged.proposedActions?.map((proposal) => proposal.title)).toEqual([
      'Reset password',
      'Revoke risk',
    ]);
  });

  it('is unknown risk when no step answered', () => {
    const none = mergeStepDrafts(
      book,
      'x@contoso.com',
      [{ step: book.steps[0]!, outcome: { kind: 'no-answer', reason: 'no' } }],
      [],
    );
    expect(none.riskLevel).toBe('unknown');
    expect(none.title).toBe('Test book: x@contoso.com');
  });
});

describe('share', () => {
  it('concatenates in order when everything fits, and shares round by round when not', () => {
    expect(share([[1, 2], [3]], 5)).toEqual([1, 2, 3]);
    expect(share([[1, 2, 3, 4], [5], [6, 7]], 4)).toEqual([1, 2, 5, 6]);
  });
});

describe('runPromptbook', () => {
  it('runs steps in order on one ledger; a throwing or help step becomes a summary line', async () => {
    const asked: string[] = [];
    const planner: Planner = {
      name: 'rules',
      async plan(input) {
        asked.push(input.turn.text);
        if (input.turn.text.startsWith('show')) throw new Error('boom');
        if (input.turn.text.startsWith('incidents')) return { kind: 'help', reason: 'No incidents skill.' };
        return { kind: 'answer', draft: draft('risk', 'low', 1), groundedTargets: ['u1'] };
      },
    };
    const steps: number[] = [];
    const run = await runPromptbook({
      book,
      values: { upn: 'adele.vance@contoso.com' },
      turn: { id: 't', user: { id: 'p' }, conversation: { id: 'c', kind: 'channel' }, text: 'run test-book' },
      planner,
      ledger: createSkillLedger({ registry: createPluginRegistry([]), signal: new AbortController().signal }),
      now: new Date(),
      signal: new AbortController().signal,
      onStep: (event) => steps.push(event.index),
    });
    expect(asked).toEqual([
      'is adele.vance@contoso.com compromised?',
      "show adele.vance@contoso.com's devices",
      'incidents for adele.vance@contoso.com',
    ]);
    expect(steps).toEqual([1, 2, 3]);
    expect(run.groundedTargets).toEqual(['u1']);
    expect(run.draft.summary).toMatch(/^Devices: no answer — this step failed unexpectedly$/m);
    expect(run.draft.summary).toMatch(/^Incidents: no answer — No incidents skill\.$/m);
  });
});
