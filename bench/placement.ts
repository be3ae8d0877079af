/**
 * Placement, the maximum-weight assignment of volunteers to missions (src/algorithms/assignment.ts),
 * on seeded instances, the same on every run, against the `munkres` package and the HiGHS LP:
 *   npm run bench:placement
 *   BENCH_RUNS=3 BENCH_ORACLE_SECONDS=10 npm run bench:placement
 * Pure computation: no database, no network. HiGHS runs in a child process (this file again,
 * with `--oracle`), so that a crash, its memory or a hang cannot take the bench down. Prints a
 * markdown table; see bench/README.md for what each column means.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import munkres from 'munkres';
import { type AssignmentProblem, maxWeightAssignment } from '../src/algorithms/assignment.js';
import { assignmentLpOptimum } from '../test/helpers/assignment-oracle.js';
import { type PlacementShape, randomPlacement } from '../test/helpers/assignment-instances.js';
import { bounded, positiveInt } from './lib.js';

const RUNS = positiveInt('BENCH_RUNS', 7);
const ORACLE_SECONDS = positiveInt('BENCH_ORACLE_SECONDS', 60);

interface Scenario {
  name: string;
  scores: string;
  seed: number;
  shape: PlacementShape;
}

// Every mission has 2 places: as many seats as volunteers, so everyone can be placed and the
// comparison with munkres (which places every row) is on the same problem.
const size = (volunteers: number, scores: PlacementShape['scores'], popularity = 0): PlacementShape => ({
  volunteers,
  missions: volunteers / 2,
  places: [2, 2],
  scores,
  popularity,
});
const SCENARIOS: Scenario[] = [
  { name: '20 × 10 (Artois)', scores: 'integers', seed: 1, shape: size(20, 'integers') },
  { name: '20 × 10 (Artois)', scores: 'tenths', seed: 2, shape: size(20, 'tenths') },
  { name: '400 × 200', scores: 'integers', seed: 3, shape: size(400, 'integers') },
  { name: '400 × 200', scores: 'tenths', seed: 4, shape: size(400, 'tenths') },
  { name: '2,000 × 1,000', scores: 'integers', seed: 5, shape: size(2000, 'integers') },
  { name: '2,000 × 1,000', scores: 'tenths', seed: 6, shape: size(2000, 'tenths') },
  { name: '2,000 × 1,000', scores: 'integers, popular missions', seed: 7, shape: size(2000, 'integers', 0.5) },
];

interface OracleAnswer {
  value?: number;
  optimal?: boolean;
  seconds?: number;
  error?: string;
}

if (process.argv[2] === '--oracle') {
  // Child: one instance, one LP, one answer to the parent.
  const scenario = SCENARIOS[Number(process.argv[3])]!;
  let answer: OracleAnswer;
  try {
    await assignmentLpOptimum({ rows: 1, capacities: [1], weight: [1] }); // loads the WebAssembly
    const start = performance.now();
    const lp = await assignmentLpOptimum(randomPlacement(scenario.seed, scenario.shape), { timeLimitSeconds: ORACLE_SECONDS });
    answer = { value: lp.value, optimal: lp.optimal, seconds: (performance.now() - start) / 1000 };
  } catch (err) {
    answer = { error: err instanceof Error ? err.message.split('\n')[0]!.slice(0, 80) : String(err) };
  }
  process.send!(answer, () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
  // Bounded in time: our runs take well under a second each, munkres about as long, HiGHS at
  // most its limit (plus model building) per instance.
  bounded(SCENARIOS.length * (60 + 2 * ORACLE_SECONDS));
  const rows: string[] = [];
  const mismatches: string[] = [];
  for (const [index, scenario] of SCENARIOS.entries()) {
    const problem = randomPlacement(scenario.seed, scenario.shape);
    const ours = timed(() => maxWeightAssignment(problem).value);
    const matrix = costMatrix(problem);
    const theirs = timed(() => munkresValue(problem, matrix));
    const oracle = await lpOptimum(index);
    const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    if (!same(ours.value, theirs.value)) mismatches.push(`${scenario.name} ${scenario.scores}: munkres ${theirs.value}, ours ${ours.value}`);
    if (oracle.optimal && !same(ours.value, oracle.value!)) mismatches.push(`${scenario.name} ${scenario.scores}: HiGHS ${oracle.value}, ours ${ours.value}`);
    const seats = problem.capacities.length * 2;
    rows.push(
      `| ${scenario.name} | ${scenario.scores} | ${seats.toLocaleString('en-US')} | **${fmtMs(ours.ms)}** | ${fmtValue(ours.value)} | ${fmtMs(theirs.ms)} | ${fmtValue(theirs.value)} | ${(theirs.ms / ours.ms).toFixed(1)}× | ${oracleText(oracle)} |`,
    );
    console.error(`done: ${scenario.name} ${scenario.scores}`);
  }

  console.log(`Node ${process.version} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}) · median of ${RUNS} runs after a warm-up (≥ 3 runs, ≥ 200 ms) · HiGHS limited to ${ORACLE_SECONDS} s`);
  console.log('');
  console.log('| volunteers × missions | scores | seats | ms | value | munkres ms | munkres value | munkres / ours | HiGHS LP optimum |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
  if (mismatches.length > 0) {
    console.log('');
    for (const m of mismatches) console.log(`**Values differ**: ${m}`);
    process.exitCode = 1;
  }
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timed(fn: () => number): { value: number; ms: number } {
  // Warm-up: the first runs pay for compilation (V8 optimises in tiers); at least 3 runs and 200 ms.
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < 200; i++) fn();
  const samples: number[] = [];
  let value = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = fn();
    samples.push(performance.now() - start);
  }
  return { value, ms: median(samples) };
}

/**
 * munkres solves a min-cost assignment on a matrix: volunteers × seats, each mission's places as
 * that many identical columns, cost 100 − score (every score is finite here). Built once, outside
 * the timing: its time is the solver's alone, while ours includes reading the weights.
 */
function costMatrix(problem: AssignmentProblem): Float64Array[] {
  const groups = problem.capacities.length;
  const seatGroup: number[] = [];
  for (let g = 0; g < groups; g++) for (let k = 0; k < problem.capacities[g]!; k++) seatGroup.push(g);
  const matrix: Float64Array[] = [];
  for (let r = 0; r < problem.rows; r++) {
    const row = new Float64Array(seatGroup.length);
    for (let s = 0; s < seatGroup.length; s++) row[s] = 100 - problem.weight[r * groups + seatGroup[s]!]!;
    matrix.push(row);
  }
  return matrix;
}

/** munkres' assignment, valued with the scores (in row order, as maxWeightAssignment sums). */
function munkresValue(problem: AssignmentProblem, matrix: Float64Array[]): number {
  const groups = problem.capacities.length;
  const seatGroup: number[] = [];
  for (let g = 0; g < groups; g++) for (let k = 0; k < problem.capacities[g]!; k++) seatGroup.push(g);
  const groupOf = new Int32Array(problem.rows).fill(-1);
  for (const [row, seat] of munkres(matrix)) groupOf[row] = seatGroup[seat]!;
  let value = 0;
  for (let r = 0; r < problem.rows; r++) if (groupOf[r]! >= 0) value += problem.weight[r * groups + groupOf[r]!]!;
  return value;
}

/** The HiGHS LP optimum of scenario `index`, solved in a child process with a time limit. */
function lpOptimum(index: number): Promise<OracleAnswer> {
  return new Promise((resolve) => {
    let answer: OracleAnswer | undefined;
    const child = fork(fileURLToPath(import.meta.url), ['--oracle', String(index)], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), (2 * ORACLE_SECONDS + 60) * 1000);
    child.on('message', (message: OracleAnswer) => (answer = message));
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (answer) return resolve(answer);
      const last = stderr.trim().split('\n').filter((l) => l.length < 200).pop() ?? '';
      resolve({ error: signal ? `killed (${signal})` : `exit code ${code}${last ? `: ${last.slice(0, 80)}` : ''}` });
    });
  });
}

function oracleText(oracle: OracleAnswer): string {
  if (oracle.error !== undefined) return `did not finish (${oracle.error})`;
  if (!oracle.optimal) return `did not finish in ${ORACLE_SECONDS} s`;
  return `${fmtValue(oracle.value!)} (${oracle.seconds!.toFixed(1)} s)`;
}

function fmtMs(ms: number): string {
  return ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function fmtValue(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
