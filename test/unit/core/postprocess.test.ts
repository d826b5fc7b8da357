/**
 * Post-processing is the gate between any planner (rules today, a model later) and the analyst: only cited
 * statements, only grounded actions, partial when a source failed, no secrets, and a typed error for a draft
 * that cannot be shown.
 */
import { describe, expect, it } from 'vitest';
import { type AnswerDraft, answerSchema, type Source } from '../../../src/core/answer.js';
import { WardError } from '../../../src/core/errors.js';
import { type PostprocessContext, postprocess } from '../../../src/core/postprocess.js';

const ADELE_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';
const MEGAN_ID = '3a1c5b2e-9d4f-4e8a-b7c6-1f2e3d4c5b6a';

function source(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    plugin: 'entra',
    skill: 'riskyUser',
    service: 'Microsoft Entra ID',
    requests: [`GET /v1.0/identityProtection/riskyUsers/${ADELE_ID}`],
    ok: true,
    durationMs: 120,
    ...overrides,
  };
}

const adele = { kind: 'user' as const, id: ADELE_ID, displayName: 'Adele Vance (adele.vance@contoso.com)' };

/** A well-formed draft: S1 and S2 answered, S3 (sign-ins) failed. */
function draft(overrides: Partial<AnswerDraft> = {}): AnswerDraft {
  return {
    intent: 'user-risk',
    title: 'Adele Vance: High risk — likely compromised',
    summary: 'Adele Vance (adele.vance@contoso.com) is at high risk in Identity Protection.',
    riskLevel: 'high',
    subject: adele,
    findings: [
      { title: 'Password spray', severity: 'high', citations: ['S2'] },
      { title: 'Signed in from two countries', severity: 'high', citations: ['S3'] },
    ],
    evidence: [
      {
        title: 'Risk detections',
        columns: ['When', 'Detection'],
        rows: [['2 h ago', 'Password spray']],
        citations: ['S2'],
      },
    ],
    proposedActions: [
      {
        action: 'entra.resetPassword',
        title: 'Reset password',
        destructive: true,
        target: adele,
        why: 'The password must be assumed known to an attacker.',
      },
    ],
    sources: [
      source('S1', { skill: 'user' }),
      source('S2', { skill: 'riskDetections' }),
      source('S3', {
        skill: 'signIns',
        ok: false,
        error: 'Microsoft Graph did not answer in time.',
        durationMs: 30_000,
      }),
    ],
    planner: 'rules',
    ...overrides,
  };
}

const context = (overrides: Partial<PostprocessContext> = {}): PostprocessContext => ({
  groundedTargets: new Set([ADELE_ID]),
  skillCalls: 3,
  ...overrides,
});

function rejection(value: unknown): WardError {
  try {
    postprocess(value as AnswerDraft, context());
  } catch (error) {
    if (WardError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('postprocess accepted the draft');
}

describe('postprocess', () => {
  describe('citations', () => {
    it('drops a finding whose only citation is a source that failed', () => {
      const answer = postprocess(draft(), context());
      expect(answer.findings.map((f) => f.title)).toEqual(['Password spray']);
    });

    it('drops a finding citing a source that was never consulted', () => {
      const answer = postprocess(
        draft({ findings: [{ title: 'Made up', severity: 'high', citations: ['S9'] }] }),
        context(),
      );
      expect(answer.findings).toEqual([]);
    });

    it('keeps a finding with one answered citation and removes the failed one from it', () => {
      const answer = postprocess(
        draft({ findings: [{ title: 'Spray then travel', citations: ['S2', 'S3', 'S7'] }] }),
        context(),
      );
      expect(answer.findings).toEqual([
        { title: 'Spray then travel', severity: 'unknown', citations: ['S2'] },
      ]);
    });

    it('drops an evidence table citing only a failed or unknown source, and trims rows to the columns', () => {
      const answer = postprocess(
        draft({
          evidence: [
            { title: 'Detections', columns: ['When'], rows: [['2 h ago', 'extra cell']], citations: ['S2'] },
            { title: 'Sign-ins', columns: ['When'], rows: [['1 h ago']], citations: ['S3'] },
            { title: 'Invented', columns: ['When'], rows: [['now']], citations: ['S4'] },
          ],
        }),
        context(),
      );
      expect(answer.evidence).toEqual([
        { title: 'Detections', columns: ['When'], rows: [['2 h ago']], citations: ['S2'] },
      ]);
    });
  });

  describe('proposed actions', () => {
    it('keeps an action whose target was grounded', () => {
      const answer = postprocess(draft(), context());
      expect(answer.proposedActions.map((p) => p.action)).toEqual(['entra.resetPassword']);
    });

    it('drops an action on a target nobody asked about or the evidence never named', () => {
      const megan = { kind: 'user' as const, id: MEGAN_ID, displayName: 'Megan Bowen' };
      const answer = postprocess(
        draft({
          proposedActions: [
            {
              action: 'entra.resetPassword',
              title: 'Reset password',
              destructive: true,
              target: megan,
              why: 'x',
            },
            {
              action: 'entra.revokeSessions',
              title: 'Revoke sessions',
              destructive: true,
              target: adele,
              why: 'y',
            },
          ],
        }),
        context(),
      );
      expect(answer.proposedActions.map((p) => [p.action, p.target.id])).toEqual([
        ['entra.revokeSessions', ADELE_ID],
      ]);
    });

    it('drops every action when nothing was grounded', () => {
      expect(postprocess(draft(), context({ groundedTargets: new Set() })).proposedActions).toEqual([]);
    });
  });

  describe('partial answers', () => {
    it('is partial when a source failed, and keeps the failed source so the card can name it', () => {
      const answer = postprocess(draft(), context());
      expect(answer.partial).toBe(true);
      expect(answer.sources.find((s) => s.id === 'S3')).toMatchObject({
        ok: false,
        error: 'Microsoft Graph did not answer in time.',
      });
    });

    it('is complete when every source answered, whatever the draft claimed', () => {
      const answer = postprocess(draft({ sources: [source('S1'), source('S2')], partial: true }), context());
      expect(answer.partial).toBe(false);
    });
  });

  it('fills the defaults and the cost', () => {
    const answer = postprocess(
      { intent: 'help', title: 'Hi', summary: 'Ask me about a user.', riskLevel: 'none', planner: 'rules' },
      context({ skillCalls: 0, tokens: 42 }),
    );
    expect(answer).toMatchObject({
      facts: [],
      findings: [],
      evidence: [],
      remediation: [],
      guidance: [],
      proposedActions: [],
      followUps: [],
      sources: [],
      partial: false,
      cost: { skillCalls: 0, tokens: 42 },
    });
  });

  describe('a draft Ward cannot show (a model returning garbage)', () => {
    const manyFindings = Array.from({ length: 10_000 }, (_, index) => ({
      title: `Finding ${index}`,
      citations: ['S1'],
    }));
    const cases: { name: string; value: unknown }[] = [
      { name: 'not an object', value: 'High risk, reset the password.' },
      { name: 'null', value: null },
      { name: 'a number as the title', value: draft({ title: 42 as unknown as string }) },
      { name: 'a risk level that does not exist', value: draft({ riskLevel: 'extreme' as 'high' }) },
      { name: 'no summary', value: { ...draft(), summary: undefined } },
      { name: 'an empty summary', value: draft({ summary: '' }) },
      { name: '10,000 findings', value: draft({ findings: manyFindings }) },
      { name: 'a citation like S0x', value: draft({ findings: [{ title: 'x', citations: ['S0x'] }] }) },
      { name: 'a finding without citations', value: draft({ findings: [{ title: 'x', citations: [] }] }) },
      {
        name: 'an action name without its plugin',
        value: draft({
          proposedActions: [
            { action: 'resetPassword', title: 'Reset', destructive: true, target: adele, why: 'x' },
          ],
        }),
      },
      { name: 'findings as a string', value: draft({ findings: 'none' as unknown as [] }) },
      {
        name: 'a source with a negative duration',
        value: draft({ sources: [source('S1', { durationMs: -1 })] }),
      },
    ];

    it.each(cases)('rejects $name with invalid_answer', ({ value }) => {
      const error = rejection(value);
      expect(error.code).toBe('invalid_answer');
      expect(error.message).toMatch(/^The planner produced an answer Ward cannot show: /);
      expect(error.cause).toBeDefined();
    });

    it('names at most three problems, and never repeats the draft text', () => {
      const secretish = 'Adele told me her password is Winter2026';
      const error = rejection(
        draft({
          title: `${secretish} ${'x'.repeat(300)}`,
          summary: '',
          riskLevel: 'extreme' as 'high',
          findings: [{ title: 'x', citations: ['S0x'] }],
        }),
      );
      expect(error.message.split('; ')).toHaveLength(3);
      expect(error.message).not.toContain('Winter2026');
    });
  });

  describe('secrets', () => {
    it('redacts secrets in every string a planner wrote', () => {
      const jwt =
        'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJvaWQiOiI2ZTdiNzY4ZSIsInVwbiI6ImFkZWxlIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
      const answer = postprocess(
        draft({
          summary: `The command line carried Authorization: Bearer ${jwt}.`,
          facts: [
            { label: 'Connection', value: 'Server=sql01;User ID=ward;Password=Tr0ub4dor&3;Encrypt=True' },
          ],
          findings: [{ title: 'Key in a script', detail: 'aws key AKIAIOSFODNN7EXAMPLE', citations: ['S2'] }],
          evidence: [
            {
              title: 'Command lines',
              columns: ['Command'],
              rows: [['curl -H "x-api-key: 3f9a8b7c6d5e4f3a2b1c" https://api.contoso.com']],
              citations: ['S2'],
            },
          ],
        }),
        context(),
      );
      const text = JSON.stringify(answer);
      for (const secret of [jwt, 'Tr0ub4dor', 'AKIAIOSFODNN7EXAMPLE', '3f9a8b7c6d5e4f3a2b1c']) {
        expect(text).not.toContain(secret);
      }
      expect(answer.facts[0]?.value).toBe('Server=sql01;User ID=ward;Password=[redacted];Encrypt=True');
    });

    it('leaves ids, citations and action names as they are', () => {
      const answer = postprocess(draft(), context());
      expect(answer.subject?.id).toBe(ADELE_ID);
      expect(answer.sources.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
      expect(answer.proposedActions[0]?.action).toBe('entra.resetPassword');
    });

    it('cuts a draft that redaction pushes past a length limit, so the store can read the answer back', () => {
      // "pwd=abcd" (8) becomes "pwd=[redacted]" (14): a 199-character title grows past the 200 limit.
      const title = `${'x'.repeat(190)} pwd=abcd`;
      expect(title).toHaveLength(199);
      const answer = postprocess(draft({ title }), context());
      expect(answer.title.length).toBeLessThanOrEqual(200);
      expect(answer.title).not.toContain('abcd');
      expect(answerSchema.safeParse(answer).success).toBe(true);
    });

    it('returns answers that pass the Answer schema again', () => {
      const answer = postprocess(draft({ summary: 'Found password=Winter2026! in a script.' }), context());
      expect(answer.summary).toBe('Found password=[redacted] in a script.');
      expect(answerSchema.safeParse(answer).success).toBe(true);
    });
  });
});

describe('tenant text longer than the card holds', () => {
  it('cuts a title built from a 256-character display name instead of refusing the answer', () => {
    const name = `Adele ${'x'.repeat(250)}`;
    const answer = postprocess(draft({ title: `${name}: likely compromised`, summary: name.repeat(20) }), {
      groundedTargets: new Set(),
      skillCalls: 1,
    });
    expect(answer.title.length).toBeLessThanOrEqual(200);
    expect(answer.title.endsWith('…')).toBe(true);
    expect(answer.summary.length).toBeLessThanOrEqual(4_000);
  });

  it('still refuses a draft whose structure is wrong', () => {
    expect(() =>
      postprocess(draft({ riskLevel: 'apocalyptic' as never }), {
        groundedTargets: new Set(),
        skillCalls: 1,
      }),
    ).toThrow(/riskLevel/);
  });
});
