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
 * place it, possibly moving rows from group to group, and ends in a group with a free place (or
 * in "unassigned"). Worst case O(rows · (rows · groups + groups²)); on dense random scores most
 * rows end in one scan. With cost c = −weight, reduced costs c − u − v ≥ 0 throughout, and the
 * pairs in use are tight (= 0); the potential update after each path (v[g] += d[g] − μ for the
 * groups scanned, μ the path's length) keeps the first and makes the path's pairs tight: the
 * textbook argument, unchanged by the seats of a group sharing one potential. Negative weights
 * are dropped at the start: such a pair is never in an optimum (leaving the row unassigned is
 * better, and frees the place).
 *
 * Two formulations of "unassigned", both exact; the second is chosen when it applies:
 *
 * 1. General: "unassigned" is a sink of cost 0, always free. The LP and its dual:
 *      min Σ c·x   s.t.  Σ_g x[r,g] + x[r,∅] = 1,  Σ_r x[r,g] ≤ cap[g],  x ≥ 0
 *      max Σ u[r] + Σ cap[g]·v[g]   s.t.  u[r] + v[g] ≤ c[r,g],  u[r] ≤ 0,  v[g] ≤ 0.
 *    Potentials start at 0 and only decrease, and a group's potential moves only when a path
 *    passes *through* it, which needs it full; a full group stays full (a path moves rows, it
 *    never frees a place). So v[g] < 0 only for full groups, and every group that is not full
 *    has v = 0: any of them ends a path at no extra cost. With all rows added, feasibility and
 *    complementary slackness certify an optimum (the matrix is totally unimodular).
 *
 * 2. Balanced: no forbidden pair, no negative weight and no more places than rows. Then some
 *    optimum fills every place (an empty place can take an unassigned row without loss), so the
 *    problem is a transportation problem with equalities on both sides: every group takes
 *    exactly cap[g] rows, and "unassigned" is a column D of cost 0 with exactly n − places.
 *    Its dual has no sign constraints, so potentials may start anywhere and every column with a
 *    free place ends a path at no extra cost. They start where column reduction puts them
 *    (v[g] = the smallest cost in the column, the JV initialisation), shifted so that about as
 *    many rows prefer a group to D as there are places: when many rows want the same groups
 *    (missions popular with everyone), the prices are right from the start instead of being
 *    found one long path at a time. D can hold many rows; scanning it uses, per group, the best
 *    of its rows (all are tight on D at the same potential), kept up to date as rows come and go.
 *
 * Arithmetic: with integer weights every cost, potential and distance is an integer, so the
 * result is exact as long as the sums stay below 2^53. With fractional weights rounding can
 * make a reduced cost −1e-13 instead of 0; distances are clamped at the current level so that
 * the search stays a Dijkstra, and the optimum is exact up to that rounding (the value may then
 * differ from the true maximum by ~1e-12 of it, when two assignments differ by less).
 *
 * Determinism: no clock, no randomness, fixed scan orders, so the same input gives the same
 * groupOf, ties included. Which optimum is returned when several tie is not specified: a row
 * may be placed on a pair of weight 0 or left unassigned, and the choice is not the one the
 * reference Hungarian over seats (test/helpers/assignment-reference.ts) makes.
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
  let seats = 0;
  for (let k = 0; k < A; k++) seats += Math.min(Math.ceil(problem.capacities[active[k]!]!), n);

  // Costs, row-major: one column per active group, then one for D (cost 0), used in the balanced
  // formulation only. Forbidden and negative pairs cost +∞: every comparison with them fails,
  // so they are never relaxed and no branch is needed for them.
  const stride = A + 1;
  const cost = new Float64Array(n * stride);
  let dense = true;
  for (let r = 0; r < n; r++) {
    const from = r * groups;
    const to = r * stride;
    for (let k = 0; k < A; k++) {
      const w = weight[from + active[k]!]!;
      if (w >= 0) cost[to + k] = -w; // NaN >= 0 is false
      else {
        cost[to + k] = Infinity;
        dense = false;
      }
    }
  }
  const balanced = dense && seats <= n;
  const C = balanced && seats < n ? A + 1 : A; // columns searched: the groups, and D if any
  const DCOL = C > A ? A : -1;
  const UNASSIGNED = C; // the always-free sink of the general formulation, as a column number

  const cap = new Int32Array(C);
  const slotStart = new Int32Array(C + 1);
  for (let k = 0; k < C; k++) {
    cap[k] = k < A ? Math.min(Math.ceil(problem.capacities[active[k]!]!), n) : n - seats;
    slotStart[k + 1] = slotStart[k]! + cap[k]!;
  }

  // Column potentials: 0 in the general formulation (and the sink's stays 0 for good).
  const v = new Float64Array(C);
  if (balanced) {
    // Column reduction: each group priced at its best row, so that it is tight for that row.
    v.fill(Infinity, 0, A);
    for (let r = 0; r < n; r++) {
      const rb = r * stride;
      for (let k = 0; k < A; k++) if (cost[rb + k]! < v[k]!) v[k] = cost[rb + k]!;
    }
    if (DCOL >= 0) {
      // Against D (potential 0), every row would find every group too dear. Lower all the group
      // prices together by the `seats`-th smallest regret (a row's least reduced cost over the
      // groups), so that about `seats` rows prefer a group and the others D.
      const regret = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const rb = r * stride;
        let least = Infinity;
        for (let k = 0; k < A; k++) {
          const x = cost[rb + k]! - v[k]!;
          if (x < least) least = x;
        }
        regret[r] = least;
      }
      regret.sort();
      const shift = regret[seats - 1]!;
      for (let k = 0; k < A; k++) v[k] = v[k]! + shift;
    }
  }

  const count = new Int32Array(C); // rows in each column
  const slotRow = new Int32Array(slotStart[C]!); // the rows of column k in slotStart[k]..+count[k]
  const rowGroup = new Int32Array(n).fill(-1); // -1: not added yet; a column; or UNASSIGNED
  const rowSlot = new Int32Array(n).fill(-1);
  const d = new Float64Array(C); // Dijkstra distances (reduced), pred: the row each came from
  const pred = new Int32Array(C);
  // Columns in three parts: [0, low) scanned, [low, up) at the current distance `min`, to scan,
  // [up, C) not reached yet at that distance.
  const col = new Int32Array(C);
  // D's rows are all tight on D at the same potential: for each group, the least cost among
  // them (and whose) stands for all of them when D is scanned.
  const bestD = new Float64Array(DCOL >= 0 ? A : 0).fill(Infinity);
  const argD = new Int32Array(DCOL >= 0 ? A : 0).fill(-1);

  for (let s = 0; s < n; s++) {
    const base = s * stride;
    for (let k = 0; k < C; k++) {
      d[k] = cost[base + k]! - v[k]!;
      pred[k] = s;
      col[k] = k;
    }
    // Distance to the sink (u[s] taken as 0: a shift of every distance); none when balanced.
    let dOut = balanced ? Infinity : 0;
    let predOut = s;
    let low = 0;
    let up = 0;
    let min = 0;
    let end: number; // the column with a free place the path ends in, or UNASSIGNED

    search: for (;;) {
      if (low === up) {
        // Collect every unreached group at the smallest distance.
        min = Infinity;
        for (let k = up; k < C; k++) {
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
      // Scan a full column at distance `min`: every row in it may move to another column. D is
      // scanned once, with the best of its rows for each group.
      const j1 = col[low++]!;
      const vj1 = v[j1]!;
      const viaD = j1 === DCOL;
      for (let t = slotStart[j1]!, last = viaD ? t + 1 : t + count[j1]!; t < last; t++) {
        const i = slotRow[t]!;
        const src = viaD ? bestD : cost;
        const rb = viaD ? 0 : i * stride;
        // The pair (i, j1) is tight, so this is u[i] − min, and v2 below is min + reduced cost.
        const h = (viaD ? 0 : cost[rb + j1]!) - vj1 - min;
        const out = -h;
        if (out < dOut && !balanced) {
          dOut = out < min ? min : out;
          predOut = i;
        }
        for (let k = up; k < C; k++) {
          const j = col[k]!;
          const v2 = src[rb + j]! - v[j]! - h;
          if (v2 < d[j]!) {
            pred[j] = viaD ? argD[j]! : i;
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
    let intoD = -1;
    let outOfD = -1;
    for (;;) {
      const from = rowGroup[i]!;
      const fromSlot = rowSlot[i]!;
      rowGroup[i] = target;
      rowSlot[i] = slot;
      if (target !== UNASSIGNED) slotRow[slot] = i;
      if (target === DCOL) intoD = i;
      if (from === DCOL) outOfD = i;
      if (i === s) break;
      target = from;
      slot = fromSlot;
      i = pred[from]!;
    }
    // Keep D's best rows per group: a row in, then a row out (only the groups it was best for
    // are looked at again, and a row as good as the one that left ends the look).
    if (intoD >= 0) {
      const rb = intoD * stride;
      for (let k = 0; k < A; k++) {
        if (cost[rb + k]! < bestD[k]!) {
          bestD[k] = cost[rb + k]!;
          argD[k] = intoD;
        }
      }
    }
    if (outOfD >= 0) {
      const first = slotStart[DCOL]!;
      const last = first + count[DCOL]!;
      for (let k = 0; k < A; k++) {
        if (argD[k] !== outOfD) continue;
        const old = bestD[k]!;
        let best = Infinity;
        let arg = -1;
        for (let t = first; t < last; t++) {
          const r = slotRow[t]!;
          const c = cost[r * stride + k]!;
          if (c < best) {
            best = c;
            arg = r;
            if (c <= old) break; // no row in D does better than the one that left
          }
        }
        bestD[k] = best;
        argD[k] = arg;
      }
    }
  }

  let value = 0;
  for (let r = 0; r < n; r++) {
    const k = rowGroup[r]!;
    if (k >= A) continue;
    groupOf[r] = active[k]!;
    value += weight[r * groups + active[k]!]!;
  }
  return { groupOf, value };
}
