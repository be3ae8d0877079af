/**
 * Pairing inside a mission: which of its singles form binômes (./README.md, optimal mode step 2).
 * A value is a tuple compared lexicographically:
 *   optimal: (Σ s + λ·Σ p of the kept, kept, Σ p)
 *   stable:  (kept, Σ missionPreference of the kept, Σ p)
 * A locked single left without a partner costs PENALTY in the first component.
 */
import { EPS, isApartIn, type Model, pairOf, prefOrZero } from './model.js';

/** A locked single left without a partner: worth less than anything else. */
const PENALTY = 1e9;
/** Exact pairing (DP over subsets) up to this many singles on a mission. */
const DP_LIMIT = 12;
/**
 * Pairing values are remembered from this many singles on: 4 on instances of up to 50,000
 * volunteer–mission pairs, whose kicks value the same sets again and again; 6 beyond, where
 * small sets seldom come back and cost less to value than to look up…
 */
const memoFrom = (model: Model) => (model.rowList.length <= 50_000 ? 4 : 6);
/** …up to this many, then the memo starts again. */
const MEMO_LIMIT = 200_000;

export function better(a0: number, a1: number, a2: number, b0: number, b1: number, b2: number): boolean {
  if (a0 > b0 + EPS) return true;
  if (a0 < b0 - EPS) return false;
  if (a1 > b1 + EPS) return true;
  if (a1 < b1 - EPS) return false;
  return a2 > b2 + EPS;
}

export interface PairingOut {
  /** Flat: a, b, a, b, … */
  pairs: number[];
  dropped: number[];
}

export class Pairing {
  t0 = 0;
  t1 = 0;
  t2 = 0;
  /** Singles kept (in a pair) by the last evaluation. */
  kept = 0;
  evaluations = 0;
  private readonly f0 = new Float64Array(1 << DP_LIMIT);
  private readonly f1 = new Float64Array(1 << DP_LIMIT);
  private readonly f2 = new Float64Array(1 << DP_LIMIT);
  private readonly choice = new Int8Array(1 << DP_LIMIT);
  private p0 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private p1 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private p2 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private ok = new Uint8Array(DP_LIMIT * DP_LIMIT);
  private drop = new Float64Array(DP_LIMIT);

  private readonly memoFrom: number;

  constructor(private readonly model: Model) {
    this.memoFrom = memoFrom(model);
  }

  private tables(m: number, list: ArrayLike<number>, n: number): void {
    const { model } = this;
    if (n * n > this.ok.length) {
      this.p0 = new Float64Array(n * n);
      this.p1 = new Float64Array(n * n);
      this.p2 = new Float64Array(n * n);
      this.ok = new Uint8Array(n * n);
      this.drop = new Float64Array(n);
    }
    const M = model.M;
    for (let i = 0; i < n; i++) {
      const a = list[i]!;
      this.drop[i] = model.lockOf[a]! >= 0 ? -PENALTY : 0;
      for (let j = i + 1; j < n; j++) {
        const b = list[j]!;
        const q = i * n + j;
        const r = j * n + i;
        if (isApartIn(model, a, b)) {
          this.ok[q] = this.ok[r] = 0;
          continue;
        }
        this.ok[q] = this.ok[r] = 1;
        const p = pairOf(model, a, b, m);
        let v0: number;
        let v1: number;
        if (model.stable) {
          v0 = 2;
          v1 = prefOrZero(model.mPref[a * M + m]!) + prefOrZero(model.mPref[b * M + m]!);
        } else {
          v0 = model.score[a * M + m]! + model.score[b * M + m]! + model.lambda * p;
          v1 = 2;
        }
        this.p0[q] = this.p0[r] = v0;
        this.p1[q] = this.p1[r] = v1;
        this.p2[q] = this.p2[r] = p;
      }
    }
  }

  /** The tuple of the pair (a, b) on m into q0, q1, q2; false when they are apart. */
  private q0 = 0;
  private q1 = 0;
  private q2 = 0;
  private pairTuple(m: number, a: number, b: number): boolean {
    const { model } = this;
    if (isApartIn(model, a, b)) return false;
    const M = model.M;
    const p = pairOf(model, a, b, m);
    if (model.stable) {
      this.q0 = 2;
      this.q1 = prefOrZero(model.mPref[a * M + m]!) + prefOrZero(model.mPref[b * M + m]!);
    } else {
      this.q0 = model.score[a * M + m]! + model.score[b * M + m]! + model.lambda * p;
      this.q1 = 2;
    }
    this.q2 = p;
    return true;
  }

  private dropValue(v: number): number {
    return this.model.lockOf[v]! >= 0 ? -PENALTY : 0;
  }

  /** Up to 3 singles: every pairing tried directly (the DP's choice, without its tables). */
  private small(m: number, list: ArrayLike<number>, n: number, out?: PairingOut): void {
    if (n === 1) {
      this.t0 = this.dropValue(list[0]!);
      this.t1 = this.t2 = this.kept = 0;
      out?.dropped.push(list[0]!);
      return;
    }
    // Nobody paired, then each pair (i, j) with the third (if any) alone, in the DP's order.
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) b0 += this.dropValue(list[i]!);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (!this.pairTuple(m, list[i]!, list[j]!)) continue;
        const alone = n === 3 ? this.dropValue(list[3 - i - j]!) : 0;
        if (better(this.q0 + alone, this.q1, this.q2, b0, b1, b2)) {
          b0 = this.q0 + alone;
          b1 = this.q1;
          b2 = this.q2;
          bi = i;
          bj = j;
        }
      }
    }
    this.t0 = b0;
    this.t1 = b1;
    this.t2 = b2;
    this.kept = bi < 0 ? 0 : 2;
    if (out) {
      for (let i = 0; i < n; i++) if (i !== bi && i !== bj) out.dropped.push(list[i]!);
      if (bi >= 0) out.pairs.push(list[bi]!, list[bj]!);
    }
  }

  /** Values the singles list[0..n) on mission m into t0, t1, t2 (and kept); with out, the pairs and the dropped. */
  evaluate(m: number, list: ArrayLike<number>, n: number, out?: PairingOut): void {
    this.evaluations++;
    if (n === 0) {
      this.t0 = this.t1 = this.t2 = this.kept = 0;
      return;
    }
    if (n <= 3) return this.small(m, list, n, out);
    const remember = !out && n >= this.memoFrom;
    if (remember && this.recall(m, list, n)) return;
    if (n > DP_LIMIT) {
      // The greedy depends on the order: always the same one (by index) for the same set.
      const canonical = Array.from({ length: n }, (_, i) => list[i]!).sort((x, y) => x - y);
      this.tables(m, canonical, n);
      return this.greedy(canonical, n, out, remember);
    }
    this.tables(m, list, n);
    const { f0, f1, f2, choice, p0, p1, p2, ok, drop } = this;
    const full = (1 << n) - 1;
    f0[0] = f1[0] = f2[0] = 0;
    for (let mask = 1; mask <= full; mask++) {
      const i = 31 - Math.clz32(mask & -mask);
      const rest = mask & ~(1 << i);
      let b0 = f0[rest]! + drop[i]!;
      let b1 = f1[rest]!;
      let b2 = f2[rest]!;
      let c = -1;
      for (let r = rest; r !== 0; r &= r - 1) {
        const j = 31 - Math.clz32(r & -r);
        const q = i * n + j;
        if (!ok[q]) continue;
        const o = rest & ~(1 << j);
        const c0 = f0[o]! + p0[q]!;
        const c1 = f1[o]! + p1[q]!;
        const c2 = f2[o]! + p2[q]!;
        if (better(c0, c1, c2, b0, b1, b2)) {
          b0 = c0;
          b1 = c1;
          b2 = c2;
          c = j;
        }
      }
      f0[mask] = b0;
      f1[mask] = b1;
      f2[mask] = b2;
      choice[mask] = c;
    }
    this.t0 = f0[full]!;
    this.t1 = f1[full]!;
    this.t2 = f2[full]!;
    let kept = 0;
    for (let mask = full; mask !== 0; ) {
      const i = 31 - Math.clz32(mask & -mask);
      const c = choice[mask]!;
      if (c < 0) {
        out?.dropped.push(list[i]!);
        mask &= ~(1 << i);
      } else {
        out?.pairs.push(list[i]!, list[c]!);
        kept += 2;
        mask &= ~((1 << i) | (1 << c));
      }
    }
    this.kept = kept;
    if (remember) this.store();
  }

  // Memo of the DP's values, by mission and set of singles: the local search values the same
  // sets again and again. The key is checked in full (the sorted set), never trusted to a hash.
  private readonly memo = new Map<number, { mission: number; set: Int32Array; t0: number; t1: number; t2: number; kept: number }[]>();
  private memoSize = 0;
  private sorted = new Int32Array(2 * DP_LIMIT);
  private sortedLength = 0;
  private memoMission = 0;
  private memoKey = 0;

  /** Looks up (m, the set of list[0..n)); on a hit, its values are in t0, t1, t2, kept. */
  private recall(m: number, list: ArrayLike<number>, n: number): boolean {
    if (n > this.sorted.length) this.sorted = new Int32Array(2 * n);
    const sorted = this.sorted;
    let key = m * 0x9e3779b1;
    for (let i = 0; i < n; i++) {
      const v = list[i]!;
      let j = i;
      while (j > 0 && sorted[j - 1]! > v) {
        sorted[j] = sorted[j - 1]!;
        j--;
      }
      sorted[j] = v;
      key = (key + Math.imul(v + 1, 0x85ebca6b) + Math.imul(v ^ (v >>> 7), 0x27d4eb2f)) | 0;
    }
    this.sortedLength = n;
    this.memoMission = m;
    this.memoKey = key;
    const bucket = this.memo.get(key);
    if (!bucket) return false;
    for (const e of bucket) {
      if (e.mission !== m || e.set.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = e.set[i] === sorted[i];
      if (!same) continue;
      this.t0 = e.t0;
      this.t1 = e.t1;
      this.t2 = e.t2;
      this.kept = e.kept;
      return true;
    }
    return false;
  }

  /** Stores the last DP's values under the key recall computed. */
  private store(): void {
    if (this.memoSize >= MEMO_LIMIT) {
      this.memo.clear();
      this.memoSize = 0;
    }
    const entry = { mission: this.memoMission, set: this.sorted.slice(0, this.sortedLength), t0: this.t0, t1: this.t1, t2: this.t2, kept: this.kept };
    const bucket = this.memo.get(this.memoKey);
    if (bucket) bucket.push(entry);
    else this.memo.set(this.memoKey, [entry]);
    this.memoSize++;
  }

  private readonly g0 = new Float64Array(1 << DP_LIMIT);
  private readonly g1 = new Float64Array(1 << DP_LIMIT);
  private readonly g2 = new Float64Array(1 << DP_LIMIT);
  private readonly gc = new Int8Array(1 << DP_LIMIT);

  /** The DP of evaluate over the singles idx (≤ DP_LIMIT) of the current n-table, into g0, g1, g2, gc. */
  private subPairing(idx: readonly number[], n: number): void {
    const { g0, g1, g2, gc, p0, p1, p2, ok, drop } = this;
    const k = idx.length;
    g0[0] = g1[0] = g2[0] = 0;
    for (let mask = 1; mask < 1 << k; mask++) {
      const i = 31 - Math.clz32(mask & -mask);
      const rest = mask & ~(1 << i);
      let b0 = g0[rest]! + drop[idx[i]!]!;
      let b1 = g1[rest]!;
      let b2 = g2[rest]!;
      let c = -1;
      for (let r = rest; r !== 0; r &= r - 1) {
        const j = 31 - Math.clz32(r & -r);
        const q = idx[i]! * n + idx[j]!;
        if (!ok[q]) continue;
        const o = rest & ~(1 << j);
        const c0 = g0[o]! + p0[q]!;
        const c1 = g1[o]! + p1[q]!;
        const c2 = g2[o]! + p2[q]!;
        if (better(c0, c1, c2, b0, b1, b2)) {
          b0 = c0;
          b1 = c1;
          b2 = c2;
          c = j;
        }
      }
      g0[mask] = b0;
      g1[mask] = b1;
      g2[mask] = b2;
      gc[mask] = c;
    }
  }

  /** More than DP_LIMIT singles: greedy by pair value (covering locked singles first), then cheap moves (and, for the final pairing, exact re-pairing of small groups). */
  private greedy(list: ArrayLike<number>, n: number, out: PairingOut | undefined, remember: boolean): void {
    const { p0, p1, p2, ok, drop } = this;
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (ok[i * n + j]) candidates.push(i * n + j);
    const adjusted = (q: number) => p0[q]! - drop[Math.floor(q / n)]! - drop[q % n]!;
    candidates.sort((x, y) => adjusted(y) - adjusted(x) || p1[y]! - p1[x]! || p2[y]! - p2[x]! || x - y);
    const mate = new Int32Array(n).fill(-1);
    for (const q of candidates) {
      const i = Math.floor(q / n);
      const j = q % n;
      if (mate[i]! < 0 && mate[j]! < 0) {
        mate[i] = j;
        mate[j] = i;
      }
    }
    const compatible = (i: number, j: number) => ok[i * n + j] === 1;
    // Tuple of the pair (i, j), or of i alone when j < 0; and whether `after` beats `before`.
    const t = (i: number, j: number, k: 0 | 1 | 2): number => {
      if (j < 0) return k === 0 ? drop[i]! : 0;
      const q = i * n + j;
      return k === 0 ? p0[q]! : k === 1 ? p1[q]! : p2[q]!;
    };
    const gain = (before: readonly (readonly [number, number])[], after: readonly (readonly [number, number])[]): boolean => {
      const d = [0, 0, 0];
      for (const k of [0, 1, 2] as const) {
        for (const [i, j] of after) d[k]! += t(i, j, k);
        for (const [i, j] of before) d[k]! -= t(i, j, k);
      }
      return better(d[0]!, d[1]!, d[2]!, 0, 0, 0);
    };
    const link = (i: number, j: number) => {
      mate[i] = j;
      mate[j] = i;
    };
    // Cheap moves, first improvement: two alone ones pair up; an alone one takes a partner's
    // place; a pair splits to take two alone ones; two pairs exchange partners.
    const cheap = (): boolean => {
      const alone: number[] = [];
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        if (mate[i]! < 0) alone.push(i);
        else if (mate[i]! > i) pairs.push([i, mate[i]!]);
      }
      for (let x = 0; x < alone.length; x++) {
        for (let y = x + 1; y < alone.length; y++) {
          const [i, k] = [alone[x]!, alone[y]!];
          if (compatible(i, k) && gain([[i, -1], [k, -1]], [[i, k]])) return link(i, k), true;
        }
      }
      for (const [x, y] of pairs) {
        for (const s of alone) {
          for (const [keep, leave] of [
            [x, y],
            [y, x],
          ] as const) {
            if (compatible(keep, s) && gain([[x, y], [s, -1]], [[keep, s], [leave, -1]])) {
              mate[leave] = -1;
              return link(keep, s), true;
            }
          }
        }
        for (let u = 0; u < alone.length; u++) {
          for (let w = u + 1; w < alone.length; w++) {
            const [s1, s2] = [alone[u]!, alone[w]!];
            const before = [[x, y], [s1, -1], [s2, -1]] as const;
            if (compatible(x, s1) && compatible(y, s2) && gain(before, [[x, s1], [y, s2]])) return link(x, s1), link(y, s2), true;
            if (compatible(x, s2) && compatible(y, s1) && gain(before, [[x, s2], [y, s1]])) return link(x, s2), link(y, s1), true;
          }
        }
      }
      for (let p = 0; p < pairs.length; p++) {
        for (let q = p + 1; q < pairs.length; q++) {
          const [i, j] = pairs[p]!;
          const [k, l] = pairs[q]!;
          const before = [[i, j], [k, l]] as const;
          if (compatible(i, k) && compatible(j, l) && gain(before, [[i, k], [j, l]])) return link(i, k), link(j, l), true;
          if (compatible(i, l) && compatible(j, k) && gain(before, [[i, l], [j, k]])) return link(i, l), link(j, k), true;
        }
      }
      return false;
    };
    // For the final pairing only (too slow for the search's many evaluations): exact re-pairing
    // of small groups, every 4 pairs (3 beyond 16 singles, 2 beyond 24) with those left alone (up
    // to DP_LIMIT in all), by the DP; the first group that improves is taken, until none does.
    const groupPairs = n > 24 ? 2 : n > 16 ? 3 : 4;
    const regroup = (): boolean => {
      const alone: number[] = [];
      const pairs: number[] = [];
      for (let i = 0; i < n; i++) {
        if (mate[i]! < 0) alone.push(i);
        else if (mate[i]! > i) pairs.push(i);
      }
      const k = Math.min(groupPairs, pairs.length);
      const choose = (from: number, chosen: number[]): boolean => {
        if (chosen.length === k) {
          const idx: number[] = [];
          for (const i of chosen) idx.push(i, mate[i]!);
          for (const i of alone) if (idx.length < DP_LIMIT) idx.push(i);
          if (idx.length < 2) return false;
          let c0 = 0;
          let c1 = 0;
          let c2 = 0;
          for (const i of idx) {
            const j = mate[i]!;
            if (j < 0 || j > i) {
              c0 += t(i, j, 0);
              c1 += t(i, j, 1);
              c2 += t(i, j, 2);
            }
          }
          this.subPairing(idx, n);
          const full = (1 << idx.length) - 1;
          if (!better(this.g0[full]!, this.g1[full]!, this.g2[full]!, c0, c1, c2)) return false;
          for (const i of idx) mate[i] = -1;
          for (let mask = full; mask !== 0; ) {
            const i = 31 - Math.clz32(mask & -mask);
            const c = this.gc[mask]!;
            if (c < 0) mask &= ~(1 << i);
            else {
              link(idx[i]!, idx[c]!);
              mask &= ~((1 << i) | (1 << c));
            }
          }
          return true;
        }
        for (let q = from; q < pairs.length; q++) {
          chosen.push(pairs[q]!);
          if (choose(q + 1, chosen)) return true;
          chosen.pop();
        }
        return false;
      };
      return choose(0, []);
    };
    for (let round = 0; round < 50 * n && cheap(); round++);
    if (out) for (let round = 0; round < 50 * n && (regroup() || cheap()); round++);
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const j = mate[i]!;
      if (j < 0) {
        t0 += drop[i]!;
        out?.dropped.push(list[i]!);
      } else if (j > i) {
        t0 += t(i, j, 0);
        t1 += t(i, j, 1);
        t2 += t(i, j, 2);
        kept += 2;
        out?.pairs.push(list[i]!, list[j]!);
      }
    }
    this.t0 = t0;
    this.t1 = t1;
    this.t2 = t2;
    this.kept = kept;
    if (remember) this.store();
  }
}
