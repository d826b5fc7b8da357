import { describe, expect, it } from 'vitest';
import { type AnswerDraft, answerSchema } from '../../../../src/core/answer.js';
import { checkCase } from '../../../../src/core/feedback/check-case.js';
import type { ReplayResult } from '../../../../src/core/feedback/replay-case.js';

function replayed(
  overrides: Partial<AnswerDraft> = {},
  calledSkills = ['entra.user', 'entra.riskyUser'],
): ReplayResult {
  return {
    outcome: {
      kind: 'answer',
      answer: answerSchema.parse({
        intent: 'user-risk',
        title: 'Megan Bowen is at medium risk',
        summary: 'One unfamiliar sign-in; the user confirmed it.',
        riskLevel: 'medium',
        planner: 'rules',
        findings: [{ title: 'Unfamiliar sign-in properties', severity: 'medium', citations: ['S1'] }],
        proposedActions: [
          {
            action: 'entra.resetPassword',
            title: 'Reset password',
            target: { kind: 'user', id: 'B2E1-megan', displayName: 'Megan Bowen' },
            why: 'w',
            destructive: true,
          },
          {
            action: 'entra.dismissRisk',
            title: 'Dismiss risk',
            target: { kind: 'user', id: 'b2e1-megan', displayName: 'Megan Bowen' },
            why: 'w',
            destructive: false,
          },
        ],
        ...overrides,
      }),
    },
    intent: 'user-risk',
    calledSkills,
    misses: [],
  };
}

describe('checking a replayed answer', () => {
  it('passes a dismissed false positive only without a high rating and without containment for that user', () => {
    const expectation = {
      riskLevelNotIn: ['high', 'critical'] as ('high' | 'critical')[],
      noActions: [{ actions: ['entra.resetPassword', 'entra.revokeSessions'], targetId: 'b2e1-megan' }],
    };
    expect(checkCase(replayed(), expectation)).toEqual({
      passed: false,
      checks: 2,
      failures: [
        'proposes entra.resetPassword for Megan Bowen; expected none of entra.resetPassword, entra.revokeSessions for b2e1-megan',
      ],
    });
    expect(checkCase(replayed({ proposedActions: [] }), expectation)).toEqual({
      passed: true,
      checks: 2,
      failures: [],
    });
    expect(checkCase(replayed({ riskLevel: 'high', proposedActions: [] }), expectation).failures).toEqual([
      'risk level is high; expected not high or critical',
    ]);
  });

  it('checks risk levels, skills called, a changed answer and the summary', () => {
    const verdict = checkCase(replayed(), {
      riskLevelIn: ['low', 'none'],
      callsSkills: ['entra.signIns'],
      callsSkillBeyond: ['entra.user', 'entra.riskyUser'],
      differsFrom: { riskLevel: 'medium', findings: ['Unfamiliar sign-in properties'] },
      summaryIncludes: ['VPN'],
      summaryExcludes: ['CONFIRMED'],
    });
    expect(verdict).toEqual({
      passed: false,
      checks: 6,
      failures: [
        'risk level is medium; expected low or none',
        'does not call entra.signIns',
        'calls no skill besides those the recorded answer used (entra.user, entra.riskyUser)',
        'gives the recorded answer again (risk medium, 1 finding unchanged)',
        'summary does not mention “VPN”',
        'summary mentions “CONFIRMED”',
      ],
    });
    const better = checkCase(
      replayed({ riskLevel: 'low', summary: 'A VPN sign-in.' }, ['entra.user', 'entra.signIns']),
      {
        riskLevelIn: ['low'],
        callsSkills: ['entra.signIns'],
        callsSkillBeyond: ['entra.user'],
        differsFrom: { riskLevel: 'medium', findings: ['Unfamiliar sign-in properties'] },
        summaryIncludes: ['vpn'],
      },
    );
    expect(better).toEqual({ passed: true, checks: 5, failures: [] });
  });

  it('fails a replay that gave no answer, labels that contradict each other, and a case without checks', () => {
    const help: ReplayResult = {
      outcome: { kind: 'help', reason: 'Which user?' },
      intent: 'user-risk',
      calledSkills: [],
      misses: [],
    };
    expect(checkCase(help, { riskLevelNotIn: ['high'] }).failures).toEqual([
      'no answer: the planner answered with help (Which user?)',
    ]);
    const error: ReplayResult = {
      outcome: { kind: 'error', message: 'boom' },
      intent: 'x',
      calledSkills: [],
      misses: [],
    };
    expect(checkCase(error, {}).failures).toEqual(['no answer: the replay failed (boom)']);
    expect(checkCase(replayed(), { riskLevelIn: [] }).failures).toEqual([
      'the labels contradict each other: no risk level satisfies them',
    ]);
    expect(checkCase(replayed(), { note: 'nothing to check' })).toEqual({
      passed: false,
      checks: 0,
      failures: ['the case has no checks: add an `expect` block'],
    });
  });
});
