/**
 * The upper bound of every result (./README.md, "Bound"): an assignment in which each binôme's
 * pair score is split half to each member, at its best possible partner, and couples without a
 * mission are two rows: above the value of every feasible placement, not the optimum itself.
 */
import { assignableRows, assignRows, remainingPlaces, seatCandidateOf } from './assign.js';
import { allowedIn, coupleValue, isApartIn, type Model, pairOf } from './model.js';

/** maxPartner is computed exactly while there are at most this many pairs to score. */
const PAIR_SCORE_LIMIT = 4_000_000;

/** maxPartner(v, m) for every single that can be on m (NaN: nobody could be their partner), or undefined when too many pairs. */
export function maxPartners(model: Model): Float64Array | undefined {
  const { M, V } = model;
  const on: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) {
    if (model.coupleOf[v]! >= 0) continue;
    if (model.lockOf[v]! >= 0) on[model.lockOf[v]!]!.push(v);
    else for (let m = 0; m < M; m++) if (allowedIn(model, v, m)) on[m]!.push(v);
  }
  let pairs = 0;
  for (const list of on) pairs += (list.length * (list.length - 1)) / 2;
  if (pairs > PAIR_SCORE_LIMIT) return undefined;
  const best = new Float64Array(V * M).fill(Number.NaN);
  on.forEach((list, m) => {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (isApartIn(model, a, b)) continue;
        const p = model.pairScore(a, b, m);
        if (!(best[a * M + m]! >= p)) best[a * M + m] = p;
        if (!(best[b * M + m]! >= p)) best[b * M + m] = p;
      }
    }
  });
  return best;
}

export function upperBound(model: Model, maxPartner: Float64Array | undefined): number {
  const { M, lambda, score } = model;
  const half = (v: number, m: number) => {
    if (lambda === 0) return 0;
    const p = maxPartner ? maxPartner[v * M + m]! : 100;
    return Number.isNaN(p) ? 0 : (lambda * p) / 2;
  };
  let constant = 0;
  for (let m = 0; m < M; m++) for (const l of model.lockedAt[m]!) constant += score[l * M + m]! + half(l, m);
  const fixed = new Int32Array(model.couples.length).fill(-1);
  const rows = assignableRows(model);
  const partnerOf = new Int32Array(model.V).fill(-1);
  model.couples.forEach((c, k) => {
    if (c.mission >= 0) {
      constant += coupleValue(model, c, c.mission);
      fixed[k] = c.mission;
    } else {
      rows.push(c.a, c.b);
      partnerOf[c.a] = c.b;
      partnerOf[c.b] = c.a;
    }
  });
  const rem = remainingPlaces(model, fixed);
  const weightOf = (v: number, m: number) => {
    const partner = partnerOf[v]!;
    if (partner >= 0) {
      if (!allowedIn(model, v, m) || !allowedIn(model, partner, m)) return Number.NaN;
      return score[v * M + m]! + (lambda === 0 ? 0 : (lambda * pairOf(model, v, partner, m)) / 2);
    }
    return model.placeable[v * M + m] ? score[v * M + m]! + half(v, m) : Number.NaN;
  };
  const seat = seatCandidateOf(model);
  return constant + assignRows(model, rows, rem, weightOf, (v, m) => partnerOf[v]! < 0 && seat(v, m)).value;
}
