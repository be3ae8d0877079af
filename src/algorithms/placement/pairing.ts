/**
 * Pairing inside a mission: which of its singles form binômes (./README.md, optimal mode step 2).
 * A value is a tuple compared lexicographically:
 *   optimal: (Σ s + λ·Σ p of the kept, kept, Σ p)
 *   stable:  (kept, Σ missionPreference of the kept, Σ p)
 * A locked single left without a partner costs PENALTY in the first component. Up to 3 singles
 * every pairing is tried directly, up to DP_LIMIT by the subset DP (./pairing-dp.ts), beyond by
 * the greedy (./pairing-greedy.ts); the search's evaluations go through the memo
 * (./pairing-memo.ts).
 */
import { better, isApartIn, type Model, pairOf, prefOrZero } from './model.js';
import { DP_LIMIT, pairTables, SubsetDp } from './pairing-dp.js';
import { greedyPairing } from './pairing-greedy.js';
import { PairingMemo } from './pairing-memo.js';

/** A locked single left without a partner: worth less than anything else. */
const PENALTY = 1e9;

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
  /** The current mission's pair values; grown beyond DP_LIMIT singles for the greedy. */
  private tab = pairTables(DP_LIMIT);
  private readonly dp = new SubsetDp();
  /** The greedy's small groups, re-paired by the DP. */
  private readonly sub = pairTables(DP_LIMIT);
  private readonly memo: PairingMemo;

  constructor(private readonly model: Model) {
    this.memo = new PairingMemo(model);
  }

  private tables(m: number, list: ArrayLike<number>, n: number): void {
    if (n * n > this.tab.ok.length) this.tab = pairTables(n);
    const { p0, p1, p2, ok, drop } = this.tab;
    const { model } = this;
    const M = model.M;
    // pairTuple and dropValue, written out: this loop is the greedy's hot path (n²/2 pairs per
    // evaluation), where the calls cost a measurable part of the search.
    for (let i = 0; i < n; i++) {
      const a = list[i]!;
      drop[i] = model.lockOf[a]! >= 0 ? -PENALTY : 0;
      for (let j = i + 1; j < n; j++) {
        const b = list[j]!;
        const q = i * n + j;
        const r = j * n + i;
        if (isApartIn(model, a, b)) {
          ok[q] = ok[r] = 0;
          continue;
        }
        ok[q] = ok[r] = 1;
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
        p0[q] = p0[r] = v0;
        p1[q] = p1[r] = v1;
        p2[q] = p2[r] = p;
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
    const remember = !out && n >= this.memo.from;
    if (remember) {
      const known = this.memo.recall(m, list, n);
      if (known) {
        this.t0 = known.t0;
        this.t1 = known.t1;
        this.t2 = known.t2;
        this.kept = known.kept;
        return;
      }
    }
    if (n > DP_LIMIT) {
      // The greedy depends on the order: always the same one (by index) for the same set.
      const canonical = Array.from({ length: n }, (_, i) => list[i]!).sort((x, y) => x - y);
      this.tables(m, canonical, n);
      this.read(canonical, n, greedyPairing(this.tab, n, out !== undefined, this.dp, this.sub), out);
    } else {
      this.tables(m, list, n);
      this.dp.run(this.tab, n);
      const full = (1 << n) - 1;
      this.t0 = this.dp.f0[full]!;
      this.t1 = this.dp.f1[full]!;
      this.t2 = this.dp.f2[full]!;
      if (out) {
        const pairs: number[] = [];
        const alone: number[] = [];
        this.kept = this.dp.readBack(n, pairs, alone);
        for (const i of alone) out.dropped.push(list[i]!);
        for (const i of pairs) out.pairs.push(list[i]!);
      } else this.kept = this.dp.readBack(n);
    }
    if (remember) this.memo.store(this);
  }

  /** The value of the pairing `mate` of list[0..n) (the partner's index, −1: alone) into t0, t1, t2, kept; with out, its pairs and dropped. */
  private read(list: ArrayLike<number>, n: number, mate: Int32Array, out: PairingOut | undefined): void {
    const { p0, p1, p2, drop } = this.tab;
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
        const q = i * n + j;
        t0 += p0[q]!;
        t1 += p1[q]!;
        t2 += p2[q]!;
        kept += 2;
        out?.pairs.push(list[i]!, list[j]!);
      }
    }
    this.t0 = t0;
    this.t1 = t1;
    this.t2 = t2;
    this.kept = kept;
  }
}
