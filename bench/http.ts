/**
 * HTTP benchmark of the real app, in-process, on a fresh migrated database:
 *   npx tsx bench/http.ts                                   (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/http.ts
 * With DATABASE_URL, a throwaway database binome_bench_<random> is created on that server,
 * migrated, and dropped at the end. Only loopback traffic; see bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '../src/lib/passwords.js';
import { bounded, CONNECTIONS, fmt, machineLine, openBenchDatabase, percentile, positiveInt, runCleanup, startBenchApp, WARMUP_SECONDS } from './lib.js';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const ARGON2_RUNS = 20;




// Bounded in time: two runs plus their warm-ups, Argon2 and migrations, with a wide margin.
bounded(2 * (SECONDS + WARMUP_SECONDS) + 180);



interface Row {
  scenario: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
}

async function measure(scenario: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  await load(url, headers, WARMUP_SECONDS); // JIT, pool and caches warm; discarded
  const r = await load(url, headers, SECONDS);
  return {
    scenario,
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    // errors counts connection errors and timeouts; non2xx every answer outside 200-299.
    errors: r.errors,
    non2xx: r.non2xx,
  };
}


async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ mean: number; p95: number }> {
  await fn(); // warm-up, not counted
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p95: percentile(samples, 95) };
}


async function main() {
  const database = await openBenchDatabase();
  try {
    const base = await startBenchApp(database);

    const password = `bench ${randomBytes(8).toString('hex')} passphrase`;
    const registered = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench.${randomBytes(4).toString('hex')}@example.fr`, password }),
    });
    if (registered.status !== 201) throw new Error(`POST /auth/register answered ${registered.status}: ${await registered.text()}`);
    const { accessToken } = (await registered.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = await fetch(`${base}/me`, { headers: auth });
    if (me.status !== 200) throw new Error(`GET /me answered ${me.status}: ${await me.text()}`);

    const rows = [await measure('GET /health', `${base}/health`), await measure('GET /me (JWT + 2 queries)', `${base}/me`, auth)];

    const hashed = await hashPassword(password);
    const hashTime = await timeIt(ARGON2_RUNS, () => hashPassword(password));
    const verifyTime = await timeIt(ARGON2_RUNS, async () => {
      if (!(await verifyPassword(hashed, password))) throw new Error('verifyPassword refused the right password');
    });

    const lines = [
      machineLine(database, SECONDS),
      '',
      '| Scenario | Requests | req/s (mean) | p50 ms | p99 ms | errors / non-2xx |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.scenario} | ${r.requests} | ${fmt(r.reqPerSec, 0)} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} |`),
      '',
      `| Argon2id (m=19 MiB, t=2, p=1), ${ARGON2_RUNS} sequential calls | mean ms | p95 ms |`,
      '|---|---:|---:|',
      `| hashPassword | ${fmt(hashTime.mean)} | ${fmt(hashTime.p95)} |`,
      `| verifyPassword | ${fmt(verifyTime.mean)} | ${fmt(verifyTime.p95)} |`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await runCleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
