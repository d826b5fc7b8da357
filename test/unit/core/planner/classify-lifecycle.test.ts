/**
 * Joiner, mover and leaver questions: the intent classifier sends them to identity posture ("are leavers being
 * offboarded?", "people who left", "terminated employees", typos included), the identity posture planner's
 * `asksAboutLifecycle` picks its lifecycle branch for the same words, and the neighbouring questions keep
 * their intent (onboarding a device, a named user, Conditional Access, risky users).
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { asksAboutLifecycle } from '../../../../src/core/planner/lifecycle-question.js';

function intentOf(text: string) {
  return classifyIntent(text, extractEntities(text));
}

const LIFECYCLE_QUESTIONS = [
  'are leavers being offboarded?',
  'what lifecycle workflows should we have for leavers?',
  'joiner mover leaver gaps',
  'which accounts of people who left are still enabled?',
  'Which users who have left the company can still sign in?',
  'terminated employees still have access?',
  'any terminated users with admin roles?',
  'offboarding gaps',
  'Leavers still enabled?',
  'do we have a mover workflow?',
  'how do we onboard new hires?',
  'ex-employees with access',
  'are leavrs being ofboarded?',
  'lifecylce workflows',
];

describe('lifecycle questions', () => {
  it.each(LIFECYCLE_QUESTIONS)('"%s" → identity-posture, lifecycle branch', (text) => {
    const intent = intentOf(text);
    expect(intent.intent).toBe('identity-posture');
    expect(intent.reason).toMatch(/joiners, movers and leavers/);
    expect(asksAboutLifecycle(text)).toBe(true);
  });

  it('reads no lifecycle word as a person to look up', () => {
    for (const text of LIFECYCLE_QUESTIONS) expect(extractEntities(text).names).toEqual([]);
  });

  it('says which word decided it, and a typo as read', () => {
    expect(intentOf('people who left').reason).toBe('"who left": joiners, movers and leavers');
    expect(intentOf('are leavrs being offboarded?').reason).toMatch(/"leavrs" \(read as "leavers"\)/);
  });

  it.each([
    ['is the laptop onboarded to defender?', 'device'],
    ['onboarding devices to intune', 'device'],
    ['review our conditional access policies', 'identity-posture'],
    ['show risky users', 'risky-users'],
    ['is adele compromised?', 'user-risk'],
    ['should we leave the account enabled', 'unknown'],
  ])('"%s" keeps its intent (%s)', (text, expected) => {
    expect(intentOf(text).intent).toBe(expected);
  });

  it.each([
    'review our conditional access policies',
    'privileged accounts without MFA',
    'identity posture',
    'leave it',
  ])('"%s" is no lifecycle question', (text) => {
    expect(asksAboutLifecycle(text)).toBe(false);
  });
});
