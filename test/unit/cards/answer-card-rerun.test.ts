/**
 * "Run again" on the answer card: a rerunnable answer (a hunt) shows one `Action.Execute` with verb `ward.rerun`
 * whose data is the answer's id and nothing else; any other answer shows none. A hunt's query (a one-column
 * table) is shown whole up to 2,000 characters, where ordinary cells are cut at 300.
 */
import { describe, expect, it } from 'vitest';
import { toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { type AnswerDraft, answerSchema } from '../../../src/core/answer.js';
import { ofType } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const answerId = '7a1e0c55-3b2d-4f6e-9a8b-1c2d3e4f5a6b';
const at = new Date('2026-11-24T16:00:00Z');
const query = `SigninLogs ${Array.from({ length: 30 }, (_, i) => `| where UserPrincipalName != "u${i}@contoso.com"`).join(' ')}`;

function card(overrides: Partial<AnswerDraft>) {
  const answer = answerSchema.parse({
    intent: 'hunt',
    title: 'Your query: 3 rows',
    summary: 'Your query returned 3 rows from Sentinel for the last 24 hours.',
    riskLevel: 'unknown',
    planner: 'rules',
    sources: [
      {
        id: 'S1',
        plugin: 'sentinel',
        skill: 'runQuery',
        service: 'Microsoft Sentinel',
        requests: [],
        ok: true,
      },
    ],
    evidence: [
      {
        title: 'KQL (validated against the workspace schema)',
        columns: ['Query'],
        rows: [[query]],
        citations: ['S1'],
      },
      {
        title: 'Results',
        columns: ['User', 'Command'],
        rows: [['adele', 'x'.repeat(500)]],
        citations: ['S1'],
      },
    ],
    ...overrides,
  });
  const view = toAnswerCardView({ answerId, answer, actions: [], createdAt: at, now: at });
  return { view, rendered: renderCard('answer', view) };
}

describe('Run again', () => {
  it('is one Action.Execute carrying only the answer id when the answer is rerunnable', () => {
    const { view, rendered } = card({ rerunnable: true });
    expect(view.rerunnable).toBe(true);
    const reruns = ofType(rendered, 'Action.Execute').filter((action) => action.verb === 'ward.rerun');
    expect(reruns).toEqual([
      {
        type: 'Action.Execute',
        title: 'Run again',
        verb: 'ward.rerun',
        associatedInputs: 'none',
        data: { answerId },
      },
    ]);
    expect(adaptiveCardProblems(rendered)).toEqual([]);
  });

  it.each([
    ['not rerunnable', { rerunnable: false }],
    ['silent about it', {}],
  ])('is absent when the answer is %s', (_name, overrides) => {
    const { view, rendered } = card(overrides);
    expect(view.rerunnable).toBe(false);
    expect(ofType(rendered, 'Action.Execute').some((action) => action.verb === 'ward.rerun')).toBe(false);
    expect(adaptiveCardProblems(rendered)).toEqual([]);
  });

  it('shows a hunt’s query whole, while ordinary cells stay short', () => {
    const { view } = card({ rerunnable: true });
    expect(query.length).toBeGreaterThan(300);
    expect(view.evidence[0]?.rows[0]?.cells[0]?.text).not.toMatch(/…$/);
    expect(view.evidence[0]?.rows[0]?.cells[0]?.text.length).toBeGreaterThanOrEqual(query.length);
    expect(view.evidence[1]?.rows[0]?.cells[1]?.text.length).toBeLessThanOrEqual(300);
  });
});
