import { channel } from 'node:diagnostics_channel';
import type { Piscina } from 'piscina';
import type { SolveOutcome, SolveTask } from './runs.solve.js';

/**
 * Where placement runs are computed: a pool of worker threads (piscina), so that a large run
 * (seconds at 2,000 volunteers) never blocks the event loop — health checks, other requests and
 * the drain on shutdown go on meanwhile.
 *
 * One thread by default: the machine the service runs on has few cores, and the event loop needs
 * one; a second run waits in the queue. The pool is made on the first run (no thread for an
 * instance that never runs one), its thread ends after a minute without work, and `close()`
 * (the app's onClose) lets a run under way finish, then ends the thread so that nothing holds
 * the process.
 *
 * piscina itself is imported with the pool, on the first run: a start does not load it.
 *
 * The worker is runs.worker.js beside this file once built (dist/, npm start); from the sources
 * (tsx: npm run dev; tap's TypeScript loader: the tests) it is runs.worker.ts, loaded with tsx,
 * which a worker thread must be told about (its own module loader).
 */
export interface PlacementSolver {
  solve(task: SolveTask): Promise<SolveOutcome>;
  /** Resolves once no run is under way and the threads have ended; safe to call twice. */
  close(): Promise<void>;
}

/** Published when a run is handed to the worker and when its answer is back (tests watch the event loop meanwhile). */
export const solveChannel = channel('binome:placement-run.solve');
export interface SolveEvent {
  phase: 'start' | 'end';
  /** Where the computation ran (the worker module's URL). */
  worker: string;
}

/** The worker module: the same extension as this module's (.js in dist/, .ts in the sources). */
export function workerModule(from: string = import.meta.url): { url: string; typescript: boolean } {
  const typescript = new URL(from).pathname.endsWith('.ts');
  return { url: new URL(`./runs.worker.${typescript ? 'ts' : 'js'}`, from).href, typescript };
}

const importPiscina = () => import('piscina');

export function placementSolver(options: { threads?: number; idleTimeoutMs?: number } = {}): PlacementSolver {
  let pool: Piscina<string, SolveOutcome> | undefined;
  let closed: Promise<void> | undefined;
  // The runs handed over and not answered yet: piscina's close waits for a task that a thread
  // has taken, not for one still queued (a thread starting, say), which it cancels.
  const pending = new Set<Promise<unknown>>();
  const worker = workerModule();
  let piscina: ReturnType<typeof importPiscina> | undefined;
  const run = async (task: SolveTask) => {
    const { Piscina } = await (piscina ??= importPiscina());
    pool ??= new Piscina<string, SolveOutcome>({
      filename: worker.url,
      minThreads: 0,
      maxThreads: options.threads ?? 1,
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      // Below the request thread in the scheduler's eyes (Linux: per thread; piscina's optional
      // @napi-rs/nice): when the cores are busy, the event loop and the database go first.
      niceIncrement: 10,
      // The sources: the thread loads TypeScript through tsx (only then: dist/ needs no dev
      // dependency). The parent's loader flags are not passed on (a second TypeScript loader).
      ...(worker.typescript ? { execArgv: ['--import', import.meta.resolve('tsx')] } : {}),
    });
    // JSON text rather than structured clone: a third of the request thread's time for the rows.
    return pool.run(JSON.stringify(task));
  };
  return {
    async solve(task) {
      if (closed) throw new Error('The placement solver is closed');
      // Pending from here, piscina's import included: a close meanwhile waits for this run.
      const running = run(task);
      pending.add(running);
      solveChannel.publish({ phase: 'start', worker: worker.url } satisfies SolveEvent);
      try {
        return await running;
      } finally {
        pending.delete(running);
        solveChannel.publish({ phase: 'end', worker: worker.url } satisfies SolveEvent);
      }
    },
    close: () =>
      (closed ??= (async () => {
        await Promise.allSettled([...pending]);
        await pool?.close();
      })()),
  };
}
