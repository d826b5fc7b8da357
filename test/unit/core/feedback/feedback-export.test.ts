import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../../src/core/answer.js';
import {
  csvHeader,
  csvLine,
  jsonlLine,
  toExportRecord,
} from '../../../../src/core/feedback/feedback-export.js';
import type { FeedbackWithAnswer } from '../../../../src/store/feedback.js';

const row: FeedbackWithAnswer = {
  id: '42',
  answerId: '5f0c2a4e-8d1b-4c53-9a7e-2b6f0e4d9c11',
  userId: 'aad-1',
  userName: 'Megan Bowen',
  rating: 'needs-improvement',
  reason: 'wrong-data',
  comment: '-1, "really"\nsecond line',
  channel: 'card',
  createdAt: new Date('2026-11-24T14:00:00Z'),
  updatedAt: new Date('2026-11-24T15:00:00Z'),
  answer: {
    conversationId: 'c',
    question: '=cmd|"/c calc"!A1',
    intent: 'user-risk',
    planner: 'gpt-4o',
    createdAt: new Date('2026-11-24T13:00:00Z'),
    content: answerSchema.parse({
      intent: 'user-risk',
      title: 'Adele, at risk',
      summary: 's',
      riskLevel: 'high',
      planner: 'gpt-4o',
      evidence: [{ title: 't', columns: ['a'], rows: [], citations: ['S2'] }],
      sources: [
        { id: 'S1', plugin: 'entra', skill: 'user', service: 'E', requests: [], ok: true, version: '0.1.0' },
        {
          id: 'S2',
          plugin: 'defender-xdr',
          skill: 'alerts',
          service: 'D',
          requests: [],
          ok: true,
          version: '0.2.0',
        },
      ],
    }),
  },
};

describe('the feedback export format', () => {
  it('joins a rating with its answer and the plugins (and versions) the answer cited, naming no analyst', () => {
    const record = toExportRecord(row);
    expect(record).toEqual({
      feedbackId: '42',
      answerId: row.answerId,
      ratedAt: '2026-11-24T15:00:00.000Z',
      firstRatedAt: '2026-11-24T14:00:00.000Z',
      channel: 'card',
      rating: 'needs-improvement',
      reason: 'wrong-data',
      comment: '-1, "really"\nsecond line',
      question: '=cmd|"/c calc"!A1',
      intent: 'user-risk',
      planner: 'gpt-4o',
      answerTitle: 'Adele, at risk',
      riskLevel: 'high',
      answeredAt: '2026-11-24T13:00:00.000Z',
      citedPlugins: ['defender-xdr'],
      pluginVersions: ['defender-xdr@0.2.0'],
    });
    expect(JSON.stringify(record)).not.toContain('Megan');
    expect(JSON.parse(jsonlLine(record))).toEqual(record);
    expect(jsonlLine(record).endsWith('}\n')).toBe(true);
  });

  it('writes RFC 4180 CSV with formulas neutralised for spreadsheets', () => {
    expect(csvHeader()).toBe(
      'feedbackId,answerId,ratedAt,firstRatedAt,channel,rating,reason,comment,question,intent,planner,answerTitle,riskLevel,answeredAt,citedPlugins,pluginVersions\r\n',
    );
    const line = csvLine(toExportRecord(row));
    expect(line).toBe(
      `42,${row.answerId},2026-11-24T15:00:00.000Z,2026-11-24T14:00:00.000Z,card,needs-improvement,wrong-data,"'-1, ""really""\nsecond line","'=cmd|""/c calc""!A1",user-risk,gpt-4o,"Adele, at risk",high,2026-11-24T13:00:00.000Z,defender-xdr,defender-xdr@0.2.0\r\n`,
    );
    const empty = csvLine({
      ...toExportRecord(row),
      reason: null,
      comment: null,
      citedPlugins: [],
      pluginVersions: [],
    });
    expect(empty).toContain(',needs-improvement,,,');
  });
});
