import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import t from 'tap';
import { renderDatabaseTypes } from '../../scripts/database-types.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * db/database.ts is what kysely-codegen writes from the migrated schema (scripts/database-types.ts).
 * This file's database is a copy of the migrated template, on PGlite or on PostgreSQL
 * (DATABASE_URL): kysely-codegen has no PGlite dialect of its own, but it introspects any Kysely
 * instance with its PostgreSQL introspector, and PGlite is PostgreSQL, so both runs check it.
 */
const database = await createTestDatabase();
t.teardown(() => database.close());
const { db } = database;

const committed = readFileSync(new URL('../../db/database.ts', import.meta.url), 'utf8');

t.test('db/database.ts is current (run `npm run db:types` after adding a migration)', async (t) => {
  t.equal(committed, await renderDatabaseTypes(db));
});

t.test('the unions come from the check constraints, so they follow a migration', async (t) => {
  await sql`alter table missions drop constraint missions_status_check,
    add constraint missions_status_check check (status in ('draft', 'published', 'filled', 'closed', 'archived'))`.execute(db);
  t.match(await renderDatabaseTypes(db), /export type MissionStatus = "archived" \| "closed" \| "draft" \| "filled" \| "published";/);

  await sql`alter table users drop constraint users_role_check`.execute(db);
  await t.rejects(renderDatabaseTypes(db), /users\.role: no check constraint lists its values/, 'a named union whose check is gone is an error, not a silent `string`');
});
