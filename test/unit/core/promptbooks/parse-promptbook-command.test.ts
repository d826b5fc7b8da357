/** Recognising `run <book> <args…>` without taking ordinary questions that start with "run". */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROMPTBOOKS } from '../../../../src/core/promptbooks/built-in-promptbooks.js';
import { parsePromptbookCommand } from '../../../../src/core/promptbooks/parse-promptbook-command.js';
import { bindParameters } from '../../../../src/core/promptbooks/promptbook.js';

describe('parsePromptbookCommand', () => {
  it('reads the book and its arguments, in any case, with `run promptbook` too', () => {
    expect(parsePromptbookCommand('run investigate-user adele.vance@contoso.com')).toEqual({
      name: 'investigate-user',
      args: ['adele.vance@contoso.com'],
    });
    expect(parsePromptbookCommand('RUN PROMPTBOOK Investigate-Incident 4211.')).toEqual({
      name: 'investigate-incident',
      args: ['4211'],
    });
    expect(parsePromptbookCommand('run promptbooks')).toEqual({ name: '', args: [] });
  });

  it('takes an unknown kebab-case name as a command (for help), but not a question starting with "run"', () => {
    expect(parsePromptbookCommand('run investigate-mailbox x')?.name).toBe('investigate-mailbox');
    expect(parsePromptbookCommand('run a hunt for powershell on megan')).toBeUndefined();
    expect(parsePromptbookCommand('is adele compromised?')).toBeUndefined();
  });
});

describe('bindParameters', () => {
  const user = BUILT_IN_PROMPTBOOKS.find((book) => book.name === 'investigate-user');
  const incident = BUILT_IN_PROMPTBOOKS.find((book) => book.name === 'investigate-incident');

  it('accepts a UPN and an incident number', () => {
    expect(user && bindParameters(user, ['adele.vance@contoso.com'])).toEqual({
      ok: true,
      values: { upn: 'adele.vance@contoso.com' },
    });
    expect(incident && bindParameters(incident, ['4211'])).toEqual({ ok: true, values: { id: '4211' } });
  });

  it('refuses a missing, malformed or extra value with the usage', () => {
    for (const [book, args] of [
      [user, []],
      [user, ['adele']],
      [incident, ['INC0012']],
      [incident, ['4211', '4212']],
    ] as const) {
      const bound = book && bindParameters(book, args);
      expect(bound?.ok).toBe(false);
      if (bound && !bound.ok) expect(bound.reason).toMatch(/Usage: run investigate-/);
    }
  });
});
