/**
 * The memo of the pairing's values, by mission and set of singles: the local search values the
 * same sets again and again (a move tried and not taken, a kick undone). The key is checked in
 * full (the sorted set), never trusted to a hash.
 */
import type { Model } from './model.js';
import { DP_LIMIT } from './pairing-dp.js';

/**
 * Pairing values are remembered from this many singles on: 4 on instances of up to 50,000
 * volunteer–mission pairs, whose kicks value the same sets again and again; 6 beyond, where
 * small sets seldom come back and cost less to value than to look up…
 */
const memoFrom = (model: Model) => (model.rowList.length <= 50_000 ? 4 : 6);
/** …up to this many, then the memo starts again. */
const MEMO_LIMIT = 200_000;

export interface PairingValue {
  t0: number;
  t1: number;
  t2: number;
  kept: number;
}

export class PairingMemo {
  /** Sets of fewer singles are not remembered. */
  readonly from: number;
  private readonly memo = new Map<number, ({ mission: number; set: Int32Array } & PairingValue)[]>();
  private memoSize = 0;
  private sorted = new Int32Array(2 * DP_LIMIT);
  private sortedLength = 0;
  private memoMission = 0;
  private memoKey = 0;

  constructor(model: Model) {
    this.from = memoFrom(model);
  }

  /** The values of (m, the set of list[0..n)), when remembered; its key is kept for `store`. */
  recall(m: number, list: ArrayLike<number>, n: number): PairingValue | undefined {
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
    if (!bucket) return undefined;
    for (const e of bucket) {
      if (e.mission !== m || e.set.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = e.set[i] === sorted[i];
      if (same) return e;
    }
    return undefined;
  }

  /** Remembers `value` under the key the last `recall` computed. */
  store(value: PairingValue): void {
    if (this.memoSize >= MEMO_LIMIT) {
      this.memo.clear();
      this.memoSize = 0;
    }
    const entry = { mission: this.memoMission, set: this.sorted.slice(0, this.sortedLength), t0: value.t0, t1: value.t1, t2: value.t2, kept: value.kept };
    const bucket = this.memo.get(this.memoKey);
    if (bucket) bucket.push(entry);
    else this.memo.set(this.memoKey, [entry]);
    this.memoSize++;
  }
}
