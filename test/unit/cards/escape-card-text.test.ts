/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import { toAnswerCardView } from '../../../src/cards/answer-card-view.js';
import { escapeCardText, sanitizePlainText } from '../../../src/cards/escape-card-text.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { answerSchema } from '../../../src/core/answer.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const line = { maxLength: 1000 };

describe('escapeCardText', () => {
  it('escapes markdown links so a tenant name cannot become a link', () => {
    expect(escapeCardText('[Click here](https://evil.example/login)', line)).toBe(
      '\\[Click here\\](hxxps://evil.example/login)',
    );
  });

  it('escapes emphasis, code, headings and angle brackets', () => {
    expect(escapeCardText('**urgent** _now_ `rm -rf` # title <b>x</b>', line)).toBe(
      '\\*\\*urgent\\*\\* \\_now\\_ `rm -rf` # title <b>x</b>',
    );
    expect(escapeCardText('a\\b', line)).toBe('a\\\\b');
  });

  it('escapes list and heading markers at the start of each line only', () => {
    expect(escapeCardText('- item', line)).toBe('\\- item');
    expect(escapeCardText('1. first', line)).toBe('1\\. first');
    expect(escapeCardText('12) twelfth', line)).toBe('12\\) twelfth');
    expect(escapeCardText('+ plus', line)).toBe('\\+ plus');
    expect(escapeCardText('one\n- two\n3. three', { maxLength: 100, multiline: true })).toBe(
      'one\n\n\\- two\n\n3\\. three',
    );
    expect(escapeCardText('sign-in 1. not a list', line)).toBe('sign-in 1. not a list');
  });

  it('defangs bare URLs so they are not turned into links', () => {
    expect(escapeCardText('see https://evil.example and HTTP://x.example or ftp://f.example', line)).toBe(
      'see hxxps://evil.example and HXXP://x.example or fxp://f.example',
    );
  });

  it('keeps a templating expression from looking like one', () => {
    expect(escapeCardText('${$root.answerId}', line)).toBe('$\\{$root.answerId}');
  });

  it('removes control, zero-width and bidi-override characters', () => {
    expect(escapeCardText('Me\u200Bgan\u0007 Bo\u202Ewen\uFEFF\u2066', line)).toBe('Megan Bowen');
    expect(sanitizePlainText('a\u0000b\tc', line)).toBe('ab c');
  });

  it('folds line breaks into spaces unless multiline, then keeps them as paragraph breaks', () => {
    expect(escapeCardText('one\r\ntwo\u2028three', line)).toBe('one two three');
    expect(escapeCardText('one\r\n\r\n\r\ntwo', { maxLength: 100, multiline: true })).toBe('one\n\ntwo');
  });

  it('bounds the length without splitting an emoji or an escape', () => {
    expect(sanitizePlainText('abcdefghij', { maxLength: 5 })).toBe('abcd…');
    expect(sanitizePlainText('😀😀😀😀😀😀', { maxLength: 3 })).toBe('😀😀…');
    expect(escapeCardText('[[[[[[', { maxLength: 3 })).toBe('\\[\\[…');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeCardText('Megan Bowen (megan.bowen@contoso.com) signed in from Lagos, NG.', line)).toBe(
      'Megan Bowen (megan.bowen@contoso.com) signed in from Lagos, NG.',
    );
    expect(escapeCardText('Sign-ins: 42 · risk 80%', line)).toBe('Sign-ins: 42 · risk 80%');
  });
});

describe('tenant text on a rendered card', () => {
  const answerId = '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11';
  const hostile = answerSchema.parse({
    intent: 'user-risk',
    title: '${$root.answerId} [Verify your account](https://evil.example)',
    summary: '# Urgent\n- click **here**',
    riskLevel: 'high',
    planner: 'rules',
    subject: { kind: 'user', id: 'x@contoso.com', displayName: '${answerId}' },
    facts: [{ label: '${$root.answerId}', value: "${concat('a','b')}" }],
    findings: [{ title: 'Sign-in to ![img](https://evil.example/p.png)', citations: ['S1'] }],
    evidence: [{ title: 'T', columns: ['${1+1}'], rows: [['<script>alert(1)</script>']], citations: ['S1'] }],
    followUps: ['${$root.answerId}'],
    sources: [
      { id: 'S1', plugin: 'entra', skill: 'riskyUser', service: 'Entra', requests: ['GET ${x}'], ok: true },
    ],
  });
  const card = renderCard(
    'answer',
    toAnswerCardView({
      answerId,
      answer: hostile,
      actions: [{ pendingActionId: 'p-1', title: '${$root.answerId}', destructive: false }],
      createdAt: new Date('2026-11-24T14:05:00Z'),
      now: new Date('2026-11-24T14:05:00Z'),
      feedback: {
        tally: { 'looks-right': 0, 'needs-improvement': 0, inappropriate: 0 },
        acknowledged: { name: '[Admin](https://evil.example) ${answerId}', rating: 'looks-right' },
      },
    }),
  );
  const json = JSON.stringify(card);

  it('never evaluates ${...} found in data: the answer id appears only where the template puts it', () => {
    const occurrences = json.split(answerId).length - 1;
    // "Answer id: …", the three feedback buttons and the finding's "Re-run".
    expect(occurrences).toBe(5);
    expect(json).not.toContain('"ab"');
    expect(json).not.toContain('"2"');
  });

  it('renders hostile text literally and the card stays valid', () => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(json).toContain('$\\\\{$root.answerId} \\\\[Verify your account\\\\](hxxps://evil.example)');
    expect(json).toContain('\\\\# Urgent\\n\\n\\\\- click \\\\*\\\\*here\\\\*\\\\*');
    expect(json).toContain('Sign-in to !\\\\[img\\\\](hxxps://evil.example/p.png)');
    expect(json).toContain('<script>alert(1)</script>');
    expect(json).toContain(
      'Thanks \\\\[Admin\\\\](hxxps://evil.example) $\\\\{answerId} — recorded “Looks right”',
    );
    expect(json).not.toMatch(/\]\(http/);
  });

  it('keeps a button title plain (no backslashes) and its data only the id', () => {
    const action = (card.actions as Record<string, unknown>[])[0];
    expect(action).toMatchObject({ title: '${$root.answerId}', data: { actionId: 'p-1' } });
  });
});
