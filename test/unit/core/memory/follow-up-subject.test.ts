/**
 * Follow-ups: a question that refers back ("and her sign-ins?") gets the latest answer's subject; a question
 * that names its own user, asks about someone else or starts a new list does not. Each case runs the real
 * entity extractor first, as the orchestrator does.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../../../src/core/answer.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { followUpSubject, readBackReference } from '../../../../src/core/memory/follow-up-subject.js';

const ADELE: Target = {
  kind: 'user',
  id: '6e7b768e-07e2-4810-8459-485f84f8f204',
  displayName: 'Adele Vance (adele.vance@contoso.com)',
};
const MEGAN: Target = {
  kind: 'user',
  id: 'b6f0a3c8-2f1e-4e0b-9d0e-1f6b1c9e2a11',
  displayName: 'Megan Bowen',
};
const LAPTOP: Target = { kind: 'device', id: 'DESKTOP-ADELE01' };

function answered(question: string, subject?: Target): RememberedTurn {
  return {
    at: new Date('2025-03-01T09:00:00Z'),
    question,
    intent: subject?.kind === 'device' ? 'device' : subject ? 'user-risk' : 'risky-users',
    title: `Answer to ${question}`,
    summary: 'A summary.',
    ...(subject ? { subject } : {}),
  };
}

const AFTER_ADELE = [answered('is adele.vance@contoso.com compromised?', ADELE)];

function subjectOf(text: string, history: readonly RememberedTurn[] = AFTER_ADELE): Target | undefined {
  return followUpSubject(text, extractEntities(text), history);
}

describe('followUpSubject', () => {
  describe('refers back to the user of the latest answer', () => {
    it.each([
      'and her sign-ins?',
      'And her devices?',
      'what about his MFA methods?',
      'what about sign-ins?',
      'how about the last 7 days?',
      'also check their MFA',
      'reset them',
      'reset her password',
      'revoke his sessions',
      'same user, last 7 days?',
      'and the same person last week?',
      'has this user been phished?',
      'is that account disabled?',
      'is she at risk?',
      'did she sign in from 185.220.101.4?',
      'Show me her sign-ins',
      'ok, and her sign-in history?',
      'Thanks! And his sign-ins?',
      'got it, and his sign-ins?',
      'thank you. what about her mailbox rules?',
      'and what about her inbox rules?',
      "and she's been phished?",
      '<at>Ward</at> and her sign-ins?',
    ])('"%s"', (text) => {
      expect(subjectOf(text)).toEqual(ADELE);
    });
  });

  describe('does not refer back', () => {
    it.each([
      ['who else is at risk?', 'a new list question about other people'],
      ['any other users at risk?', 'other users'],
      ['and everyone else?', 'everyone else'],
      ['what about all users?', 'people in general'],
      ['and show risky users', 'a list question'],
      ['and who signed in from Tor?', 'who, without a pronoun'],
      ['and the others?', 'the others'],
      ['what about my sign-ins?', "the analyst's own"],
      ['and me?', 'the analyst'],
      ['and what about me?', 'the analyst'],
      ['what about 185.220.101.4?', 'another entity, no pronoun'],
      ['and DESKTOP-ADELE01?', 'a device, no pronoun'],
      ['and incident 4211?', 'an incident, no pronoun'],
      ['is it compromised?', '"it" is not a person'],
      ['and?', 'nothing asked'],
      ['tell me a joke', 'no reference at all'],
      ['show risky users', 'no reference at all'],
      ['ok thanks', 'politeness only'],
    ])('"%s" (%s)', (text) => {
      expect(subjectOf(text)).toBeUndefined();
    });

    it.each([
      'and Megan?',
      "what about Megan Bowen's sign-ins?",
      'what about megan.bowen@contoso.com?',
      'is adele compromised? and her sign-ins?',
    ])('"%s" names a user of its own', (text) => {
      expect(subjectOf(text)).toBeUndefined();
    });
  });

  describe('which answer', () => {
    it('takes the latest answer’s subject, not an earlier one', () => {
      const history = [answered('is adele compromised?', ADELE), answered('and megan?', MEGAN)];
      expect(subjectOf('and her sign-ins?', history)).toEqual(MEGAN);
    });

    it('takes none after a list answer: "her" could be anyone on the list', () => {
      const history = [answered('is adele compromised?', ADELE), answered('show risky users')];
      expect(subjectOf('and her sign-ins?', history)).toBeUndefined();
    });

    it('takes none in a conversation with no remembered answer', () => {
      expect(subjectOf('and her sign-ins?', [])).toBeUndefined();
    });
  });

  describe('a subject that is not a person', () => {
    const afterLaptop = [answered('is DESKTOP-ADELE01 compliant?', LAPTOP)];

    it.each([
      'is it encrypted?',
      'and it?',
      'and this device?',
      'what about that one?',
      'and the same machine?',
    ])('"%s" refers back to the device', (text) => {
      expect(subjectOf(text, afterLaptop)).toEqual(LAPTOP);
    });

    it.each(['and her sign-ins?', 'is this user compromised?', 'and this incident?'])(
      '"%s" does not (a person, or another kind of thing)',
      (text) => {
        expect(subjectOf(text, afterLaptop)).toBeUndefined();
      },
    );

    it('a user answer is not referred to by "it"', () => {
      expect(subjectOf('and it?')).toBeUndefined();
    });
  });

  it('reads a 100 KB message without throwing, from its first part', () => {
    const text = `and her sign-ins? ${'lorem ipsum '.repeat(9_000)} who else is at risk?`;
    expect(subjectOf(text)).toEqual(ADELE);
  });

  it('gives the same subject for the same question', () => {
    expect(subjectOf('and her sign-ins?')).toEqual(subjectOf('and her sign-ins?'));
  });
});

describe('readBackReference', () => {
  it('says which words point back, and how', () => {
    expect(readBackReference('and the same person last week?')).toEqual({
      person: 'the same person',
      continues: true,
      someoneElse: false,
      people: false,
      self: false,
    });
    expect(readBackReference('is this device encrypted?')).toEqual({
      thing: { words: 'this device', kind: 'device' },
      continues: false,
      someoneElse: false,
      people: false,
      self: false,
    });
  });

  it('tells a new list question and someone else apart from a follow-up', () => {
    expect(readBackReference('who else is at risk?')).toMatchObject({ someoneElse: true, people: true });
    expect(readBackReference('what about my sign-ins?')).toMatchObject({ continues: true, self: true });
  });

  it('never throws on odd input', () => {
    for (const text of ['', '   ', '???', 'the', 'the same', 'this', '\u0000\u202e', '😀'.repeat(5_000)]) {
      expect(() => readBackReference(text)).not.toThrow();
    }
  });
});
