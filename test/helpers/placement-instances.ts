/**
 * Placement instances from a seed, the same on every run: the property tests' random ones, the
 * oracle's small sparse ones and the large one of the timing test.
 *
 * Constraints are proposed at random and kept only when checkConstraints accepts them with the
 * ones kept before, so every instance is free of contradictions (placeVolunteers refuses the
 * others); the contradictions themselves are tested by hand.
 */
import { checkConstraints, type PlacementInput } from '../../src/algorithms/placement/index.js';
import { prng } from './forum-instances.js';

export { prng };

export interface PlacementShape {
  mode?: PlacementInput['mode'];
  volunteers: number;
  missions: number;
  /** Missions allowed per volunteer (score not NaN), drawn between these, inclusive. */
  allowed: readonly [number, number];
  /** Places per mission, drawn from this list. */
  places?: readonly number[];
  /** λ. */
  pairWeight?: number;
  /** How many of each constraint to try to add (fewer stay when they would contradict). */
  locks?: number;
  together?: number;
  apart?: number;
  /** Share of `together` given with a mission. */
  togetherOnMission?: number;
  /** Scores drawn between 0 and this (integers); preferences between 1 and `preferenceLevels` (ties). */
  maxScore?: number;
  preferenceLevels?: number;
}

/** A pair score 0..100 from a hash of (seed, a, b, mission): symmetric, deterministic, no storage. */
export function hashedPairScore(seed: number): (a: number, b: number, mission: number) => number {
  return (a, b, mission) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(lo + 1, 0xc2b2ae35) ^ Math.imul(hi + 7, 0x27d4eb2f) ^ Math.imul(mission + 13, 0x165667b1);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
    h ^= h >>> 15;
    return (h >>> 0) % 101;
  };
}

export function randomPlacement(seed: number, shape: PlacementShape): PlacementInput {
  const rand = prng(seed);
  const V = shape.volunteers;
  const M = shape.missions;
  const placesChoice = shape.places ?? [2, 2, 2, 3, 4];
  const places = Array.from({ length: M }, () => placesChoice[rand.int(0, placesChoice.length - 1)]!);
  const maxScore = shape.maxScore ?? 100;
  const levels = shape.preferenceLevels ?? 5;
  const score = new Float64Array(V * M).fill(Number.NaN);
  const volunteerPreference = new Float64Array(V * M).fill(Number.NaN);
  const missionPreference = new Float64Array(V * M).fill(Number.NaN);
  for (let v = 0; v < V; v++) {
    const want = Math.min(M, rand.int(shape.allowed[0], shape.allowed[1]));
    const chosen = new Set<number>();
    while (chosen.size < want) chosen.add(rand.int(0, M - 1));
    for (const m of chosen) {
      score[v * M + m] = rand.int(0, maxScore);
      volunteerPreference[v * M + m] = rand.int(1, levels);
      missionPreference[v * M + m] = rand.int(1, levels);
    }
  }
  const input: PlacementInput = {
    mode: shape.mode ?? 'optimal',
    volunteers: V,
    places,
    score,
    volunteerPreference,
    missionPreference,
    pairScore: hashedPairScore(seed),
    pairWeight: shape.pairWeight ?? 0,
    locks: [],
    together: [],
    apart: [],
  };
  const allowedOf = (v: number) => Array.from({ length: M }, (_, m) => m).filter((m) => !Number.isNaN(score[v * M + m]!));
  const keepIfConsistent = (add: () => void, undo: () => void) => {
    add();
    if (checkConstraints(input).length > 0) undo();
  };
  const locks = input.locks as { volunteer: number; mission: number }[];
  const together = input.together as { a: number; b: number; mission?: number }[];
  const apart = input.apart as { a: number; b: number }[];
  if (V === 0 || M === 0) return input;
  for (let k = 0; k < (shape.locks ?? 0); k++) {
    const volunteer = rand.int(0, V - 1);
    const allowed = allowedOf(volunteer);
    if (allowed.length === 0) continue;
    const mission = allowed[rand.int(0, allowed.length - 1)]!;
    keepIfConsistent(
      () => locks.push({ volunteer, mission }),
      () => locks.pop(),
    );
  }
  for (let k = 0; k < (shape.together ?? 0); k++) {
    const a = rand.int(0, V - 1);
    const b = rand.int(0, V - 1);
    const both = allowedOf(a).filter((m) => !Number.isNaN(score[b * M + m]!));
    const onMission = rand.chance(shape.togetherOnMission ?? 0.3) && both.length > 0;
    const mission = onMission ? both[rand.int(0, both.length - 1)]! : undefined;
    keepIfConsistent(
      () => together.push(mission === undefined ? { a, b } : { a, b, mission }),
      () => together.pop(),
    );
  }
  for (let k = 0; k < (shape.apart ?? 0); k++) {
    const a = rand.int(0, V - 1);
    const b = rand.int(0, V - 1);
    keepIfConsistent(
      () => apart.push({ a, b }),
      () => apart.pop(),
    );
  }
  return input;
}

/** A small sparse instance for the exact MIP: 8–40 volunteers, each allowed on 2–4 of 4–16 missions. */
export function oracleInstance(seed: number, options: { pairWeight: number; constraints: boolean }): PlacementInput {
  const rand = prng(seed * 7919 + 17);
  const volunteers = rand.int(8, 40);
  const missions = Math.max(4, Math.min(16, Math.round(volunteers / rand.int(2, 4))));
  return randomPlacement(seed, {
    volunteers,
    missions,
    allowed: [2, 4],
    places: [2, 2, 2, 2, 3, 4, 4, 6],
    pairWeight: options.pairWeight,
    locks: options.constraints ? rand.int(0, 3) : 0,
    together: options.constraints ? rand.int(0, 2) : 0,
    apart: options.constraints ? rand.int(0, 6) : 0,
  });
}
