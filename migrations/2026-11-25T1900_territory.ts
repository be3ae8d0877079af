import { type Kysely, sql } from 'kysely';

/**
 * Territory: French communes and EPCIs (intercommunalities). The rows come from the official
 * lists shipped by @etalab/decoupage-administratif, loaded by db/territory.ts (not here: a
 * migration is frozen in time, the package's data is not).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('epcis')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{9}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .execute();

  await db.schema
    .createTable('communes')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9][0-9AB][0-9]{3}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    // The name without accents, case or punctuation ("henin beaumont"), for searching.
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('postal_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('population', 'integer')
    .addColumn('epci_code', 'text', (c) => c.references('epcis.code'))
    // WGS-84; known for the story's towns, to estimate distances (docs/domain.md).
    .addColumn('latitude', 'double precision', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (c) => c.check(sql`longitude between -180 and 180`))
    .addCheckConstraint('communes_coordinates_pair', sql`(latitude is null) = (longitude is null)`)
    .execute();
  await sql`create index communes_search_name_idx on communes (search_name text_pattern_ops)`.execute(db);
  await db.schema.createIndex('communes_epci_idx').on('communes').column('epci_code').execute();
  await db.schema.createIndex('communes_department_idx').on('communes').column('department').execute();
  await sql`create index communes_postal_codes_idx on communes using gin (postal_codes)`.execute(db);

  // Which version of which official list is loaded, so that loading is done once per version.
  await db.schema
    .createTable('reference_data')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reference_data').execute();
  await db.schema.dropTable('communes').execute();
  await db.schema.dropTable('epcis').execute();
}
