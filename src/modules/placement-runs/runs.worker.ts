import { solveRun, type SolveOutcome, type SolveTask } from './runs.solve.js';

/** The worker thread's task (piscina calls the default export): one run's computation, its task as JSON text. */
export default function solve(task: string): SolveOutcome {
  return solveRun(JSON.parse(task) as SolveTask);
}
