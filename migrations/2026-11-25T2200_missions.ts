import { type Kysely, sql } from 'kysely';

/**
 * Missions: what volunteers do, hosted by a proximity structure with its first-circle partner.
 * The service civique rules on duration and weekly hours (docs/rules.md) are checks here too, so that
 * no path around the service can store a mission that breaks them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('missions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('host_structure_id', 'uuid', (c) => c.notNull())
    .addColumn('host_kind', 'text', (c) => c.notNull().defaultTo('proximity').check(sql`host_kind = 'proximity'`))
    .addColumn('first_circle_structure_id', 'uuid', (c) => c.notNull())
    .addColumn('first_circle_kind', 'text', (c) => c.notNull().defaultTo('first_circle').check(sql`first_circle_kind = 'first_circle'`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) between 1 and 200`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('').check(sql`length(description) <= 10000`))
    .addColumn('theme', 'text', (c) =>
      c.notNull().check(sql`theme in ('culture-loisirs', 'environnement', 'solidarite', 'education-pour-tous', 'sante', 'sport',
        'memoire-citoyennete', 'developpement-international-action-humanitaire', 'intervention-urgence')`),
    )
    .addColumn('places', 'integer', (c) => c.notNull().defaultTo(2).check(sql`places between 1 and 100`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    // Rule `duration`: 6 to 12 months, in one piece (L120-1 II).
    .addColumn('duration_months', 'integer', (c) => c.notNull().check(sql`duration_months between 6 and 12`))
    .addColumn('weekly_hours', 'integer', (c) => c.notNull())
    // Rule `weekly-hours`: over at most 6 days; `minor-hours`: at most 5 days for minors.
    .addColumn('days_per_week', 'integer', (c) => c.notNull().defaultTo(5).check(sql`days_per_week between 1 and 6`))
    .addColumn('weekly_hours_derogation', 'text', (c) => c.check(sql`length(btrim(weekly_hours_derogation)) between 1 and 1000`))
    .addColumn('open_to_minors', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'filled', 'closed')`))
    // Title and description without accents or case (src/lib/search-key.ts), for French full text.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('french', search_text)`).stored())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addForeignKeyConstraint('missions_host_fkey', ['host_structure_id', 'host_kind'], 'structures', ['id', 'kind'])
    .addForeignKeyConstraint('missions_first_circle_fkey', ['first_circle_structure_id', 'first_circle_kind'], 'structures', ['id', 'kind'])
    // Rule `weekly-hours`: 24 to 48 h, fewer only with a recorded derogation (L120-8).
    .addCheckConstraint('missions_weekly_hours', sql`weekly_hours <= 48 and weekly_hours >= 1 and (weekly_hours >= 24 or weekly_hours_derogation is not null)`)
    // Rule `minor-hours`: open to minors means at most 35 h a week over at most 5 days, and no
    // more than 7 h a day on average (L120-8, R121-12).
    .addCheckConstraint('missions_minor_hours', sql`not open_to_minors or (weekly_hours <= 35 and days_per_week <= 5 and weekly_hours <= 7 * days_per_week)`)
    .execute();
  await db.schema.createIndex('missions_edition_idx').on('missions').columns(['edition_id', 'status']).execute();
  await db.schema.createIndex('missions_host_idx').on('missions').column('host_structure_id').execute();
  await db.schema.createIndex('missions_commune_idx').on('missions').column('commune_code').execute();
  await sql`create index missions_published_start_idx on missions (starts_on, id) where status = 'published'`.execute(db);
  await sql`create index missions_search_idx on missions using gin (search)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('missions').execute();
}
