import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * The programme after placement (issue 16): a binôme's mediation projects with public partners,
 * their outings and the attendance of each group, a programme's information meetings and their
 * registrations, and the follow-up of each placed volunteer (trainings, tutors' check-ins, an
 * early end). The edition's report reads all of it; it stores nothing of its own.
 *
 * What the database holds itself (docs/rules.md):
 * - a project belongs to one binôme of one edition (composite key), its public partners are
 *   structures of kind `public_partner` (foreign key on (id, kind)), its status is one of the
 *   workflow's (src/modules/projects/projects.workflow.ts) and an abandoned one has a reason;
 * - an outing ends after it starts; a group's headcounts are ≥ 0, its present ≤ expected +
 *   declared walk-ins, its first-timers ≤ present;
 * - an information session never holds more registered people than its capacity (`registered`
 *   is a counter under a check, moved with guarded updates), and one e-mail registers once per
 *   session (the cancelled ones aside);
 * - a volunteer's training of each kind is recorded once, and an early end once per volunteer.
 * Frozen in time: it takes Kysely<any> and never imports app code.
 */

/** What a public partner brings (project_partners.publics, outing_groups.public_kind). */
const PUBLICS = ['seniors', 'disability', 'youth', 'families', 'precarity', 'inhabitants', 'other'];
const PUBLICS_LIST = sql.raw(PUBLICS.map((p) => `'${p}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  // The projects join the one transition log.
  await sql`alter table status_transitions drop constraint status_transitions_entity_check`.execute(db);
  await sql`alter table status_transitions add constraint status_transitions_entity_check
    check (entity in ('application', 'mission', 'edition', 'forum', 'binome', 'project'))`.execute(db);

  // 1. Mediation projects -------------------------------------------------------------------------
  await db.schema
    .createTable('mediation_projects')
    .addColumn('id', 'uuid', id)
    .addColumn('binome_id', 'uuid', (c) => c.notNull())
    .addColumn('edition_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) between 1 and 200`))
    .addColumn('aim', 'text', (c) => c.notNull().check(sql`length(btrim(aim)) between 1 and 4000`))
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'validated', 'running', 'done', 'abandoned')`),
    )
    .addColumn('abandoned_reason', 'text', (c) => c.check(sql`length(btrim(abandoned_reason)) between 1 and 1000`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addForeignKeyConstraint('mediation_projects_binome_fkey', ['binome_id', 'edition_id'], 'binomes', ['id', 'edition_id'])
    .addCheckConstraint('mediation_projects_dates', sql`starts_on is null or ends_on is null or starts_on <= ends_on`)
    .addCheckConstraint('mediation_projects_abandoned', sql`(status = 'abandoned') = (abandoned_reason is not null)`)
    .execute();
  await db.schema.createIndex('mediation_projects_binome_idx').on('mediation_projects').column('binome_id').execute();
  await db.schema.createIndex('mediation_projects_edition_idx').on('mediation_projects').columns(['edition_id', 'status']).execute();

  // The public partners taking part, each with the publics it brings. A partner may be in
  // several projects of several binômes (the Carvin group mixes five).
  await db.schema
    .createTable('project_partners')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('mediation_projects.id').onDelete('cascade'))
    .addColumn('structure_id', 'uuid', (c) => c.notNull())
    .addColumn('structure_kind', 'text', (c) => c.notNull().defaultTo('public_partner').check(sql`structure_kind = 'public_partner'`))
    .addColumn('publics', sql`text[]`, (c) => c.notNull().check(sql`cardinality(publics) between 1 and 7 and publics <@ array[${PUBLICS_LIST}]::text[]`))
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('project_partners_pkey', ['project_id', 'structure_id'])
    .addForeignKeyConstraint('project_partners_structure_fkey', ['structure_id', 'structure_kind'], 'structures', ['id', 'kind'])
    .execute();
  await db.schema.createIndex('project_partners_structure_idx').on('project_partners').column('structure_id').execute();

  // The venues the project goes to: the host, its first-circle partner, others.
  await db.schema
    .createTable('project_venues')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('mediation_projects.id').onDelete('cascade'))
    .addColumn('structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('host', 'first_circle', 'other')`))
    .addPrimaryKeyConstraint('project_venues_pkey', ['project_id', 'structure_id'])
    .execute();

  // The tutors' (and anyone's who may see the project) comments.
  await db.schema
    .createTable('project_comments')
    .addColumn('id', 'uuid', id)
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('mediation_projects.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(btrim(body)) between 1 and 2000`))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('project_comments_project_idx').on('project_comments').columns(['project_id', 'created_at']).execute();

  // 2. Outings -------------------------------------------------------------------------------------
  await db.schema
    .createTable('outings')
    .addColumn('id', 'uuid', id)
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('mediation_projects.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('venue_structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('what_kind', 'text', (c) => c.notNull().check(sql`what_kind in ('show', 'exhibition', 'workshop', 'visit', 'other')`))
    .addColumn('what_title', 'text', (c) => c.notNull().check(sql`length(btrim(what_title)) between 1 and 200`))
    .addColumn('transport', 'text', (c) => c.notNull().check(sql`transport in ('on_foot', 'public_transport', 'minibus')`))
    .addColumn('driver_name', 'text', (c) => c.check(sql`length(btrim(driver_name)) between 1 and 200`))
    // After the outing: a short account, a link to photos kept elsewhere (none stored here).
    .addColumn('account', 'text', (c) => c.check(sql`length(account) <= 4000`))
    .addColumn('photos_url', 'text', (c) => c.check(sql`photos_url ~ '^https?://' and length(photos_url) <= 2000`))
    .addColumn('attendance_recorded_at', 'timestamptz')
    .addColumn('attendance_recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('outings_times', sql`starts_at < ends_at`)
    .addCheckConstraint('outings_driver', sql`(transport = 'minibus') = (driver_name is not null)`)
    .addCheckConstraint('outings_recorded', sql`(attendance_recorded_at is null) = (attendance_recorded_by is null)`)
    .execute();
  await db.schema.createIndex('outings_project_idx').on('outings').columns(['project_id', 'starts_at']).execute();
  await db.schema.createIndex('outings_starts_idx').on('outings').column('starts_at').execute();

  // The groups expected per public partner and public, then their attendance.
  await db.schema
    .createTable('outing_groups')
    .addColumn('outing_id', 'uuid', (c) => c.notNull().references('outings.id').onDelete('cascade'))
    .addColumn('structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('public_kind', 'text', (c) => c.notNull().check(sql`public_kind in (${PUBLICS_LIST})`))
    .addColumn('expected', 'integer', (c) => c.notNull().check(sql`expected between 0 and 10000`))
    .addColumn('walk_ins', 'integer', (c) => c.notNull().defaultTo(0).check(sql`walk_ins between 0 and 10000`))
    .addColumn('present', 'integer', (c) => c.check(sql`present >= 0`))
    .addColumn('first_time', 'integer', (c) => c.check(sql`first_time >= 0`))
    .addPrimaryKeyConstraint('outing_groups_pkey', ['outing_id', 'structure_id', 'public_kind'])
    .addCheckConstraint('outing_groups_present', sql`present is null or present <= expected + walk_ins`)
    .addCheckConstraint('outing_groups_first_time', sql`first_time is null or (present is not null and first_time <= present)`)
    .execute();

  // The volunteers who accompany (members of the binôme, or of another of the edition).
  await db.schema
    .createTable('outing_volunteers')
    .addColumn('outing_id', 'uuid', (c) => c.notNull().references('outings.id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('outing_volunteers_pkey', ['outing_id', 'candidate_id'])
    .execute();
  await db.schema.createIndex('outing_volunteers_candidate_idx').on('outing_volunteers').column('candidate_id').execute();

  // 3. Information meetings ------------------------------------------------------------------------
  await db.schema
    .createTable('info_sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull().check(sql`length(btrim(venue)) between 1 and 200`))
    .addColumn('address', 'text', (c) => c.check(sql`length(btrim(address)) between 1 and 300`))
    .addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 10000`))
    .addColumn('registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('online_url', 'text', (c) => c.check(sql`online_url ~ '^https://' and length(online_url) <= 2000`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('info_sessions_times', sql`starts_at < ends_at`)
    // Never more registered than the capacity, whatever the order of concurrent requests.
    .addCheckConstraint('info_sessions_within_capacity', sql`registered between 0 and capacity`)
    .execute();
  await db.schema.createIndex('info_sessions_edition_idx').on('info_sessions').columns(['edition_id', 'starts_at']).execute();
  await db.schema.createIndex('info_sessions_starts_idx').on('info_sessions').column('starts_at').execute();

  await db.schema
    .createTable('info_registrations')
    .addColumn('id', 'uuid', id)
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('info_sessions.id'))
    // A signed-in candidate's account, or none (a registration without an account).
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('full_name', 'text', (c) => c.notNull().check(sql`length(btrim(full_name)) between 1 and 200`))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`length(email) between 3 and 320`))
    .addColumn('phone', 'text', (c) => c.check(sql`length(phone) between 1 and 40`))
    .addColumn('consent_contact', 'boolean', (c) => c.notNull())
    .addColumn('age_bracket', 'text', (c) => c.notNull().check(sql`age_bracket in ('under-16', '16-17', '18-21', '22-25', '26-30', 'over-30')`))
    // registered (holds one of the capacity), waiting (in line, by `queued_at`), cancelled.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('registered', 'waiting', 'cancelled')`))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancel_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('attended', 'boolean')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('invited_to_apply_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('info_registrations_cancelled', sql`(status = 'cancelled') = (cancelled_at is not null)`)
    .execute();
  await sql`create unique index info_registrations_one_per_email on info_registrations (session_id, lower(email)) where status <> 'cancelled'`.execute(db);
  await db.schema.createIndex('info_registrations_queue_idx').on('info_registrations').columns(['session_id', 'status', 'queued_at']).execute();
  await db.schema.createIndex('info_registrations_user_idx').on('info_registrations').column('user_id').execute();

  // 4. Volunteer follow-up -------------------------------------------------------------------------
  // Keyed by the binôme member: a volunteer's follow-up belongs to one placement.
  await db.schema
    .createTable('volunteer_trainings')
    .addColumn('binome_id', 'uuid', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull())
    // fcc: « formation civique et citoyenne »; psc1: « prévention et secours civiques de niveau 1 ».
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('fcc', 'psc1')`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.check(sql`length(btrim(provider)) between 1 and 200`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('volunteer_trainings_pkey', ['binome_id', 'candidate_id', 'kind'])
    .addForeignKeyConstraint('volunteer_trainings_member_fkey', ['binome_id', 'candidate_id'], 'binome_members', ['binome_id', 'candidate_id'])
    .addCheckConstraint('volunteer_trainings_dates', sql`starts_on <= ends_on`)
    .execute();

  await db.schema
    .createTable('tutor_checkins')
    .addColumn('id', 'uuid', id)
    .addColumn('binome_id', 'uuid', (c) => c.notNull().references('binomes.id'))
    // One volunteer of the binôme, or the binôme as a whole (null).
    .addColumn('candidate_id', 'uuid')
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().check(sql`length(btrim(note)) between 1 and 2000`))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addForeignKeyConstraint('tutor_checkins_member_fkey', ['binome_id', 'candidate_id'], 'binome_members', ['binome_id', 'candidate_id'])
    .execute();
  await db.schema.createIndex('tutor_checkins_binome_idx').on('tutor_checkins').columns(['binome_id', 'held_on']).execute();

  // « Rupture anticipée »: kept for the report; it frees nothing retroactively.
  await db.schema
    .createTable('early_ends')
    .addColumn('binome_id', 'uuid', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull().check(sql`asked_by in ('volunteer', 'host', 'operator', 'mutual')`))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('job', 'training', 'health', 'moving', 'personal', 'mission-mismatch', 'misconduct', 'other')`),
    )
    .addColumn('note', 'text', (c) => c.check(sql`length(note) <= 2000`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('early_ends_pkey', ['binome_id', 'candidate_id'])
    .addForeignKeyConstraint('early_ends_member_fkey', ['binome_id', 'candidate_id'], 'binome_members', ['binome_id', 'candidate_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'early_ends',
    'tutor_checkins',
    'volunteer_trainings',
    'info_registrations',
    'info_sessions',
    'outing_volunteers',
    'outing_groups',
    'outings',
    'project_comments',
    'project_venues',
    'project_partners',
    'mediation_projects',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`delete from status_transitions where entity = 'project'`.execute(db);
  await sql`alter table status_transitions drop constraint status_transitions_entity_check`.execute(db);
  await sql`alter table status_transitions add constraint status_transitions_entity_check
    check (entity in ('application', 'mission', 'edition', 'forum', 'binome'))`.execute(db);
}
