/**
 * The text-free form of an answer: a valid Answer that keeps what is not text (intent, planner, risk level,
 * subject and action targets, which sources answered, timings, cost) and nothing a person, a tenant or a planner
 * wrote in words; its summary says why the text is missing; it is the same whichever way it is reached.
 */
import { describe, expect, it } from 'vitest';
import { type Answer, answerSchema } from '../../../src/core/answer.js';
import { answerWithoutText, TEXT_NOT_KEPT_TITLE } from '../../../src/store/answer-without-text.js';

const WORDS = 'Kwyjibo';

/** An answer with a distinctive word in every text field there is. */
function wordyAnswer(): Answer {
  return answerSchema.parse({
    intent: 'user-risk',
    title: `Adele Vance ${WORDS}`,
    summary: `Summary ${WORDS}`,
    riskLevel: 'high',
    subject: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
    facts: [{ label: 'Risk', value: `high ${WORDS}` }],
    findings: [{ title: `Finding ${WORDS}`, detail: WORDS, severity: 'high', citations: ['S1'] }],
    evidence: [{ title: WORDS, columns: ['a'], rows: [[WORDS]], citations: ['S1'] }],
    remediation: [{ title: `Reset ${WORDS}`, detail: WORDS, action: 'entra.resetPassword' }],
    guidance: [WORDS],
    proposedActions: [
      {
        action: 'servicenow.createIncident',
        title: 'Open ticket',
        target: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
        why: `Because ${WORDS}`,
        destructive: false,
        input: { description: WORDS },
      },
    ],
    followUps: [`and ${WORDS}?`],
    notices: [{ kind: 'injection', text: `planted ${WORDS}`, citations: ['S1'] }],
    sources: [
      {
        id: 'S1',
        plugin: 'entra',
        skill: 'riskyUser',
        service: 'Microsoft Entra ID',
        requests: [`GET /v1.0/users/${WORDS}`],
        ok: false,
        error: `timed out ${WORDS}`,
        durationMs: 120,
        input: { userId: WORDS },
        version: '0.1.0',
        flagged: [{ field: 'displayName', excerpt: WORDS }],
      },
    ],
    planner: 'gpt-4o',
    partial: true,
    rerunnable: true,
    cost: { skillCalls: 3, tokens: 1200 },
    timings: { groundingMs: 1, planningMs: 2, postprocessMs: 3, totalMs: 6 },
  });
}

describe('answerWithoutText', () => {
  it('keeps no text at all', () => {
    const textFree = answerWithoutText(wordyAnswer(), { kind: 'not-kept' });
    expect(JSON.stringify(textFree)).not.toContain(WORDS);
    expect(textFree.rerunnable).toBeUndefined();
  });

  it('keeps what is not text', () => {
    const textFree = answerWithoutText(wordyAnswer(), { kind: 'expired', days: 90 });
    expect(textFree).toMatchObject({
      intent: 'user-risk',
      planner: 'gpt-4o',
      riskLevel: 'high',
      partial: true,
      subject: { kind: 'user', id: 'adele@contoso.example', displayName: 'Adele Vance' },
      proposedActions: [
        {
          action: 'servicenow.createIncident',
          title: 'Open ticket',
          target: { kind: 'user', id: 'adele@contoso.example' },
          destructive: false,
        },
      ],
      sources: [
        {
          id: 'S1',
          plugin: 'entra',
          skill: 'riskyUser',
          service: 'Microsoft Entra ID',
          ok: false,
          requests: [],
          durationMs: 120,
          version: '0.1.0',
        },
      ],
      cost: { skillCalls: 3, tokens: 1200 },
      timings: { groundingMs: 1, planningMs: 2, postprocessMs: 3, totalMs: 6 },
    });
  });

  it('is a valid Answer whose title and summary say why the text is missing', () => {
    const never = answerSchema.parse(answerWithoutText(wordyAnswer(), { kind: 'not-kept' }));
    expect(never.title).toBe(TEXT_NOT_KEPT_TITLE);
    expect(never.summary).toMatch(/RETENTION_ANSWER_DAYS=0/);
    const expired = answerSchema.parse(answerWithoutText(wordyAnswer(), { kind: 'expired', days: 1 }));
    expect(expired.summary).toMatch(/removed after 1 day \(RETENTION_ANSWER_DAYS\)/);
  });

  it('gives the same result when applied twice', () => {
    const once = answerWithoutText(wordyAnswer(), { kind: 'expired', days: 90 });
    expect(answerWithoutText(answerSchema.parse(once), { kind: 'expired', days: 90 })).toEqual(once);
  });
});
