/**
 * `@Ward usage`: which messages are the command (and which questions merely mention usage), whose usage it
 * reports, and the card it replies with.
 */
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/turn.js';
import { createUsageMeter, type UsageCounters } from '../../../src/core/usage/create-usage-meter.js';
import { usageSubjectOf } from '../../../src/core/usage/usage-subject.js';
import { parseUsageCommand, usageReplyCard, usageReplySummary } from '../../../src/teams/usage-command.js';
import { texts } from '../cards/card-objects.js';
import { adaptiveCardProblems } from '../cards/parse-adaptive-card.js';

describe('parseUsageCommand', () => {
  it.each([
    'usage',
    'Usage',
    'USAGE!',
    '  usage?  ',
    '/usage',
    'my usage',
    'My usage?',
    'show usage',
    'Show my usage.',
    'show me my usage please',
    "what's my usage",
    'What is our usage today?',
    'ward usage',
    'tenant usage',
  ])('recognises %j', (text) => {
    expect(parseUsageCommand(text)).toBe(true);
  });

  it.each([
    '',
    'usages',
    'is megan at risk?',
    'usage of powershell by megan.bowen@contoso.com',
    'show powershell usage',
    'who has the highest usage of admin roles',
    'my usage of the VPN looks odd',
    'audit usage',
  ])('leaves %j to the orchestrator', (text) => {
    expect(parseUsageCommand(text)).toBe(false);
  });
});

describe('usageSubjectOf', () => {
  const turn: Turn = {
    id: 'activity-1',
    user: { id: '29:1-megan', aadObjectId: 'megan-object-id', name: 'Megan Bowen' },
    tenantId: 'contoso-tenant',
    conversation: { id: 'a:1', kind: 'personal' },
    text: 'usage',
  };

  it('charges the Entra object id in the conversation’s tenant, as the orchestrator does', () => {
    expect(usageSubjectOf(turn)).toEqual({ tenantId: 'contoso-tenant', userId: 'megan-object-id' });
  });

  it('falls back to the host user id and an unknown tenant', () => {
    expect(usageSubjectOf({ ...turn, user: { id: '29:1-guest' }, tenantId: undefined })).toEqual({
      tenantId: 'unknown',
      userId: '29:1-guest',
    });
  });
});

describe('usageReplyCard', () => {
  const zero = { tokens: 0, toolCalls: 0, questions: 0, modelQuestions: 0 };
  const counters: UsageCounters = {
    add: async () => {},
    sums: async () => ({
      day: {
        user: { ...zero, tokens: 91_000, questions: 3 },
        tenant: { ...zero, tokens: 91_000, questions: 3 },
      },
      month: {
        user: { ...zero, tokens: 91_000, questions: 3 },
        tenant: { ...zero, tokens: 91_000, questions: 3 },
      },
    }),
    days: async () => [],
  };
  const now = new Date('2026-11-24T16:07:00Z');

  it('renders the report as a valid usage card headed by the asker', async () => {
    const meter = createUsageMeter({ counters, limits: { 'user.day.tokens': 100_000 } });
    const report = await meter.usageReport({ tenantId: 'contoso', userId: 'megan' }, now);
    const card = usageReplyCard(report, now, { analystName: 'Megan Bowen' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Ward usage',
        'Near a limit: 91% of your daily token limit (91,000 of 100,000).',
        'Megan Bowen',
        '91,000 of 100,000',
        '▰▰▰▰▰▰▰▰▰▱ 91%',
      ]),
    );
    expect(usageReplySummary(report)).toBe('Ward usage: near a limit (91% of your daily token limit)');
  });

  it('summarises a report without limits', async () => {
    const report = await createUsageMeter({ counters, limits: {} }).usageReport(
      { tenantId: 'contoso', userId: 'megan' },
      now,
    );
    expect(usageReplySummary(report)).toBe('Ward usage: no limits are set');
    expect(texts(usageReplyCard(report, now))).toContain('You');
  });
});
