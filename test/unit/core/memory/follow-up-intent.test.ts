/**
 * What a follow-up asks for: "and her sign-ins?" after an answer about Adele is a question about Adele's risk,
 * and without a remembered subject still a question about a user (so Ward asks which one). Each case runs the
 * pipeline the orchestrator runs: extract entities, find the follow-up subject, classify with it.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../../../src/core/answer.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { followUpSubject } from '../../../../src/core/memory/follow-up-subject.js';
import { classifyIntent, type Intent } from '../../../../src/core/planner/classify-intent.js';

const ADELE: Target = {
  kind: 'user',
  id: '6e7b768e-07e2-4810-8459-485f84f8f204',
  displayName: 'Adele Vance (adele.vance@contoso.com)',
};

const AFTER_ADELE: RememberedTurn[] = [
  {
    at: new Date('2025-03-01T09:00:00Z'),
    question: 'is adele.vance@contoso.com compromised?',
    intent: 'user-risk',
    title: 'Adele Vance: likely compromised',
    summary: 'High user risk.',
    subject: ADELE,
  },
];

/** The orchestrator's reading of a question in a conversation with `history`. */
function ask(text: string, history: readonly RememberedTurn[]) {
  const entities = extractEntities(text);
  const subject = followUpSubject(text, entities, history);
  return { subject, ...classifyIntent(text, entities, { followUp: { subject } }) };
}

describe('a follow-up after an answer about a user', () => {
  it.each<[string, Intent, string]>([
    ['and her sign-ins?', 'user-risk', '"sign-ins"'],
    ['what about his MFA methods?', 'user-risk', '"mfa"'],
    ['what about sign-ins?', 'user-risk', '"sign-ins"'],
    ['is she at risk?', 'user-risk', '"risk"'],
    ['reset them', 'user-risk', '"them"'],
    ['same user, last 7 days?', 'user-risk', '"same user"'],
    ['how about the last 7 days?', 'user-risk', 'nothing else asked'],
    ['did she sign in from 185.220.101.4?', 'user-risk', '"sign in"'],
    ['did she log in from DESKTOP-ADELE01?', 'user-risk', 'the device is where, not who'],
    ['and her devices?', 'device', '"devices"'],
    ['and her incidents?', 'incident', '"incidents"'],
  ])('"%s" → %s about Adele (%s)', (text, intent, reason) => {
    const result = ask(text, AFTER_ADELE);
    expect(result.subject).toEqual(ADELE);
    expect(result.intent).toBe(intent);
    expect(result.reason).toContain('Adele Vance');
    expect(result.reason).toContain(reason);
  });

  it.each<[string, Intent]>([
    ['who else is at risk?', 'risky-users'],
    ['which users are compromised?', 'risky-users'],
    ['what about 185.220.101.4?', 'indicator'],
    ['and what can you do?', 'help'],
    ['and thanks!', 'help'],
    ['help', 'help'],
  ])('"%s" → %s, not about Adele', (text, intent) => {
    const result = ask(text, AFTER_ADELE);
    expect(result.intent).toBe(intent);
    expect(result.reason).not.toContain('Adele');
  });

  it('a named user wins over the remembered one', () => {
    const result = ask("and Megan Bowen's sign-ins?", AFTER_ADELE);
    expect(result.subject).toBeUndefined();
    expect(result).toMatchObject({ intent: 'user-risk' });
    expect(result.reason).toContain('Megan Bowen');
  });
});

describe('a follow-up with nothing remembered', () => {
  it.each(['and her sign-ins?', 'is he compromised?', 'what about his MFA methods?'])(
    '"%s" is still about a user, so the planner asks which one',
    (text) => {
      const result = ask(text, []);
      expect(result.intent).toBe('user-risk');
      expect(result.reason).toContain('no user named');
    },
  );

  it.each<[string, Intent]>([
    ['what about sign-ins?', 'unknown'],
    ['who else is at risk?', 'risky-users'],
    ['are any users compromised?', 'risky-users'],
  ])('"%s" without a pronoun stays %s', (text, intent) => {
    expect(ask(text, []).intent).toBe(intent);
  });

  it('a caller without conversation memory reads the message alone, as before', () => {
    const text = 'is he compromised?';
    expect(classifyIntent(text, extractEntities(text)).intent).toBe('unknown');
  });
});

describe('a follow-up about a subject that is not a user', () => {
  it('asks about the remembered device', () => {
    const laptop: Target = { kind: 'device', id: 'DESKTOP-ADELE01' };
    const history: RememberedTurn[] = [{ ...AFTER_ADELE[0]!, intent: 'device', subject: laptop }];
    const result = ask('is it encrypted?', history);
    expect(result.subject).toEqual(laptop);
    expect(result.intent).toBe('device');
    expect(result.reason).toContain('DESKTOP-ADELE01');
  });
});
