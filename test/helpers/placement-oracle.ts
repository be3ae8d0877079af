/**
 * Exact answers to small placement instances, as mixed-integer programs solved by HiGHS
 * (WebAssembly), to check src/algorithms/placement/. The models are written from the problem's
 * statement, not from the module's code, so that a mistake in one is not repeated in the other.
 *
 * The placement (optimal mode), `placementOptimum`:
 *   x[v,m] ∈ {0,1}    v placed on m (only where the score is not NaN and m has ≥ 2 places;
 *                      a locked volunteer only on its mission, fixed to 1)
 *   y[a,b,m] ∈ {0,1}  a and b form a binôme on m (a < b, both with an x on m, not apart; a member
 *                      of a together couple only with its partner, so the couple is one binôme)
 *   Σ_m x[v,m] ≤ 1                           each volunteer on at most one mission
 *   Σ_v x[v,m] ≤ places[m]                   capacities
 *   Σ_b y[a,b,m] = x[a,m]                     each placed volunteer in exactly one binôme there
 *   y[a,b,m] ≤ x[a,m], y[a,b,m] ≤ x[b,m]
 *   together with a mission: x[a,m] = x[b,m] = 1
 *   max Σ s(v,m)·x[v,m] + λ·Σ p(a,b,m)·y[a,b,m]
 *
 * The assignment (λ = 0, no apart, no together), `assignmentOptimumMip`: the definition of
 * `assignmentOptimum` in src/algorithms/placement/README.md, on its own:
 *   x[v,m] where the score is not NaN, m has ≥ 2 places and another volunteer could be there
 *   (allowed, not locked elsewhere); a locked volunteer only on its mission, fixed to 1;
 *   Σ_m x[v,m] ≤ 1; Σ_v x[v,m] ≤ places rounded down to even; a mission with an odd number of
 *   locked volunteers gets at least one volunteer who is not locked; max Σ s·x.
 *
 * HiGHS blocks the event loop while it solves and keeps native memory per model: every model is
 * disposed through `withModel`.
 */
import highsModule, { type Highs } from 'highs';
import type { PlacementInput } from '../../src/algorithms/placement/index.js';

export interface MipAnswer {
  /** Best value found (the optimum when `optimal`). */
  value: number;
  /** Proven upper bound on the optimum. */
  bound: number;
  /** Proven optimal within the time limit. */
  optimal: boolean;
  seconds: number;
  /** The columns at 1 in the best solution found (x…, y…). */
  chosen: string[];
}

// The package's declarations are read as CommonJS (its default export becomes `.default`) while
// Node loads its ES build, whose default export is the loader itself: accept either shape.
const highsLoader = ((highsModule as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
let loading: Promise<Highs> | undefined;
const highs = () => (loading ??= highsLoader());

const allowed = (input: PlacementInput, v: number, m: number) => {
  const M = input.places.length;
  return input.places[m]! >= 2 && !Number.isNaN(input.score[v * M + m]!);
};

function lockMap(input: PlacementInput): Map<number, number> {
  const lockOf = new Map<number, number>();
  for (const l of input.locks) lockOf.set(l.volunteer, l.mission);
  return lockOf;
}

export async function placementOptimum(input: PlacementInput, options: { timeLimitSeconds?: number } = {}): Promise<MipAnswer> {
  const solver = await highs();
  const V = input.volunteers;
  const M = input.places.length;
  const lockOf = lockMap(input);
  const partner = new Map<number, number>();
  for (const t of input.together) {
    partner.set(t.a, t.b);
    partner.set(t.b, t.a);
    if (t.mission !== undefined) {
      lockOf.set(t.a, t.mission);
      lockOf.set(t.b, t.mission);
    }
  }
  const apart = new Set(input.apart.map(({ a, b }) => `${Math.min(a, b)}_${Math.max(a, b)}`));
  const x = (v: number, m: number) => `x${v}_${m}`;
  const hasX = (v: number, m: number) => allowed(input, v, m) && (!lockOf.has(v) || lockOf.get(v) === m);

  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const yOf = new Map<string, string[]>();
  for (let v = 0; v < V; v++) {
    const mine: string[] = [];
    for (let m = 0; m < M; m++) {
      if (!hasX(v, m)) continue;
      mine.push(x(v, m));
      binaries.push(x(v, m));
      objective.push(`${input.score[v * M + m]} ${x(v, m)}`);
      yOf.set(x(v, m), []);
    }
    if (mine.length > 0) rows.push(`one${v}: ${mine.join(' + ')} <= 1`);
    if (lockOf.has(v)) bounds.push(` ${x(v, lockOf.get(v)!)} = 1`);
  }
  for (let m = 0; m < M; m++) {
    const here: string[] = [];
    for (let v = 0; v < V; v++) if (hasX(v, m)) here.push(x(v, m));
    if (here.length > 0) rows.push(`cap${m}: ${here.join(' + ')} <= ${input.places[m]}`);
    for (let a = 0; a < V; a++) {
      for (let b = a + 1; b < V; b++) {
        if (!hasX(a, m) || !hasX(b, m) || apart.has(`${a}_${b}`)) continue;
        if ((partner.has(a) || partner.has(b)) && partner.get(a) !== b) continue;
        const y = `y${a}_${b}_${m}`;
        binaries.push(y);
        const p = input.pairScore(a, b, m);
        if (input.pairWeight > 0 && p > 0) objective.push(`${input.pairWeight * p} ${y}`);
        rows.push(`la${y}: ${y} - ${x(a, m)} <= 0`, `lb${y}: ${y} - ${x(b, m)} <= 0`);
        yOf.get(x(a, m))!.push(y);
        yOf.get(x(b, m))!.push(y);
      }
    }
  }
  for (const [xv, ys] of yOf) rows.push(ys.length > 0 ? `pair${xv}: ${ys.join(' + ')} - ${xv} = 0` : `pair${xv}: ${xv} = 0`);
  return solve(solver, objective, rows, bounds, binaries, options.timeLimitSeconds);
}

export async function assignmentOptimumMip(input: PlacementInput, options: { timeLimitSeconds?: number } = {}): Promise<MipAnswer> {
  if (input.apart.length > 0 || input.together.length > 0) throw new Error('the assignment model is for instances without apart and together');
  const solver = await highs();
  const V = input.volunteers;
  const M = input.places.length;
  const lockOf = lockMap(input);
  const canBeOn = (w: number, m: number) => allowed(input, w, m) && (!lockOf.has(w) || lockOf.get(w) === m);
  const x = (v: number, m: number) => `x${v}_${m}`;
  const hasX = (v: number, m: number) => {
    if (!canBeOn(v, m)) return false;
    for (let w = 0; w < V; w++) if (w !== v && canBeOn(w, m)) return true;
    return false;
  };
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  for (let v = 0; v < V; v++) {
    const mine: string[] = [];
    for (let m = 0; m < M; m++) {
      if (lockOf.has(v) ? lockOf.get(v) !== m : !hasX(v, m)) continue;
      mine.push(x(v, m));
      binaries.push(x(v, m));
      objective.push(`${input.score[v * M + m]} ${x(v, m)}`);
    }
    if (mine.length > 0) rows.push(`one${v}: ${mine.join(' + ')} <= 1`);
    if (lockOf.has(v)) bounds.push(` ${x(v, lockOf.get(v)!)} = 1`);
  }
  for (let m = 0; m < M; m++) {
    const here: string[] = [];
    const free: string[] = [];
    let locked = 0;
    for (let v = 0; v < V; v++) {
      if (lockOf.get(v) === m) {
        here.push(x(v, m));
        locked++;
      } else if (!lockOf.has(v) && hasX(v, m)) {
        here.push(x(v, m));
        free.push(x(v, m));
      }
    }
    const even = input.places[m]! - (input.places[m]! % 2);
    if (here.length > 0) rows.push(`cap${m}: ${here.join(' + ')} <= ${even}`);
    if (locked % 2 === 1) rows.push(free.length > 0 ? `partner${m}: ${free.join(' + ')} >= 1` : `partner${m}: ${here[0]} >= 2`);
  }
  return solve(solver, objective, rows, bounds, binaries, options.timeLimitSeconds);
}

function solve(solver: Highs, objective: string[], rows: string[], bounds: string[], binaries: string[], timeLimitSeconds = 20): MipAnswer {
  const text = ['Maximize', ` obj: ${objective.length > 0 ? wrap(objective, ' + ').join('\n + ') : '0 ' + (binaries[0] ?? 'dummy')}`, 'Subject To', ...rows.map((r) => ` ${r}`), 'Bounds', ...bounds, 'Binary', ...wrap(binaries), 'End'].join('\n');
  const started = performance.now();
  return solver.withModel({ format: 'lp', data: text }, (model) => {
    // mip_rel_gap 0: the default (1e-4) would accept a solution short of the optimum.
    model.options.set({ output_flag: false, mip_rel_gap: 0, time_limit: timeLimitSeconds });
    model.run();
    const status = model.getModelStatus();
    // 7: optimal, 13: time limit.
    if (status !== 7 && status !== 13) throw new Error(`HiGHS ended with model status ${status}`);
    const value = model.getObjectiveValue();
    const bound = Number(model.info.get('mip_dual_bound'));
    const chosen: string[] = [];
    model.getSolution().colValue.forEach((x, i) => {
      if (x > 0.5) chosen.push(model.getColName(i));
    });
    return { value, bound: Number.isFinite(bound) ? bound : value, optimal: status === 7, seconds: (performance.now() - started) / 1000, chosen };
  });
}

/** LP text with short lines: some readers dislike very long ones. */
function wrap(names: readonly string[], separator = ' '): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 12) lines.push(names.slice(i, i + 12).join(separator));
  return lines;
}

/**
 * The optimum of a tiny instance by enumeration, for any λ and every constraint: each volunteer
 * on one of its allowed missions or none (a locked one only on its mission), every mission with
 * an even count within its places, and the best pairing of each mission among all of them
 * (apart never paired, a together couple always paired together, on its mission if it has one).
 * −Infinity when nothing satisfies the constraints. Exponential: a handful of volunteers only.
 */
export function bruteForceOptimum(input: PlacementInput): number {
  const V = input.volunteers;
  const M = input.places.length;
  const lockOf = lockMap(input);
  const partner = new Map<number, number>();
  const coupleMission = new Map<number, number>();
  for (const t of input.together) {
    partner.set(t.a, t.b).set(t.b, t.a);
    if (t.mission !== undefined) coupleMission.set(t.a, t.mission).set(t.b, t.mission);
  }
  const apart = new Set(input.apart.map(({ a, b }) => `${Math.min(a, b)}_${Math.max(a, b)}`));
  const options = Array.from({ length: V }, (_, v) => {
    const fixed = lockOf.get(v) ?? coupleMission.get(v);
    if (fixed !== undefined) return [fixed];
    return [-1, ...Array.from({ length: M }, (_, m) => m).filter((m) => allowed(input, v, m))];
  });
  // Best Σ (s + λ·p) over perfect pairings of `members` on m, −Infinity when there is none.
  const bestPairing = (m: number, members: number[]): number => {
    if (members.length === 0) return 0;
    const [first, ...rest] = members as [number, ...number[]];
    let best = -Infinity;
    rest.forEach((other, i) => {
      if (apart.has(`${Math.min(first, other)}_${Math.max(first, other)}`)) return;
      if ((partner.has(first) || partner.has(other)) && partner.get(first) !== other) return;
      const value = input.score[first * M + m]! + input.score[other * M + m]! + input.pairWeight * input.pairScore(Math.min(first, other), Math.max(first, other), m);
      best = Math.max(best, value + bestPairing(m, rest.filter((_, j) => j !== i)));
    });
    return best;
  };
  const choice = new Array<number>(V).fill(-1);
  let best = -Infinity;
  const visit = (v: number) => {
    if (v === V) {
      let total = 0;
      for (let m = 0; m < M && total > -Infinity; m++) {
        const members = choice.flatMap((c, u) => (c === m ? [u] : []));
        if (members.length > input.places[m]! || members.length % 2 === 1) return;
        total += bestPairing(m, members);
      }
      best = Math.max(best, total);
      return;
    }
    for (const m of options[v]!) {
      choice[v] = m;
      visit(v + 1);
    }
  };
  visit(0);
  return best;
}
