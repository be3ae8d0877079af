/**
 * The optimum of an assignment problem (src/algorithms/assignment.ts) as a linear program solved
 * by HiGHS (WebAssembly), to check the solver against on random cases and in the benchmark:
 *
 *   max Σ w[r,g]·x[r,g]   over the allowed pairs (w not NaN)
 *   Σ_g x[r,g] ≤ 1         each row at most once
 *   Σ_r x[r,g] ≤ cap[g]    each group within its places
 *   0 ≤ x ≤ 1
 *
 * The constraint matrix is that of a bipartite graph (totally unimodular), so the LP's optimum
 * is reached at an integral vertex: its value is the assignment's maximum, with no integrality
 * constraint to ask for. The model is passed as a sparse matrix, not LP text, and disposed
 * through `withModel`. HiGHS blocks the event loop while it solves.
 */
import highsModule, { type Highs } from 'highs';
import type { AssignmentProblem } from '../../src/algorithms/assignment.js';

// As in forum-oracle.ts: the declarations are read as CommonJS, Node loads the ES build.
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
let loading: Promise<Highs> | undefined;
const highs = () => (loading ??= highsLoader());

export interface AssignmentOptimum {
  /** The LP optimum (the assignment's maximum) when `optimal`, else the best value found. */
  value: number;
  optimal: boolean;
  /** HiGHS model status (7 optimal, 13 time limit). */
  status: number;
}

export async function assignmentLpOptimum(problem: AssignmentProblem, options: { timeLimitSeconds?: number } = {}): Promise<AssignmentOptimum> {
  const solver = await highs();
  const n = problem.rows;
  const groups = problem.capacities.length;
  // One column per allowed pair, with its two coefficients (its row's and its group's constraint).
  const cost: number[] = [];
  const indices: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let g = 0; g < groups; g++) {
      const w = problem.weight[r * groups + g]!;
      if (Number.isNaN(w) || !(problem.capacities[g]! > 0)) continue;
      cost.push(w);
      indices.push(r, n + g);
    }
  }
  const cols = cost.length;
  if (cols === 0) return { value: 0, optimal: true, status: 7 };
  const starts = new Int32Array(cols + 1);
  for (let j = 0; j <= cols; j++) starts[j] = 2 * j;
  const rowUpper = new Float64Array(n + groups);
  rowUpper.fill(1, 0, n);
  for (let g = 0; g < groups; g++) rowUpper[n + g] = Math.max(0, Math.ceil(problem.capacities[g]!) || 0);
  return solver.withModel(
    {
      numCols: cols,
      numRows: n + groups,
      sense: solver.constants.objectiveSense.maximize,
      colCost: Float64Array.from(cost),
      colLower: new Float64Array(cols),
      colUpper: new Float64Array(cols).fill(1),
      rowLower: new Float64Array(n + groups).fill(-solver.infinity),
      rowUpper,
      matrix: { format: 'csc', numRows: n + groups, numCols: cols, starts, indices: Int32Array.from(indices), values: new Float64Array(2 * cols).fill(1) },
    },
    (model) => {
      model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds ?? 60 });
      model.run();
      const status = model.getModelStatus();
      if (status !== 7 && status !== 13) throw new Error(`HiGHS ended with model status ${status}`);
      return { value: model.getObjectiveValue(), optimal: status === 7, status };
    },
  );
}
