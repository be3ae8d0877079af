import { type Kysely, sql } from 'kysely';

/**
 * Structures get what the catalogue needs (kind, reach, publics, commune, address, coordinates,
 * accreditation, contacts), and editions their partnerships: one proximity structure with one
 * first-circle structure. The kinds of both sides are held by the database itself, through
 * foreign keys on (id, kind).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('structures')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('proximity').check(sql`kind in ('first_circle', 'proximity', 'public_partner')`))
    .addColumn('reach', 'text', (c) => c.check(sql`reach in ('national', 'regional', 'departmental', 'intercommunal')`))
    .addColumn('public_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('commune_code', 'text', (c) => c.references('communes.code'))
    .addColumn('address', 'text', (c) => c.check(sql`length(address) <= 500`))
    .addColumn('latitude', 'double precision', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('accredited', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('accreditation_number', 'text', (c) => c.check(sql`length(accreditation_number) <= 50`))
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`alter table structures alter column kind drop default`.execute(db);
  await sql`alter table structures add constraint structures_reach_first_circle check ((kind = 'first_circle') = (reach is not null))`.execute(db);
  await sql`alter table structures add constraint structures_public_types check (
    (kind = 'public_partner' or cardinality(public_types) = 0)
    and public_types <@ array['ehpad', 'maison-des-solidarites', 'foyer-de-vie', 'youth-council', 'youth-centre', 'social-centre', 'school', 'other']::text[])`.execute(db);
  await sql`alter table structures add constraint structures_coordinates_pair check ((latitude is null) = (longitude is null))`.execute(db);
  await sql`alter table structures add constraint structures_id_kind_key unique (id, kind)`.execute(db);
  await db.schema.createIndex('structures_commune_idx').on('structures').column('commune_code').execute();

  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('proximity_structure_id', 'uuid', (c) => c.notNull())
    .addColumn('proximity_kind', 'text', (c) => c.notNull().defaultTo('proximity').check(sql`proximity_kind = 'proximity'`))
    .addColumn('first_circle_structure_id', 'uuid', (c) => c.notNull())
    .addColumn('first_circle_kind', 'text', (c) => c.notNull().defaultTo('first_circle').check(sql`first_circle_kind = 'first_circle'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('partnerships_proximity_fkey', ['proximity_structure_id', 'proximity_kind'], 'structures', ['id', 'kind'])
    .addForeignKeyConstraint('partnerships_first_circle_fkey', ['first_circle_structure_id', 'first_circle_kind'], 'structures', ['id', 'kind'])
    // A proximity structure has at most one partner per edition; a first-circle one may have several.
    .addUniqueConstraint('partnerships_edition_proximity_key', ['edition_id', 'proximity_structure_id'])
    .execute();
  await db.schema.createIndex('partnerships_first_circle_idx').on('partnerships').columns(['first_circle_structure_id', 'edition_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partnerships').execute();
  await sql`alter table structures drop constraint structures_id_kind_key, drop constraint structures_coordinates_pair,
    drop constraint structures_public_types, drop constraint structures_reach_first_circle`.execute(db);
  for (const column of ['version', 'contacts', 'accreditation_number', 'accredited', 'longitude', 'latitude', 'address', 'commune_code', 'public_types', 'reach', 'kind']) {
    await db.schema.alterTable('structures').dropColumn(column).execute();
  }
}
