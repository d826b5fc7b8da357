import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../../src/core/answer.js';
import {
  buildFeedbackCase,
  type CaseLabelInput,
  caseSource,
  effectiveExpectation,
  parseFeedbackCase,
} from '../../../../src/core/feedback/feedback-case.js';

const answer = {
  id: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
  question: 'and her sign-ins?',
  intent: 'user-risk',
  planner: 'rules',
  createdAt: new Date('2026-11-24T14:05:00Z'),
  answer: answerSchema.parse({
    intent: 'user-risk',
    title: 'Adele Vance is at high risk',
    summary: 'Two risky sign-ins.',
    riskLevel: 'high',
    planner: 'rules',
    subject: { kind: 'user', id: 'u-1', displayName: 'Adele Vance' },
    findings: [{ title: 'Anonymous IP sign-in', citations: ['S1'] }],
    sources: [{ id: 'S1', plugin: 'entra', skill: 'riskyUser', service: 'Entra', requests: [], ok: true }],
  }),
};

const context = {
  conversationKind: 'channel' as const,
  conversationName: 'Incident 4211',
  history: [
    {
      at: '2026-11-24T14:00:00.000Z',
      question: 'is adele compromised?',
      intent: 'user-risk',
      title: 't',
      summary: 's',
      subject: { kind: 'user' as const, id: 'u-1' },
    },
  ],
};

function label(source: string, reason: 'wrong-conclusion' | 'other', at: string): CaseLabelInput {
  return {
    kind: 'negative-feedback',
    source,
    updatedAt: new Date(at),
    label: {
      rating: 'needs-improvement',
      by: 'Megan Bowen',
      reason,
      comment: `${reason} comment`,
      expected:
        reason === 'wrong-conclusion' ? { riskLevelNotIn: ['high'] } : { summaryIncludes: ['travel'] },
    },
    context,
  };
}

const snapshot = [
  {
    sourceId: 'S1',
    plugin: 'entra',
    skill: 'riskyUser',
    pluginVersion: '0.1.0',
    input: { userId: 'u-1' },
    ok: true,
    error: null,
    data: { riskLevel: 'high' },
    durationMs: 10,
  },
];

describe('a feedback case file', () => {
  it('holds the question, its time, the context, what was claimed, the snapshot and the merged expectation', () => {
    const built = buildFeedbackCase({
      answer,
      labels: [label('feedback:a', 'wrong-conclusion', '2026-11-24T15:00:00Z')],
      snapshot,
    });
    expect(built).toEqual({
      version: 1,
      answerId: answer.id,
      question: 'and her sign-ins?',
      askedAt: '2026-11-24T14:05:00.000Z',
      intent: 'user-risk',
      planner: 'rules',
      conversation: context,
      recorded: {
        title: 'Adele Vance is at high risk',
        summary: 'Two risky sign-ins.',
        riskLevel: 'high',
        subject: { kind: 'user', id: 'u-1', displayName: 'Adele Vance' },
        findings: ['Anonymous IP sign-in'],
        proposedActions: [],
        sources: [{ id: 'S1', skill: 'entra.riskyUser', ok: true }],
      },
      snapshot,
      labels: [
        {
          kind: 'negative-feedback',
          source: caseSource('feedback:a'),
          recordedAt: '2026-11-24T15:00:00.000Z',
          label: expect.objectContaining({ reason: 'wrong-conclusion' }),
        },
      ],
      expected: { riskLevelNotIn: ['high'] },
    });
    // No analyst is named: not by name, not by id.
    expect(JSON.stringify(built)).not.toContain('Megan');
    expect(built.labels[0]?.source).toMatch(/^feedback:[0-9a-f]{12}$/);
    expect(caseSource('feedback:A')).toBe(caseSource('feedback:a'));
    expect(caseSource('action:1234')).toBe('action:1234');
    // What is written reads back as written.
    expect(parseFeedbackCase(JSON.stringify(built), 'case.json')).toEqual(built);
  });

  it('merges new labels into the existing file, keeps an admin’s expect block and the snapshot it already had', () => {
    const first = buildFeedbackCase({
      answer,
      labels: [label('feedback:a', 'wrong-conclusion', '2026-11-24T15:00:00Z')],
      snapshot,
    });
    const edited = { ...first, expect: { riskLevelIn: ['medium' as const], note: 'reviewed' } };
    const second = buildFeedbackCase({
      answer,
      labels: [
        label('feedback:b', 'other', '2026-11-24T16:00:00Z'),
        label('feedback:a', 'other', '2026-11-24T17:00:00Z'),
      ],
      snapshot: undefined,
      existing: edited,
    });
    expect(second.labels.map((entry) => [entry.source, entry.label.reason])).toEqual([
      [caseSource('feedback:b'), 'other'],
      [caseSource('feedback:a'), 'other'],
    ]);
    expect(second.expected).toEqual({ summaryIncludes: ['travel'] });
    expect(second.expect).toEqual({ riskLevelIn: ['medium'], note: 'reviewed' });
    expect(effectiveExpectation(second)).toEqual({ riskLevelIn: ['medium'], note: 'reviewed' });
    expect(second.snapshot).toEqual(snapshot);
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => parseFeedbackCase('{', 'x.json')).toThrow(/^x\.json: not JSON/);
    expect(() => parseFeedbackCase(JSON.stringify({ version: 1 }), 'y.json')).toThrow(
      /^y\.json: .*answerId/s,
    );
    const built = buildFeedbackCase({
      answer,
      labels: [label('feedback:a', 'other', '2026-11-24T15:00:00Z')],
      snapshot,
    });
    expect(() =>
      parseFeedbackCase(JSON.stringify({ ...built, expect: { riskLevelIn: ['purple'] } }), 'z.json'),
    ).toThrow(/^z\.json: /);
    expect(() => parseFeedbackCase(JSON.stringify({ ...built, expect: { typo: true } }), 'w.json')).toThrow(
      /typo/,
    );
  });
});
