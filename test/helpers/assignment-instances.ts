/**
 * Assignment (placement) instances from a seed, the same on every run: the tests' medium random
 * cases and the benchmark's (bench/placement.ts).
 */
import type { AssignmentProblem } from '../../src/algorithms/assignment.js';
import { prng } from './forum-instances.js';

export interface PlacementShape {
  volunteers: number;
  missions: number;
  /** Places per mission, drawn between these (inclusive). */
  places: readonly [number, number];
  /** Whole scores 0–100, scores in tenths 0.0–100.0, or any double in [0, 100). */
  scores: 'integers' | 'tenths' | 'reals';
  /** Share of forbidden pairs (NaN), 0 by default. */
  forbidden?: number;
  /** Share of negative scores (−20 to 0), 0 by default. */
  negative?: number;
  /**
   * Share of each score that is the mission's popularity (the same for every volunteer, uniform
   * over the scores' range), the rest being the volunteer's own taste; 0 by default. Whole
   * scores stay whole (rounded).
   */
  popularity?: number;
}

/** Dense scores, uniform over their range; each pair forbidden with probability `forbidden`. */
export function randomPlacement(seed: number, shape: PlacementShape): AssignmentProblem {
  const rand = prng(seed);
  const capacities = Array.from({ length: shape.missions }, () => rand.int(shape.places[0], shape.places[1]));
  const share = shape.popularity ?? 0;
  const popularity = Array.from({ length: share > 0 ? shape.missions : 0 }, () => rand.next() * 100);
  const weight = new Float64Array(shape.volunteers * shape.missions);
  for (let i = 0; i < weight.length; i++) {
    if (shape.forbidden && rand.chance(shape.forbidden)) weight[i] = NaN;
    else if (shape.negative && rand.chance(shape.negative)) weight[i] = -rand.int(0, 200) / 10;
    else if (shape.scores === 'integers') weight[i] = rand.int(0, 100);
    else if (shape.scores === 'tenths') weight[i] = rand.int(0, 1000) / 10;
    else weight[i] = rand.next() * 100;
    if (share > 0 && weight[i]! >= 0) {
      const mixed = share * popularity[i % shape.missions]! + (1 - share) * weight[i]!;
      weight[i] = shape.scores === 'integers' ? Math.round(mixed) : shape.scores === 'tenths' ? Math.round(mixed * 10) / 10 : mixed;
    }
  }
  return { rows: shape.volunteers, capacities, weight };
}
