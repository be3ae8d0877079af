import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { type Job, type JobContext, type JobLog, JOBS } from '../../src/jobs/registry.js';
import { createScheduler, runJob } from '../../src/jobs/scheduler.js';
import { enqueueEmail } from '../../src/modules/outbox/outbox.repository.js';
import { setup } from '../helpers/app.js';
import { childEnv } from '../helpers/child-env.js';
import { uniqueEmail } from '../helpers/factories.js';
import { startSmtpServer } from '../helpers/smtp.js';

/**
 * The periodic jobs: the registry, the scheduler the server runs them with (no overlapping
 * runs, a failing job logged and tried again), and `npm run jobs`.
 */
const ctx = await setup(t);
const config = loadConfig({ NODE_ENV: 'test' });
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Line {
  level: 'debug' | 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

function recordingLog(): JobLog & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (details: object, message: string) => void lines.push({ level, details: details as Record<string, unknown>, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** `npm run jobs -- …args` in a child process, as a person would run it. */
function runScript(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts', ...args], { cwd: root, env: childEnv(env), timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that counts its runs and how many are in progress at once; each takes `ms`. */
function slowJob(name: string, ms: number) {
  const stats = { runs: 0, active: 0, maxActive: 0, signals: [] as AbortSignal[], nows: [] as Date[] };
  const job: Job = {
    name,
    description: 'test',
    async run({ now, signal }) {
      stats.runs++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      stats.signals.push(signal);
      stats.nows.push(now);
      await sleep(ms);
      stats.active--;
      return { done: 1 };
    },
  };
  return { job, stats };
}

t.test('the registry: unique kebab-case names, every periodic job among them', async (t) => {
  const names = JOBS.map((j) => j.name);
  for (const name of ['refuse-unanswered', 'expire-offers', 'remind-offers', 'retention', 'forum-reminders', 'send-emails']) t.ok(names.includes(name), name);
  t.equal(new Set(names).size, names.length, 'no name twice');
  for (const job of JOBS) {
    t.match(job.name, /^[a-z]+(-[a-z]+)*$/);
    t.ok(job.description.length > 0, `${job.name} says what it does`);
  }
});

t.test('runJob logs a busy run at info, an idle one at debug, and a failure at error without throwing', async (t) => {
  const log = recordingLog();
  const base: JobContext = { db: ctx.db, now: new Date(), config, log, signal: new AbortController().signal };
  const busy = await runJob({ name: 'busy', description: '', run: async () => ({ done: 2, skipped: 0 }) }, base);
  const idle = await runJob({ name: 'idle', description: '', run: async () => ({ done: 0 }) }, base);
  const boom = new Error('the database went away');
  const broken = await runJob({ name: 'broken', description: '', run: async () => Promise.reject(boom) }, base);
  t.same(busy, { job: 'busy', ok: true, result: { done: 2, skipped: 0 } });
  t.same(idle, { job: 'idle', ok: true, result: { done: 0 } });
  t.same(broken, { job: 'broken', ok: false, error: boom });
  t.match(log.lines, [
    { level: 'info', message: 'job finished', details: { job: 'busy', result: { done: 2 }, ms: Number } },
    { level: 'debug', message: 'job finished', details: { job: 'idle' } },
    { level: 'error', message: 'job failed', details: { job: 'broken', err: boom } },
  ]);
});

t.test('a tick while a run is in progress does not start that job again', async (t) => {
  let release!: () => void;
  let runs = 0;
  const held: Job = {
    name: 'held',
    description: '',
    run: async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      return { done: 1 };
    },
  };
  const quick = slowJob('quick', 0);
  const log = recordingLog();
  const scheduler = createScheduler({ jobs: [held, quick.job], intervalMs: 60_000, clock: ctx.clock.now, context: { db: ctx.db, config, log } });
  const first = scheduler.tick();
  await sleep(10);
  await scheduler.tick();
  t.equal(runs, 1, 'the held job was not started a second time');
  t.equal(quick.stats.runs, 2, 'the other job is not held back by it');
  t.match(log.lines.filter((l) => l.details.job === 'held'), [{ level: 'debug', message: /still running/ }]);
  release();
  await first;
  const third = scheduler.tick();
  await sleep(10);
  t.equal(runs, 2, 'started again once the run ended');
  release();
  await third;
  await scheduler.stop();
});

t.test('the scheduler runs every interval, never two runs of a job at once, and stops cleanly', async (t) => {
  const slow = slowJob('slow', 120);
  const fast = slowJob('fast', 0);
  const scheduler = createScheduler({ jobs: [slow.job, fast.job], intervalMs: 25, clock: ctx.clock.now, context: { db: ctx.db, config, log: recordingLog() } });
  scheduler.start();
  scheduler.start(); // a second start changes nothing
  // Until the slow job has started its third run (a few hundred ms; bounded on a busy machine).
  const started = Date.now();
  while (slow.stats.runs < 3 && Date.now() - started < 10_000) await sleep(10);
  await scheduler.stop();
  t.equal(slow.stats.runs, 3);
  t.equal(slow.stats.maxActive, 1, 'one run of the slow job at a time, although ticks came every 25 ms');
  t.ok(fast.stats.runs > slow.stats.runs * 2, `the fast job kept its own pace (${fast.stats.runs} runs)`);
  t.equal(slow.stats.active, 0, 'stop() waited for the run in progress');
  t.ok(slow.stats.signals.at(-1)!.aborted, 'and told it to stop');
  const after = slow.stats.runs + fast.stats.runs;
  await sleep(100);
  await scheduler.tick();
  scheduler.start();
  t.equal(slow.stats.runs + fast.stats.runs, after, 'no run after stop()');
});

t.test('with firstRunAfterMs the first run waits that long, then the interval takes over; a stop before it means no run', async (t) => {
  const job = slowJob('later', 0);
  const scheduler = createScheduler({ jobs: [job.job], intervalMs: 30, firstRunAfterMs: 300, clock: ctx.clock.now, context: { db: ctx.db, config, log: recordingLog() } });
  const started = Date.now();
  scheduler.start();
  await sleep(150);
  t.equal(job.stats.runs, 0, 'nothing at once, nor at the interval');
  while (job.stats.runs < 3 && Date.now() - started < 10_000) await sleep(10);
  t.ok(Date.now() - started >= 300, 'the first run came after firstRunAfterMs');
  t.ok(job.stats.runs >= 3, 'then every interval');
  await scheduler.stop();

  const never = slowJob('never', 0);
  const stopped = createScheduler({ jobs: [never.job], intervalMs: 30, firstRunAfterMs: 100, clock: ctx.clock.now, context: { db: ctx.db, config, log: recordingLog() } });
  stopped.start();
  await stopped.stop();
  await sleep(200);
  t.equal(never.stats.runs, 0, 'stopped before its first run: none');
});

t.test('a throwing job is logged, does not stop the others, and runs again at the next tick', async (t) => {
  let calls = 0;
  const flaky: Job = {
    name: 'flaky',
    description: '',
    run: async () => {
      calls++;
      if (calls === 1) throw new Error('first run fails');
      return { done: 1 };
    },
  };
  const other = slowJob('other', 0);
  const log = recordingLog();
  const scheduler = createScheduler({ jobs: [flaky, other.job], intervalMs: 60_000, clock: ctx.clock.now, context: { db: ctx.db, config, log } });
  await scheduler.tick();
  await scheduler.tick();
  await scheduler.stop();
  t.equal(calls, 2);
  t.equal(other.stats.runs, 2);
  t.match(log.lines.filter((l) => l.details.job === 'flaky'), [
    { level: 'error', message: 'job failed', details: { err: { message: 'first run fails' } } },
    { level: 'info', message: 'job finished' },
  ]);
});

t.test('each run gets the clock’s time', async (t) => {
  const job = slowJob('clocked', 0);
  const scheduler = createScheduler({ jobs: [job.job], intervalMs: 60_000, clock: ctx.clock.now, context: { db: ctx.db, config, log: recordingLog() } });
  t.teardown(() => ctx.clock.reset());
  ctx.clock.advance(3 * 86_400_000);
  await scheduler.tick();
  await scheduler.stop();
  const delta = job.stats.nows[0]!.getTime() - Date.now();
  t.ok(delta > 3 * 86_400_000 - 5_000 && delta <= 3 * 86_400_000, 'three days ahead, as the clock says');
});

t.test('send-emails in the scheduler: sends through SMTP_URL when set', async (t) => {
  const smtp = await startSmtpServer();
  t.teardown(() => smtp.close());
  const to = uniqueEmail('scheduled');
  await enqueueEmail(ctx.db, { userId: null, to, subject: 'Entretien confirmé', body: 'Rendez-vous mardi à 14 h.', kind: 'application.interview' }, ctx.clock.now());
  const log = recordingLog();
  const scheduler = createScheduler({
    jobs: JOBS,
    intervalMs: 60_000,
    clock: ctx.clock.now,
    context: { db: ctx.db, config: loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url }), log },
  });
  await scheduler.tick();
  await scheduler.stop();
  t.same(smtp.received.map((r) => r.envelope.to), [[to]]);
  // The other jobs found nothing to do: only send-emails reports at info.
  t.match(
    log.lines.filter((l) => l.level === 'info'),
    [{ level: 'info', details: { job: 'send-emails', result: { sent: 1, retried: 0, failed: 0 } } }],
  );
});

t.test('npm run jobs: an unknown job name is refused with the list of jobs', async (t) => {
  const run = await runScript(['no-such-job'], {});
  t.equal(run.status, 2);
  t.match(run.stderr, /unknown job: no-such-job/);
  t.match(run.stderr, /send-emails/);
});

t.test('npm run jobs -- send-emails runs it once on the configured database', { skip: ctx.database.url ? false : 'PostgreSQL only: an in-memory PGlite cannot be shared with a process' }, async (t) => {
  const smtp = await startSmtpServer();
  t.teardown(() => smtp.close());
  const to = uniqueEmail('script');
  // Due now by the real clock: the script has no test clock.
  await enqueueEmail(ctx.db, { userId: null, to, subject: 'Offre de mission', body: 'Une mission vous est proposée.', kind: 'application.offered' }, new Date(Date.now() - 1000));
  // Not spawnSync: the SMTP server lives in this process and must answer meanwhile.
  const run = await runScript(['send-emails'], { DATABASE_URL: ctx.database.url!, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' });
  t.equal(run.status, 0, run.stderr);
  t.match(run.stdout, /send-emails: \{"sent":1,"retried":0,"failed":0\}/);
  t.ok(smtp.received.some((r) => r.envelope.to[0] === to), 'the message went');
  const row = await ctx.db.selectFrom('outbox').select('status').where('to_address', '=', to).executeTakeFirstOrThrow();
  t.equal(row.status, 'sent');
});
