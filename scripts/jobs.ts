import { connect, targetFromConfig } from '../db/connect.js';
import { prepareDatabase } from '../db/prepare.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { JOBS } from '../src/jobs/registry.js';
import { runJob } from '../src/jobs/scheduler.js';
import { createLogger } from '../src/logger.js';

/**
 * `npm run jobs` runs every periodic job once; `npm run jobs -- send-emails …` the named ones.
 * Same environment and database as `npm start`. With embedded PGlite, only while the server is
 * stopped: one data directory takes one process. Exits 1 if a job failed.
 */
const names = process.argv.slice(2);
const unknown = names.filter((name) => !JOBS.some((job) => job.name === name));
if (unknown.length > 0) {
  console.error(`unknown job: ${unknown.join(', ')}\nusage: npm run jobs [-- name…]\njobs:`);
  for (const job of JOBS) console.error(`  ${job.name.padEnd(20)} ${job.description}`);
  process.exit(2);
}
const selected = names.length > 0 ? JOBS.filter((job) => names.includes(job.name)) : JOBS;

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const log = createLogger(config.logLevel);
// Ctrl-C: the job in progress stops at its next safe point (an e-mail being sent finishes).
const stopping = new AbortController();
process.once('SIGINT', () => stopping.abort());
process.once('SIGTERM', () => stopping.abort());

const connection = await connect(targetFromConfig(config));
let failed = 0;
try {
  await prepareDatabase(connection.db);
  for (const job of selected) {
    if (stopping.signal.aborted) break;
    const outcome = await runJob(job, { db: connection.db, now: new Date(), config, log, signal: stopping.signal });
    console.log(outcome.ok ? `${job.name}: ${JSON.stringify(outcome.result)}` : `${job.name}: failed (see the log above)`);
    if (!outcome.ok) failed++;
  }
} finally {
  await connection.close();
}
process.exit(failed > 0 ? 1 : 0);
