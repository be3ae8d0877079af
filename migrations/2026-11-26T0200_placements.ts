import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Placement: the runs that propose binômes, the binômes (two volunteers on one mission) and
 * their members, the placements (the contract's facts) and the dated table of indemnity rates.
 * Frozen in time: it takes Kysely<any> and never imports app code.
 *
 * The guarantees docs/rules.md asks of the database:
 * - a volunteer is in at most one active binôme per edition (partial unique index on members);
 * - a mission never holds more volunteers than places: `reserved` counts the members of active
 *   binômes whose offer is still open, `accepted` the accepted applications, and the check
 *   `accepted + reserved <= places` stops any request order or concurrency from overfilling it;
 * - a binôme has at most two active members (seat 1 or 2, unique among active members);
 * - a member joins through their own application to the binôme's mission, and a placement's
 *   tutors are a member of its host structure and a coordinator of its operator (rule `tutor`):
 *   composite foreign keys, so that no service slip can pair the wrong rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  await db.schema.alterTable('missions').addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .alterTable('missions')
    .addCheckConstraint('missions_taken_within_places', sql`reserved >= 0 and accepted + reserved <= places`)
    .execute();
  await db.schema.alterTable('missions').addUniqueConstraint('missions_id_edition_key', ['id', 'edition_id']).execute();
  // Targets of the composite foreign keys below.
  await db.schema.alterTable('applications').addUniqueConstraint('applications_id_candidate_mission_key', ['id', 'candidate_id', 'mission_id']).execute();
  await db.schema.alterTable('users').addUniqueConstraint('users_id_structure_key', ['id', 'structure_id']).execute();
  await db.schema.alterTable('users').addUniqueConstraint('users_id_operator_key', ['id', 'operator_id']).execute();

  // Rule `indemnity`: monthly amounts by effective date (décret; ASP). A placement takes the
  // rate in force on its start date.
  await db.schema
    .createTable('indemnity_rates')
    .addColumn('effective_from', 'date', (c) => c.primaryKey())
    .addColumn('state_monthly_cents', 'integer', (c) => c.notNull().check(sql`state_monthly_cents > 0`))
    .addColumn('host_min_monthly_cents', 'integer', (c) => c.notNull().check(sql`host_min_monthly_cents > 0`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`length(btrim(source)) between 1 and 500`))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db
    .insertInto('indemnity_rates')
    .values({ effective_from: '2024-01-01', state_monthly_cents: 50498, host_min_monthly_cents: 11485, source: 'RULES.md: 2024 amounts (décret; ASP)' })
    .execute();

  await db.schema
    .createTable('placement_runs')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('optimal', 'stable')`))
    .addColumn('weights', 'jsonb', (c) => c.notNull())
    .addColumn('locks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('exclusions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // sha-256 of the inputs the run saw: applying refuses when today's inputs differ.
    .addColumn('input_digest', 'text', (c) => c.notNull().check(sql`input_digest ~ '^[0-9a-f]{64}$'`))
    .addColumn('volunteers', 'integer', (c) => c.notNull())
    .addColumn('missions', 'integer', (c) => c.notNull())
    .addColumn('proposals', 'jsonb', (c) => c.notNull())
    .addColumn('unplaced', 'jsonb', (c) => c.notNull())
    .addColumn('open_places', 'jsonb', (c) => c.notNull())
    .addColumn('objective', 'double precision', (c) => c.notNull())
    .addColumn('bound', 'double precision', (c) => c.notNull())
    .addColumn('assignment_optimum', 'double precision', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz')
    .addColumn('applied_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('placement_runs_number_key', ['edition_id', 'number'])
    .addCheckConstraint('placement_runs_applied', sql`(applied_at is null) = (applied_by is null)`)
    .execute();

  await db.schema
    .createTable('binomes')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('mission_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed').check(sql`status in ('proposed', 'confirmed', 'broken', 'dissolved')`))
    .addColumn('run_id', 'uuid', (c) => c.references('placement_runs.id'))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_reason', 'text', (c) => c.check(sql`length(ended_reason) <= 1000`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addForeignKeyConstraint('binomes_mission_edition_fkey', ['mission_id', 'edition_id'], 'missions', ['id', 'edition_id'])
    .addUniqueConstraint('binomes_id_edition_key', ['id', 'edition_id'])
    .addUniqueConstraint('binomes_id_mission_key', ['id', 'mission_id'])
    .addCheckConstraint('binomes_ended', sql`(status in ('broken', 'dissolved')) = (ended_at is not null)`)
    .execute();
  await db.schema.createIndex('binomes_edition_idx').on('binomes').columns(['edition_id', 'status']).execute();
  await db.schema.createIndex('binomes_mission_idx').on('binomes').column('mission_id').execute();

  await db.schema
    .createTable('binome_members')
    .addColumn('binome_id', 'uuid', (c) => c.notNull())
    .addColumn('edition_id', 'uuid', (c) => c.notNull())
    .addColumn('mission_id', 'uuid', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('seat', 'integer', (c) => c.notNull().check(sql`seat in (1, 2)`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('joined_at', 'timestamptz', now)
    .addColumn('left_at', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    // Rule `minor-consent` (R121-11): who signed the parental authorisation, when, and who recorded it.
    .addColumn('parental_consent_signed_by', 'text', (c) => c.check(sql`length(btrim(parental_consent_signed_by)) between 1 and 200`))
    .addColumn('parental_consent_signed_on', 'date')
    .addColumn('parental_consent_recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('parental_consent_recorded_at', 'timestamptz')
    .addPrimaryKeyConstraint('binome_members_pkey', ['binome_id', 'candidate_id'])
    .addForeignKeyConstraint('binome_members_binome_fkey', ['binome_id', 'edition_id'], 'binomes', ['id', 'edition_id'])
    .addForeignKeyConstraint('binome_members_mission_fkey', ['binome_id', 'mission_id'], 'binomes', ['id', 'mission_id'])
    .addForeignKeyConstraint('binome_members_application_fkey', ['application_id', 'candidate_id', 'mission_id'], 'applications', ['id', 'candidate_id', 'mission_id'])
    .addCheckConstraint('binome_members_left', sql`active = (left_at is null)`)
    .addCheckConstraint(
      'binome_members_consent',
      sql`(parental_consent_signed_by is null) = (parental_consent_signed_on is null)
          and (parental_consent_signed_by is null) = (parental_consent_recorded_at is null)`,
    )
    .execute();
  await sql`create unique index binome_members_one_active_per_edition on binome_members (edition_id, candidate_id) where active`.execute(db);
  await sql`create unique index binome_members_two_seats on binome_members (binome_id, seat) where active`.execute(db);
  await db.schema.createIndex('binome_members_application_idx').on('binome_members').column('application_id').execute();

  // The facts of the contract (rules `tutor`, `intermediation`, `indemnity`), one per binôme.
  await db.schema
    .createTable('placements')
    .addColumn('id', 'uuid', id)
    .addColumn('binome_id', 'uuid', (c) => c.notNull().unique().references('binomes.id'))
    .addColumn('mission_id', 'uuid', (c) => c.notNull().references('missions.id'))
    .addColumn('host_structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('first_circle_structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('host_tutor_id', 'uuid', (c) => c.notNull())
    .addColumn('operator_tutor_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('indemnity_rate_from', 'date', (c) => c.notNull().references('indemnity_rates.effective_from'))
    .addColumn('state_monthly_cents', 'integer', (c) => c.notNull())
    .addColumn('host_monthly_cents', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('placements_dates', sql`starts_on < ends_on`)
    .addForeignKeyConstraint('placements_host_tutor_fkey', ['host_tutor_id', 'host_structure_id'], 'users', ['id', 'structure_id'])
    .addForeignKeyConstraint('placements_operator_tutor_fkey', ['operator_tutor_id', 'operator_id'], 'users', ['id', 'operator_id'])
    .execute();
  await db.schema.createIndex('placements_host_idx').on('placements').column('host_structure_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('placements').execute();
  await db.schema.dropTable('binome_members').execute();
  await db.schema.dropTable('binomes').execute();
  await db.schema.dropTable('placement_runs').execute();
  await db.schema.dropTable('indemnity_rates').execute();
  await db.schema.alterTable('users').dropConstraint('users_id_operator_key').execute();
  await db.schema.alterTable('users').dropConstraint('users_id_structure_key').execute();
  await db.schema.alterTable('applications').dropConstraint('applications_id_candidate_mission_key').execute();
  await db.schema.alterTable('missions').dropConstraint('missions_id_edition_key').execute();
  await db.schema.alterTable('missions').dropConstraint('missions_taken_within_places').execute();
  await db.schema.alterTable('missions').dropColumn('reserved').execute();
}
