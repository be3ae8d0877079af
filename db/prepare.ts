import type { Kysely, MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { loadTerritory } from './territory.js';

/**
 * Everything a database needs before the app serves it: the migrations, then the official
 * reference data (communes and EPCIs). Run at start, by `npm run db:migrate`, and once per
 * test run for the template database.
 */
export async function prepareDatabase(db: Kysely<Database>): Promise<{
  migrations: MigrationResult[];
  territory: Awaited<ReturnType<typeof loadTerritory>>;
}> {
  const migrations = await migrateToLatest(db);
  const territory = await loadTerritory(db);
  return { migrations, territory };
}
