/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import {
  approvalNoteText,
  type ConfirmActionCardInput,
  toConfirmActionCardView,
} from '../../../src/cards/confirm-action-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { type CardObject, ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const pendingActionId = 'a1000000-0000-4000-8000-000000000002';
const now = new Date('2026-11-24T14:05:00Z');

function inputWith(overrides: Partial<ConfirmActionCardInput> = {}): ConfirmActionCardInput {
  return {
    pendingActionId,
    actionTitle: 'Reset password',
    actionDescription: 'Sets a new temporary password and requires a change at next sign-in.',
    target: {
      displayName: 'Adele Vance',
      id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      userPrincipalName: 'adele.vance@contoso.com',
    },
    why: 'Adele is at high risk: an impossible-travel sign-in from Lagos 40 minutes after one from Seattle.',
    clicker: { name: 'Patti Fernandez', roles: ['responder'] },
    preview: {
      accountEnabled: true,
      groups: Array.from({ length: 12 }, (_unused, index) => `Group ${index + 1}`),
      roles: ['Global Administrator'],
      recentSignIns24h: 3,
      devices: ['ADELE-LAPTOP', 'Adele iPhone'],
      failures: ['Group membership (Microsoft Graph throttled)'],
    },
    needsApproval: true,
    expiresAt: new Date('2026-11-24T14:15:00Z'),
    now,
    ...overrides,
  };
}

function emptyPreview(): ConfirmActionCardInput['preview'] {
  return { groups: [], roles: [], devices: [], failures: [] };
}

describe('confirm-action card', () => {
  const card = renderCard('confirm-action', toConfirmActionCardView(inputWith()));

  it('renders every section as a valid Adaptive Card 1.5 for Teams', () => {
    expect(Object.keys(card).slice(0, 4)).toEqual(['type', '$schema', 'version', 'msteams']);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/\$\{|\$when|\$data/);
  });

  it('names the action and the target in the title, then says what the action does', () => {
    const all = texts(card);
    expect(all[0]).toBe('Confirm: Reset password for Adele Vance');
    expect(all[1]).toBe('Sets a new temporary password and requires a change at next sign-in.');
  });

  it('shows the impact preview as facts', () => {
    expect(ofType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Target', value: 'Adele Vance' },
      { title: 'Sign-in name', value: 'adele.vance@contoso.com' },
      { title: 'Object id', value: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' },
      { title: 'Account', value: 'Enabled' },
      { title: 'Sign-ins (last 24 h)', value: '3 successful (a proxy for active sessions)' },
      { title: 'Directory roles', value: '1' },
      { title: 'Groups', value: '12' },
      { title: 'Devices', value: '2' },
    ]);
  });

  it('warns about directory roles in attention colour', () => {
    const roleLines = ofType(card, 'TextBlock').filter((block) =>
      ['⚠ Holds 1 directory role', '• Global Administrator'].includes(String(block.text)),
    );
    expect(roleLines).toHaveLength(2);
    expect(roleLines.every((block) => block.color === 'Attention')).toBe(true);
    const container = ofType(card, 'Container').find((item) =>
      texts(item).includes('• Global Administrator'),
    );
    expect(container?.style).toBe('attention');
  });

  it('lists the first ten groups and counts the rest, and lists devices', () => {
    const all = texts(card);
    const groupsAt = all.indexOf('Groups (12)');
    expect(all.slice(groupsAt, groupsAt + 12)).toEqual([
      'Groups (12)',
      ...Array.from({ length: 10 }, (_unused, index) => `• Group ${index + 1}`),
      '+2 more',
    ]);
    expect(all).not.toContain('• Group 11');
    const devicesAt = all.indexOf('Devices (2)');
    expect(all.slice(devicesAt, devicesAt + 3)).toEqual(['Devices (2)', '• ADELE-LAPTOP', '• Adele iPhone']);
  });

  it('says what could not be checked in a warning', () => {
    const warning = ofType(card, 'Container').find((item) => item.style === 'warning');
    expect(texts(warning)).toEqual([
      '⚠ Could not check (the preview may be incomplete)',
      '• Group membership (Microsoft Graph throttled)',
    ]);
  });

  it('explains why, the two-person rule, who asked and when it expires', () => {
    const all = texts(card);
    expect(all).toContain('Why Ward proposed this');
    expect(all).toContain(
      'Adele is at high risk: an impossible-travel sign-in from Lagos 40 minutes after one from Seattle.',
    );
    expect(all).toContain(approvalNoteText);
    expect(all.at(-1)).toBe(
      'Requested by Patti Fernandez (responder) · Expires 2026-11-24 14:15 UTC · in 10 min',
    );
  });

  it('offers Confirm (destructive) and Cancel, each carrying only the action id and the step', () => {
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Confirm',
        verb: 'ward.action',
        style: 'destructive',
        associatedInputs: 'auto',
        data: { actionId: pendingActionId, step: 'confirm' },
      },
      {
        type: 'Action.Execute',
        title: 'Cancel',
        verb: 'ward.action',
        associatedInputs: 'none',
        data: { actionId: pendingActionId, step: 'cancel' },
      },
    ]);
    expect(ofType(card, 'Action.Execute')).toHaveLength(2);
    expect(ofType(card, 'Input.Text')).toEqual([]);
  });

  it('renders with an empty preview: unknowns said as such, empty lists and notes hidden', () => {
    const empty = renderCard(
      'confirm-action',
      toConfirmActionCardView(
        inputWith({
          target: { displayName: 'Adele Vance', id: 'adele.vance@contoso.com' },
          clicker: { name: 'Patti Fernandez', roles: [] },
          preview: emptyPreview(),
          needsApproval: false,
        }),
      ),
    );
    expect(adaptiveCardProblems(empty)).toEqual([]);
    expect(ofType(empty, 'FactSet')[0]?.facts).toEqual([
      { title: 'Target', value: 'Adele Vance' },
      { title: 'Object id', value: 'adele.vance@contoso.com' },
      { title: 'Account', value: 'Unknown' },
      { title: 'Sign-ins (last 24 h)', value: 'Unknown' },
      { title: 'Directory roles', value: '0' },
      { title: 'Groups', value: '0' },
      { title: 'Devices', value: '0' },
    ]);
    expect(texts(empty)).toEqual([
      'Confirm: Reset password for Adele Vance',
      'Sets a new temporary password and requires a change at next sign-in.',
      'Impact preview',
      'Why Ward proposed this',
      'Adele is at high risk: an impossible-travel sign-in from Lagos 40 minutes after one from Seattle.',
      'Requested by Patti Fernandez · Expires 2026-11-24 14:15 UTC · in 10 min',
    ]);
    expect(JSON.stringify(empty)).not.toMatch(/\[\]|null|\$\{/);
    expect((empty.actions as CardObject[]).map((action) => action.data)).toEqual([
      { actionId: pendingActionId, step: 'confirm' },
      { actionId: pendingActionId, step: 'cancel' },
    ]);
  });

  it('shows a disabled account and an expiry that has passed', () => {
    const view = toConfirmActionCardView(
      inputWith({
        preview: { ...emptyPreview(), accountEnabled: false, recentSignIns24h: 0 },
        now: new Date('2026-11-24T14:20:00Z'),
      }),
    );
    expect(view.facts).toEqual(
      expect.arrayContaining([
        { title: 'Account', value: 'Disabled' },
        { title: 'Sign-ins (last 24 h)', value: '0 successful (a proxy for active sessions)' },
      ]),
    );
    expect(view.expiry).toBe('Expired 2026-11-24 14:15 UTC · 5 min ago');
  });

  it('names the target by sign-in name, then id, when it has no display name', () => {
    const byUpn = toConfirmActionCardView(
      inputWith({ target: { displayName: '', id: 'x', userPrincipalName: 'a@b.c' } }),
    );
    expect(byUpn.title).toBe('Confirm: Reset password for a@b.c');
    const byId = toConfirmActionCardView(inputWith({ target: { displayName: ' ', id: 'object-1' } }));
    expect(byId.title).toBe('Confirm: Reset password for object-1');
  });

  it('renders hostile tenant text literally and keeps the buttons clean', () => {
    const hostile = renderCard(
      'confirm-action',
      toConfirmActionCardView(
        inputWith({
          actionTitle: '${pendingActionId}',
          actionDescription: '# Urgent\n- click **here**',
          target: {
            displayName: '[Adele](https://evil.example) ${pendingActionId}',
            id: '${$root.pendingActionId}',
            userPrincipalName: '*adele*@contoso.com',
          },
          why: 'See https://evil.example/now',
          clicker: { name: '[Patti](https://evil.example)', roles: ['_responder_'] },
          preview: {
            groups: ['# Admins', '${1+1}'],
            roles: ['**Global Administrator**'],
            devices: ['<script>alert(1)</script>'],
            failures: ['[x](https://evil.example)'],
          },
        }),
      ),
    );
    const json = JSON.stringify(hostile);
    expect(adaptiveCardProblems(hostile)).toEqual([]);
    // The id appears only in the two buttons' data: nothing in the data was evaluated.
    expect(json.split(pendingActionId).length - 1).toBe(2);
    expect(json).not.toMatch(/\]\(http/);
    const all = texts(hostile);
    expect(all[0]).toBe(
      'Confirm: $\\{pendingActionId} for \\[Adele\\](hxxps://evil.example) $\\{pendingActionId}',
    );
    expect(all).toContain('\\# Urgent\n\n\\- click \\*\\*here\\*\\*');
    expect(all).toContain('• \\# Admins');
    expect(all).toContain('• $\\{1+1}');
    expect(all).toContain('• \\*\\*Global Administrator\\*\\*');
    expect(all).toContain('• <script>alert(1)</script>');
    expect(all).toContain('See hxxps://evil.example/now');
    expect(all.at(-1)).toMatch(
      /^Requested by \\\[Patti\\\]\(hxxps:\/\/evil\.example\) \(\\_responder\\_\) · /,
    );
    expect(ofType(hostile, 'FactSet')[0]?.facts).toEqual(
      expect.arrayContaining([
        { title: 'Sign-in name', value: '\\*adele\\*@contoso.com' },
        { title: 'Object id', value: '$\\{$root.pendingActionId}' },
      ]),
    );
    for (const action of hostile.actions as CardObject[]) {
      expect(Object.keys(action.data as object)).toEqual(['actionId', 'step']);
      expect((action.data as CardObject).actionId).toBe(pendingActionId);
    }
  });
});

describe('confirmation card with a required choice', () => {
  it('asks for the choice with an expanded, required choice set that Confirm submits', () => {
    const card = renderCard(
      'confirm-action',
      toConfirmActionCardView(
        inputWith({
          choice: {
            id: 'reason',
            label: 'Why is this risk being dismissed?',
            options: [
              { value: 'falsePositive', title: 'False positive' },
              { value: 'benign', title: 'Benign' },
            ],
          },
        }),
      ),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    const [choiceSet] = ofType(card, 'Input.ChoiceSet');
    expect(choiceSet).toMatchObject({
      id: 'reason',
      isRequired: true,
      style: 'expanded',
      choices: [
        { title: 'False positive', value: 'falsePositive' },
        { title: 'Benign', value: 'benign' },
      ],
    });
  });

  it('shows no choice set when the action needs none', () => {
    expect(
      ofType(renderCard('confirm-action', toConfirmActionCardView(inputWith())), 'Input.ChoiceSet'),
    ).toEqual([]);
  });
});
