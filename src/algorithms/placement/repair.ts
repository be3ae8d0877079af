/**
 * Both modes, before the result is read (./README.md, "Repair"): the partner seats filled
 * whatever the solve did, a partner found for those left alone where one can be, then the
 * binômes, the unplaced and the open places with their reasons.
 */
import { seatCandidateOf } from './assign.js';
import { allowedIn, better, type Model, prefOrZero } from './model.js';
import type { Pairing, PairingOut } from './pairing.js';
import { augmentMatching } from './partners.js';
import type { PlacedBinome, PlacementResult, UnplacedReason } from './types.js';

/**
 * The partner seats (model.need) filled, whatever the solve did: a bipartite matching of seats
 * to possible partners (free singles allowed there and not apart from every locked single of the
 * mission), started from the possible partners already there and completed by augmenting paths
 * (Kuhn), so that it exists whenever checkConstraints passed. A partner brought in takes a free
 * place, or the place of a free member who is not a possible partner (the lowest ranked: by
 * missionPreference in stable mode, by score in optimal mode), who goes back to the pool.
 */
function givePartners(model: Model, mis: Int32Array, capSingles: Int32Array): void {
  const { M } = model;
  const seats: number[] = [];
  for (let m = 0; m < M; m++) for (let k = 0; k < model.need[m]!; k++) seats.push(m);
  if (seats.length === 0) return;
  const seat = seatCandidateOf(model);
  const rank = (v: number, m: number) => (model.stable ? prefOrZero(model.mPref[v * M + m]!) : model.score[v * M + m]!);
  const candidates = seats.map((m) => {
    const list: number[] = [];
    for (let q = model.colStart[m]!; q < model.colStart[m + 1]!; q++) if (seat(model.colList[q]!, m)) list.push(model.colList[q]!);
    // Those already there first, then the unplaced, then the others; each by rank.
    const group = (v: number) => (mis[v] === m ? 0 : mis[v]! < 0 ? 1 : 2);
    return list.sort((x, y) => group(x) - group(y) || rank(y, m) - rank(x, m) || x - y);
  });
  const matchOfRight = new Int32Array(model.V).fill(-1);
  const matchOfLeft = new Int32Array(seats.length).fill(-1);
  seats.forEach((m, k) => {
    const here = candidates[k]!.find((v) => mis[v] === m && matchOfRight[v]! < 0);
    if (here !== undefined) {
      matchOfLeft[k] = here;
      matchOfRight[here] = k;
    }
  });
  augmentMatching(candidates, matchOfLeft, matchOfRight);
  const count = new Int32Array(M);
  for (let v = 0; v < model.V; v++) if (model.coupleOf[v]! < 0 && mis[v]! >= 0) count[mis[v]!]!++;
  seats.forEach((m, k) => {
    const u = matchOfLeft[k]!;
    if (u < 0 || mis[u] === m) return;
    if (mis[u]! >= 0) count[mis[u]!]!--;
    if (count[m]! >= capSingles[m]!) {
      let out = -1;
      for (let v = 0; v < model.V; v++) {
        if (mis[v] !== m || !model.isFree[v] || matchOfRight[v]! >= 0) continue;
        if (out < 0 || rank(v, m) < rank(out, m) || (rank(v, m) === rank(out, m) && v > out)) out = v;
      }
      if (out < 0) return;
      mis[out] = -1;
      count[m]!--;
    }
    mis[u] = m;
    count[m]!++;
  });
}

export function finish(model: Model, pairing: Pairing, missionOf: Int32Array, coupleMission: Int32Array): Omit<PlacementResult, 'bound' | 'assignmentOptimum' | 'matching'> {
  const { M, V } = model;
  const mis = Int32Array.from(missionOf);
  const members: number[][] = Array.from({ length: M }, () => []);
  const capSingles = Int32Array.from(model.cap);
  coupleMission.forEach((m) => {
    if (m >= 0) capSingles[m]! -= 2;
  });
  givePartners(model, mis, capSingles);
  for (let v = 0; v < V; v++) if (model.coupleOf[v]! < 0 && mis[v]! >= 0) members[mis[v]!]!.push(v);
  const tuple = new Float64Array(3 * M);
  const dropped = new Uint8Array(V);
  const uncovered = new Uint8Array(M);
  const evaluate = (m: number) => {
    const out: PairingOut = { pairs: [], dropped: [] };
    const list = members[m]!;
    pairing.evaluate(m, list, list.length, out);
    tuple[3 * m] = pairing.t0;
    tuple[3 * m + 1] = pairing.t1;
    tuple[3 * m + 2] = pairing.t2;
    for (const v of list) dropped[v] = 0;
    uncovered[m] = 0;
    for (const v of out.dropped) {
      dropped[v] = 1;
      if (model.lockOf[v]! >= 0) uncovered[m] = 1;
    }
    return out;
  };
  for (let m = 0; m < M; m++) evaluate(m);
  const valueWith = (m: number, remove: number, add: number): [number, number, number] => {
    const list = members[m]!.filter((x) => x !== remove);
    if (add >= 0) list.push(add);
    pairing.evaluate(m, list, list.length);
    return [pairing.t0 - tuple[3 * m]!, pairing.t1 - tuple[3 * m + 1]!, pairing.t2 - tuple[3 * m + 2]!];
  };
  // A mission that leaves somebody without a partner takes the best possible partner among the
  // unplaced and the partnerless elsewhere, in a free place or instead of one of its own
  // partnerless (who goes back to the pool); a locked single still alone, from anywhere.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let m = 0; m < M; m++) {
      for (let guard = 0; guard <= capSingles[m]! && members[m]!.some((v) => dropped[v]); guard++) {
        let chosen = -1;
        let leaving = -1;
        let g: [number, number, number] = [0, 0, 0];
        const outs = members[m]!.filter((v) => dropped[v] && model.isFree[v]);
        if (members[m]!.length < capSingles[m]!) outs.unshift(-1);
        for (const anywhere of [false, true]) {
          if (anywhere && (chosen >= 0 || !uncovered[m])) break;
          for (let q = model.colStart[m]!; q < model.colStart[m + 1]!; q++) {
            const u = model.colList[q]!;
            const from = mis[u]!;
            if (from === m || (!anywhere && from >= 0 && !dropped[u])) continue;
            const loss = from >= 0 ? valueWith(from, u, -1) : ([0, 0, 0] as [number, number, number]);
            for (const out of outs) {
              const gain = valueWith(m, out, u);
              for (let k = 0; k < 3; k++) gain[k]! += loss[k]!;
              if (better(gain[0], gain[1], gain[2], g[0], g[1], g[2])) {
                chosen = u;
                leaving = out;
                g = gain;
              }
            }
          }
        }
        if (chosen < 0) break;
        const from = mis[chosen]!;
        if (from >= 0) members[from]!.splice(members[from]!.indexOf(chosen), 1);
        if (leaving >= 0) {
          members[m]!.splice(members[m]!.indexOf(leaving), 1);
          mis[leaving] = -1;
          dropped[leaving] = 0;
        }
        members[m]!.push(chosen);
        mis[chosen] = m;
        evaluate(m);
        if (from >= 0) evaluate(from);
      }
    }
  }

  const binomes: PlacedBinome[] = [];
  const placed = new Uint8Array(V);
  const droppedAt = new Int32Array(M);
  const lambda = model.lambda;
  const addBinome = (m: number, x: number, y: number) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const pair = model.pairScore(a, b, m);
    binomes.push({ mission: m, members: [a, b], score: model.score[a * M + m]! + model.score[b * M + m]! + lambda * pair, pair });
    placed[a] = placed[b] = 1;
  };
  for (let m = 0; m < M; m++) {
    const out = evaluate(m);
    for (let i = 0; i < out.pairs.length; i += 2) addBinome(m, out.pairs[i]!, out.pairs[i + 1]!);
    droppedAt[m] = out.dropped.length;
  }
  model.couples.forEach((c, k) => {
    if (coupleMission[k]! >= 0) addBinome(coupleMission[k]!, c.a, c.b);
  });
  binomes.sort((x, y) => x.mission - y.mission || x.members[0] - y.members[0] || x.members[1] - y.members[1]);

  const unplaced: PlacementResult['unplaced'] = [];
  for (let v = 0; v < V; v++) {
    if (placed[v]) continue;
    let reason: UnplacedReason;
    if (dropped[v] && mis[v]! >= 0) reason = 'odd-volunteer';
    else if (model.coupleOf[v]! >= 0) {
      const c = model.couples[model.coupleOf[v]!]!;
      let any = false;
      for (let m = 0; m < M && !any; m++) any = allowedIn(model, c.a, m) && allowedIn(model, c.b, m);
      reason = any ? 'not-chosen' : 'no-allowed-mission';
    } else if (model.isFree[v]) reason = model.rowStart[v + 1]! > model.rowStart[v]! ? 'not-chosen' : 'no-allowed-mission';
    else reason = 'odd-volunteer'; // a locked single without a partner (only when checkConstraints would refuse the input)
    unplaced.push({ volunteer: v, reason });
  }

  const perMission = new Int32Array(M);
  for (const b of binomes) perMission[b.mission]!++;
  const openPlaces: PlacementResult['openPlaces'] = [];
  for (let m = 0; m < M; m++) {
    const open = model.places[m]! - 2 * perMission[m]!;
    if (open <= 0) continue;
    const onePlace = Math.min(open, (model.places[m]! % 2) + 2 * droppedAt[m]!);
    if (open - onePlace > 0) openPlaces.push({ mission: m, places: open - onePlace, reason: 'no-volunteer' });
    if (onePlace > 0) openPlaces.push({ mission: m, places: onePlace, reason: 'one-place-left' });
  }
  let value = 0;
  for (const b of binomes) value += b.score;
  return { binomes, unplaced, openPlaces, value };
}
