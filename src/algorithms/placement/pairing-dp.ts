/**
 * The exact pairing of up to DP_LIMIT singles: a DP over subsets. The lowest single of a subset
 * is either left alone or paired with another single of it, so the best pairing of every subset
 * follows from those of smaller ones, in increasing order of the subset's bits. Its 2ⁿ·n steps
 * are why it stops at DP_LIMIT and the greedy takes over (./pairing-greedy.ts).
 */
import { better } from './model.js';

/** Exact pairing (DP over subsets) up to this many singles on a mission. */
export const DP_LIMIT = 12;

/**
 * The values of the pairs among n singles, n × n row-major and symmetric: `ok` (not apart) and
 * the pair's tuple p0, p1, p2 (./pairing.ts); `drop`, the first component of a single left alone.
 */
export interface PairTables {
  p0: Float64Array;
  p1: Float64Array;
  p2: Float64Array;
  ok: Uint8Array;
  drop: Float64Array;
}

export const pairTables = (n: number): PairTables => ({
  p0: new Float64Array(n * n),
  p1: new Float64Array(n * n),
  p2: new Float64Array(n * n),
  ok: new Uint8Array(n * n),
  drop: new Float64Array(n),
});

/** The DP's work arrays, allocated once: the search runs it millions of times. */
export class SubsetDp {
  /** The best tuple of each subset (bit i: single i). */
  readonly f0 = new Float64Array(1 << DP_LIMIT);
  readonly f1 = new Float64Array(1 << DP_LIMIT);
  readonly f2 = new Float64Array(1 << DP_LIMIT);
  /** The partner of the subset's lowest single in its best pairing, or −1: alone. */
  private readonly choice = new Int8Array(1 << DP_LIMIT);

  /** Every subset of the n ≤ DP_LIMIT singles of `tables`; the best of all n at (1 << n) − 1. */
  run(tables: PairTables, n: number): void {
    const { f0, f1, f2, choice } = this;
    const { p0, p1, p2, ok, drop } = tables;
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
  }

  /**
   * The best pairing of all n singles of the last run, read back: its pairs (i, j, i, j, …) and
   * the singles it leaves alone, as indices into the tables; returns how many it pairs.
   */
  readBack(n: number, pairs?: number[], alone?: number[]): number {
    let kept = 0;
    for (let mask = (1 << n) - 1; mask !== 0; ) {
      const i = 31 - Math.clz32(mask & -mask);
      const c = this.choice[mask]!;
      if (c < 0) {
        alone?.push(i);
        mask &= ~(1 << i);
      } else {
        pairs?.push(i, c);
        kept += 2;
        mask &= ~((1 << i) | (1 << c));
      }
    }
    return kept;
  }
}
