import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../../src/core/answer.js';
import {
  caseExpectationSchema,
  dismissedFalsePositiveExpectation,
  mergeExpectations,
  negativeFeedbackExpectation,
  recordedClaims,
  USER_CONTAINMENT_ACTIONS,
} from '../../../../src/core/feedback/case-expectation.js';

const recorded = recordedClaims(
  answerSchema.parse({
    intent: 'user-risk',
    title: 'Adele Vance is at high risk',
    summary: 's',
    riskLevel: 'high',
    planner: 'rules',
    findings: [{ title: 'Anonymous IP sign-in', citations: ['S1'] }],
    proposedActions: [
      {
        action: 'entra.resetPassword',
        title: 'Reset password',
        target: { kind: 'user', id: 'u-1' },
        why: 'w',
        destructive: true,
      },
    ],
    sources: [
      { id: 'S1', plugin: 'entra', skill: 'riskyUser', service: 'Entra', requests: [], ok: true },
      { id: 'S2', plugin: 'entra', skill: 'entra.signIns', service: 'Entra', requests: [], ok: true },
    ],
  }),
);

describe('the expected correction of a label', () => {
  it('for a false-positive dismissal: not high or critical, and no containment for that user', () => {
    expect(USER_CONTAINMENT_ACTIONS).toEqual([
      'entra.confirmCompromised',
      'entra.resetPassword',
      'entra.revokeSessions',
      'entra.disableAccount',
    ]);
    expect(dismissedFalsePositiveExpectation('u-1', 'Megan Bowen')).toEqual({
      note: 'The risk of Megan Bowen was dismissed as a false positive: they must not be rated high or critical, and no containment may be proposed for them.',
      riskLevelNotIn: ['high', 'critical'],
      noActions: [{ actions: USER_CONTAINMENT_ACTIONS, targetId: 'u-1' }],
    });
  });

  it('for each feedback reason, from what the recorded answer claimed', () => {
    expect(negativeFeedbackExpectation('wrong-conclusion', recorded)).toMatchObject({
      riskLevelNotIn: ['high'],
    });
    expect(negativeFeedbackExpectation('missing-source', recorded)).toMatchObject({
      callsSkillBeyond: ['entra.riskyUser', 'entra.signIns'],
    });
    expect(negativeFeedbackExpectation('unsafe-suggestion', recorded)).toMatchObject({
      noActions: [{ actions: ['entra.resetPassword'] }],
    });
    expect(
      negativeFeedbackExpectation('unsafe-suggestion', { ...recorded, proposedActions: [] }),
    ).toMatchObject({
      differsFrom: { riskLevel: 'high' },
    });
    for (const reason of ['wrong-data', 'other', null, undefined] as const) {
      expect(negativeFeedbackExpectation(reason, recorded)).toMatchObject({
        differsFrom: { riskLevel: 'high', findings: ['Anonymous IP sign-in'] },
      });
    }
  });

  it('merges the labels of one answer into one expectation that all must satisfy, and it reads back', () => {
    const merged = mergeExpectations([
      dismissedFalsePositiveExpectation('u-1'),
      negativeFeedbackExpectation('wrong-conclusion', { ...recorded, riskLevel: 'medium' }),
      { riskLevelIn: ['low', 'none'] },
      { riskLevelIn: ['none', 'medium'] },
      dismissedFalsePositiveExpectation('u-1'),
    ]);
    expect(merged).toMatchObject({
      riskLevelNotIn: ['high', 'critical', 'medium'],
      riskLevelIn: ['none'],
      noActions: [{ actions: USER_CONTAINMENT_ACTIONS, targetId: 'u-1' }],
    });
    expect(merged.note).toContain('dismissed as a false positive');
    expect(merged.note).toContain('recorded risk level (medium)');
    expect(caseExpectationSchema.parse(merged)).toEqual(merged);
    expect(mergeExpectations([])).toEqual({});
  });
});
