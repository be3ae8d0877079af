/**
 * The first body of `maxWeightAssignment` (src/algorithms/assignment.ts), kept as a reference to
 * check the fast solver against: the textbook Hungarian method (shortest augmenting paths with
 * potentials) over the groups' seats, one column per seat plus one "unassigned" column per row,
 * O(rows² · (seats + rows)). Slow, simple and independent of the fast solver's grouping of seats.
 */
import type { AssignmentProblem, AssignmentResult } from '../../src/algorithms/assignment.js';

export function referenceAssignment(problem: AssignmentProblem): AssignmentResult {
  const n = problem.rows;
  const groups = problem.capacities.length;
  const seatGroup: number[] = [];
  for (let g = 0; g < groups; g++) for (let k = 0; k < problem.capacities[g]!; k++) seatGroup.push(g);
  const seats = seatGroup.length;
  const m = seats + n;
  const groupOf = new Int32Array(n).fill(-1);
  if (n === 0) return { groupOf, value: 0 };

  // Minimise cost = −weight; forbidden seats cost more than leaving the row unassigned ever could.
  let big = 1;
  for (let i = 0; i < problem.weight.length; i++) {
    const w = problem.weight[i]!;
    if (!Number.isNaN(w)) big = Math.max(big, Math.abs(w));
  }
  big = big * (n + 1) * 4 + 1;
  const cost = (row: number, col: number): number => {
    if (col >= seats) return 0;
    const w = problem.weight[row * groups + seatGroup[col]!]!;
    return Number.isNaN(w) ? big : -w;
  };

  // e-maxx formulation, 1-based: u (rows), v (columns), p[col] = row matched to col.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  let value = 0;
  for (let j = 1; j <= seats; j++) {
    const row = p[j]! - 1;
    if (row < 0) continue;
    const g = seatGroup[j - 1]!;
    const w = problem.weight[row * groups + g]!;
    if (Number.isNaN(w)) continue; // never chosen at the optimum; kept out defensively
    groupOf[row] = g;
    value += w;
  }
  return { groupOf, value };
}
