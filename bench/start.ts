/**
 * Start-up time of `npm start` on embedded PGlite, to the first 200 from GET /ready, against
 * the least a process can do with the same data directory, measured in the same run:
 *   npm run bench:start
 *   BENCH_RUNS=5 npm run bench:start
 * Spawns real processes (npm, node) on throwaway data directories, loopback only; builds dist/
 * first if it is stale (the measured starts then find it up to date, except the one that is
 * meant to rebuild). See bench/README.md for what each figure means.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildIfStale, describe, OUT_DIR } from '../scripts/build.js';
import { RECORD_FILE } from '../scripts/build-state.js';
import { bounded, positiveInt } from './lib.js';

const RUNS = positiveInt('BENCH_RUNS', 3);
const root = fileURLToPath(new URL('..', import.meta.url));

// Bounded in time: three creations of a data directory (up to ~20 s each on a loaded machine),
// then a few seconds per start and per reopen.
bounded(120 + RUNS * 40);

// Whatever happens, no process of the bench outlives it.
const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
const scratch = mkdtempSync(join(os.tmpdir(), 'binome-bench-start-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** The environment of the quick start: PGlite in DATA_DIR, nothing else configured. */
function quickStartEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || ['DATABASE_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'NODE_ENV', 'PORT', 'HOST', 'LOG_LEVEL'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, PORT: '0', DATA_DIR: dataDir };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Calls `onLine` with each line of the child's stdout. */
function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const line of parts) onLine(line);
  });
}

interface Start {
  /** spawn → first 200 from /ready */
  readyMs: number;
  /** spawn → the server's "opening the database" line: npm, Node, loading the modules. */
  upMs: number;
  /** that line → "Server listening": database, migrations, communes, admin, app. */
  databaseToListenMs: number;
  /** "Server listening" → first 200 from /ready. */
  listenToReadyMs: number;
  /** The line the build printed to stderr, if it built. */
  built: string | undefined;
}

/**
 * `npm start` (or, with `direct`, `node dist/src/server.js`) on dataDir until /ready answers
 * 200, then SIGTERM and wait for the exit.
 */
async function npmStart(dataDir: string, direct = false): Promise<Start> {
  const spawnedAt = Date.now();
  const t0 = performance.now();
  const [command, args] = direct ? [process.execPath, [join(OUT_DIR, 'src', 'server.js')]] : ['npm', ['start']];
  const child = spawn(command, args, { cwd: root, env: quickStartEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child.pid!);
  let output = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let serverPid: number | undefined;
  const at: Record<string, number> = {};
  const listening = new Promise<{ url: string; seenAt: number }>((resolve, reject) => {
    lines(child, (line) => {
      output += `${line}\n`;
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { pid?: number; time?: number; msg?: string };
      if (serverPid === undefined && entry.pid) {
        serverPid = entry.pid;
        live.add(serverPid);
      }
      if (entry.msg === 'opening the database') at.opening = entry.time!;
      const match = /^Server listening at (http:\/\/[^\s]+)/.exec(entry.msg ?? '');
      if (match) {
        at.listening = entry.time!;
        resolve({ url: match[1]!, seenAt: performance.now() });
      }
    });
    void exited(child).then((code) => reject(new Error(`${command} exited with ${code} before listening:\n${output}${stderr}`)));
  });
  const { url } = await listening;
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    const res = await fetch(`${url}/ready`).catch(() => undefined);
    if (res?.status === 200) readyMs = performance.now() - t0;
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyAt = spawnedAt + readyMs;
  process.kill(serverPid!, 'SIGTERM');
  const code = await exited(child);
  live.delete(child.pid!);
  live.delete(serverPid!);
  if (code !== 0) throw new Error(`${command} exited with ${code} after SIGTERM:\n${output}${stderr}`);
  return {
    readyMs,
    upMs: at.opening! - spawnedAt,
    databaseToListenMs: at.listening! - at.opening!,
    listenToReadyMs: readyAt - at.listening!,
    built: /^built .*$/m.exec(stderr)?.[0],
  };
}

/**
 * A new Node process that runs `code` (an ES module, in the repository); returns its stdout
 * lines and when each of them arrived (ms after the spawn).
 */
async function node(code: string, args: string[]): Promise<{ at: Record<string, number>; stdout: string[] }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  live.add(child.pid!);
  const stdout: string[] = [];
  const at: Record<string, number> = {};
  lines(child, (line) => {
    stdout.push(line);
    at[line] ??= performance.now() - t0;
  });
  const status = await exited(child);
  live.delete(child.pid!);
  if (status !== 0) throw new Error(`node -e exited with ${status}: ${stdout.join('\n')}`);
  return { at, stdout };
}

// The baseline: open the directory (creating it if empty), answer one query, and let the event
// loop turn once — a server answers nothing before. That turn is not free: right after an open
// the first timer waits 0.2–0.7 s here, by all signs for V8 tiering up PGlite's WebAssembly
// (the wait disappears with --liftoff-only), so "queried" alone would flatter PGlite.
const BARE_OPEN = `
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create({ dataDir: process.argv[1] });
await db.query('select 1');
console.log('queried');
await new Promise((resolve) => setTimeout(resolve, 0));
console.log('open');
await db.close();
`;
async function bareOpen(dir: string): Promise<{ queriedMs: number; ms: number }> {
  const { at } = await node(BARE_OPEN, [dir]);
  return { queriedMs: at.queried!, ms: at.open! };
}

// Where a first start's time goes, without the server: the compiled db/ modules, step by step.
const FIRST_START_STEPS = `
import { performance } from 'node:perf_hooks';
const dist = process.argv[2];
const { connect } = await import(dist + '/db/connect.js');
const { migrateToLatest } = await import(dist + '/db/migrate.js');
const { loadTerritory } = await import(dist + '/db/territory.js');
let t = performance.now();
const lap = () => { const ms = performance.now() - t; t = performance.now(); return ms; };
const connection = await connect({ kind: 'pglite', dataDir: process.argv[1] });
await new Promise((resolve) => setTimeout(resolve, 0)); // the tier-up stall (see BARE_OPEN)
const open = lap();
await migrateToLatest(connection.db);
const migrations = lap();
const territory = await loadTerritory(connection.db);
const communes = lap();
console.log(JSON.stringify({ open, migrations, communes, loaded: territory.communes }));
await connection.close();
`;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const range = (samples: number[]) => (samples.length > 1 ? ` (${s(Math.min(...samples))}–${s(Math.max(...samples))})` : '');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const build = await buildIfStale();
  const buildLine = build.built ? describe(build) : `${OUT_DIR}/ was up to date`;

  // A first start on an empty directory, then the same work without the server, step by step,
  // and a bare creation of an empty directory.
  const dataDir = join(scratch, 'data');
  const first = await npmStart(dataDir);
  const steps = await node(FIRST_START_STEPS, [join(scratch, 'steps'), join(root, OUT_DIR)]);
  const stepTimes = JSON.parse(steps.stdout.at(-1)!) as { open: number; migrations: number; communes: number; loaded: number };
  const bareCreate = await bareOpen(join(scratch, 'bare'));

  // Starts on the directory the first start made, each after a bare reopen of it, and the
  // server without npm.
  const reopens: { queriedMs: number; ms: number }[] = [];
  const starts: Start[] = [];
  const directStarts: Start[] = [];
  for (let i = 0; i < RUNS; i++) {
    reopens.push(await bareOpen(join(dataDir, 'pglite')));
    starts.push(await npmStart(dataDir));
    directStarts.push(await npmStart(dataDir, true));
  }
  if (starts.some((start) => start.built)) throw new Error('npm start rebuilt an up-to-date dist/');

  // As after a `git pull` that changed sources: no record of the last build, so npm start builds.
  rmSync(join(root, OUT_DIR, RECORD_FILE));
  const rebuilt = await npmStart(dataDir);
  if (!rebuilt.built) throw new Error('npm start did not rebuild a stale dist/');

  const startMs = median(starts.map((x) => x.readyMs));
  const reopenMs = median(reopens.map((x) => x.ms));
  console.log(
    `Node ${process.version} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}) · load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end · ${RUNS} runs (median, range)`,
  );
  console.log(buildLine);
  console.log('');
  console.log('| start (spawn → first 200 from /ready) | time | baseline, same run | baseline time | ratio | goal |');
  console.log('|---|---:|---|---:|---:|---|');
  console.log(
    `| existing data directory, \`npm start\` | ${s(startMs)}${range(starts.map((x) => x.readyMs))} | bare PGlite reopen of that directory (new process, \`select 1\`, one event-loop turn) | ${s(reopenMs)}${range(reopens.map((x) => x.ms))} | ${ratio(startMs, reopenMs)} | ≤ 2× — ${startMs <= 2 * reopenMs ? 'met' : 'not met'} |`,
  );
  const directMs = median(directStarts.map((x) => x.readyMs));
  console.log(
    `| existing data directory, \`node dist/src/server.js\` (no npm, no staleness check) | ${s(directMs)}${range(directStarts.map((x) => x.readyMs))} | the same bare reopen | ${s(reopenMs)} | ${ratio(directMs, reopenMs)} | |`,
  );
  console.log(`| existing data directory, \`npm start\` after a source change (dist/ rebuilt first) | ${s(rebuilt.readyMs)} | the existing-directory start | ${s(startMs)} | ${ratio(rebuilt.readyMs, startMs)} | |`);
  console.log(
    `| first start, \`npm start\`: empty directory, ${stepTimes.loaded.toLocaleString('en')} communes loaded | ${s(first.readyMs)} | bare PGlite creation of an empty directory | ${s(bareCreate.ms)} | ${ratio(first.readyMs, bareCreate.ms)} | ≤ 15 s — ${first.readyMs <= 15_000 ? 'met' : 'not met'} |`,
  );
  console.log('');
  console.log(`Rebuild: ${rebuilt.built}`);
  console.log(
    `Bare PGlite alone, until \`select 1\` answered (before the event loop turns): reopen ${s(median(reopens.map((x) => x.queriedMs)))}, creation ${s(bareCreate.queriedMs)}`,
  );
  console.log(
    `Existing directory, from the server's log (medians): npm, Node and the modules ${s(median(starts.map((x) => x.upMs)))} (without npm: ${s(median(directStarts.map((x) => x.upMs)))}) · database, migration check, app, listen ${s(median(starts.map((x) => x.databaseToListenMs)))} · listen → /ready ${s(median(starts.map((x) => x.listenToReadyMs)))}`,
  );
  console.log(
    `First start, from the server's log: npm, Node and the modules ${s(first.upMs)} · database created, migrations, communes, admin, app, listen ${s(first.databaseToListenMs)} · listen → /ready ${s(first.listenToReadyMs)}`,
  );
  console.log(
    `First start's database work alone (compiled db/, one process): PGlite creates the directory ${s(stepTimes.open)} · migrations ${s(stepTimes.migrations)} · communes and EPCIs ${s(stepTimes.communes)}`,
  );
}

await main();
process.exit(0);
