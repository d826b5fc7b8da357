import { describe, expect, it } from 'vitest';
import { type AnswerCardInput, toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { type Answer, type AnswerDraft, answerSchema } from '../../../src/core/answer.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';
const createdAt = new Date('2026-11-24T14:05:00Z');
const now = new Date('2026-11-24T16:07:00Z');

function answerWith(overrides: Partial<AnswerDraft> = {}): Answer {
  return answerSchema.parse({
    intent: 'user-risk',
    title: 'Megan Bowen is at high risk',
    summary: 'Two risk detections in the last 24 hours, including an impossible-travel sign-in.',
    riskLevel: 'high',
    planner: 'rules',
    ...overrides,
  });
}

const fullAnswer = answerWith({
  subject: { kind: 'user', id: 'megan.bowen@contoso.com', displayName: 'Megan Bowen' },
  facts: [
    { label: 'Risk state', value: 'atRisk' },
    { label: 'Last sign-in', value: '2026-11-24 13:58 UTC' },
  ],
  findings: [
    {
      title: 'Impossible travel',
      detail: 'Sign-ins from Seattle and Lagos 40 minutes apart.',
      severity: 'high',
      when: '2026-11-24T12:01:00Z',
      citations: ['S1', 'S2'],
    },
    { title: 'Unfamiliar sign-in properties', severity: 'medium', citations: ['S1'] },
  ],
  evidence: [
    {
      title: 'Risk detections',
      columns: ['Time', 'Type', 'Location'],
      rows: [
        ['2026-11-24 12:01', 'impossibleTravel', 'Lagos, NG'],
        ['2026-11-24 11:20', 'unfamiliarFeatures'],
      ],
      citations: ['S1'],
    },
    { title: 'Sign-ins', columns: ['Time', 'App'], rows: [], citations: ['S2'] },
  ],
  remediation: [
    {
      title: 'Revoke sign-in sessions',
      detail: 'Signs Megan out everywhere.',
      action: 'entra.revokeSessions',
    },
    { title: 'Reset password', action: 'entra.resetPassword' },
  ],
  guidance: ['Require phishing-resistant MFA for administrators.'],
  proposedActions: [],
  followUps: ["Show Megan's sign-ins from the last 7 days", 'Who else signed in from Lagos?'],
  sources: [
    {
      id: 'S1',
      plugin: 'entra',
      skill: 'riskyUser',
      service: 'Microsoft Entra ID',
      requests: ['GET /v1.0/identityProtection/riskyUsers/{id}'],
      ok: true,
      durationMs: 120,
    },
    {
      id: 'S2',
      plugin: 'entra',
      skill: 'signIns',
      service: 'Microsoft Entra ID',
      requests: ['GET /v1.0/auditLogs/signIns'],
      ok: false,
      error: 'throttled by Microsoft Graph after 3 retries',
    },
  ],
  partial: true,
});

const sixActions: AnswerCardInput['actions'] = [
  { pendingActionId: 'a1000000-0000-4000-8000-000000000001', title: 'Revoke sessions', destructive: false },
  { pendingActionId: 'a1000000-0000-4000-8000-000000000002', title: 'Reset password', destructive: true },
  {
    pendingActionId: 'a1000000-0000-4000-8000-000000000003',
    title: 'Confirm compromised',
    destructive: true,
  },
  { pendingActionId: 'a1000000-0000-4000-8000-000000000004', title: 'Dismiss risk', destructive: false },
  { pendingActionId: 'a1000000-0000-4000-8000-000000000005', title: 'Disable account', destructive: true },
  { pendingActionId: 'a1000000-0000-4000-8000-000000000006', title: 'Open ticket', destructive: false },
];

function fullInput(overrides: Partial<AnswerCardInput> = {}): AnswerCardInput {
  return {
    answerId,
    answer: fullAnswer,
    actions: sixActions,
    createdAt,
    now,
    feedback: {
      tally: { 'looks-right': 2, 'needs-improvement': 1, inappropriate: 0 },
      acknowledged: { name: 'Adele Vance', rating: 'needs-improvement' },
    },
    notice: {
      text: 'Actions are not enabled in this deployment yet: nothing was changed.',
      style: 'warning',
    },
    ...overrides,
  };
}

type CardObject = Record<string, unknown>;

/** Every object in the card (elements, actions, facts, ...), depth first. */
function allObjects(value: unknown, found: CardObject[] = []): CardObject[] {
  if (Array.isArray(value)) for (const item of value) allObjects(item, found);
  else if (typeof value === 'object' && value !== null) {
    found.push(value as CardObject);
    for (const item of Object.values(value)) allObjects(item, found);
  }
  return found;
}

function ofType(card: unknown, type: string): CardObject[] {
  return allObjects(card).filter((object) => object.type === type);
}

function texts(card: unknown): string[] {
  return ofType(card, 'TextBlock').map((block) => String(block.text));
}

describe('answer card', () => {
  const card = renderCard('answer', toAnswerCardView(fullInput()));

  it('renders every section as a valid Adaptive Card 1.5 for Teams', () => {
    expect(Object.keys(card).slice(0, 4)).toEqual(['type', '$schema', 'version', 'msteams']);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(JSON.stringify(card)).not.toContain('$when');
    expect(JSON.stringify(card)).not.toContain('$data');
  });

  it('shows the header: title, risk badge coloured by level, subject and summary', () => {
    const all = texts(card);
    expect(all).toContain('Megan Bowen is at high risk');
    expect(all).toContain('User: Megan Bowen · megan.bowen@contoso.com');
    expect(all).toContain(
      'Two risk detections in the last 24 hours, including an impossible-travel sign-in.',
    );
    const badge = ofType(card, 'TextBlock').find((block) => block.text === 'High risk');
    expect(badge?.color).toBe('attention');
  });

  it.each([
    ['critical', 'Critical risk', 'attention'],
    ['medium', 'Medium risk', 'warning'],
    ['low', 'Low risk', 'good'],
    ['none', 'No risk found', 'default'],
    ['unknown', 'Risk unknown', 'default'],
  ] as const)('colours a %s risk badge %s/%s', (riskLevel, label, color) => {
    const view = toAnswerCardView(fullInput({ answer: answerWith({ riskLevel }) }));
    expect(view.risk).toMatchObject({ label, color });
    const badge = ofType(renderCard('answer', view), 'TextBlock').find((block) => block.text === label);
    expect(badge?.color).toBe(color);
  });

  it('shows the notice at the top in its style', () => {
    const notice = card.body[0] as CardObject;
    expect(notice).toMatchObject({ type: 'Container', style: 'warning' });
    expect(texts(notice)).toEqual(['Actions are not enabled in this deployment yet: nothing was changed.']);
  });

  it('names each failed source and why in a visible partial-answer warning', () => {
    const warning = ofType(card, 'Container').find((container) =>
      texts(container).some((text) => text.includes('Partial answer')),
    );
    expect(warning).toBeDefined();
    expect(warning?.style).toBe('warning');
    expect(warning?.isVisible).toBeUndefined();
    expect(texts(warning)).toContain(
      'Sign-ins (Microsoft Entra ID) unavailable: throttled by Microsoft Graph after 3 retries',
    );
  });

  it('shows facts, findings with severity, time and citations, and evidence tables with a header row', () => {
    expect(ofType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Risk state', value: 'atRisk' },
      { title: 'Last sign-in', value: '2026-11-24 13:58 UTC' },
    ]);
    const all = texts(card);
    expect(all).toContain('Impossible travel');
    expect(all).toContain('Sign-ins from Seattle and Lagos 40 minutes apart.');
    expect(all).toContain('2026-11-24 12:01 UTC · 4 h ago · [S1, S2]');
    expect(all).toContain('[S1]');
    expect(all).toContain('Risk detections · [S1]');
    const tables = ofType(card, 'Table');
    expect(tables).toHaveLength(2);
    const [detections, signIns] = tables;
    expect(detections).toMatchObject({
      firstRowAsHeader: true,
      columns: [{ width: 1 }, { width: 1 }, { width: 1 }],
    });
    const rows = detections?.rows as CardObject[];
    expect(rows.map((row) => texts(row))).toEqual([
      ['Time', 'Type', 'Location'],
      ['2026-11-24 12:01', 'impossibleTravel', 'Lagos, NG'],
      ['2026-11-24 11:20', 'unfamiliarFeatures', ''],
    ]);
    expect(texts(signIns)).toEqual(['Time', 'App']);
    expect(all).toContain('No records.');
  });

  it('numbers remediation steps and shows guidance and follow-up prompts', () => {
    const all = texts(card);
    expect(all).toEqual(
      expect.arrayContaining(['1', 'Revoke sign-in sessions', 'Signs Megan out everywhere.']),
    );
    expect(all).toEqual(expect.arrayContaining(['2', 'Reset password']));
    expect(all).toContain('• Require phishing-resistant MFA for administrators.');
    expect(all).toContain("Try: “Show Megan's sign-ins from the last 7 days”");
    expect(all).toContain('Try: “Who else signed in from Lagos?”');
  });

  it('lists sources behind a toggle, marking failed ones', () => {
    const toggle = ofType(card, 'Action.ToggleVisibility')[0];
    expect(toggle).toMatchObject({ title: 'Sources (2)', targetElements: ['wardSources'] });
    const sources = allObjects(card).find((object) => object.id === 'wardSources');
    expect(sources?.isVisible).toBe(false);
    const lines = ofType(sources, 'TextBlock');
    expect(lines.map((line) => line.text)).toEqual([
      'S1 · Microsoft Entra ID · entra.riskyUser · GET /v1.0/identityProtection/riskyUsers/{id} · 120 ms',
      'S2 · Microsoft Entra ID · entra.signIns · GET /v1.0/auditLogs/signIns · failed: throttled by Microsoft Graph after 3 retries',
    ]);
    expect(lines.map((line) => line.color)).toEqual(['default', 'attention']);
  });

  it('signs the footer with the planner, the creation time and the answer id', () => {
    const all = texts(card);
    expect(all).toContain('Answered by rules planner · 2026-11-24 14:05 UTC · 2 h ago');
    expect(all).toContain(`Answer id: ${answerId}`);
    const byModel = toAnswerCardView(fullInput({ answer: answerWith({ planner: 'gpt-4o-mini' }) }));
    expect(byModel.footer.planner).toBe('Answered by gpt-4o-mini');
  });

  it('gives each proposed action an Action.Execute carrying only its pending action id', () => {
    const actions = card.actions as CardObject[];
    expect(actions).toHaveLength(5);
    expect(actions.slice(0, 4)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Revoke sessions',
        verb: 'ward.action',
        style: 'default',
        associatedInputs: 'none',
        data: { actionId: sixActions[0]?.pendingActionId },
      },
      {
        type: 'Action.Execute',
        title: 'Reset password',
        verb: 'ward.action',
        style: 'destructive',
        associatedInputs: 'none',
        data: { actionId: sixActions[1]?.pendingActionId },
      },
      expect.objectContaining({ title: 'Confirm compromised', style: 'destructive' }),
      expect.objectContaining({ title: 'Dismiss risk', style: 'default' }),
    ]);
    for (const action of ofType(card, 'Action.Execute').filter((a) => a.verb === 'ward.action')) {
      expect(Object.keys(action.data as object)).toEqual(['actionId']);
    }
  });

  it('puts actions beyond the fourth under "More actions"', () => {
    const more = (card.actions as CardObject[])[4];
    expect(more).toMatchObject({ type: 'Action.ShowCard', title: 'More actions' });
    const inner = ofType(more, 'Action.Execute');
    expect(inner.map((action) => [action.title, action.style, action.data])).toEqual([
      ['Disable account', 'destructive', { actionId: sixActions[4]?.pendingActionId }],
      ['Open ticket', 'default', { actionId: sixActions[5]?.pendingActionId }],
    ]);
  });

  it('has no "More actions" with four actions or fewer, and no actions array without actions', () => {
    const four = renderCard('answer', toAnswerCardView(fullInput({ actions: sixActions.slice(0, 4) })));
    expect((four.actions as CardObject[]).map((action) => action.type)).toEqual(
      Array(4).fill('Action.Execute'),
    );
    const none = renderCard('answer', toAnswerCardView(fullInput({ actions: [] })));
    expect(none.actions).toBeUndefined();
  });

  it('offers three feedback buttons: "Looks right" records at once, the other two open a panel with a reason and a comment', () => {
    const feedback = ofType(card, 'Action.Execute').filter((action) => action.verb === 'ward.feedback');
    expect(feedback.map((action) => [action.title, action.data, action.associatedInputs])).toEqual([
      ['Looks right', { answerId, rating: 'looks-right' }, 'none'],
      ['Send: needs improvement', { answerId, rating: 'needs-improvement' }, 'auto'],
      ['Send: inappropriate', { answerId, rating: 'inappropriate' }, 'auto'],
    ]);
    expect(
      ofType(card, 'Action.ToggleVisibility')
        .filter((action) => String(action.title) !== 'More actions')
        .map((action) => [action.title, action.targetElements])
        .filter(([title]) => title === 'Needs improvement' || title === 'Inappropriate'),
    ).toEqual([
      [
        'Needs improvement',
        ['feedbackNeedsImprovement', { elementId: 'feedbackInappropriate', isVisible: false }],
      ],
      [
        'Inappropriate',
        ['feedbackInappropriate', { elementId: 'feedbackNeedsImprovement', isVisible: false }],
      ],
    ]);
    // No maxLength: a client would cut a pasted comment silently. The limit is stated and checked instead.
    expect(ofType(card, 'Input.Text').map((input) => [input.id, input.label, input.maxLength])).toEqual([
      ['needsImprovementComment', 'Comment (optional, up to 1,000 characters)', undefined],
      ['inappropriateComment', 'Comment (optional, up to 1,000 characters)', undefined],
    ]);
    const all = texts(card);
    expect(all).toContain('Feedback so far: 2 looks right · 1 needs improvement');
    expect(all).toContain('Thanks Adele Vance — recorded “Needs improvement”');
  });

  it('renders with every optional section empty and hides them all', () => {
    const minimal = answerWith({ riskLevel: 'unknown', summary: 'Nothing to report.' });
    const empty = renderCard(
      'answer',
      toAnswerCardView({ answerId, answer: minimal, actions: [], createdAt, now: createdAt }),
    );
    expect(adaptiveCardProblems(empty)).toEqual([]);
    expect(empty.actions).toBeUndefined();
    expect(ofType(empty, 'FactSet')).toEqual([]);
    expect(ofType(empty, 'Table')).toEqual([]);
    // No "Sources" to list; "How I got this" is on every answer (it names the planner at least).
    const toggles = ofType(empty, 'Action.ToggleVisibility').map((toggle) => toggle.title);
    expect(toggles.filter((title) => String(title).startsWith('Sources'))).toEqual([]);
    expect(toggles).toContain('How I got this');
    expect(texts(empty)).toEqual([
      'Megan Bowen is at high risk',
      'Risk unknown',
      'Nothing to report.',
      'How I got this',
      "Planner: Ward's rules (deterministic, no model)",
      'Sources: none consulted',
      'Answered by rules planner · 2026-11-24 14:05 UTC · just now',
      `Answer id: ${answerId}`,
      'Was this answer useful?',
    ]);
    // Feedback is always offered, even on an empty answer.
    expect(ofType(empty, 'Action.Execute')).toHaveLength(3);
    expect(JSON.stringify(empty)).not.toMatch(/\[\]|null|\$\{/);
  });

  it('warns about a partial answer even when no failed source is listed', () => {
    const view = toAnswerCardView(fullInput({ answer: answerWith({ partial: true }) }));
    expect(view.partial).toEqual({
      show: true,
      heading: 'Partial answer: some sources could not be reached',
      failures: [],
    });
    expect(adaptiveCardProblems(renderCard('answer', view))).toEqual([]);
  });
});
