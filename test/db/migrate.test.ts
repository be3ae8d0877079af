import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import t from 'tap';
import { MigrationError, migrateToLatest } from '../../db/migrate.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * migrateToLatest answers "nothing to do" from one query when every migration is applied, and
 * leaves everything else to Kysely's Migrator. Run on a folder of throwaway migrations, in this
 * file's own database with the app's migration records taken away.
 */
const database = await createTestDatabase();
t.teardown(() => database.close());
const { db } = database;
await sql`drop table kysely_migration, kysely_migration_lock`.execute(db);

const folder = mkdtempSync(join(tmpdir(), 'binome-migrations-'));
t.teardown(() => rmSync(folder, { recursive: true, force: true }));
const writeMigration = (name: string, table: string) =>
  writeFileSync(join(folder, `${name}.mjs`), `export async function up(db) { await db.schema.createTable('${table}').addColumn('id', 'integer').execute(); }\n`);
const tableExists = async (name: string) =>
  (await sql<{ exists: boolean }>`select to_regclass(${name}) is not null as exists`.execute(db)).rows[0]!.exists;

t.test('a database without migration records gets every migration, through the Migrator', async (t) => {
  writeMigration('2030-01-01T0000_one', 'migrate_test_one');
  writeMigration('2030-01-02T0000_two', 'migrate_test_two');
  const results = await migrateToLatest(db, folder);
  t.same(
    results.map((r) => [r.migrationName, r.status]),
    [
      ['2030-01-01T0000_one', 'Success'],
      ['2030-01-02T0000_two', 'Success'],
    ],
  );
  t.ok(await tableExists('migrate_test_two'));
});

t.test('with every migration applied, nothing runs and the Migrator is not called', async (t) => {
  // The Migrator would create its lock table again before anything else: its absence
  // afterwards shows that the one-query check answered.
  await sql`drop table kysely_migration_lock`.execute(db);
  t.same(await migrateToLatest(db, folder), []);
  t.notOk(await tableExists('kysely_migration_lock'), 'the Migrator did not run');
  // Nor is a migration imported: the check reads the file names. (One recorded as applied,
  // whose file throws when imported; never imported before, so not in the module cache.)
  const name = '2030-01-02T1200_recorded';
  writeFileSync(join(folder, `${name}.mjs`), `throw new Error('imported');\nexport async function up() {}\n`);
  await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(db);
  t.teardown(async () => {
    rmSync(join(folder, `${name}.mjs`));
    await sql`delete from kysely_migration where name = ${name}`.execute(db);
  });
  t.same(await migrateToLatest(db, folder), [], 'no migration file imported');
});

t.test('a new migration is applied, alone', async (t) => {
  writeMigration('2030-01-03T0000_three', 'migrate_test_three');
  t.same(
    (await migrateToLatest(db, folder)).map((r) => [r.migrationName, r.status]),
    [['2030-01-03T0000_three', 'Success']],
  );
  t.ok(await tableExists('migrate_test_three'));
  t.ok(await tableExists('kysely_migration_lock'), 'through the Migrator');
});

t.test('an applied migration that is no longer in the folder is still refused', async (t) => {
  rmSync(join(folder, '2030-01-02T0000_two.mjs'));
  await t.rejects(migrateToLatest(db, folder), MigrationError);
  await t.rejects(migrateToLatest(db, folder), /previously executed migration 2030-01-02T0000_two is missing/);
});
