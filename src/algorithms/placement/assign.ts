/**
 * The free singles' assignment: the exact maximum-weight assignment (../assignment.ts) with
 * locked singles and couples pre-placed and the partner seats reserved (./README.md, "Locked
 * partners"), and the small sums the modes and the bound build around it.
 */
import { maxWeightAssignment } from '../assignment.js';
import { isApartIn, type Model } from './model.js';

/**
 * The free singles' missions that maximise Σ weight, with `rem` places left per mission and the
 * partner seats of `model.need` filled first (each by a possible partner). Returns the mission of
 * every free single (−1 elsewhere) and Σ weight.
 */
export function assignRows(
  model: Model,
  rows: readonly number[],
  rem: Int32Array,
  weightOf: (v: number, m: number) => number,
  seatCandidate: (v: number, m: number) => boolean,
): { missionOf: Int32Array; value: number } {
  const { M } = model;
  const missionOf = new Int32Array(model.V).fill(-1);
  const seatMission: number[] = [];
  for (let m = 0; m < M; m++) if (model.need[m]! > 0 && rem[m]! > 0) seatMission.push(m);
  const G = M + seatMission.length;
  const capacities = new Int32Array(G);
  for (let m = 0; m < M; m++) capacities[m] = Math.max(0, rem[m]!);
  seatMission.forEach((m, k) => {
    const seats = Math.min(model.need[m]!, rem[m]!);
    capacities[M + k] = seats;
    capacities[m]! -= seats;
  });
  const weight = new Float64Array(rows.length * G).fill(Number.NaN);
  let total = 0;
  rows.forEach((v, r) => {
    let best = 0;
    for (let m = 0; m < M; m++) {
      const w = weightOf(v, m);
      if (Number.isNaN(w)) continue;
      weight[r * G + m] = w;
      best = Math.max(best, w);
    }
    total += best;
  });
  if (seatMission.length > 0) {
    const bonus = 2 * total + 1;
    rows.forEach((v, r) => {
      seatMission.forEach((m, k) => {
        const w = weight[r * G + m]!;
        if (!Number.isNaN(w) && seatCandidate(v, m)) weight[r * G + M + k] = w + bonus;
      });
    });
  }
  const { groupOf } = maxWeightAssignment({ rows: rows.length, capacities, weight });
  let value = 0;
  rows.forEach((v, r) => {
    const g = groupOf[r]!;
    if (g < 0) return;
    const m = g < M ? g : seatMission[g - M]!;
    missionOf[v] = m;
    value += weight[r * G + m]!;
  });
  return { missionOf, value };
}

export const seatCandidateOf = (model: Model) => (v: number, m: number) => model.lockedAt[m]!.some((l) => !isApartIn(model, v, l));

/** Free singles with at least one placeable mission. */
export function assignableRows(model: Model): number[] {
  const rows: number[] = [];
  for (const v of model.free) if (model.rowStart[v + 1]! > model.rowStart[v]!) rows.push(v);
  return rows;
}

/** Places left for free singles, once locked singles and couples (at coupleMission) are in. */
export function remainingPlaces(model: Model, coupleMission: Int32Array): Int32Array {
  const rem = Int32Array.from(model.cap);
  for (let m = 0; m < model.M; m++) rem[m]! -= model.lockedAt[m]!.length;
  model.couples.forEach((_, c) => {
    const m = coupleMission[c]!;
    if (m >= 0) rem[m]! -= 2;
  });
  return rem;
}

/** Every volunteer's mission: locked singles and couples from the model, free singles from `free`. */
export function withFixed(model: Model, coupleMission: Int32Array, free: Int32Array): Int32Array {
  const missionOf = Int32Array.from(free);
  for (let m = 0; m < model.M; m++) for (const l of model.lockedAt[m]!) missionOf[l] = m;
  model.couples.forEach((c, k) => {
    missionOf[c.a] = missionOf[c.b] = coupleMission[k]!;
  });
  return missionOf;
}

function scoreSum(model: Model, missionOf: Int32Array): number {
  let total = 0;
  for (let v = 0; v < model.V; v++) if (missionOf[v]! >= 0) total += model.score[v * model.M + missionOf[v]!]!;
  return total;
}

/**
 * Step 1 (./README.md), the couples' missions given: the free singles assigned by score alone.
 * Returns every volunteer's mission, locked singles and couples included, and its Σ s, which is
 * `assignmentOptimum` in both modes.
 */
export function scoreAssignment(
  model: Model,
  coupleMission: Int32Array,
  rows = assignableRows(model),
  rem = remainingPlaces(model, coupleMission),
): { missionOf: Int32Array; assignmentOptimum: number } {
  const M = model.M;
  const plain = assignRows(model, rows, rem, (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! : Number.NaN), seatCandidateOf(model));
  const missionOf = withFixed(model, coupleMission, plain.missionOf);
  return { missionOf, assignmentOptimum: scoreSum(model, missionOf) };
}
