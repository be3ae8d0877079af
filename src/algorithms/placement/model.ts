/**
 * The model: the input read once after checkConstraints accepted it, its constraints merged
 * (couples with their mission or a member's lock, locked singles per mission, the partner seats
 * they need), and what the solvers ask of it again and again precomputed (who is placeable where,
 * by rows and by columns, best scores first).
 */
import { evenPart } from './constraints.js';
import { lockedNeed } from './partners.js';
import type { PlacementInput } from './types.js';

/** Values closer than this are equal: sums of scores and λ·p in floating point. */
export const EPS = 1e-6;

/** (a0, a1, a2) > (b0, b1, b2) lexicographically, within EPS: the order of pairing values (./pairing.ts). */
export function better(a0: number, a1: number, a2: number, b0: number, b1: number, b2: number): boolean {
  if (a0 > b0 + EPS) return true;
  if (a0 < b0 - EPS) return false;
  if (a1 > b1 + EPS) return true;
  if (a1 < b1 - EPS) return false;
  return a2 > b2 + EPS;
}

export interface Couple {
  a: number;
  b: number;
  /** Fixed mission, or −1 when the solver chooses. */
  mission: number;
}

export interface Model {
  stable: boolean;
  V: number;
  M: number;
  lambda: number;
  places: Int32Array;
  cap: Int32Array;
  score: ArrayLike<number>;
  vPref: ArrayLike<number>;
  mPref: ArrayLike<number>;
  pairScore: PlacementInput['pairScore'];
  lockOf: Int32Array;
  coupleOf: Int32Array;
  couples: Couple[];
  apartKeys: Set<number>;
  hasApart: boolean;
  /** Locked singles per mission. */
  lockedAt: number[][];
  /** Partner seats per mission (./README.md, "Locked partners"). */
  need: Int32Array;
  /** Free singles in index order. */
  free: Int32Array;
  isFree: Uint8Array;
  /** V×M, for free singles. */
  placeable: Uint8Array;
  /** Placeable missions per free single (CSR). */
  rowStart: Int32Array;
  rowList: Int32Array;
  /** Free singles placeable per mission (CSR). */
  colStart: Int32Array;
  colList: Int32Array;
}

export function buildModel(input: PlacementInput): Model {
  const V = input.volunteers;
  const M = input.places.length;
  const places = new Int32Array(M);
  const cap = new Int32Array(M);
  for (let m = 0; m < M; m++) {
    places[m] = input.places[m]!;
    cap[m] = evenPart(places[m]!);
  }
  const score = input.score;
  const allowed = (v: number, m: number) => cap[m]! >= 2 && !Number.isNaN(score[v * M + m]!);

  const lockOf = new Int32Array(V).fill(-1);
  for (const { volunteer, mission } of input.locks) lockOf[volunteer] = mission;
  const apartKeys = new Set<number>();
  const apartOf: number[][] = Array.from({ length: V }, () => []);
  for (const { a, b } of input.apart) {
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (apartKeys.has(key)) continue;
    apartKeys.add(key);
    apartOf[a]!.push(b);
    apartOf[b]!.push(a);
  }
  const coupleOf = new Int32Array(V).fill(-1);
  const couples: Couple[] = [];
  for (const { a, b, mission } of input.together) {
    const c = coupleOf[a]!;
    if (c >= 0) {
      if (mission !== undefined) couples[c]!.mission = mission;
      continue;
    }
    coupleOf[a] = coupleOf[b] = couples.length;
    couples.push({ a: Math.min(a, b), b: Math.max(a, b), mission: mission ?? -1 });
  }
  for (const c of couples) if (c.mission < 0) c.mission = lockOf[c.a]! >= 0 ? lockOf[c.a]! : lockOf[c.b]!;

  const lockedAt: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) if (lockOf[v]! >= 0 && coupleOf[v]! < 0) lockedAt[lockOf[v]!]!.push(v);
  const isApart = (a: number, b: number) => apartKeys.has(Math.min(a, b) * V + Math.max(a, b));
  const need = new Int32Array(M);
  for (let m = 0; m < M; m++) need[m] = lockedNeed(lockedAt[m]!, isApart);

  const isFree = new Uint8Array(V);
  const freeList: number[] = [];
  for (let v = 0; v < V; v++) {
    if (lockOf[v]! < 0 && coupleOf[v]! < 0) {
      isFree[v] = 1;
      freeList.push(v);
    }
  }
  // Singles who could be somebody's partner on m: allowed there, free or locked there.
  const canBeOn = (w: number, m: number) => coupleOf[w]! < 0 && (lockOf[w]! < 0 || lockOf[w] === m) && allowed(w, m);
  const singlesOn = new Int32Array(M);
  for (let w = 0; w < V; w++) {
    if (coupleOf[w]! >= 0) continue;
    if (lockOf[w]! >= 0) singlesOn[lockOf[w]!]!++;
    else for (let m = 0; m < M; m++) if (allowed(w, m)) singlesOn[m]!++;
  }
  const placeable = new Uint8Array(V * M);
  const rowStart = new Int32Array(V + 1);
  const rows: number[] = [];
  const colCount = new Int32Array(M);
  for (let v = 0; v < V; v++) {
    rowStart[v] = rows.length;
    if (!isFree[v]) continue;
    for (let m = 0; m < M; m++) {
      if (!allowed(v, m)) continue;
      let partners = singlesOn[m]! - 1;
      for (const u of apartOf[v]!) if (canBeOn(u, m)) partners--;
      if (partners <= 0) continue;
      placeable[v * M + m] = 1;
      rows.push(m);
      colCount[m]!++;
    }
  }
  rowStart[V] = rows.length;
  const colStart = new Int32Array(M + 1);
  for (let m = 0; m < M; m++) colStart[m + 1] = colStart[m]! + colCount[m]!;
  const colList = new Int32Array(rows.length);
  const fill = colStart.slice(0, M);
  for (let v = 0; v < V; v++) for (let k = rowStart[v]!; k < rowStart[v + 1]!; k++) colList[fill[rows[k]!]!++] = v;
  // Best scores first (ties by index): the local search looks at the most promising moves first
  // and its chains only at the first few.
  const rowList = Int32Array.from(rows);
  for (let v = 0; v < V; v++) {
    rowList.subarray(rowStart[v]!, rowStart[v + 1]!).sort((x, y) => score[v * M + y]! - score[v * M + x]! || x - y);
  }
  for (let m = 0; m < M; m++) {
    colList.subarray(colStart[m]!, colStart[m + 1]!).sort((x, y) => score[y * M + m]! - score[x * M + m]! || x - y);
  }

  return {
    stable: input.mode === 'stable',
    V,
    M,
    lambda: input.pairWeight,
    places,
    cap,
    score,
    vPref: input.volunteerPreference,
    mPref: input.missionPreference,
    pairScore: input.pairScore,
    lockOf,
    coupleOf,
    couples,
    apartKeys,
    hasApart: apartKeys.size > 0,
    lockedAt,
    need,
    free: Int32Array.from(freeList),
    isFree,
    placeable,
    rowStart,
    rowList,
    colStart,
    colList,
  };
}

export const isApartIn = (model: Model, a: number, b: number) => model.apartKeys.has(Math.min(a, b) * model.V + Math.max(a, b));
export const allowedIn = (model: Model, v: number, m: number) => model.cap[m]! >= 2 && !Number.isNaN(model.score[v * model.M + m]!);
export const pairOf = (model: Model, a: number, b: number, m: number) => model.pairScore(Math.min(a, b), Math.max(a, b), m);
export const prefOrZero = (x: number) => (Number.isNaN(x) ? 0 : x);

export function coupleValue(model: Model, c: Couple, m: number): number {
  const M = model.M;
  return model.score[c.a * M + m]! + model.score[c.b * M + m]! + model.lambda * pairOf(model, c.a, c.b, m);
}
