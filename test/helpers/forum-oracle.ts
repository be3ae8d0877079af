/**
 * The exact answer to a forum-scheduling instance, as a mixed-integer program solved by HiGHS
 * (WebAssembly), to check the heuristic of src/algorithms/forum-schedule.ts on small instances.
 *
 * It reads the input's rules afresh rather than reusing the scheduler's, so that a mistake in
 * one is not repeated in the other; only the priority order (`compareRequestPriority`) is
 * shared, because it is the specification, not an implementation choice.
 *
 *   x[e,r] ∈ {0,1}  request e is met in round r (only rounds where both are free and allowed)
 *   y[r]   ∈ {0,1}  round r is used; y[r] ≥ y[r+1], so Σ y = the rounds used
 *   Σ_r x[e,r] ≤ 1                                    each request at most once
 *   Σ_{e of c} x[e,r] ≤ y[r]                           a candidate in one meeting per round
 *   Σ_{e of s} x[e,r] ≤ (tables − fixed(s,r)) · y[r]   a structure within its free tables
 *
 * Solved lexicographically, one MIP per stage: the scheduled requests of the first priority
 * class, then of the next (each stage keeping the counts reached before), then the fewest rounds.
 * Stages rather than one weighted objective because exact lexicographic weights grow as the
 * product of the class sizes, beyond what a floating-point MIP solver compares reliably.
 *
 * HiGHS blocks the event loop while it solves (fine in a test or a benchmark) and keeps native
 * memory per model: every model is disposed through `withModel`.
 */
import highsModule, { type Highs } from 'highs';
import { compareRequestPriority, type ScheduleInput } from '../../src/algorithms/forum-schedule.js';

export interface ForumOptimum {
  /** Scheduled requests per priority class, first class first (mutual, then higher priority). */
  classCounts: number[];
  /** Fewest rounds that schedule those counts (an upper bound when not `optimal`). */
  roundsUsed: number;
  /** Proven lower bound on the rounds (equal to roundsUsed when `optimal`). */
  roundsBound: number;
  /** Whether every stage was solved to proven optimality within the time limit. */
  optimal: boolean;
}

// The package's declarations are read as CommonJS (its default export becomes `.default`) while
// Node loads its ES build, whose default export is the loader itself: accept either shape.
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
let loading: Promise<Highs> | undefined;
const highs = () => (loading ??= highsLoader());

/** Priority class of every request (0 = first served), with the order of the scheduler. */
export function requestClasses(requests: ScheduleInput['requests']): { classOf: number[]; classes: number } {
  const order = requests.map((_, i) => i).sort((a, b) => compareRequestPriority(requests[a]!, requests[b]!) || a - b);
  const classOf = new Array<number>(requests.length).fill(0);
  let k = 0;
  order.forEach((i, n) => {
    if (n > 0 && compareRequestPriority(requests[order[n - 1]!]!, requests[i]!) !== 0) k++;
    classOf[i] = k;
  });
  return { classOf, classes: requests.length === 0 ? 0 : k + 1 };
}

export async function forumOptimum(input: ScheduleInput, options: { timeLimitSeconds?: number } = {}): Promise<ForumOptimum> {
  const solver = await highs();
  const R = input.rounds;
  const from = input.fromRound ?? 0;
  const fixed = input.fixed ?? [];
  const tables = new Map(input.structures.map((s) => [s.id, s.tables]));
  const closed = new Map(input.structures.map((s) => [s.id, new Set(s.unavailableRounds ?? [])]));
  const windows = new Map(input.candidates.map((c) => [c.id, { first: c.firstRound ?? 0, last: c.lastRound ?? R - 1 }]));
  const busy = new Set(fixed.map((m) => `${m.candidateId}@${m.round}`));
  const fixedAt = new Map<string, number>();
  for (const m of fixed) fixedAt.set(`${m.structureId}@${m.round}`, (fixedAt.get(`${m.structureId}@${m.round}`) ?? 0) + 1);
  const freeTables = (s: string, r: number) => tables.get(s)! - (fixedAt.get(`${s}@${r}`) ?? 0);
  const metInFixed = new Set(fixed.map((m) => `${m.candidateId}|${m.structureId}`));
  const usedByFixed = fixed.reduce((n, m) => Math.max(n, m.round + 1), 0);

  const { classOf, classes } = requestClasses(input.requests);
  const classCounts = new Array<number>(classes).fill(0);
  const columns: { name: string; request: number; round: number }[] = [];
  input.requests.forEach((q, i) => {
    if (metInFixed.has(`${q.candidateId}|${q.structureId}`)) {
      classCounts[classOf[i]!]!++;
      return;
    }
    const w = windows.get(q.candidateId)!;
    for (let r = Math.max(from, w.first, 0); r <= Math.min(w.last, R - 1); r++) {
      if (closed.get(q.structureId)!.has(r) || busy.has(`${q.candidateId}@${r}`) || freeTables(q.structureId, r) <= 0) continue;
      columns.push({ name: `x${i}_${r}`, request: i, round: r });
    }
  });

  // Constraints shared by every stage.
  const rows: string[] = [];
  const byRequest = new Map<number, string[]>();
  const byCandidate = new Map<string, string[]>();
  const byStructure = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, name: string) => {
    const list = map.get(key);
    if (list) list.push(name);
    else map.set(key, [name]);
  };
  for (const col of columns) {
    const q = input.requests[col.request]!;
    const list = byRequest.get(col.request);
    if (list) list.push(col.name);
    else byRequest.set(col.request, [col.name]);
    push(byCandidate, `${q.candidateId}@${col.round}`, col.name);
    push(byStructure, `${q.structureId}@${col.round}`, col.name);
  }
  let n = 0;
  for (const names of byRequest.values()) rows.push(` r${n++}: ${sum(names)} <= 1`);
  for (const [key, names] of byCandidate) rows.push(` r${n++}: ${sum(names)} - y${key.split('@')[1]} <= 0`);
  for (const [key, names] of byStructure) {
    const [s, r] = key.split('@') as [string, string];
    rows.push(` r${n++}: ${sum(names)} - ${freeTables(s, Number(r))} y${r} <= 0`);
  }
  for (let r = 0; r + 1 < R; r++) rows.push(` r${n++}: y${r} - y${r + 1} >= 0`);
  const bounds = [...range(R).map((r) => (r < usedByFixed ? ` y${r} = 1` : ` 0 <= y${r} <= 1`))];
  const binaries = [...columns.map((c) => c.name), ...range(R).map((r) => `y${r}`)];

  const classColumns = range(classes).map((k) => columns.filter((c) => classOf[c.request] === k).map((c) => c.name));
  const reached: string[] = [];
  let optimal = true;
  for (let k = 0; k < classes; k++) {
    const names = classColumns[k]!;
    if (names.length > 0) {
      const result = solve(solver, 'Maximize', sum(names), [...rows, ...reached], bounds, binaries, options.timeLimitSeconds);
      optimal &&= result.optimal;
      const count = Math.round(result.value);
      classCounts[k]! += count;
      if (count > 0) reached.push(` k${k}: ${sum(names)} >= ${count}`);
    }
  }
  if (R === 0 || binaries.length === R) {
    return { classCounts, roundsUsed: usedByFixed, roundsBound: usedByFixed, optimal };
  }
  const result = solve(solver, 'Minimize', sum(range(R).map((r) => `y${r}`)), [...rows, ...reached], bounds, binaries, options.timeLimitSeconds);
  optimal &&= result.optimal;
  return { classCounts, roundsUsed: Math.round(result.value), roundsBound: Math.ceil(result.bound - 1e-6), optimal };
}

function solve(
  solver: Highs,
  sense: 'Maximize' | 'Minimize',
  objective: string,
  rows: readonly string[],
  bounds: readonly string[],
  binaries: readonly string[],
  timeLimitSeconds = 60,
): { value: number; bound: number; optimal: boolean } {
  const text = [sense, ` obj: ${objective}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'Binary', ...wrap(binaries), 'End'].join('\n');
  return solver.withModel({ format: 'lp', data: text }, (model) => {
    // mip_rel_gap 0: the default (1e-4) would accept a solution short of the optimum.
    model.options.set({ output_flag: false, mip_rel_gap: 0, time_limit: timeLimitSeconds });
    model.run();
    const status = model.getModelStatus();
    // 7: optimal, 13: time limit (with an incumbent, since every x = 0 with y = 1 is feasible).
    if (status !== 7 && status !== 13) throw new Error(`HiGHS ended with model status ${status}`);
    const value = model.getObjectiveValue();
    const bound = Number(model.info.get('mip_dual_bound'));
    return { value, bound: Number.isFinite(bound) ? bound : value, optimal: status === 7 };
  });
}

function sum(names: readonly string[]): string {
  return wrap(names, ' + ').join('\n + ');
}

/** LP text with short lines: some readers dislike very long ones. */
function wrap(names: readonly string[], separator = ' '): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 12) lines.push(names.slice(i, i + 12).join(separator));
  return lines;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
