/**
 * The answer card's feedback section: three buttons, two panels that open with a reason choice and a comment
 * field whose limit is stated and checked (never by cutting the text), and the "feedback not saved yet" card
 * that gives back exactly what the analyst typed when Ward could not record it.
 */
/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import { type AnswerCardInput, toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { toFeedbackRetryCardView } from '../../../src/cards/feedback-retry-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { answerSchema } from '../../../src/core/answer.js';
import { ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';
const at = new Date('2026-11-24T14:05:00Z');
const answer = answerSchema.parse({
  intent: 'user-risk',
  title: 'Megan Bowen is at high risk',
  summary: 'Two risk detections.',
  riskLevel: 'high',
  planner: 'rules',
});

function card(feedback?: AnswerCardInput['feedback']) {
  return renderCard(
    'answer',
    toAnswerCardView({ answerId, answer, actions: [], createdAt: at, now: at, feedback }),
  );
}

function element(rendered: unknown, id: string): Record<string, unknown> | undefined {
  return [
    ...ofType(rendered, 'Container'),
    ...ofType(rendered, 'Input.Text'),
    ...ofType(rendered, 'Input.ChoiceSet'),
  ].find((candidate) => candidate.id === id);
}

describe('the feedback section of the answer card', () => {
  it('has both panels closed, each with the five reasons and a comment field stating its limit', () => {
    const rendered = card();
    expect(adaptiveCardProblems(rendered)).toEqual([]);
    expect(element(rendered, 'feedbackNeedsImprovement')?.isVisible).toBe(false);
    expect(element(rendered, 'feedbackInappropriate')?.isVisible).toBe(false);
    for (const id of ['needsImprovementReason', 'inappropriateReason']) {
      expect(
        (element(rendered, id)!.choices as { title: string; value: string }[]).map((choice) => choice.value),
      ).toEqual(['wrong-data', 'wrong-conclusion', 'missing-source', 'unsafe-suggestion', 'other']);
    }
    const comment = element(rendered, 'needsImprovementComment')!;
    expect(comment).toMatchObject({
      label: 'Comment (optional, up to 1,000 characters)',
      isMultiline: true,
      errorMessage:
        'Comments are limited to 1,000 characters. Shorten yours and send again: nothing was recorded yet.',
    });
    expect(comment.maxLength).toBeUndefined();
    // The client-side check accepts exactly the limit, across lines, and refuses one character more.
    const pattern = new RegExp(String(comment.regex));
    expect(pattern.test(`${'a'.repeat(500)}\n${'b'.repeat(499)}`)).toBe(true);
    expect(pattern.test('c'.repeat(1_001))).toBe(false);
  });

  it('gives feedback Ward could not record back on a small card: the reason and every character of the comment', () => {
    const comment = `${'x'.repeat(10_000)} \${answerId} [link](https://evil.example)`;
    const retry = renderCard(
      'feedback-retry',
      toFeedbackRetryCardView({
        answerId,
        answerTitle: '[Megan](https://evil.example) is at high risk',
        rating: 'inappropriate',
        reason: 'unsafe-suggestion',
        comment,
        error: 'Your comment is 10,036 characters; comments are limited to 1,000 characters.',
      }),
    );
    expect(adaptiveCardProblems(retry)).toEqual([]);
    expect(element(retry, 'inappropriateComment')).toMatchObject({
      value: comment,
      label: 'Comment (optional, up to 1,000 characters)',
    });
    expect(element(retry, 'inappropriateComment')?.maxLength).toBeUndefined();
    expect(element(retry, 'inappropriateReason')?.value).toBe('unsafe-suggestion');
    expect(element(retry, 'feedbackInappropriate')?.isVisible).toBeUndefined();
    expect(texts(retry)).toEqual(
      expect.arrayContaining([
        'Feedback not saved yet',
        'On the answer “\\[Megan\\](hxxps://evil.example) is at high risk”',
        'Your comment is 10,036 characters; comments are limited to 1,000 characters.',
      ]),
    );
    expect(
      ofType(retry, 'Action.Execute').map((action) => [action.title, action.data, action.associatedInputs]),
    ).toEqual([
      ['Send: inappropriate', { answerId, rating: 'inappropriate' }, 'auto'],
      ['Back to the answer', { answerId, view: 'answer' }, 'none'],
    ]);
    // Small on purpose: the comment plus a few hundred bytes, whatever the answer held.
    expect(JSON.stringify(retry).length).toBeLessThan(comment.length + 3_000);
  });

  it('thanks the analyst with the reason they chose', () => {
    const rendered = card({
      tally: { 'looks-right': 0, 'needs-improvement': 1, inappropriate: 0 },
      acknowledged: { name: 'Lee Gu', rating: 'needs-improvement', reason: 'wrong-conclusion' },
    });
    expect(texts(rendered)).toContain('Thanks Lee Gu — recorded “Needs improvement” (wrong conclusion)');
  });
});
