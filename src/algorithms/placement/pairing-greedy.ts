/**
 * The pairing of more than DP_LIMIT singles on a mission, where the subset DP would be too large:
 * greedy by pair value (locked singles first covered, as leaving one alone costs PENALTY), then
 * cheap moves, and for the final pairing also exact re-pairing of small groups by the DP.
 * Heuristic: the tests measure it against the DP over all subsets of up to 16 singles.
 */
import { better } from './model.js';
import { DP_LIMIT, type PairTables, type SubsetDp } from './pairing-dp.js';

/**
 * The partner of each of the n singles of `tables` (−1: alone). `final`: the pairing that will be
 * read, worth the re-pairing of small groups (too slow for the search's many evaluations), which
 * runs `dp` on `sub`, tables of DP_LIMIT singles.
 */
export function greedyPairing(tables: PairTables, n: number, final: boolean, dp: SubsetDp, sub: PairTables): Int32Array {
  const { p0, p1, p2, ok, drop } = tables;
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
        const size = idx.length;
        for (let a = 0; a < size; a++) {
          sub.drop[a] = drop[idx[a]!]!;
          for (let b = a + 1; b < size; b++) {
            const source = idx[a]! * n + idx[b]!;
            const q = a * size + b;
            const r = b * size + a;
            sub.ok[q] = sub.ok[r] = ok[source]!;
            sub.p0[q] = sub.p0[r] = p0[source]!;
            sub.p1[q] = sub.p1[r] = p1[source]!;
            sub.p2[q] = sub.p2[r] = p2[source]!;
          }
        }
        dp.run(sub, size);
        const full = (1 << size) - 1;
        if (!better(dp.f0[full]!, dp.f1[full]!, dp.f2[full]!, c0, c1, c2)) return false;
        for (const i of idx) mate[i] = -1;
        const regrouped: number[] = [];
        dp.readBack(size, regrouped);
        for (let x = 0; x < regrouped.length; x += 2) link(idx[regrouped[x]!]!, idx[regrouped[x + 1]!]!);
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
  if (final) for (let round = 0; round < 50 * n && (regroup() || cheap()); round++);
  return mate;
}
