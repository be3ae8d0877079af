import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Programmes (dispositifs) of an operator and their editions (promotions), with the territory
 * an edition covers as a list of EPCIs. Operators get what the catalogue shows of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  await db.schema
    .alterTable('operators')
    .addColumn('accreditation_number', 'text', (c) => c.check(sql`length(accreditation_number) between 1 and 50`))
    .addColumn('department', 'text', (c) => c.check(sql`department ~ '^([0-9]{2}|2A|2B|97[1-6])$'`))
    .execute();

  // The nine themes of service civique (service-civique.gouv.fr).
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('').check(sql`length(description) <= 5000`))
    .addColumn('theme', 'text', (c) =>
      c.notNull().check(sql`theme in ('culture-loisirs', 'environnement', 'solidarite', 'education-pour-tous', 'sante', 'sport',
        'memoire-citoyennete', 'developpement-international-action-humanitaire', 'intervention-urgence')`),
    )
    .addColumn('funders', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await sql`create unique index programmes_operator_name_key on programmes (operator_id, lower(name))`.execute(db);

  await db.schema
    .createTable('editions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('label', 'text', (c) => c.notNull().check(sql`length(btrim(label)) between 1 and 200`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('planned_volunteers', 'integer', (c) => c.notNull().check(sql`planned_volunteers between 1 and 10000`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planning').check(sql`status in ('planning', 'recruiting', 'running', 'closed')`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('editions_dates', sql`ends_on > starts_on`)
    .execute();
  await sql`create unique index editions_programme_label_key on editions (programme_id, lower(label))`.execute(db);

  await db.schema
    .createTable('edition_epcis')
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id').onDelete('cascade'))
    .addColumn('epci_code', 'text', (c) => c.notNull().references('epcis.code'))
    .addPrimaryKeyConstraint('edition_epcis_pkey', ['edition_id', 'epci_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('edition_epcis').execute();
  await db.schema.dropTable('editions').execute();
  await db.schema.dropTable('programmes').execute();
  await db.schema.alterTable('operators').dropColumn('accreditation_number').dropColumn('department').execute();
}
