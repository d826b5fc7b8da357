import { describe, expect, it } from 'vitest';
import { toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { answerSchema } from '../../../src/core/answer.js';
import { answerIdOf } from '../../../src/teams/feedback-message-links.js';
import { cardActivity, noticeCard } from '../../../src/teams/reply-activity.js';

const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';

describe('which outgoing message carries an answer', () => {
  it('is one whose card has the feedback buttons, and the answer is the one they name', () => {
    const answer = answerSchema.parse({
      intent: 'x',
      title: 't',
      summary: 's',
      riskLevel: 'none',
      planner: 'rules',
    });
    const now = new Date();
    const card = renderCard(
      'answer',
      toAnswerCardView({ answerId, answer, actions: [], createdAt: now, now }),
    );
    expect(answerIdOf({ ...cardActivity(card, 't'), type: 'message' })).toBe(answerId);
  });

  it('is never a notice, a text, an update or a forged button', () => {
    expect(
      answerIdOf({ ...cardActivity(noticeCard('t', 'x', 'good'), 't'), type: 'message' }),
    ).toBeUndefined();
    expect(answerIdOf({ type: 'message', text: answerId })).toBeUndefined();
    expect(answerIdOf({ type: 'typing' })).toBeUndefined();
    const forged = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            actions: [{ type: 'Action.Execute', verb: 'ward.feedback', data: { answerId: "x' OR 1=1" } }],
          },
        },
      ],
    };
    expect(answerIdOf(forged)).toBeUndefined();
  });
});
