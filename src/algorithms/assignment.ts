/**
 * Maximum-weight assignment of rows (volunteers) to capacitated groups (missions), pure and
 * deterministic. Each row goes to at most one group, group g takes at most `capacities[g]` rows,
 * a row may stay unassigned (it then adds 0), and a forbidden pair (weight NaN) is never used.
 * The value is the sum of the weights of the pairs used; the result is a maximum, exactly.
 *
 * The method: shortest augmenting paths with potentials (Jonker and Volgenant, "A shortest
 * augmenting path algorithm for dense and sparse linear assignment problems", Computing 38,
 * 1987), run on the transportation problem rather than on seats. The seats of one group have
 * identical columns, so a group is one node with a capacity, and scanning a row costs `groups`,
 * not `seats`. Rows are added one at a time; for each, a Dijkstra over groups (JV's lazy form:
 * every group at the current distance is collected, then scanned) finds the cheapest way to
 * place it, possibly moving rows from group to group, ending in a group with a free place or in
 * "unassigned", a node of cost 0 for every row that is always free. Worst case
 * O(rows · (rows · groups + groups²)); on dense random scores most rows end in one scan.
 *
 * Why it is exact — the linear program and its dual, with cost c = −weight:
 *   min Σ c[r,g]·x[r,g]   s.t.  Σ_g x[r,g] + x[r,∅] = 1,  Σ_r x[r,g] ≤ cap[g],  x ≥ 0
 *   max Σ u[r] + Σ cap[g]·v[g]   s.t.  u[r] + v[g] ≤ c[r,g],  u[r] ≤ 0 (the cost-0 "unassigned"),
 *                                       v[g] ≤ 0
 * The constraint matrix is totally unimodular, so the LP has an integral optimum. The solver
 * keeps, after every row it adds, (a) dual feasibility: every reduced cost c − u − v ≥ 0,
 * "unassigned" included; (b) complementary slackness: every used pair (and every unassigned
 * row's u = 0) is tight, and v[g] < 0 only for a full group. (b) holds because potentials of a
 * group change only when the Dijkstra passes *through* it, which needs it full, and a group,
 * once full, stays full (an augmenting path moves rows, it never frees a place). With all rows
 * added, (a) and (b) certify an optimum. The potential update (v[g] += d[g] − μ for the groups
 * scanned, μ the path's length) keeps (a) and makes the path tight: the textbook argument,
 * unchanged by seats sharing one potential. Negative weights are dropped at the start: such a
 * pair is never in an optimum (leaving the row unassigned is better and frees the place).
 *
 * Arithmetic: with integer weights every cost, potential and distance is an integer, so the
 * result is exact as long as the sums stay below 2^53. With fractional weights rounding can
 * make a reduced cost −1e-13 instead of 0; distances are clamped at the current level so that
 * the search stays a Dijkstra, and the optimum is exact up to that rounding (the value may then
 * differ from the true maximum by ~1e-12 of it, when two assignments differ by less).
 *
 * Determinism: no clock, no randomness, fixed scan orders, so the same input gives the same
 * groupOf, ties included. Which optimum is returned when several tie is not specified (it is not
 * the one the reference Hungarian over seats, test/helpers/assignment-reference.ts, returns).
 */
export interface AssignmentProblem {
  rows: number;
  /** Seats per group; groups = capacities.length. */
  capacities: ArrayLike<number>;
  /** rows × groups, row-major: weight[r * groups + g]; NaN = forbidden. */
  weight: ArrayLike<number>;
}

export interface AssignmentResult {
  /** The group of each row, −1 when unassigned. */
  groupOf: Int32Array;
  /** Sum of the weights used. */
  value: number;
}

export function maxWeightAssignment(problem: AssignmentProblem): AssignmentResult {
  const n = problem.rows;
  const groups = problem.capacities.length;
  const weight = problem.weight;
  const groupOf = new Int32Array(n).fill(-1);

  // The groups with a place, renumbered 0..A−1. A capacity counts as the seats a loop
  // `for (k = 0; k < capacity; k++)` makes (⌈capacity⌉, 0 when negative or NaN), at most n.
  const active: number[] = [];
  for (let g = 0; g < groups; g++) if (problem.capacities[g]! > 0) active.push(g);
  const A = active.length;
  if (n === 0 || A === 0) return { groupOf, value: 0 };
  const cap = new Int32Array(A);
  const slotStart = new Int32Array(A + 1);
  for (let k = 0; k < A; k++) {
    cap[k] = Math.min(Math.ceil(problem.capacities[active[k]!]!), n);
    slotStart[k + 1] = slotStart[k]! + cap[k]!;
  }

  // Costs, row-major over the active groups. Forbidden and negative pairs cost +∞: every
  // comparison with them fails, so they are never relaxed and no branch is needed for them.
  const cost = new Float64Array(n * A);
  for (let r = 0; r < n; r++) {
    const from = r * groups;
    const to = r * A;
    for (let k = 0; k < A; k++) {
      const w = weight[from + active[k]!]!;
      cost[to + k] = w >= 0 ? -w : Infinity; // NaN >= 0 is false
    }
  }

  const UNASSIGNED = A; // the always-free sink, as a group number
  const v = new Float64Array(A); // group potentials; "unassigned" keeps 0 for good
  const count = new Int32Array(A); // rows in each group
  const slotRow = new Int32Array(slotStart[A]!); // the rows of group k in slotStart[k]..+count[k]
  const rowGroup = new Int32Array(n).fill(-1); // -1: not added yet; UNASSIGNED; or a group
  const rowSlot = new Int32Array(n).fill(-1);
  const d = new Float64Array(A); // Dijkstra distances (reduced), pred: the row each came from
  const pred = new Int32Array(A);
  // Groups in three parts: [0, low) scanned, [low, up) at the current distance `min`, to scan,
  // [up, A) not reached yet at that distance.
  const col = new Int32Array(A);

  for (let s = 0; s < n; s++) {
    const base = s * A;
    for (let k = 0; k < A; k++) {
      d[k] = cost[base + k]! - v[k]!;
      pred[k] = s;
      col[k] = k;
    }
    let dOut = 0; // distance to "unassigned" (u[s] taken as 0: a shift of every distance)
    let predOut = s;
    let low = 0;
    let up = 0;
    let min = 0;
    let end: number; // the free group the path ends in, or UNASSIGNED

    search: for (;;) {
      if (low === up) {
        // Collect every unreached group at the smallest distance.
        min = Infinity;
        for (let k = up; k < A; k++) {
          const j = col[k]!;
          const h = d[j]!;
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            col[k] = col[up]!;
            col[up++] = j;
          }
        }
        if (dOut < min) {
          end = UNASSIGNED;
          break;
        }
        // Prefer a free group to "unassigned" at the same distance: the row is placed.
        for (let k = low; k < up; k++) {
          const j = col[k]!;
          if (count[j]! < cap[j]!) {
            end = j;
            break search;
          }
        }
        if (dOut <= min) {
          end = UNASSIGNED;
          break;
        }
      }
      // Scan a full group at distance `min`: every row in it may move to another group.
      const j1 = col[low++]!;
      const vj1 = v[j1]!;
      for (let t = slotStart[j1]!, last = t + count[j1]!; t < last; t++) {
        const i = slotRow[t]!;
        const rb = i * A;
        // The pair (i, j1) is tight, so this is u[i] − min, and v2 below is min + reduced cost.
        const h = cost[rb + j1]! - vj1 - min;
        const out = -h;
        if (out < dOut) {
          dOut = out < min ? min : out;
          predOut = i;
        }
        for (let k = up; k < A; k++) {
          const j = col[k]!;
          const v2 = cost[rb + j]! - v[j]! - h;
          if (v2 < d[j]!) {
            pred[j] = i;
            if (v2 <= min) {
              // At the current distance (below it only by rounding: clamped).
              d[j] = min;
              if (count[j]! < cap[j]!) {
                end = j;
                break search;
              }
              col[k] = col[up]!;
              col[up++] = j;
            } else d[j] = v2;
          }
        }
      }
    }

    // μ = the path's length. Scanned groups move their potential by d − μ ≤ 0; this keeps every
    // reduced cost ≥ 0 and makes the path's pairs tight. Groups scanned at distance μ do not move.
    const mu = end === UNASSIGNED ? dOut : min;
    for (let k = 0; k < low; k++) {
      const j = col[k]!;
      v[j] = v[j]! + d[j]! - mu;
    }

    // Along the path backwards: each row takes the place the next one leaves.
    let target = end;
    let slot = -1;
    if (end !== UNASSIGNED) slot = slotStart[end]! + count[end]!++;
    let i = end === UNASSIGNED ? predOut : pred[end]!;
    for (;;) {
      const from = rowGroup[i]!;
      const fromSlot = rowSlot[i]!;
      rowGroup[i] = target;
      rowSlot[i] = slot;
      if (target !== UNASSIGNED) slotRow[slot] = i;
      if (i === s) break;
      target = from;
      slot = fromSlot;
      i = pred[from]!;
    }
  }

  let value = 0;
  for (let r = 0; r < n; r++) {
    const k = rowGroup[r]!;
    if (k === UNASSIGNED) continue;
    groupOf[r] = active[k]!;
    value += weight[r * groups + active[k]!]!;
  }
  return { groupOf, value };
}
