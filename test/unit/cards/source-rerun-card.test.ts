/**
 * The compact card a finding's "Re-run" posts: which source, when and for whom, whether it answered, the
 * request (KQL whole in monospace), and what changed since the snapshot — tenant text escaped, no buttons.
 */
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../src/cards/render-card.js';
import { toSourceRerunCardView } from '../../../src/cards/source-rerun-card-view.js';
import type { SourceRerunReport } from '../../../src/core/rerun-source.js';
import { ofType, texts } from './card-objects.js';
import { adaptiveCardProblems } from './parse-adaptive-card.js';

const base: SourceRerunReport = {
  answerId: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
  sourceId: 'S3',
  ref: 'entra.signIns',
  service: 'Microsoft Entra ID 0.1.0',
  input: { userId: 'a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01', hours: 72 },
  ranAt: new Date('2026-11-24T16:07:00Z'),
  ok: true,
  durationMs: 84,
  requests: ["GET /v1.0/auditLogs/signIns?$filter=userId eq 'a1f0c4e2'"],
  snapshot: {
    takenAt: new Date('2026-11-24T14:05:00Z'),
    ok: true,
    durationMs: 120,
    pluginVersion: '0.1.0',
  },
  comparison: {
    kind: 'list',
    before: 6,
    after: 8,
    added: 2,
    removed: 0,
    changed: 1,
    changedFields: ['appDisplayName'],
    newItems: [
      'ipAddress: 192.0.2.66 · appDisplayName: [Click](https://evil.example)',
      'ipAddress: 203.0.113.24',
    ],
    approximate: false,
  },
};

describe('the re-run card', () => {
  it('says which source ran, for whom, how it went, and what changed since the snapshot', () => {
    const card = renderCard('source-rerun', toSourceRerunCardView(base, { clicker: 'Patti Fernandez' }));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(ofType(card, 'Action.Execute')).toEqual([]);
    expect(texts(card)).toEqual([
      'Re-run of S3 · entra.signIns',
      'Ran 2026-11-24 16:07 UTC for Patti Fernandez · Microsoft Entra ID 0.1.0',
      'Answered in 84 ms',
      'Inputs: userId: a1f0c4e2-6b1d-4c55-9a7e-2d5b8f3e0a01 · hours: 72',
      "GET /v1.0/auditLogs/signIns?$filter=userId eq 'a1f0c4e2'",
      'Then 6 items · now 8 items',
      '2 new · 0 gone · 1 changed since the snapshot (appDisplayName)',
      'New: ipAddress: 192.0.2.66 · appDisplayName: \\[Click\\](hxxps://evil.example)',
      'New: ipAddress: 203.0.113.24',
      'Snapshot: answer 5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11 of 2026-11-24 14:05 UTC (answered in 120 ms) · plugin 0.1.0',
    ]);
  });

  it('shows a KQL request whole in monospace, and a failure with its reason', () => {
    const view = toSourceRerunCardView({
      ...base,
      ref: 'sentinel.runQuery',
      ok: false,
      error: 'Log Analytics did not answer within 30 s.',
      requests: ['POST /v1/workspaces/ws-1/query (P7D): SigninLogs | where ResultType != "0" | take 5'],
      comparison: { kind: 'unavailable', reason: 'the re-run failed, so there is nothing new to compare' },
    });
    const card = renderCard('source-rerun', view);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(view.outcome).toEqual({
      text: 'Failed in 84 ms: Log Analytics did not answer within 30 s.',
      color: 'attention',
    });
    const monospace = ofType(card, 'TextBlock').filter((block) => block.fontType === 'Monospace');
    expect(monospace.map((block) => block.text)).toEqual([
      'SigninLogs\n\n| where ResultType != "0"\n\n| take 5',
    ]);
    expect(texts(card)).toContain('No comparison: the re-run failed, so there is nothing new to compare.');
  });

  it('names the changed fields of a record', () => {
    const view = toSourceRerunCardView({
      ...base,
      comparison: {
        kind: 'record',
        changed: true,
        changedFields: ['riskLevel', 'riskState'],
        approximate: false,
      },
    });
    expect(view.changes).toEqual([
      { text: 'Changed since the snapshot: riskLevel, riskState', weight: 'Bolder' },
    ]);
    expect(view.newItems).toEqual([]);
  });
});
