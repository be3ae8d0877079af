import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the public mission search (GET /missions), so that each filter can start from an
 * index on a national catalogue (bench/missions-search.ts shows the plans):
 * - theme: the published missions of a theme in start-date order, the default sort;
 * - near/radiusKm: the bounding box on the coordinates of structures, and of communes for the
 *   missions whose host has none (plain B-trees: no PostGIS or earthdistance needed).
 * Text search (missions_search_idx), the EPCI (communes_epci_idx, missions_commune_idx) and the
 * start-date order (missions_published_start_idx) already have theirs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index missions_published_theme_start_idx on missions (theme, starts_on, id) where status = 'published'`.execute(db);
  await sql`create index structures_location_idx on structures (latitude, longitude) where latitude is not null`.execute(db);
  await sql`create index communes_location_idx on communes (latitude, longitude) where latitude is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('communes_location_idx').execute();
  await db.schema.dropIndex('structures_location_idx').execute();
  await db.schema.dropIndex('missions_published_theme_start_idx').execute();
}
