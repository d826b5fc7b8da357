/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import { type AnswerCardInput, toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { answerSchema } from '../../../src/core/answer.js';
import { type CardObject, ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';
const createdAt = new Date('2026-11-24T14:05:00Z');
const answer = answerSchema.parse({
  intent: 'user-risk',
  title: 'Adele Vance is at high risk',
  summary: 'An impossible-travel sign-in.',
  riskLevel: 'high',
  planner: 'rules',
});

const id = (n: number) => `a1000000-0000-4000-8000-00000000000${n}`;

function render(actions: AnswerCardInput['actions']) {
  const view = toAnswerCardView({ answerId, answer, actions, createdAt, now: createdAt });
  return { view, card: renderCard('answer', view) };
}

/** The "Actions" status section, if the card has one. */
function statusSection(card: unknown): CardObject | undefined {
  return ofType(card, 'Container').find((container) => texts(container)[0] === 'Actions');
}

function wardActionButtons(card: unknown): CardObject[] {
  return ofType(card, 'Action.Execute').filter((action) => action.verb === 'ward.action');
}

describe('action status on the answer card', () => {
  it('offers a proposed action (or one without a status) as its normal button, with no status section', () => {
    const { card } = render([
      { pendingActionId: id(1), title: 'Revoke sessions', destructive: false, status: 'proposed' },
      { pendingActionId: id(2), title: 'Reset password', destructive: true },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(wardActionButtons(card).map((action) => [action.title, action.style, action.data])).toEqual([
      ['Revoke sessions', 'default', { actionId: id(1) }],
      ['Reset password', 'destructive', { actionId: id(2) }],
    ]);
    expect(statusSection(card)).toBeUndefined();
    expect(texts(card)).not.toContain('Actions');
  });

  it('turns an action awaiting approval into an "Approve:" button with the same data, plus its status line', () => {
    const { card } = render([
      {
        pendingActionId: id(1),
        title: 'Reset password',
        destructive: true,
        status: 'awaiting-approval',
        statusLine: 'Reset password: confirmed by Patti Fernandez at 14:05 UTC, awaiting approval',
      },
      { pendingActionId: id(2), title: 'Dismiss risk', destructive: false, status: 'awaiting-approval' },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Approve: Reset password',
        verb: 'ward.action',
        style: 'destructive',
        associatedInputs: 'none',
        data: { actionId: id(1) },
      },
      {
        type: 'Action.Execute',
        title: 'Approve: Dismiss risk',
        verb: 'ward.action',
        style: 'positive',
        associatedInputs: 'none',
        data: { actionId: id(2) },
      },
    ]);
    const lines = ofType(statusSection(card), 'TextBlock').slice(1);
    expect(lines.map((line) => [line.text, line.color])).toEqual([
      ['Reset password: confirmed by Patti Fernandez at 14:05 UTC, awaiting approval', 'default'],
      ['Dismiss risk: awaiting approval by a second person with the approver role', 'default'],
    ]);
  });

  it('shows an executing action as "working" with no button', () => {
    const { card, view } = render([
      { pendingActionId: id(1), title: 'Reset password', destructive: true, status: 'executing' },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(view.actionStatuses).toEqual([{ text: 'Reset password: working…', color: 'default' }]);
    expect(texts(statusSection(card))).toEqual(['Actions', 'Reset password: working…']);
  });

  it.each([
    ['succeeded', 'good'],
    ['failed', 'attention'],
    ['expired', 'default'],
    ['cancelled', 'default'],
    ['refused', 'default'],
  ] as const)('shows a %s action as a %s status line with no button', (status, color) => {
    const statusLine = `Reset password: ${status} — by Patti Fernandez at 14:05 UTC`;
    const { card } = render([
      { pendingActionId: id(1), title: 'Reset password', destructive: true, status, statusLine },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(wardActionButtons(card)).toEqual([]);
    expect(ofType(statusSection(card), 'TextBlock').map((line) => [line.text, line.color])).toEqual([
      ['Actions', undefined],
      [statusLine, color],
    ]);
  });

  it('has a short default line for each finished status when the caller did not phrase one', () => {
    const { view } = render(
      (['succeeded', 'failed', 'expired', 'cancelled', 'refused'] as const).map((status, index) => ({
        pendingActionId: id(index + 1),
        title: 'Revoke sessions',
        destructive: false,
        status,
      })),
    );
    expect(view.actionStatuses.map((line) => line.text)).toEqual([
      'Revoke sessions: done',
      'Revoke sessions: failed',
      'Revoke sessions: expired before it ran; ask again for a fresh answer',
      'Revoke sessions: cancelled',
      'Revoke sessions: refused',
    ]);
  });

  it('keeps buttons and status lines in input order, placing the section above the feedback block', () => {
    const { card } = render([
      {
        pendingActionId: id(1),
        title: 'Reset password',
        destructive: true,
        status: 'succeeded',
        statusLine: 'Reset password: done by Patti Fernandez at 14:05 UTC — Password reset',
      },
      { pendingActionId: id(2), title: 'Revoke sessions', destructive: false },
      {
        pendingActionId: id(3),
        title: 'Confirm compromised',
        destructive: true,
        status: 'failed',
        statusLine: 'Confirm compromised: failed — Microsoft Graph returned 403',
      },
      { pendingActionId: id(4), title: 'Dismiss risk', destructive: false, status: 'awaiting-approval' },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(wardActionButtons(card).map((action) => action.title)).toEqual([
      'Revoke sessions',
      'Approve: Dismiss risk',
    ]);
    const section = statusSection(card);
    expect(section).toMatchObject({ separator: true });
    expect(section?.isVisible).toBeUndefined();
    expect(texts(section)).toEqual([
      'Actions',
      'Reset password: done by Patti Fernandez at 14:05 UTC — Password reset',
      'Confirm compromised: failed — Microsoft Graph returned 403',
      'Dismiss risk: awaiting approval by a second person with the approver role',
    ]);
    const all = texts(card);
    expect(all.indexOf('Actions')).toBeLessThan(all.indexOf('Was this answer useful?'));
    for (const action of wardActionButtons(card)) {
      expect(Object.keys(action.data as object)).toEqual(['actionId']);
    }
  });

  it('escapes a hostile status line and keeps an "Approve:" title plain', () => {
    const { card } = render([
      {
        pendingActionId: id(1),
        title: '[Reset](https://evil.example) ${answerId}',
        destructive: true,
        status: 'awaiting-approval',
      },
      {
        pendingActionId: id(2),
        title: 'Revoke sessions',
        destructive: false,
        status: 'failed',
        statusLine: '- **Failed** see https://evil.example ${$root.answerId}',
      },
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    // "Answer id: …" and the three feedback buttons; nothing in the data was evaluated.
    expect(json.split(answerId).length - 1).toBe(4);
    expect(wardActionButtons(card)[0]?.title).toBe('Approve: [Reset](https://evil.example) ${answerId}');
    expect(texts(statusSection(card)).slice(1)).toEqual([
      '\\[Reset\\](hxxps://evil.example) $\\{answerId}: awaiting approval by a second person with the approver role',
      '\\- \\*\\*Failed\\*\\* see hxxps://evil.example $\\{$root.answerId}',
    ]);
  });

  it('still splits buttons into four and "More actions" after statuses remove some', () => {
    const { card } = render(
      Array.from({ length: 7 }, (_unused, index) => ({
        pendingActionId: id(index + 1),
        title: `Action ${index + 1}`,
        destructive: false,
        ...(index < 2 ? { status: 'succeeded' as const } : {}),
      })),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    const actions = card.actions as CardObject[];
    expect(actions.map((action) => action.title)).toEqual([
      'Action 3',
      'Action 4',
      'Action 5',
      'Action 6',
      'More actions',
    ]);
    expect(ofType(actions[4], 'Action.Execute').map((action) => action.title)).toEqual(['Action 7']);
  });
});
