import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Connection, connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { renderDatabaseTypes } from './database-types.js';

/**
 * `npm run db:types`: migrates a scratch database with the project's migrator, writes
 * db/database.ts from its schema (scripts/database-types.ts), and drops the scratch database.
 * With DATABASE_URL (a server and a database to connect to for administration, as for the
 * tests), the scratch database is a new PostgreSQL database `binome_types_…` on that server;
 * without, an in-memory PGlite. Both give the same file (the test checks it on both).
 */
const target = fileURLToPath(new URL('../db/database.ts', import.meta.url));
const url = process.env.DATABASE_URL || undefined;

async function onServer(serverUrl: string, fn: (admin: Kysely<unknown>) => Promise<void>): Promise<void> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }) });
  try {
    await fn(admin);
  } finally {
    await admin.destroy();
  }
}

let scratch: string | undefined;
let connection: Connection;
if (url) {
  scratch = `binome_types_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(url, (admin) => sql`create database ${sql.id(scratch!)}`.execute(admin).then(() => undefined));
  const own = new URL(url);
  own.pathname = `/${scratch}`;
  connection = await connect({ kind: 'postgres', url: own.toString(), poolSize: 1 });
} else {
  connection = await connect({ kind: 'pglite-memory' });
}
try {
  await migrateToLatest(connection.db);
  writeFileSync(target, await renderDatabaseTypes(connection.db));
  console.log(`wrote ${target} from ${scratch ? `PostgreSQL database ${scratch} (dropped)` : 'an in-memory PGlite'}`);
} finally {
  await connection.close();
  if (scratch) await onServer(url!, (admin) => sql`drop database if exists ${sql.id(scratch!)} with (force)`.execute(admin).then(() => undefined));
}
