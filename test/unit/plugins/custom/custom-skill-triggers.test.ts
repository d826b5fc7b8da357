/**
 * Trigger phrases route a question to a custom skill when their words appear in it in order, as whole words,
 * whatever the case and punctuation; the longest phrase wins. And a problem inside a multi-line value is
 * pointed at its own line and column in the file.
 */
import { describe, expect, it } from 'vitest';
import { findCustomTrigger, titleFromName } from '../../../../src/plugins/custom/custom-skill-descriptor.js';
import { locateInBlockScalar } from '../../../../src/plugins/custom/locate-in-block-scalar.js';

const SKILLS = [
  { ref: 'hunts.legacy', triggers: ['legacy auth sign-ins', 'legacy authentication sign-ins'] },
  { ref: 'hunts.country', triggers: ['sign-ins from country'] },
  { ref: 'hunts.countryLegacy', triggers: ['legacy auth sign-ins from country'] },
];

describe('findCustomTrigger', () => {
  it.each([
    ['@Ward show legacy auth sign-ins', 'hunts.legacy'],
    ['Legacy-Auth Sign-ins this week?', 'hunts.legacy'],
    ['any LEGACY AUTHENTICATION SIGN INS lately', 'hunts.legacy'],
    ['show sign-ins from country NL', 'hunts.country'],
    ['legacy auth sign-ins from country RO', 'hunts.countryLegacy'],
  ])('"%s" → %s', (text, ref) => {
    expect(findCustomTrigger(text, SKILLS)?.ref).toBe(ref);
  });

  it.each([
    'is legacy auth blocked?',
    'legacy authsign-ins',
    'sign-ins from countryside',
    'illegacy auth sign-ins',
    'auth sign-ins legacy',
  ])('"%s" triggers nothing', (text) => {
    expect(findCustomTrigger(text, SKILLS)).toBeUndefined();
  });

  it('says which phrase matched, and needs text and skills', () => {
    expect(findCustomTrigger('legacy auth sign-ins', SKILLS)).toEqual({
      ref: 'hunts.legacy',
      phrase: 'legacy auth sign-ins',
    });
    expect(findCustomTrigger(undefined, SKILLS)).toBeUndefined();
    expect(findCustomTrigger('legacy auth sign-ins', [])).toBeUndefined();
    expect(findCustomTrigger('legacy auth sign-ins', undefined)).toBeUndefined();
  });

  it('titles a skill from its camelCase name', () => {
    expect(titleFromName('legacyAuthSignIns')).toBe('Legacy auth sign ins');
  });
});

describe('locateInBlockScalar', () => {
  const file = [
    'skills:',
    '  - query: |',
    '      SigninLogs',
    '',
    '      | where X == 1',
    '    other: 2',
  ].join('\n');

  it('maps a line and column of a literal block to the file, blank lines included', () => {
    expect(locateInBlockScalar(file, { line: 2, column: 5 }, { line: 1, column: 1 })).toEqual({
      line: 3,
      column: 7,
    });
    expect(locateInBlockScalar(file, { line: 2, column: 5 }, { line: 3, column: 9 })).toEqual({
      line: 5,
      column: 15,
    });
  });

  it('honours an explicit indentation indicator', () => {
    const text = ['query: |2', '    indented', '  | take 1'].join('\n');
    expect(locateInBlockScalar(text, { line: 1, column: 1 }, { line: 2, column: 3 })).toEqual({
      line: 3,
      column: 5,
    });
  });

  it('maps a one-line plain value on the key’s line, and gives up on other styles', () => {
    expect(
      locateInBlockScalar('query: SigninLogs | take x', { line: 1, column: 1 }, { line: 1, column: 19 }),
    ).toEqual({ line: 1, column: 26 });
    expect(
      locateInBlockScalar('query: "SigninLogs"', { line: 1, column: 1 }, { line: 1, column: 2 }),
    ).toBeUndefined();
    expect(
      locateInBlockScalar('query: >\n  a\n  b', { line: 1, column: 1 }, { line: 2, column: 1 }),
    ).toBeUndefined();
  });
});
