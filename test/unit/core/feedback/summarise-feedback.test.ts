import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../../src/core/answer.js';
import { reportWindowStart, summariseFeedback } from '../../../../src/core/feedback/summarise-feedback.js';
import type { FeedbackRating, FeedbackWithAnswer } from '../../../../src/store/feedback.js';

const now = new Date('2026-11-24T16:00:00Z');

function answerContent(plugins: string[]) {
  return answerSchema.parse({
    intent: 'user-risk',
    title: 'Title',
    summary: 's',
    riskLevel: 'high',
    planner: 'rules',
    findings: [{ title: 'f', citations: plugins.map((_, index) => `S${index + 1}`) }],
    sources: [
      ...plugins.map((plugin, index) => ({
        id: `S${index + 1}`,
        plugin,
        skill: 'x',
        service: plugin,
        requests: [],
        ok: true,
        version: '0.1.0',
      })),
      { id: `S${plugins.length + 1}`, plugin: 'uncited', skill: 'x', service: 'u', requests: [], ok: true },
    ],
  });
}

let id = 0;
function row(
  answerId: string,
  rating: FeedbackRating,
  at: string,
  extra: Partial<FeedbackWithAnswer> & { intent?: string; plugins?: string[] } = {},
): FeedbackWithAnswer {
  id += 1;
  return {
    id: String(id),
    answerId,
    userId: `u-${id}`,
    userName: `Analyst ${id}`,
    rating,
    reason: null,
    comment: null,
    channel: 'card',
    createdAt: new Date(at),
    updatedAt: new Date(at),
    answer: {
      conversationId: 'c',
      question: `question of ${answerId}`,
      intent: extra.intent ?? 'user-risk',
      planner: 'rules',
      createdAt: new Date('2026-11-20T10:00:00Z'),
      content: answerContent(extra.plugins ?? ['entra']),
    },
    ...extra,
  };
}

describe('the feedback report figures', () => {
  it('counts every day of the window (UTC), ignoring what falls outside it', () => {
    expect(reportWindowStart(now)).toEqual(new Date('2026-11-11T00:00:00Z'));
    const report = summariseFeedback(
      [
        row('a', 'looks-right', '2026-11-24T15:59:00Z'),
        row('a', 'needs-improvement', '2026-11-24T00:00:00Z'),
        row('b', 'inappropriate', '2026-11-11T00:00:00Z'),
        row('b', 'looks-right', '2026-11-10T23:59:59Z'),
        row('b', 'looks-right', '2026-11-24T16:00:01Z'),
      ],
      { now },
    );
    expect(report.byDay).toHaveLength(14);
    expect(report.byDay[0]).toEqual({
      day: '2026-11-11',
      tally: { 'looks-right': 0, 'needs-improvement': 0, inappropriate: 1 },
    });
    expect(report.byDay[13]).toEqual({
      day: '2026-11-24',
      tally: { 'looks-right': 1, 'needs-improvement': 1, inappropriate: 0 },
    });
    expect(report.totals).toEqual({ 'looks-right': 1, 'needs-improvement': 1, inappropriate: 1 });
  });

  it('groups by the plugins each answer cited and by intent, most rated first', () => {
    const report = summariseFeedback(
      [
        row('a', 'looks-right', '2026-11-24T10:00:00Z', { plugins: ['entra', 'defender-xdr'] }),
        row('a', 'needs-improvement', '2026-11-24T10:00:00Z', { plugins: ['entra', 'defender-xdr'] }),
        row('c', 'inappropriate', '2026-11-23T10:00:00Z', { plugins: ['entra'], intent: 'incident' }),
      ],
      { now },
    );
    expect(report.byPlugin).toEqual([
      {
        plugin: 'entra',
        versions: ['0.1.0'],
        tally: { 'looks-right': 1, 'needs-improvement': 1, inappropriate: 1 },
      },
      {
        plugin: 'defender-xdr',
        versions: ['0.1.0'],
        tally: { 'looks-right': 1, 'needs-improvement': 1, inappropriate: 0 },
      },
    ]);
    expect(report.byIntent.map((entry) => entry.intent)).toEqual(['user-risk', 'incident']);
  });

  it('lists the worst-rated answers with every comment, newest first, and leaves out answers nobody rated down', () => {
    const report = summariseFeedback(
      [
        row('good', 'looks-right', '2026-11-24T10:00:00Z'),
        row('mixed', 'looks-right', '2026-11-24T10:00:00Z'),
        row('mixed', 'needs-improvement', '2026-11-24T11:00:00Z', {
          comment: 'missing alerts',
          reason: 'missing-source',
        }),
        row('bad', 'inappropriate', '2026-11-24T09:00:00Z', {
          comment: 'unsafe',
          reason: 'unsafe-suggestion',
        }),
        row('bad', 'needs-improvement', '2026-11-24T12:00:00Z', {
          channel: 'teams-thumbs',
          comment: 'wrong',
        }),
      ],
      { now, worst: 5 },
    );
    expect(report.worst.map((answer) => [answer.answerId, answer.score])).toEqual([
      ['bad', -3],
      ['mixed', 0],
    ]);
    expect(report.worst[0]?.comments.map((comment) => [comment.comment, comment.channel])).toEqual([
      ['wrong', 'teams-thumbs'],
      ['unsafe', 'card'],
    ]);
    expect(report.worst[0]?.question).toBe('question of bad');
  });
});
