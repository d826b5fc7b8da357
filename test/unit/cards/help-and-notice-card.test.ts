import { describe, expect, it } from 'vitest';
import { defaultCapabilities, toHelpCardView } from '../../../src/cards/help-card-view.js';
import { toNoticeCardView } from '../../../src/cards/notice-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

type CardObject = Record<string, unknown>;

function allObjects(value: unknown, found: CardObject[] = []): CardObject[] {
  if (Array.isArray(value)) for (const item of value) allObjects(item, found);
  else if (typeof value === 'object' && value !== null) {
    found.push(value as CardObject);
    for (const item of Object.values(value)) allObjects(item, found);
  }
  return found;
}

const texts = (card: unknown) =>
  allObjects(card)
    .filter((object) => object.type === 'TextBlock')
    .map((block) => block.text);
const askButtons = (card: unknown) =>
  allObjects(card)
    .filter((object) => object.type === 'Action.Execute')
    .map((action) => ({
      verb: action.verb,
      title: action.title,
      data: action.data,
      inputs: action.associatedInputs,
    }));

describe('help card', () => {
  it('says why, offers the candidates and example prompts as buttons that ask Ward', () => {
    const card = renderCard(
      'help',
      toHelpCardView({
        reason: "I couldn't find a user called 'zed' in contoso.com.",
        examples: ['Is megan.bowen@contoso.com at risk?', 'Who are the riskiest users?'],
        candidates: [
          { displayName: 'Megan Bowen', upn: 'megan.bowen@contoso.com' },
          {
            displayName: 'Zed [Admin](https://evil.example)',
            upn: 'zed@contoso.com',
            question: 'Check zed@contoso.com',
          },
        ],
      }),
    );
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)).toEqual([
      "I couldn't find a user called 'zed' in contoso.com.",
      'Did you mean:',
      'What I can do now',
      ...defaultCapabilities.map((capability) => `• ${capability}`),
      'Try asking',
    ]);
    expect(askButtons(card)).toEqual([
      {
        verb: 'ward.ask',
        title: 'Megan Bowen (megan.bowen@contoso.com)',
        data: { question: 'Is megan.bowen@contoso.com at risk?' },
        inputs: 'none',
      },
      {
        verb: 'ward.ask',
        title: 'Zed [Admin](https://evil.example) (zed@contoso.com)',
        data: { question: 'Check zed@contoso.com' },
        inputs: 'none',
      },
      {
        verb: 'ward.ask',
        title: 'Is megan.bowen@contoso.com at risk?',
        data: { question: 'Is megan.bowen@contoso.com at risk?' },
        inputs: 'none',
      },
      {
        verb: 'ward.ask',
        title: 'Who are the riskiest users?',
        data: { question: 'Who are the riskiest users?' },
        inputs: 'none',
      },
    ]);
  });

  it('renders without a reason, candidates or examples', () => {
    const card = renderCard('help', toHelpCardView({ examples: [], capabilities: ['Answer questions.'] }));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)).toEqual(['What I can do now', '• Answer questions.']);
    expect(askButtons(card)).toEqual([]);
  });

  it('shows at most five buttons in a row, the most a host draws', () => {
    const view = toHelpCardView({ examples: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(view.examples.map((example) => example.question)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(adaptiveCardProblems(renderCard('help', view))).toEqual([]);
  });
});

describe('notice card', () => {
  it('draws a title and text in the given style, escaped', () => {
    const card = renderCard(
      'notice',
      toNoticeCardView({
        title: 'That button is no longer valid',
        text: 'Ask again for a fresh answer about **Megan**.',
        style: 'attention',
      }),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body).toEqual([
      {
        type: 'Container',
        style: 'attention',
        bleed: true,
        items: [
          { type: 'TextBlock', text: 'That button is no longer valid', weight: 'Bolder', wrap: true },
          {
            type: 'TextBlock',
            text: 'Ask again for a fresh answer about \\*\\*Megan\\*\\*.',
            wrap: true,
            spacing: 'Small',
          },
        ],
      },
    ]);
  });
});
