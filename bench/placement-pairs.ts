/**
 * Placement with pairs (src/algorithms/placement/): the optimal mode with a pair weight (and
 * without, at the largest size), and
 * the stable mode, on seeded dense instances (every volunteer may go on every mission, scores
 * 0–100, pair scores 0–100 from a hash), the same on every run:
 *   npm run bench:placement-pairs
 *   BENCH_RUNS=3 BENCH_ORACLE_SECONDS=30 npm run bench:placement-pairs
 * Prints, per size: the time, the value and the bound of the optimal mode (value ≤ optimum ≤
 * bound, so bound − value is the most that could be missing), the assignment optimum without
 * pairs, the time of the stable mode, and the exact MIP optimum (HiGHS, in a child process)
 * where it finishes. Pure computation: no database, no network.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type PlacementInput, type PlacementResult, placeVolunteers } from '../src/algorithms/placement/index.js';
import { placementOptimum } from '../test/helpers/placement-oracle.js';
import { randomPlacement } from '../test/helpers/placement-instances.js';
import { positiveInt } from './lib.js';

const RUNS = positiveInt('BENCH_RUNS', 5);
const ORACLE_SECONDS = positiveInt('BENCH_ORACLE_SECONDS', 60);

interface Scenario {
  name: string;
  seed: number;
  volunteers: number;
  missions: number;
  pairWeight: number;
  /** Whether the exact MIP is tried (its size grows with the pairs: V² × M variables). */
  oracle: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: '20 × 10 (Artois)', seed: 11, volunteers: 20, missions: 10, pairWeight: 0.5, oracle: true },
  { name: '400 × 200', seed: 12, volunteers: 400, missions: 200, pairWeight: 0.5, oracle: false },
  { name: '2,000 × 1,000', seed: 13, volunteers: 2000, missions: 1000, pairWeight: 0.5, oracle: false },
  { name: '2,000 × 1,000', seed: 13, volunteers: 2000, missions: 1000, pairWeight: 0, oracle: false },
];

const instance = (s: Scenario, mode: PlacementInput['mode']): PlacementInput =>
  randomPlacement(s.seed, { mode, volunteers: s.volunteers, missions: s.missions, allowed: [s.missions, s.missions], places: [2], pairWeight: s.pairWeight });

interface OracleAnswer {
  value?: number;
  optimal?: boolean;
  seconds?: number;
  error?: string;
}

function timed(fn: () => PlacementResult): { result: PlacementResult; ms: number } {
  fn(); // warm-up
  const samples: number[] = [];
  let result!: PlacementResult;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { result, ms: samples[Math.floor(samples.length / 2)]! };
}

function oracle(index: number): Promise<OracleAnswer> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), ['--oracle', String(index)], { execArgv: process.execArgv });
    const timer = setTimeout(() => child.kill('SIGKILL'), (ORACLE_SECONDS + 30) * 1000);
    child.once('message', (m) => resolve(m as OracleAnswer));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `exited ${code}` });
    });
  });
}

const fmt = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each (median)\n`);
  console.log('| volunteers × missions | pair weight | optimal ms | value | bound | gap to bound | assignment optimum (no pairs) | MIP optimum | stable ms | stable value |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [i, s] of SCENARIOS.entries()) {
    const optimalInput = instance(s, 'optimal');
    const optimal = timed(() => placeVolunteers(optimalInput));
    const stableInput = instance(s, 'stable');
    const stable = timed(() => placeVolunteers(stableInput));
    let mip = 'not tried';
    if (s.oracle) {
      const answer = await oracle(i);
      mip = answer.value === undefined ? `did not finish (${answer.error ?? 'limit'})` : `${fmt(answer.value)}${answer.optimal ? '' : ' (limit)'} in ${answer.seconds!.toFixed(1)} s`;
      if (answer.optimal && answer.value! > optimal.result.bound + 1e-6) {
        console.error(`the bound ${optimal.result.bound} is below the MIP optimum ${answer.value}`);
        process.exitCode = 1;
      }
    }
    const { value, bound, assignmentOptimum } = optimal.result;
    const gap = bound > 0 ? `${(((bound - value) / bound) * 100).toFixed(2)} %` : '0 %';
    console.log(`| ${s.name} | ${s.pairWeight} | ${fmtMs(optimal.ms)} | ${fmt(value)} | ${fmt(bound)} | ${gap} | ${fmt(assignmentOptimum)} | ${mip} | ${fmtMs(stable.ms)} | ${fmt(stable.result.value)} |`);
  }
}

if (process.argv[2] === '--oracle') {
  const scenario = SCENARIOS[Number(process.argv[3])]!;
  let answer: OracleAnswer;
  try {
    const started = performance.now();
    const mip = await placementOptimum(instance(scenario, 'optimal'), { timeLimitSeconds: ORACLE_SECONDS });
    answer = { value: mip.value, optimal: mip.optimal, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send!(answer);
  process.exit(0);
} else {
  await main();
}
