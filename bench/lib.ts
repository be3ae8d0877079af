/**
 * What the benchmarks share: their settings, a throwaway database (PGlite in memory, or a
 * binome_bench_<random> database on DATABASE_URL's server, dropped at the end), and the guards
 * that keep a run bounded in time and clean up after Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Connection, connect } from '../db/connect.js';
import { prepareDatabase } from '../db/prepare.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { onServer, withDatabase } from '../test/helpers/database.js';

export const CONNECTIONS = 50;
export const WARMUP_SECONDS = 1;

export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 600) {
    console.error(`${name} must be a whole number of seconds between 1 and 600`);
    process.exit(1);
  }
  return n;
}

// Set once the database exists: closes the app (if started) and the database, and drops the
// throwaway database; safe to call twice.
let cleanup: () => Promise<void> = async () => {};
let app: FastifyInstance | undefined;

export function runCleanup(): Promise<void> {
  return cleanup();
}

/** Leaves early (watchdog, Ctrl-C), still dropping the throwaway database, within 10 s. */
function abort(message: string, code: number): void {
  console.error(message);
  setTimeout(() => process.exit(code), 10_000).unref();
  cleanup().finally(() => process.exit(code));
}

/** A run never outlives `seconds`, and Ctrl-C still drops the throwaway database. */
export function bounded(seconds: number): void {
  setTimeout(() => abort('bench: took far longer than expected; giving up', 1), seconds * 1000).unref();
  process.once('SIGINT', () => abort('bench: interrupted', 130));
}

export interface BenchDatabase {
  connection: Connection;
  label: string;
  drop: () => Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const database = await createBenchDatabase();
  let cleaning: Promise<void> | undefined;
  cleanup = () =>
    (cleaning ??= (async () => {
      try {
        await app?.close();
        await database.connection.close();
      } finally {
        await database.drop();
      }
    })());
  return database;
}

/** The real app on the bench database, listening on loopback; returns its base URL. */
export async function startBenchApp(database: BenchDatabase): Promise<string> {
  const jwtSecret = randomBytes(48).toString('base64url');
  // No logger: the figures are the app's own cost, not pino's (server.ts logs every request).
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', JWT_SECRET: jwtSecret }), db: database.connection.db, jwtSecret });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function createBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL || undefined;
  if (!serverUrl) {
    const connection = await connect({ kind: 'pglite-memory' });
    await prepareDatabase(connection.db);
    return { connection, label: `PGlite ${await serverVersion(connection)} (embedded, in memory, one connection)`, drop: async () => {} };
  }
  const name = `binome_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (admin) => sql`create database ${sql.id(name)}`.execute(admin));
  const drop = () => onServer(serverUrl, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)).then(() => {});
  try {
    // The pool size the server uses (db/connect.ts default).
    const connection = await connect({ kind: 'postgres', url: withDatabase(serverUrl, name) });
    await prepareDatabase(connection.db);
    return { connection, label: `PostgreSQL ${await serverVersion(connection)} (pool of 10)`, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

async function serverVersion(connection: Connection): Promise<string> {
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(connection.db);
  return version.rows[0]?.v ?? '?';
}

/** The line that says where the figures come from. */
export function machineLine(database: BenchDatabase, seconds: number): string {
  return `Database: ${database.label} · Node ${process.version} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}) · ${CONNECTIONS} connections, ${seconds} s per scenario`;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
