/**
 * Stable mode (./README.md): volunteer-proposing deferred acceptance with capacities, locked
 * singles and couples placed first. Its result is the `matching` of the output; pairs and parity
 * are settled after it, by the repair and the pairing with the mission's view as the order.
 */
import { withFixed } from './assign.js';
import { allowedIn, isApartIn, type Model } from './model.js';

export function placeStable(model: Model): { missionOf: Int32Array; coupleMission: Int32Array } {
  const { M, V, cap, vPref, mPref, score } = model;
  const coupleMission = Int32Array.from(model.couples, (c) => c.mission);
  // Places for free singles; a couple without a mission also leaves the partner seats free.
  const room = Int32Array.from(cap);
  for (let m = 0; m < M; m++) room[m]! -= model.lockedAt[m]!.length;
  model.couples.forEach((c) => {
    if (c.mission >= 0) room[c.mission]! -= 2;
  });
  model.couples.forEach((c, k) => {
    if (c.mission >= 0) return;
    let best = -1;
    let bestValue = -Infinity;
    for (let m = 0; m < M; m++) {
      if (room[m]! - model.need[m]! < 2 || !allowedIn(model, c.a, m) || !allowedIn(model, c.b, m)) continue;
      const value = vPref[c.a * M + m]! + vPref[c.b * M + m]!;
      if (Number.isNaN(value)) continue;
      if (value > bestValue) {
        best = m;
        bestValue = value;
      }
    }
    coupleMission[k] = best;
    if (best >= 0) room[best]! -= 2;
  });

  const missionOf = withFixed(model, coupleMission, new Int32Array(V).fill(-1));
  const lists: Int32Array[] = [];
  for (const v of model.free) {
    const list: number[] = [];
    for (let m = 0; m < M; m++) {
      const i = v * M + m;
      if (room[m]! > 0 && cap[m]! >= 2 && !Number.isNaN(score[i]!) && !Number.isNaN(vPref[i]!) && !Number.isNaN(mPref[i]!)) list.push(m);
    }
    list.sort((x, y) => vPref[v * M + y]! - vPref[v * M + x]! || x - y);
    lists[v] = Int32Array.from(list);
  }
  const ranksAbove = (m: number, x: number, y: number) => mPref[x * M + m]! > mPref[y * M + m]! || (mPref[x * M + m] === mPref[y * M + m] && x < y);
  const held: number[][] = Array.from({ length: M }, () => []);
  const next = new Int32Array(V);
  const queue = Array.from(model.free);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const list = lists[v]!;
    if (next[v]! >= list.length) continue;
    const m = list[next[v]!++]!;
    const candidates = [...held[m]!, v].sort((x, y) => (ranksAbove(m, x, y) ? -1 : ranksAbove(m, y, x) ? 1 : 0));
    const keep: number[] = [];
    for (const c of candidates) {
      const conflict = cap[m] === 2 && (model.lockedAt[m]!.some((l) => isApartIn(model, c, l)) || keep.some((k) => isApartIn(model, c, k)));
      if (keep.length < room[m]! && !conflict) {
        keep.push(c);
        missionOf[c] = m;
      } else {
        missionOf[c] = -1;
        queue.push(c);
      }
    }
    held[m] = keep;
  }
  return { missionOf, coupleMission };
}
