import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../../src/core/answer.js';
import { buildFeedbackCase, type FeedbackCase } from '../../../../src/core/feedback/feedback-case.js';
import { replayCase } from '../../../../src/core/feedback/replay-case.js';
import type { PlanInput, Planner } from '../../../../src/core/planner/planner.js';

const askedAt = new Date('2026-11-24T14:05:00Z');

function feedbackCase(question: string, overrides: Partial<FeedbackCase> = {}): FeedbackCase {
  return {
    ...buildFeedbackCase({
      answer: {
        id: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
        question,
        intent: 'user-risk',
        planner: 'rules',
        createdAt: askedAt,
        answer: answerSchema.parse({
          intent: 'user-risk',
          title: 't',
          summary: 's',
          riskLevel: 'high',
          planner: 'rules',
        }),
      },
      labels: [
        {
          kind: 'negative-feedback',
          source: 'feedback:a',
          updatedAt: askedAt,
          label: { expected: { riskLevelNotIn: ['high'] } },
          context: {
            conversationKind: 'channel',
            conversationName: 'Incident 4211 – phishing',
            history: [
              {
                at: '2026-11-24T14:00:00.000Z',
                question: 'is adele.vance@contoso.com compromised?',
                intent: 'user-risk',
                title: 'Adele Vance is at high risk',
                summary: 's',
                subject: { kind: 'user', id: 'u-1', displayName: 'Adele Vance' },
              },
            ],
          },
        },
      ],
      snapshot: [
        {
          sourceId: 'S1',
          plugin: 'entra',
          skill: 'user',
          pluginVersion: '0.1.0',
          input: { user: 'u-1' },
          ok: true,
          error: null,
          data: { id: 'u-1', displayName: 'Adele Vance', userPrincipalName: 'adele.vance@contoso.com' },
          durationMs: 5,
        },
      ],
    }),
    ...overrides,
  };
}

/** A planner that reports what it was given and answers from one skill call. */
function recordingPlanner(seen: PlanInput[]): Planner {
  return {
    name: 'rules',
    async plan(input) {
      seen.push(input);
      const user = await input.resolveUser();
      if (user.kind !== 'resolved') return { kind: 'help', reason: `no user (${user.kind})` };
      return {
        kind: 'answer',
        draft: {
          intent: input.intent.intent,
          title: `${user.user.displayName} reviewed`,
          summary: 'Reviewed.',
          riskLevel: 'low',
          planner: 'rules',
          findings: [{ title: 'Resolved from the snapshot', citations: [user.sourceId] }],
          sources: input.ledger.sources(),
          proposedActions: [
            {
              action: 'entra.revokeSessions',
              title: 'Revoke sessions',
              target: { kind: 'user', id: user.user.id },
              why: 'w',
              destructive: true,
            },
          ],
        },
      };
    },
  };
}

describe('replaying a case', () => {
  it('asks with the recorded clock, conversation and remembered turns, answering from the snapshot', async () => {
    const seen: PlanInput[] = [];
    const result = await replayCase(feedbackCase('and her sign-ins?'), { planner: recordingPlanner(seen) });
    expect(seen[0]?.now).toEqual(askedAt);
    expect(seen[0]?.linkedIncident).toBe('4211');
    expect(seen[0]?.history.map((turn) => turn.subject?.id)).toEqual(['u-1']);
    expect(seen[0]?.turn).toMatchObject({ text: 'and her sign-ins?', conversation: { kind: 'channel' } });
    expect(result.intent).toBe('user-risk');
    expect(result.calledSkills).toEqual(['entra.user']);
    expect(result.misses).toEqual([]);
    expect(result.outcome.kind).toBe('answer');
    // The resolved user is grounded, so post-processing keeps the action proposed for them.
    if (result.outcome.kind === 'answer') {
      expect(result.outcome.answer.riskLevel).toBe('low');
      expect(result.outcome.answer.proposedActions.map((proposal) => proposal.target.id)).toEqual(['u-1']);
      expect(result.outcome.answer.sources[0]).toMatchObject({ id: 'S1', ok: true, version: '0.1.0' });
    }
  });

  it('records what the snapshot lacks, answers help as help and a failing planner as an error', async () => {
    const missing = await replayCase(feedbackCase('is megan.bowen@contoso.com compromised?'), {
      planner: recordingPlanner([]),
    });
    expect(missing.misses).toEqual([{ ref: 'entra.user', input: { user: 'megan.bowen@contoso.com' } }]);
    expect(missing.outcome).toEqual({ kind: 'help', reason: 'no user (failed)' });
    const failing: Planner = {
      name: 'rules',
      plan: async () => {
        throw new Error('planner bug');
      },
    };
    expect((await replayCase(feedbackCase('and her sign-ins?'), { planner: failing })).outcome).toEqual({
      kind: 'error',
      message: 'planner bug',
    });
  });

  it('runs a promptbook command as a promptbook, each step against the snapshot', async () => {
    const seen: PlanInput[] = [];
    const result = await replayCase(feedbackCase('run investigate-user adele.vance@contoso.com'), {
      planner: recordingPlanner(seen),
    });
    expect(seen.map((input) => input.turn.text)).toEqual([
      'is adele.vance@contoso.com compromised?',
      'why is adele.vance@contoso.com blocked?',
      "show adele.vance@contoso.com's devices",
      'incidents for adele.vance@contoso.com',
    ]);
    expect(result.outcome.kind).toBe('answer');
    expect(new Set(result.misses.map((miss) => miss.ref))).toEqual(new Set(['entra.user']));
  });
});
