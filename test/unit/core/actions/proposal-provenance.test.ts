/**
 * The provenance of an audited action: the answer that proposed it and the sources cited by the findings about
 * its target (every finding's when none names it), or, once the answer is gone, the sources the audit record kept.
 */
import { describe, expect, it } from 'vitest';
import { proposalProvenance } from '../../../../src/core/actions/proposal-provenance.js';
import { answerSchema, type Source } from '../../../../src/core/answer.js';

const source = (id: string, skill: string, request: string, ok = true): Source => ({
  id,
  plugin: 'entra',
  skill,
  service: 'Microsoft Entra ID',
  requests: [request],
  ok,
  version: '0.1.0',
});

const answer = answerSchema.parse({
  intent: 'user-risk',
  title: 'Adele Vance: High risk — likely compromised',
  summary: 'S',
  riskLevel: 'high',
  planner: 'rules',
  findings: [
    { title: 'Atypical travel for adele.vance@contoso.com', citations: ['S3'] },
    {
      title: 'Sign-ins from two countries',
      detail: 'Adele Vance signed in from Amsterdam',
      citations: ['S4'],
    },
    { title: 'Password spray on the tenant', citations: ['S5'] },
  ],
  sources: [
    source('S1', 'user', 'GET /v1.0/users/adele'),
    source('S3', 'riskDetections', 'GET /v1.0/identityProtection/riskDetections'),
    source('S4', 'signIns', 'GET /v1.0/auditLogs/signIns'),
    source('S5', 'signIns', 'GET /v1.0/auditLogs/signIns?all'),
  ],
});

describe('proposalProvenance', () => {
  it('names the answer and the sources of the findings about the target, with versions from the snapshot', () => {
    const provenance = proposalProvenance({
      answerId: 'a-1',
      target: { kind: 'user', id: 'adele.vance@contoso.com', displayName: 'Adele Vance' },
      stored: { id: 'a-1', question: 'is adele compromised?', answer },
      snapshot: [{ sourceId: 'S3', plugin: 'entra', skill: 'riskDetections', pluginVersion: '0.2.0' }],
    });
    expect(provenance).toEqual({
      answerId: 'a-1',
      question: 'is adele compromised?',
      title: 'Adele Vance: High risk — likely compromised',
      planner: 'rules',
      sources: [
        {
          id: 'S3',
          ref: 'entra.riskDetections',
          request: 'GET /v1.0/identityProtection/riskDetections',
          pluginVersion: '0.2.0',
          ok: true,
        },
        {
          id: 'S4',
          ref: 'entra.signIns',
          request: 'GET /v1.0/auditLogs/signIns',
          pluginVersion: '0.1.0',
          ok: true,
        },
      ],
    });
  });

  it("uses every finding's sources when no finding names the target", () => {
    const provenance = proposalProvenance({
      answerId: 'a-1',
      target: { kind: 'user', id: 'megan.bowen@contoso.com' },
      stored: { id: 'a-1', question: 'q', answer },
    });
    expect(provenance.sources.map((item) => item.id)).toEqual(['S3', 'S4', 'S5']);
  });

  it('falls back to the sources the audit record kept when the answer is no longer stored', () => {
    const provenance = proposalProvenance({
      answerId: 'a-gone',
      target: null,
      recordedSources: [
        source('S1', 'riskyUser', 'GET /v1.0/identityProtection/riskyUsers/x'),
        source('S2', 'signIns', 'GET x', false),
      ],
    });
    expect(provenance).toEqual({
      answerId: 'a-gone',
      question: null,
      title: null,
      planner: null,
      sources: [
        {
          id: 'S1',
          ref: 'entra.riskyUser',
          request: 'GET /v1.0/identityProtection/riskyUsers/x',
          pluginVersion: '0.1.0',
          ok: true,
        },
      ],
    });
  });
});
