import { performance } from 'node:perf_hooks';
import type { Clock } from '../deps.js';
import type { Job, JobContext, JobResult } from './registry.js';

export type JobOutcome = { job: string; ok: true; result: JobResult } | { job: string; ok: false; error: unknown };

/**
 * Runs one job and logs how it went; never throws. A run that did something is logged at
 * info, an idle one (all counts zero) at debug, so that a quiet server's log stays quiet.
 */
export async function runJob(job: Job, ctx: JobContext): Promise<JobOutcome> {
  const started = performance.now();
  try {
    const result = await job.run(ctx);
    const ms = Math.round(performance.now() - started);
    const busy = Object.values(result).some((n) => n !== 0);
    ctx.log[busy ? 'info' : 'debug']({ job: job.name, ms, result }, 'job finished');
    return { job: job.name, ok: true, result };
  } catch (error) {
    ctx.log.error({ job: job.name, ms: Math.round(performance.now() - started), err: error }, 'job failed');
    return { job: job.name, ok: false, error };
  }
}

export interface SchedulerOptions {
  jobs: readonly Job[];
  intervalMs: number;
  clock: Clock;
  /** What every run receives besides its time and the stop signal. */
  context: Omit<JobContext, 'now' | 'signal'>;
  /** How long after `start()` the first run comes (default 0: at once); then every `intervalMs`. */
  firstRunAfterMs?: number;
}

export interface Scheduler {
  /** Runs the jobs after `firstRunAfterMs` (default: now), then every `intervalMs`. */
  start(): void;
  /**
   * Starts a run of each job that is not already running and resolves when those runs end.
   * A job still running from an earlier tick is skipped, not started twice.
   */
  tick(): Promise<void>;
  /** No new run; aborts the runs' signal and resolves when the runs in progress have ended. */
  stop(): Promise<void>;
}

/**
 * The server's periodic jobs. Each job runs on its own: a slow one (an SMTP server that does
 * not answer) neither delays the others nor piles up runs of itself. A failing job is logged
 * and tried again at the next tick; it never reaches the process.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { jobs, intervalMs, clock, context, firstRunAfterMs = 0 } = options;
  const running = new Map<string, Promise<JobOutcome>>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let first: NodeJS.Timeout | undefined;

  const tick = async (): Promise<void> => {
    const started: Promise<JobOutcome>[] = [];
    for (const job of jobs) {
      if (stopping.signal.aborted) break;
      if (running.has(job.name)) {
        context.log.debug({ job: job.name }, 'job still running from an earlier tick; skipped');
        continue;
      }
      const run = runJob(job, { ...context, now: clock(), signal: stopping.signal }).finally(() => running.delete(job.name));
      running.set(job.name, run);
      started.push(run);
    }
    await Promise.all(started);
  };

  return {
    start() {
      if (first || timer || stopping.signal.aborted) return;
      // unref: the timers alone do not keep the process alive (the server's socket does).
      const every = () => {
        void tick();
        timer = setInterval(() => void tick(), intervalMs).unref();
      };
      if (firstRunAfterMs > 0) first = setTimeout(every, firstRunAfterMs).unref();
      else every();
    },
    tick,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      stopping.abort();
      await Promise.all(running.values());
    },
  };
}
