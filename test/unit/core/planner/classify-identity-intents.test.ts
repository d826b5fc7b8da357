/**
 * The two identity intents: "why can't megan sign in?" (sign-in-failure: a person with a failure word) and
 * "review our conditional access policies" (identity-posture: no person, a Conditional Access, privileged-role
 * or PIM word), and the neighbouring questions that must keep their old intent.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';

function intentOf(text: string, options?: Parameters<typeof classifyIntent>[2]) {
  return classifyIntent(text, extractEntities(text), options);
}

describe('sign-in-failure', () => {
  it.each([
    "why can't megan sign in?",
    'why is adele.vance@contoso.com blocked?',
    'megan cannot log in',
    'adele is locked out',
    "Megan Bowen's sign-in is failing",
    'sign in error for alex.wilber@contoso.com',
    'why was megan blocked',
  ])('"%s" → sign-in-failure', (text) => {
    expect(intentOf(text).intent).toBe('sign-in-failure');
  });

  it('says which words decided it', () => {
    expect(intentOf("why can't megan sign in?").reason).toMatch(/"can't" \+ "sign in" for user megan/);
  });

  it('reads a follow-up about the remembered user as a sign-in failure', () => {
    const subject = {
      kind: 'user' as const,
      id: 'b2e1d5f3-7c2e-4d66-8b8f-3e6c9a4f1b02',
      displayName: 'Megan Bowen',
    };
    expect(intentOf("why can't she sign in?", { followUp: { subject } }).intent).toBe('sign-in-failure');
  });

  it.each([
    ['did adele sign in from 185.220.101.4?', 'user-risk'],
    ['show sign-ins for megan.bowen@contoso.com', 'user-risk'],
    ['is adele compromised?', 'user-risk'],
    ['any risky sign-ins today?', 'risky-users'],
    ["is Diego's laptop compliant?", 'device'],
  ])('"%s" keeps %s', (text, intent) => {
    expect(intentOf(text).intent).toBe(intent);
  });
});

describe('identity-posture', () => {
  it.each([
    'review our conditional access policies',
    'identity posture',
    'privileged accounts without MFA',
    'which admins have no MFA?',
    'show recent PIM activations',
    'is legacy auth blocked?',
    'who are our global admins',
  ])('"%s" → identity-posture', (text) => {
    expect(intentOf(text).intent).toBe('identity-posture');
  });

  it.each([
    ['show critical risks for publicly exposed resources', 'cloud-posture'],
    ['show high risk users', 'risky-users'],
    ['which devices are non-compliant?', 'device'],
    ['help', 'help'],
  ])('"%s" keeps %s', (text, intent) => {
    expect(intentOf(text).intent).toBe(intent);
  });
});
