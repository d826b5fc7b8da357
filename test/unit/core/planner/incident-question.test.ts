/**
 * What an incident question asks for, read from its words: Defender numbers apart from ServiceNow numbers and
 * numbers nobody issues; a list and its filters (severity, status, recency, how many).
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { readIncidentQuestion } from '../../../../src/core/planner/incident-question.js';

const read = (text: string) => readIncidentQuestion(text, extractEntities(text));

describe('readIncidentQuestion', () => {
  it('tells Defender numbers from ServiceNow numbers and numbers nobody issues', () => {
    expect(read('compare incident 4211 with INC0012345 and incident 9999999999')).toMatchObject({
      defenderIds: ['4211'],
      serviceNowNumbers: ['INC0012345'],
      otherIds: ['9999999999'],
    });
  });

  it.each([
    [
      'show open high severity incidents',
      { wantsList: true, severities: ['high'], statuses: ['active', 'inProgress', 'awaitingAction'] },
    ],
    ['list all incidents', { wantsList: true, statuses: [] }],
    ['show resolved incidents from the last 7 days', { wantsList: true, statuses: ['resolved'], days: 7 }],
    ['incidents in progress this week', { wantsList: true, statuses: ['inProgress'], days: 7 }],
    [
      'top 5 medium or low incidents in the past 48 hours',
      { wantsList: true, severities: ['medium', 'low'], days: 2, top: 5 },
    ],
    ['incidents today', { wantsList: true, days: 1 }],
  ])('reads "%s" as a list with its filters', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it.each([
    "what's new?",
    'summarise this incident',
    'anything open here?',
    'what happened in the last 2 hours?',
  ])('does not read "%s" as a list (in an incident channel it is about that incident)', (text) => {
    expect(read(text).wantsList).toBe(false);
  });

  it('keeps its numbers in bounds', () => {
    expect(read('incidents in the last 900 days, top 500')).toMatchObject({ days: 180, top: 50 });
    expect(read('incidents in the last 0 days')).toMatchObject({ days: 1 });
  });
});
