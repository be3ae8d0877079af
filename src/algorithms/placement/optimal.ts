/**
 * Optimal mode (./README.md, steps 1–4): the exact assignment, the local search from it and from
 * the tilted and linearised starts, iterated local search, then the couples without a mission
 * by coordinate descent. Every budget is counted in work (pairing evaluations, solves), never in
 * time: the same input gives the same output on any machine.
 */
import { assignableRows, assignRows, remainingPlaces, scoreAssignment, seatCandidateOf, withFixed } from './assign.js';
import { allowedIn, coupleValue, EPS, isApartIn, type Model, pairOf } from './model.js';
import type { Pairing } from './pairing.js';
import { Search } from './search.js';

/** Linearised restarts (λ > 0). */
const RELINEARISE_ROUNDS = 3;
/** Local search budget, in pairing evaluations (chain steps count as one) per start… */
const SEARCH_BUDGET = 1_500_000;
/** …and for all the kicks together. */
const KICK_BUDGET = 2_000_000;
/** Couples without a mission: solves of the rest allowed, as V·M·solves. */
const COUPLE_WORK = 60_000_000;
/** The kicks of the iterated local search, in turn. */
const KICKS = ['missions', 'related', 'shake', 'shake'] as const;

/** mulberry32: a small PRNG with a fixed seed, for the deterministic kicks of the local search. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Solved {
  missionOf: Int32Array;
  coupleMission: Int32Array;
  /** Comparable total: Σ pairing values of the singles + couples' s + λ·p. */
  total: number;
  assignmentOptimum: number;
}

/** Steps 1–3 of ./README.md, the couples' missions given. */
function solveRest(model: Model, pairing: Pairing, coupleMission: Int32Array, maxPartner: Float64Array | undefined): Solved {
  const rows = assignableRows(model);
  const rem = remainingPlaces(model, coupleMission);
  const seat = seatCandidateOf(model);
  const M = model.M;
  const { missionOf: start, assignmentOptimum } = scoreAssignment(model, coupleMission, rows, rem);
  let couples = 0;
  model.couples.forEach((c, k) => {
    if (coupleMission[k]! >= 0) couples += coupleValue(model, c, coupleMission[k]!);
  });

  const first = new Search(model, pairing, start, coupleMission);
  const focus = model.lambda === 0 && !model.hasApart;
  const needed = !focus || first.anyImperfect();
  if (needed) first.run(SEARCH_BUDGET, focus, focus ? 'relevant' : 'all');
  let best = { missionOf: first.snapshot(), total: first.total() };
  if (model.lambda > 0 && maxPartner) {
    const lambda = model.lambda;
    const tilted = assignRows(
      model,
      rows,
      rem,
      (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! + (lambda * maxPartner[v * M + m]!) / 2 : Number.NaN),
      seat,
    );
    const second = new Search(model, pairing, withFixed(model, coupleMission, tilted.missionOf), coupleMission);
    second.run(SEARCH_BUDGET, false, 'all');
    if (second.total() > best.total + EPS) best = { missionOf: second.snapshot(), total: second.total() };
  }
  // Linearised restarts: the exact assignment again, each volunteer's pair score on a mission
  // estimated from the best state (their best partner among its volunteers there, or half the
  // best possible partner on an empty mission), then a search; a few rounds.
  if (model.lambda > 0 && maxPartner) {
    const lambda = model.lambda;
    for (let round = 0; round < RELINEARISE_ROUNDS; round++) {
      const on: number[][] = Array.from({ length: M }, () => []);
      best.missionOf.forEach((m, v) => {
        if (m >= 0 && model.coupleOf[v]! < 0) on[m]!.push(v);
      });
      const estimate = (v: number, m: number) => {
        let q = -1;
        for (const w of on[m]!) if (w !== v && !isApartIn(model, v, w)) q = Math.max(q, pairOf(model, v, w, m));
        return q >= 0 ? q : maxPartner[v * M + m]! / 2;
      };
      const linear = assignRows(model, rows, rem, (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! + lambda * estimate(v, m) / 2 : Number.NaN), seat);
      const search = new Search(model, pairing, withFixed(model, coupleMission, linear.missionOf), coupleMission);
      search.run(SEARCH_BUDGET, false, 'all');
      if (search.total() > best.total + EPS) best = { missionOf: search.snapshot(), total: search.total() };
      else break;
    }
  }
  // Iterated local search: kick the current state, search again around the kick, keep the best.
  // The current state moves on when the new one is better, and otherwise now and then (a random
  // walk, which leaves a large basin), back to the best after 20 kicks without progress. The
  // kicks come from a PRNG with a fixed seed: the same input, the same output.
  if (needed) {
    const next = mulberry32(0x5eed);
    const iterations = model.rowList.length <= 500 ? 300 : model.rowList.length <= 5_000 ? 40 : 20;
    const end = pairing.evaluations + KICK_BUDGET;
    first.restore(best.missionOf);
    let current = { missionOf: best.missionOf, total: best.total };
    let since = 0;
    for (let it = 0; it < iterations && pairing.evaluations < end; it++) {
      first.kick(next, 1 + (it % 3), KICKS[it % KICKS.length]!);
      first.run(end - pairing.evaluations, false, 'woken');
      const total = first.total();
      let stay = true;
      since++;
      if (total > best.total + EPS) {
        best = current = { missionOf: first.snapshot(), total };
        since = 0;
      } else if (total > current.total + EPS || next() < 0.25) current = { missionOf: first.snapshot(), total };
      else stay = false;
      if (since >= 20) {
        current = best;
        since = 0;
        stay = false;
      }
      if (!stay) first.restore(current.missionOf);
    }
  }
  return { missionOf: best.missionOf, coupleMission, total: best.total + couples, assignmentOptimum };
}

export function placeOptimal(model: Model, pairing: Pairing, maxPartner: Float64Array | undefined): Solved {
  const { M, V } = model;
  const coupleMission = Int32Array.from(model.couples, (c) => c.mission);
  const open = model.couples.map((c, k) => (c.mission < 0 ? k : -1)).filter((k) => k >= 0);
  if (open.length === 0) return solveRest(model, pairing, coupleMission, maxPartner);

  // Room for couples: the places no locked single, fixed couple or partner seat takes.
  const room = Int32Array.from(model.cap);
  for (let m = 0; m < M; m++) room[m]! -= model.lockedAt[m]!.length + model.need[m]!;
  model.couples.forEach((c) => {
    if (c.mission >= 0) room[c.mission]! -= 2;
  });
  const exhaustive = V <= 60 && M <= 40;
  const options = open.map((k) => {
    const c = model.couples[k]!;
    const list: { m: number; value: number }[] = [];
    for (let m = 0; m < M; m++) if (allowedIn(model, c.a, m) && allowedIn(model, c.b, m)) list.push({ m, value: coupleValue(model, c, m) });
    list.sort((x, y) => y.value - x.value || x.m - y.m);
    return list.map((o) => o.m);
  });
  // Start: each couple on its best mission with room, in order.
  open.forEach((k, i) => {
    const m = options[i]!.find((x) => room[x]! >= 2) ?? -1;
    coupleMission[k] = m;
    if (m >= 0) room[m]! -= 2;
  });
  let best = solveRest(model, pairing, coupleMission, maxPartner);
  let solves = 1;
  const maxSolves = Math.max(8, Math.floor(COUPLE_WORK / Math.max(1, V * M)));
  for (let round = 0, moved = true; moved && round < 3; round++) {
    moved = false;
    open.forEach((k, i) => {
      const current = best.coupleMission[k]!;
      const tries = [...(exhaustive ? options[i]! : options[i]!.slice(0, 3)), -1];
      for (const m of tries) {
        if (m === current || solves >= maxSolves) continue;
        if (m >= 0 && room[m]! < 2) continue;
        const choice = Int32Array.from(best.coupleMission);
        choice[k] = m;
        const candidate = solveRest(model, pairing, choice, maxPartner);
        solves++;
        if (candidate.total > best.total + EPS) {
          if (best.coupleMission[k]! >= 0) room[best.coupleMission[k]!]! += 2;
          if (m >= 0) room[m]! -= 2;
          best = candidate;
          moved = true;
        }
      }
    });
  }
  return best;
}
