/** The stage timer adds each lap to its stage and stamps the answer with whole milliseconds. */
import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../src/core/answer.js';
import { startStageTimer } from '../../../src/core/stage-timer.js';

describe('startStageTimer', () => {
  it('times grounding, planning and post-processing in order, with the sources and the total', () => {
    const ticks = [1_000, 1_004.4, 1_417.6, 1_420.2];
    const timer = startStageTimer(() => ticks.shift() ?? 9_999);
    timer.lap('grounding');
    timer.lap('planning');
    const answer = answerSchema.parse({
      intent: 'user-risk',
      title: 'T',
      summary: 'S',
      riskLevel: 'low',
      planner: 'rules',
    });
    const stamped = timer.stamp(answer, 380.4);
    expect(stamped.timings).toEqual({
      groundingMs: 4,
      planningMs: 413,
      postprocessMs: 3,
      sourcesMs: 380,
      totalMs: 420,
    });
    expect(answerSchema.parse(JSON.parse(JSON.stringify(stamped))).timings).toEqual(stamped.timings);
    expect(answer.timings).toBeUndefined();
  });
});
