/**
 * Times the stages of answering one question (grounding, planning, post-processing) for the answer's
 * "how I got this". Laps are taken in order on one clock; a stage never lapped counts as 0 ms. It only
 * measures: it never changes what an answer says.
 */
import type { Answer, AnswerTimings } from './answer.js';

export type AnswerStage = 'grounding' | 'planning' | 'postprocess';

export interface StageTimer {
  /** Ends `stage` now: the time since the previous lap (or the start) is added to it. */
  lap(stage: AnswerStage): void;
  /** Ends post-processing and returns the answer with its timings; `sourcesMs` from the skill ledger. */
  stamp(answer: Answer, sourcesMs?: number): Answer;
}

const stageKeys = {
  grounding: 'groundingMs',
  planning: 'planningMs',
  postprocess: 'postprocessMs',
} as const satisfies Record<AnswerStage, keyof AnswerTimings>;

/** Starts timing now. `clock` returns milliseconds (default `performance.now`). */
export function startStageTimer(clock: () => number = () => performance.now()): StageTimer {
  const started = clock();
  let last = started;
  const spent: Record<AnswerStage, number> = { grounding: 0, planning: 0, postprocess: 0 };
  const lap = (stage: AnswerStage) => {
    const now = clock();
    spent[stage] += Math.max(0, now - last);
    last = now;
  };
  return {
    lap,
    stamp(answer, sourcesMs) {
      lap('postprocess');
      const timings: AnswerTimings = {
        groundingMs: 0,
        planningMs: 0,
        postprocessMs: 0,
        totalMs: Math.round(Math.max(0, last - started)),
      };
      for (const stage of Object.keys(stageKeys) as AnswerStage[]) {
        timings[stageKeys[stage]] = Math.round(spent[stage]);
      }
      if (sourcesMs !== undefined) timings.sourcesMs = Math.round(Math.max(0, sourcesMs));
      return { ...answer, timings };
    },
  };
}
