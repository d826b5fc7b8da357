/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import { toFeedbackReportCardView } from '../../../src/cards/feedback-report-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { summariseFeedback } from '../../../src/core/feedback/summarise-feedback.js';
import type { FeedbackWithAnswer } from '../../../src/store/feedback.js';
import { ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const now = new Date('2026-11-24T16:00:00Z');

function row(
  id: string,
  rating: FeedbackWithAnswer['rating'],
  extra: Partial<FeedbackWithAnswer> = {},
): FeedbackWithAnswer {
  return {
    id,
    answerId: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
    userId: `u-${id}`,
    userName: '[Admin](https://evil.example)',
    rating,
    reason: null,
    comment: null,
    channel: 'card',
    createdAt: new Date('2026-11-24T10:00:00Z'),
    updatedAt: new Date('2026-11-24T10:00:00Z'),
    answer: {
      conversationId: 'c',
      question: '# is **adele** ${answerId} compromised?',
      intent: 'user-risk',
      planner: 'rules',
      createdAt: new Date('2026-11-24T09:00:00Z'),
      content: undefined,
    },
    ...extra,
  };
}

describe('the feedback report card', () => {
  it('shows totals, a table per dimension and the worst answers with their comments escaped', () => {
    const report = summariseFeedback(
      [
        row('1', 'looks-right'),
        row('2', 'inappropriate', {
          reason: 'unsafe-suggestion',
          comment: 'Do not [reset](https://evil.example) **everyone**',
        }),
      ],
      { now },
    );
    const card = renderCard('feedback-report', toFeedbackReportCardView(report, now));
    expect(adaptiveCardProblems(card)).toEqual([]);
    const all = texts(card);
    expect(all).toContain('Last 14 days: 2026-11-11 – 2026-11-24 (UTC)');
    expect(all).toContain(
      '2 ratings: 1 looks right · 0 needs improvement · 1 inappropriate · 50% looks right',
    );
    expect(all).toContain('Ratings by day');
    expect(all).toContain('By intent');
    expect(all).not.toContain('By plugin (the sources each answer cited)'); // no answer content, no plugins
    expect(all).toContain('“\\# is \\*\\*adele\\*\\* $\\{answerId} compromised?”');
    expect(all).toContain(
      '**\\[Admin\\](hxxps://evil.example)** — Inappropriate (unsafe suggestion): Do not \\[reset\\](hxxps://evil.example) \\*\\*everyone\\*\\*',
    );
    expect(all).toContain('1 inappropriate · 0 needs improvement · 1 looks right');
    // The day table lists the newest day first.
    const dayRows = ofType(card, 'TableRow');
    expect(JSON.stringify(dayRows[1])).toContain('2026-11-24');
  });

  it('says so when nobody rated anything, and when it could not read everything', () => {
    const empty = summariseFeedback([], { now, truncated: true });
    const card = renderCard('feedback-report', toFeedbackReportCardView(empty, now));
    expect(adaptiveCardProblems(card)).toEqual([]);
    const all = texts(card).join('\n');
    expect(all).toContain('No ratings yet');
    expect(all).toContain('No feedback was given in this period.');
    expect(all).toContain('the figures cover the most recent ratings');
    expect(ofType(card, 'Table')).toEqual([]);
  });
});
