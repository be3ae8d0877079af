import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type Connection, connect } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { prepareDatabase } from '../../db/prepare.js';

/**
 * Each test file gets a fresh, migrated database of its own:
 * - PGlite (default): an in-memory instance loaded from the migrated dump that
 *   prepare-template.ts writes once per run (seconds saved on every file);
 * - PostgreSQL (DATABASE_URL set): a new database copied from the migrated template database,
 *   dropped when the file ends. DATABASE_URL names the server and a database to connect to
 *   for administration; the tests never write into that database itself.
 */
export const TEMPLATE_DUMP = fileURLToPath(new URL('../../node_modules/.cache/binome/pglite-template.tar', import.meta.url));
// One template per checkout, so that two checkouts (CI beside a working copy) can run their
// suites on the same server at once.
export const TEMPLATE_DATABASE = `binome_test_template_${createHash('sha256').update(fileURLToPath(new URL('../..', import.meta.url))).digest('hex').slice(0, 8)}`;

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `fn` on a one-connection admin client of the server (CREATE/DROP DATABASE). */
export async function onServer<T>(url: string, fn: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

export interface TestDatabase extends Connection {
  /** The URL of this file's own database (PostgreSQL only), e.g. for a spawned server. */
  readonly url: string | undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  if (!url) {
    const from = existsSync(TEMPLATE_DUMP) ? new Blob([readFileSync(TEMPLATE_DUMP)]) : undefined;
    const connection = await connect({ kind: 'pglite-memory', ...(from ? { from } : {}) });
    // Run outside `tap` (no template): migrate here instead.
    if (!from) await prepareDatabase(connection.db);
    return { ...connection, close: connection.close, url: undefined };
  }
  const name = `binome_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const templateExists = await onServer(url, async (admin) => {
    const row = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${TEMPLATE_DATABASE}`.execute(admin);
    return row.rows[0]!.n === 1;
  });
  await onServer(url, async (admin) => {
    // The template's last session (prepare-template.ts) may still be ending on the server side:
    // PostgreSQL then refuses to copy it (55006, object in use) for a moment. Try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await sql`create database ${sql.id(name)} ${templateExists ? sql`template ${sql.id(TEMPLATE_DATABASE)}` : sql``}`.execute(admin);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt === 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  const ownUrl = withDatabase(url, name);
  const connection = await connect({ kind: 'postgres', url: ownUrl, poolSize: 20 });
  if (!templateExists) await prepareDatabase(connection.db);
  return {
    db: connection.db,
    kind: connection.kind,
    url: ownUrl,
    close: async () => {
      await connection.close();
      await onServer(url, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
    },
  };
}

const undo = Symbol('rolled back');

/**
 * Runs `write` in a transaction that is then rolled back: resolves with its result when the
 * database accepted every statement, rejects with the database's error otherwise, and leaves
 * nothing behind either way. For the valid control row beside a rejection test
 * (`t.resolves(rolledBack(ctx.db, (trx) => ...))`): it proves the row is refused for the rule,
 * not for a typo or a missing foreign row, without disturbing the file's later assertions.
 */
export async function rolledBack<T>(db: Kysely<Database>, write: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = await write(trx);
      throw undo;
    });
  } catch (err) {
    if (err !== undo) throw err;
  }
  return result as T;
}

/**
 * The error a database refusal is pinned to, for `t.rejects(write, refusedBy('23514', 'missions_weekly_hours'))`:
 * its SQLSTATE and the exact name of the constraint (both `pg` and PGlite give `code` and
 * `constraint` on the error). Exact, because `t.match` takes a string as a substring and
 * `missions_weekly_hours` would then also match `missions_weekly_hours_derogation_check`.
 */
export function refusedBy(code: string, constraint: string): { code: string; constraint: RegExp } {
  return { code, constraint: new RegExp(`^${constraint}$`) };
}
