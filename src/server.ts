import { connect, targetFromConfig } from '../db/connect.js';
import { prepareDatabase } from '../db/prepare.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadOrCreateJwtSecret } from './config.js';
import { JOBS } from './jobs/registry.js';
import { createScheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { bootstrapAdmin } from './modules/accounts/accounts.service.js';

/**
 * The periodic jobs first run this long after the server listens (or after their interval, if
 * shorter), not at once: their first run (four jobs, a query or more each) would otherwise hold
 * PGlite's one connection when the first requests come, a readiness probe among them. Measured:
 * the first /ready came 0.15-0.2 s after listening, 0.02 s without the jobs in its way.
 */
const FIRST_JOBS_AFTER_MS = 5_000;

/**
 * The process: reads the environment (the only place that does), opens the database, applies
 * the migrations, makes sure an admin exists, listens, and shuts down cleanly on a signal.
 */
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  let jwtSecret = config.jwtSecret;
  if (!jwtSecret) {
    const generated = loadOrCreateJwtSecret(config.dataDir);
    jwtSecret = generated.secret;
    if (generated.created) {
      log.warn({ path: generated.path }, 'JWT_SECRET is not set: generated a signing key and kept it in the data directory (mode 0600)');
    } else {
      log.info({ path: generated.path }, 'JWT_SECRET is not set: using the signing key kept in the data directory');
    }
  }

  const target = targetFromConfig(config);
  log.info({ database: target.kind === 'pglite' ? `pglite in ${target.dataDir}` : 'postgres' }, 'opening the database');
  const connection = await connect(target);
  let app;
  try {
    const { migrations, territory } = await prepareDatabase(connection.db);
    for (const m of migrations) log.info({ migration: m.migrationName, status: m.status }, 'migration');
    if (territory.loaded) {
      log.info({ version: territory.version, communes: territory.communes, epcis: territory.epcis }, 'loaded the official communes and EPCIs');
    }

    const admin = await bootstrapAdmin(connection.db, config.admin, new Date());
    if (admin.kind === 'generated') {
      // Printed once, on the first start of an empty database; not stored anywhere in clear.
      log.warn(
        `No admin account and no ADMIN_EMAIL/ADMIN_PASSWORD: created ${admin.email} with the password ${admin.password} — ` +
          'it is shown this once; sign in and change it (POST /me/password)',
      );
    } else if (admin.kind === 'configured-created') {
      log.info({ email: admin.email }, 'created the admin account from ADMIN_EMAIL');
    } else if (admin.kind === 'configured-exists' && admin.role !== 'admin') {
      log.warn({ email: admin.email, role: admin.role }, 'ADMIN_EMAIL belongs to an account that is not an admin; left unchanged');
    }

    app = await buildApp({ config, db: connection.db, jwtSecret, logger: log });
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // A failed start (a migration, a port in use) still closes the database cleanly:
    // PGlite's data directory must not be left half-written.
    await app?.close();
    await connection.close();
    throw err;
  }

  if (!config.smtpUrl) log[config.env === 'production' ? 'warn' : 'info']('SMTP_URL is not set: e-mails stay in the outbox, listed at GET /admin/outbox');
  const firstRunAfterMs = Math.min(FIRST_JOBS_AFTER_MS, config.jobsIntervalSeconds * 1000);
  const scheduler = createScheduler({
    jobs: JOBS,
    intervalMs: config.jobsIntervalSeconds * 1000,
    clock: () => new Date(),
    context: { db: connection.db, config, log: log.child({ component: 'jobs' }) },
    firstRunAfterMs,
  });
  if (config.jobsIntervalSeconds > 0) {
    scheduler.start();
    log.info({ jobs: JOBS.map((j) => j.name), firstRunInSeconds: firstRunAfterMs / 1000, everySeconds: config.jobsIntervalSeconds }, 'periodic jobs started');
  } else {
    log.info('JOBS_INTERVAL_SECONDS=0: periodic jobs are off (npm run jobs runs them once)');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineMs = config.shutdownTimeoutSeconds * 1000;
    log.info({ signal }, 'shutting down: no new connections; finishing the requests received');
    // A request that never ends, or a database that does not close, must not keep the process
    // alive for ever; the drain gives up first, at the deadline, and this is the last resort.
    const force = setTimeout(() => {
      log.error(`shutdown took more than ${config.shutdownTimeoutSeconds + 5} s; exiting`);
      process.exit(1);
    }, deadlineMs + 5_000);
    force.unref();
    try {
      // The jobs stop with the requests (a job sending an e-mail finishes that one), and both
      // before the database closes under them.
      const [drain] = await Promise.all([app!.drain({ deadlineMs }), scheduler.stop()]);
      if (drain.drained) log.info({ answeredWhileDraining: drain.answeredWhileDraining }, 'every request received was answered');
      else log.error({ answeredWhileDraining: drain.answeredWhileDraining }, `requests still running after ${config.shutdownTimeoutSeconds} s were cut off`);
      await app!.close();
      await connection.close();
      log.info('stopped');
      process.exit(drain.drained ? 0 : 1);
    } catch (err) {
      log.error({ err }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
