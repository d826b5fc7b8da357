/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests feed literal `${...}` text to the card renderer on purpose. */
import { describe, expect, it } from 'vitest';
import {
  type AuditCardEntry,
  auditRowLimit,
  emptyAuditText,
  toAuditCardView,
} from '../../../src/cards/audit-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import { type CardObject, ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const now = new Date('2026-11-24T16:05:00Z');
const subject = 'Adele Vance (adele.vance@contoso.com)';
const patti = { name: 'Patti Fernandez', roles: ['responder'] };
const megan = { name: 'Megan Bowen', roles: ['responder', 'approver'] };

function entry(overrides: Partial<AuditCardEntry> & Pick<AuditCardEntry, 'seq' | 'event'>): AuditCardEntry {
  return {
    recordedAt: new Date('2026-11-24T14:00:00Z'),
    action: 'entra.resetPassword',
    actor: patti,
    reason: null,
    result: null,
    hash: `${overrides.seq.padStart(8, '0')}deadbeefcafe`,
    ...overrides,
  };
}

/** Oldest first, the way a caller might pass them: the card sorts. */
const trail: AuditCardEntry[] = [
  entry({ seq: '40', event: 'proposed', actor: null, reason: 'Adele is at high risk.' }),
  entry({ seq: '41', event: 'confirmed', recordedAt: new Date('2026-11-24T14:01:00Z') }),
  entry({ seq: '42', event: 'approved', recordedAt: new Date('2026-11-24T14:04:00Z'), actor: megan }),
  entry({
    seq: '43',
    event: 'executed',
    recordedAt: new Date('2026-11-24T14:05:00Z'),
    actor: megan,
    result: { ok: true, message: 'Password reset', requestIds: ['req-1', 'req-2'] },
  }),
  entry({
    seq: '44',
    event: 'refused',
    recordedAt: new Date('2026-11-24T15:00:00Z'),
    action: 'entra.revokeSessions',
    actor: { name: null, roles: [] },
    reason: 'The clicker does not have the responder role.',
  }),
  entry({
    seq: '45',
    event: 'failed',
    recordedAt: new Date('2026-11-24T15:30:00Z'),
    action: null,
    result: { ok: false, message: 'Microsoft Graph returned 403', requestIds: [] },
  }),
];

function tableRows(card: unknown): string[][] {
  const table = ofType(card, 'Table')[0];
  return ((table?.rows as CardObject[] | undefined) ?? []).map((row) =>
    (row.cells as CardObject[]).map((cell) => texts(cell).join(' | ')),
  );
}

describe('audit card', () => {
  const card = renderCard(
    'audit',
    toAuditCardView({ subject, entries: trail, chain: { ok: true, records: 312 }, now }),
  );

  it('renders as a valid Adaptive Card 1.5 for Teams with no buttons', () => {
    expect(Object.keys(card).slice(0, 4)).toEqual(['type', '$schema', 'version', 'msteams']);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(ofType(card, 'Action.Execute')).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/\$\{|\$when|\$data/);
  });

  it('shows the heading, the subject and a verified chain in good colour', () => {
    const [heading, subjectLine, chain] = ofType(card, 'TextBlock');
    expect(heading?.text).toBe('Audit trail');
    expect(subjectLine?.text).toBe(subject);
    expect(chain).toMatchObject({ text: 'Audit chain verified: 312 records', color: 'good' });
    expect(texts(card).at(-1)).toBe('As of 2026-11-24 16:05 UTC');
  });

  it('lists the trail newest first in a table: when, event, action, who (roles), result or reason', () => {
    const table = ofType(card, 'Table')[0];
    expect(table).toMatchObject({ firstRowAsHeader: true });
    expect(table?.columns).toHaveLength(5);
    expect(tableRows(card)).toEqual([
      ['When', 'Event', 'Action', 'Who (roles)', 'Result / reason'],
      [
        '2026-11-24 15:30 UTC | 35 min ago · #45 · 00000045',
        'failed',
        '—',
        'Patti Fernandez (responder)',
        'Failed: Microsoft Graph returned 403',
      ],
      [
        '2026-11-24 15:00 UTC | 1 h ago · #44 · 00000044',
        'refused',
        'entra.revokeSessions',
        'Unknown',
        'Reason: The clicker does not have the responder role.',
      ],
      [
        '2026-11-24 14:05 UTC | 2 h ago · #43 · 00000043',
        'executed',
        'entra.resetPassword',
        'Megan Bowen (responder, approver)',
        'Succeeded: Password reset | Request ids: req-1, req-2',
      ],
      [
        '2026-11-24 14:04 UTC | 2 h ago · #42 · 00000042',
        'approved',
        'entra.resetPassword',
        'Megan Bowen (responder, approver)',
        '—',
      ],
      [
        '2026-11-24 14:01 UTC | 2 h ago · #41 · 00000041',
        'confirmed',
        'entra.resetPassword',
        'Patti Fernandez (responder)',
        '—',
      ],
      [
        '2026-11-24 14:00 UTC | 2 h ago · #40 · 00000040',
        'proposed',
        'entra.resetPassword',
        '—',
        'Reason: Adele is at high risk.',
      ],
    ]);
  });

  it('draws the short hash subtle, success in good and failure in attention colour', () => {
    const blocks = ofType(card, 'TextBlock');
    expect(blocks.find((block) => block.text === '2 h ago · #43 · 00000043')?.isSubtle).toBe(true);
    expect(blocks.find((block) => block.text === 'Succeeded: Password reset')?.color).toBe('good');
    expect(blocks.find((block) => block.text === 'Failed: Microsoft Graph returned 403')?.color).toBe(
      'attention',
    );
    expect(blocks.find((block) => block.text === 'Request ids: req-1, req-2')?.isSubtle).toBe(true);
  });

  it(`shows at most ${auditRowLimit} rows and counts the older ones`, () => {
    const many = Array.from({ length: 30 }, (_unused, index) =>
      entry({
        seq: String(index + 1),
        event: 'proposed',
        recordedAt: new Date(Date.UTC(2026, 10, 24, 10, index)),
      }),
    );
    const manyCard = renderCard(
      'audit',
      toAuditCardView({ subject, entries: many, chain: { ok: true, records: 30 }, now }),
    );
    expect(adaptiveCardProblems(manyCard)).toEqual([]);
    const rows = tableRows(manyCard);
    expect(rows).toHaveLength(1 + auditRowLimit);
    expect(rows[1]?.[0]).toContain('#30 ·');
    expect(rows.at(-1)?.[0]).toContain('#6 ·');
    expect(texts(manyCard)).toContain('+5 older records');
    expect(texts(card).some((text) => text.includes('older record'))).toBe(false);
  });

  it('orders records of the same instant by sequence number, numerically', () => {
    const view = toAuditCardView({
      subject,
      entries: [entry({ seq: '9', event: 'proposed' }), entry({ seq: '10', event: 'confirmed' })],
      chain: { ok: true, records: 2 },
      now,
    });
    expect(view.rows.map((row) => row.event)).toEqual(['confirmed', 'proposed']);
  });

  it('says so when nothing was recorded, and still reports the chain', () => {
    const empty = renderCard(
      'audit',
      toAuditCardView({ subject, entries: [], chain: { ok: true, records: 1 }, now }),
    );
    expect(adaptiveCardProblems(empty)).toEqual([]);
    expect(ofType(empty, 'Table')).toEqual([]);
    expect(texts(empty)).toEqual([
      'Audit trail',
      subject,
      'Audit chain verified: 1 record',
      emptyAuditText,
      'As of 2026-11-24 16:05 UTC',
    ]);
    expect(JSON.stringify(empty)).not.toMatch(/\[\]|null|\$\{/);
  });

  it('reports a broken chain in attention colour, naming the record and the reason', () => {
    const broken = renderCard(
      'audit',
      toAuditCardView({
        subject,
        entries: trail,
        chain: { ok: false, brokenAt: '42', reason: 'hash does not match the record' },
        now,
      }),
    );
    expect(adaptiveCardProblems(broken)).toEqual([]);
    expect(ofType(broken, 'TextBlock')[2]).toMatchObject({
      text: 'Audit chain BROKEN at record #42: hash does not match the record',
      color: 'attention',
    });
  });

  it('renders hostile tenant text literally', () => {
    const hostile = renderCard(
      'audit',
      toAuditCardView({
        subject: '[Adele](https://evil.example) ${subject}',
        entries: [
          entry({
            seq: '7',
            event: '# proposed',
            action: '**entra.resetPassword**',
            actor: { name: '[Patti](https://evil.example)', roles: ['_responder_'] },
            reason: '${$root.subject}',
            result: {
              ok: false,
              message: '- see https://evil.example',
              requestIds: ['[r](https://evil.example)'],
            },
            hash: '*[abc]*0123456789',
          }),
        ],
        chain: { ok: false, brokenAt: '*7*', reason: '[fix](https://evil.example)' },
        now,
      }),
    );
    const json = JSON.stringify(hostile);
    expect(adaptiveCardProblems(hostile)).toEqual([]);
    expect(json).not.toMatch(/\]\(http/);
    const all = texts(hostile);
    expect(all).toContain('\\[Adele\\](hxxps://evil.example) $\\{subject}');
    expect(all).toContain('Audit chain BROKEN at record #\\*7\\*: \\[fix\\](hxxps://evil.example)');
    expect(all).toContain('\\# proposed');
    expect(all).toContain('\\*\\*entra.resetPassword\\*\\*');
    expect(all).toContain('\\[Patti\\](hxxps://evil.example) (\\_responder\\_)');
    expect(all).toContain('Failed: - see hxxps://evil.example');
    expect(all).toContain('Request ids: \\[r\\](hxxps://evil.example)');
    expect(all).toContain('Reason: $\\{$root.subject}');
    expect(all).toContain('2 h ago · #7 · \\*\\[abc\\]\\*0');
  });
});
