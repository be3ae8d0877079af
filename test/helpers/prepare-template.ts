import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { connect } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { prepareDatabase } from '../../db/prepare.js';
import { onServer, serverUrl, TEMPLATE_DATABASE, TEMPLATE_DUMP, withDatabase } from './database.js';

/**
 * Run once by tap before the test files (.taprc `before`): migrates a template database that
 * every file then copies, so that no file pays for the migrations (or PGlite's first start).
 */
const url = serverUrl();
if (url) {
  await onServer(url, async (admin) => {
    await sql`drop database if exists ${sql.id(TEMPLATE_DATABASE)} with (force)`.execute(admin);
    await sql`create database ${sql.id(TEMPLATE_DATABASE)}`.execute(admin);
  });
  const template = await connect({ kind: 'postgres', url: withDatabase(url, TEMPLATE_DATABASE), poolSize: 1 });
  await prepareDatabase(template.db);
  await template.close();
  console.log(`test template: PostgreSQL database ${TEMPLATE_DATABASE}`);
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const { Kysely } = await import('kysely');
  const client = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  await prepareDatabase(db);
  const dump = await client.dumpDataDir('none');
  mkdirSync(dirname(TEMPLATE_DUMP), { recursive: true });
  writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  console.log(`test template: PGlite dump ${TEMPLATE_DUMP}`);
}
