/**
 * The audit card links each action to the answer that proposed it — question, title, planner — and the
 * sources it cited (`plugin.skill` and request), once per action on its newest row, escaped and bounded.
 */
import { describe, expect, it } from 'vitest';
import { type AuditCardEntry, toAuditCardView } from '../../../src/cards/audit-card-view.js';
import { renderCard } from '../../../src/cards/render-card.js';
import type { ProposalProvenance } from '../../../src/core/actions/proposal-provenance.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const now = new Date('2026-11-24T16:05:00Z');
const provenance: ProposalProvenance = {
  answerId: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
  question: 'is adele.vance@contoso.com compromised?',
  title: 'Adele Vance: High risk — [likely](https://evil.example) compromised',
  planner: 'rules',
  sources: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((id) => ({
    id,
    ref: 'entra.riskDetections',
    request: `GET /v1.0/identityProtection/riskDetections?id=${id}`,
    pluginVersion: '0.1.0',
    ok: true,
  })),
};

function entry(
  seq: string,
  event: string,
  minute: number,
  extra: Partial<AuditCardEntry> = {},
): AuditCardEntry {
  return {
    recordedAt: new Date(`2026-11-24T14:${String(minute).padStart(2, '0')}:00Z`),
    event,
    action: 'entra.revokeSessions',
    actor: { name: 'Patti Fernandez', roles: ['responder'] },
    reason: null,
    result: null,
    seq,
    hash: `${seq.padStart(8, '0')}cafe`,
    pendingActionId: 'a1000000-0000-4000-8000-000000000001',
    proposedBy: provenance,
    ...extra,
  };
}

describe('audit card provenance', () => {
  const view = toAuditCardView({
    subject: 'Adele Vance (adele.vance@contoso.com)',
    entries: [
      entry('1', 'clicked', 1),
      entry('2', 'executing', 2),
      entry('3', 'succeeded', 3, { result: { ok: true, message: 'Sessions revoked', requestIds: [] } }),
      entry('4', 'refused', 4, {
        action: 'entra.resetPassword',
        pendingActionId: 'a1000000-0000-4000-8000-000000000002',
        proposedBy: { ...provenance, title: null, question: null, planner: null, sources: [] },
        reason: 'No role',
      }),
    ],
    chain: { ok: true, records: 4 },
    now,
  });

  it('shows the answer and its sources once per action, on its newest row', () => {
    const lines = view.rows.map((row) => row.outcome.map((line) => line.text));
    expect(lines).toEqual([
      ['Reason: No role', 'Proposed by answer 5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11 (no longer stored)'],
      [
        'Succeeded: Sessions revoked',
        'Proposed by “Adele Vance: High risk — \\[likely\\](hxxps://evil.example) compromised” — asked “is adele.vance@contoso.com compromised?” (rules planner)',
        'Sources: S1 entra.riskDetections · GET /v1.0/identityProtection/riskDetections?id=S1; S2 entra.riskDetections · GET /v1.0/identityProtection/riskDetections?id=S2; S3 entra.riskDetections · GET /v1.0/identityProtection/riskDetections?id=S3; S4 entra.riskDetections · GET /v1.0/identityProtection/riskDetections?id=S4; +2 more',
      ],
      ['—'],
      ['—'],
    ]);
    expect(view.rows[1]?.outcome.slice(1).every((line) => line.isSubtle)).toBe(true);
  });

  it('renders as a valid card', () => {
    expect(adaptiveCardProblems(renderCard('audit', view))).toEqual([]);
  });
});
