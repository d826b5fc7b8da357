import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardTemplatesDirectory, preloadCardTemplates, renderCard } from '../../../src/cards/render-card.js';
import { WardError } from '../../../src/core/errors.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

describe('renderCard', () => {
  it('finds the templates at the repository root and loads them all', () => {
    expect(existsSync(`${cardTemplatesDirectory}answer.json`)).toBe(true);
    expect(() => preloadCardTemplates()).not.toThrow();
  });

  it('fails with card_render_failed naming the template when a field the template uses is missing', () => {
    const broken = { title: 'Only a title' } as unknown as Parameters<typeof renderCard<'notice'>>[1];
    let caught: unknown;
    try {
      renderCard('notice', broken);
    } catch (error) {
      caught = error;
    }
    expect(WardError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'card_render_failed' });
    expect((caught as Error).message).toBe(
      'The "notice" card template uses "style", which its view does not define.',
    );
  });

  it('is checked by a parser that does report invalid cards', () => {
    expect(
      adaptiveCardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'Badge', text: 'x' },
          { type: 'TextBlock', text: 'x', color: 'purple' },
          { type: 'Input.Text', id: 'same' },
          { type: 'Input.Text', id: 'same' },
        ],
      }),
    ).toEqual([
      'parse: Unknown element type "Badge". Fallback will be used if present.',
      'parse: Invalid value "purple" for property "color".',
      'validate: Duplicate Id "same".',
    ]);
  });

  it('refuses a template name it does not know', () => {
    expect(() => renderCard('nope' as 'notice', { title: 't', text: '', style: 'good' })).toThrow(
      'There is no card template called "nope".',
    );
  });

  it('returns a fresh card each time: rendering does not share objects between cards', () => {
    const view = { title: 'A', text: 'B', style: 'good' } as const;
    const first = renderCard('notice', view);
    const second = renderCard('notice', view);
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(first.body).not.toBe(second.body);
  });
});
