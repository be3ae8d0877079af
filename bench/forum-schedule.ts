/**
 * Forum scheduling (src/algorithms/forum-schedule.ts) on seeded instances, the same on every run:
 *   npm run bench:forum
 *   BENCH_RUNS=3 BENCH_ORACLE_SECONDS=10 npm run bench:forum
 * Pure computation in this process: no database, no network. Prints a markdown table; see
 * bench/README.md for what each column means.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { greedyFirstFreeRound, type ScheduleInput, type ScheduleOutput, scheduleForum } from '../src/algorithms/forum-schedule.js';
import { type ForumShape, randomForum } from '../test/helpers/forum-instances.js';
import { forumOptimum, requestClasses } from '../test/helpers/forum-oracle.js';
import { bounded, positiveInt } from './lib.js';

const RUNS = positiveInt('BENCH_RUNS', 7);
const ORACLE_SECONDS = positiveInt('BENCH_ORACLE_SECONDS', 30);

interface Scenario {
  name: string;
  seed: number;
  shape: ForumShape;
  /** Ask HiGHS for the optimum (small windowed instances only). */
  oracle: boolean;
}

// Window-free forums get twice their lower bound of rounds, so that neither the heuristic nor
// the greedy comparison is cut short: the rounds they use are their own. Windowed forums get the
// lower bound plus three rounds, tight enough that windows and closed rounds bite.
const SCENARIOS: Scenario[] = [
  { name: 'C500×S60, 6 each, 1 table', seed: 1, shape: { candidates: 500, structures: 60, requestsPerCandidate: 6, tables: [1, 1], factor: 2 }, oracle: false },
  { name: 'C5000×S500, 8 each, 1 table', seed: 2, shape: { candidates: 5000, structures: 500, requestsPerCandidate: 8, tables: [1, 1], factor: 2 }, oracle: false },
  { name: 'C500×S60, 6 each, 2–3 tables', seed: 3, shape: { candidates: 500, structures: 60, requestsPerCandidate: 6, tables: [2, 3], factor: 2 }, oracle: false },
  { name: 'C5000×S500, 8 each, 2–3 tables', seed: 4, shape: { candidates: 5000, structures: 500, requestsPerCandidate: 8, tables: [2, 3], factor: 2 }, oracle: false },
  { name: 'windowed C40×S10, 4 each, 1–3 tables', seed: 5, shape: { candidates: 40, structures: 10, requestsPerCandidate: 4, tables: [1, 3], slack: 3, windowed: true }, oracle: true },
  { name: 'windowed C200×S30, 5 each, 1–3 tables', seed: 6, shape: { candidates: 200, structures: 30, requestsPerCandidate: 5, tables: [1, 3], slack: 3, windowed: true }, oracle: true },
];

// Bounded in time: the runs take seconds; the oracle at most its limit per stage (a few stages).
bounded(SCENARIOS.length * 60 + 12 * ORACLE_SECONDS);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timed(fn: () => ScheduleOutput): { result: ScheduleOutput; ms: number } {
  fn(); // warm-up: the first run pays for compilation
  const samples: number[] = [];
  let result: ScheduleOutput | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn();
    samples.push(performance.now() - start);
  }
  return { result: result!, ms: median(samples) };
}

/** Mean idle rounds per candidate with at least one meeting: rounds between their first and last meeting without one. */
function meanIdle(result: ScheduleOutput): number {
  const rounds = new Map<string, number[]>();
  for (const m of result.meetings) {
    const list = rounds.get(m.candidateId);
    if (list) list.push(m.round);
    else rounds.set(m.candidateId, [m.round]);
  }
  let idle = 0;
  for (const list of rounds.values()) idle += Math.max(...list) - Math.min(...list) + 1 - list.length;
  return rounds.size === 0 ? 0 : idle / rounds.size;
}

/** "scheduled / requests", and the split by priority class when something is left out. */
function scheduledText(input: ScheduleInput, result: ScheduleOutput): string {
  const n = input.requests.length - result.unscheduled.length;
  return n === input.requests.length ? `${n}` : `${n} (${classCounts(input, result).join('/')})`;
}

function classCounts(input: ScheduleInput, result: ScheduleOutput): number[] {
  const { classOf, classes } = requestClasses(input.requests);
  const left = new Set(result.unscheduled.map((u) => `${u.candidateId}|${u.structureId}`));
  const counts = new Array<number>(classes).fill(0);
  input.requests.forEach((q, i) => {
    if (!left.has(`${q.candidateId}|${q.structureId}`)) counts[classOf[i]!]!++;
  });
  return counts;
}

const rows: string[] = [];
for (const scenario of SCENARIOS) {
  const input = randomForum(scenario.seed, scenario.shape);
  const heuristic = timed(() => scheduleForum(input));
  const greedy = greedyFirstFreeRound(input);
  const r = heuristic.result;
  let optimum = '= lower bound (König)';
  if (scenario.oracle && r.unscheduled.length === 0 && r.roundsUsed === r.lowerBound) {
    optimum = `${r.lowerBound} rounds, all scheduled (= lower bound: no need to ask)`;
  } else if (scenario.oracle) {
    const start = performance.now();
    const best = await forumOptimum(input, { timeLimitSeconds: ORACLE_SECONDS });
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    const scheduled = best.classCounts.reduce((a, b) => a + b, 0);
    const split = scheduled === input.requests.length ? `${scheduled}` : `${scheduled} (${best.classCounts.join('/')})`;
    optimum = best.optimal
      ? `${best.roundsUsed} rounds, ${split} scheduled (${seconds} s)`
      : `not proven within ${ORACLE_SECONDS} s per stage (rounds between ${Number.isFinite(best.roundsBound) ? best.roundsBound : '?'} and ${Number.isFinite(best.roundsUsed) ? best.roundsUsed : '?'})`;
  }
  rows.push(
    `| ${scenario.name} | ${input.rounds} | ${input.requests.length} | ${r.lowerBound} | **${r.roundsUsed}** | ${scheduledText(input, r)} | ${heuristic.ms.toFixed(1)} | ${meanIdle(r).toFixed(2)} | ${greedy.roundsUsed} | ${scheduledText(input, greedy)} | ${meanIdle(greedy).toFixed(2)} | ${optimum} |`,
  );
  console.error(`done: ${scenario.name}`);
}

console.log(`Node ${process.version} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}) · median of ${RUNS} runs after one warm-up`);
console.log('');
console.log('| instance | forum rounds | requests | lower bound | rounds | scheduled | ms | idle / candidate | greedy rounds | greedy scheduled | greedy idle | optimum (HiGHS) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const row of rows) console.log(row);
