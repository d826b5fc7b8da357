/**
 * What every part of the seed shares: the random source, the instant the timeline is anchored at, and the
 * directory; and what a story or generator hands back. Keeps the seed modules' signatures small.
 * It never holds state beyond one seeding run.
 */
import type { DemoRiskDetection, DemoRiskyUser, DemoSignIn, DemoUser } from '../demo-tenant-state.js';
import type { SeededRandom } from './seeded-random.js';

/** Shared by the seed modules during one run. */
export interface SeedContext {
  random: SeededRandom;
  /** Epoch ms of `now()` when seeding. */
  anchorMs: number;
  people: readonly DemoUser[];
}

/** Records a story or generator adds to the tenant. */
export interface SeededRecords {
  signIns: DemoSignIn[];
  riskDetections: DemoRiskDetection[];
  riskyUsers: DemoRiskyUser[];
}

/** The person with this object id; throws if the seed is inconsistent. */
export function personById(context: SeedContext, id: string): DemoUser {
  const person = context.people.find((p) => p.user.id === id);
  if (person === undefined) throw new Error(`seed inconsistency: no person with id ${id}`);
  return person;
}
