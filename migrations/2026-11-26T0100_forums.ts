import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * The speed-dating forum: structures at tables, candidates rotating by rounds, the requests of
 * who wants to meet whom, numbered schedule versions with their meetings, attendance and the
 * evaluations of both sides. Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);
  // Times of day in Europe/Paris, 'HH:MM'.
  const timeOfDay = (name: string) => sql.raw(`${name} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`);

  await db.schema
    .createTable('forums')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) between 1 and 200`))
    .addColumn('venue', 'text', (c) => c.notNull().defaultTo('').check(sql`length(venue) <= 300`))
    .addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull().check(timeOfDay('starts_at')))
    .addColumn('ends_at', 'text', (c) => c.notNull().check(timeOfDay('ends_at')))
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().defaultTo(7).check(sql`slot_minutes between 1 and 120`))
    .addColumn('changeover_minutes', 'integer', (c) => c.notNull().defaultTo(1).check(sql`changeover_minutes between 0 and 60`))
    // [{ afterRound, minutes }], at most one break after a given round.
    .addColumn('breaks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planning').check(sql`status in ('planning', 'scheduled', 'running', 'closed')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('forums_time_span', sql`starts_at < ends_at`)
    .execute();
  await db.schema.createIndex('forums_edition_idx').on('forums').columns(['edition_id', 'held_on']).execute();

  // A structure at the forum, with its tables (meetings in parallel) and the rounds it is away.
  await db.schema
    .createTable('forum_structures')
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('tables', 'integer', (c) => c.notNull().defaultTo(1).check(sql`tables between 1 and 20`))
    .addColumn('unavailable_rounds', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('forum_structures_pkey', ['forum_id', 'structure_id'])
    .execute();
  await db.schema.createIndex('forum_structures_structure_idx').on('forum_structures').column('structure_id').execute();

  // A candidate at the forum, with their arrival and leaving times and whether they came.
  await db.schema
    .createTable('forum_candidates')
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('arrives_at', 'text', (c) => c.check(timeOfDay('arrives_at')))
    .addColumn('leaves_at', 'text', (c) => c.check(timeOfDay('leaves_at')))
    .addColumn('attendance', 'text', (c) => c.notNull().defaultTo('expected').check(sql`attendance in ('expected', 'present', 'absent', 'gone')`))
    .addColumn('invited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('forum_candidates_pkey', ['forum_id', 'candidate_id'])
    .addCheckConstraint('forum_candidates_window', sql`arrives_at is null or leaves_at is null or arrives_at < leaves_at`)
    .execute();
  await db.schema.createIndex('forum_candidates_candidate_idx').on('forum_candidates').column('candidate_id').execute();

  // Who asked to meet whom: one row per side that asked; both sides = a mutual request.
  await db.schema
    .createTable('meeting_requests')
    .addColumn('id', 'uuid', id)
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull())
    .addColumn('structure_id', 'uuid', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('candidate', 'structure', 'coordinator')`))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0).check(sql`priority between 0 and 3`))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addForeignKeyConstraint('meeting_requests_candidate_fkey', ['forum_id', 'candidate_id'], 'forum_candidates', ['forum_id', 'candidate_id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('meeting_requests_structure_fkey', ['forum_id', 'structure_id'], 'forum_structures', ['forum_id', 'structure_id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('meeting_requests_side_key', ['forum_id', 'candidate_id', 'structure_id', 'side'])
    .execute();

  // Numbered versions: a new schedule or a repair adds one; the highest is the current grid.
  await db.schema
    .createTable('forum_schedules')
    .addColumn('id', 'uuid', id)
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('from_round', 'integer')
    .addColumn('rounds_available', 'integer', (c) => c.notNull())
    .addColumn('rounds_used', 'integer', (c) => c.notNull())
    .addColumn('lower_bound', 'integer', (c) => c.notNull())
    .addColumn('unscheduled', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('forum_schedules_number_key', ['forum_id', 'number'])
    .execute();

  // The database refuses a candidate or a table in two meetings of one round.
  await db.schema
    .createTable('forum_meetings')
    .addColumn('id', 'uuid', id)
    .addColumn('schedule_id', 'uuid', (c) => c.notNull().references('forum_schedules.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 1`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('table_number', 'integer', (c) => c.notNull().check(sql`table_number >= 1`))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('forum_meetings_table_key', ['schedule_id', 'round', 'structure_id', 'table_number'])
    .addUniqueConstraint('forum_meetings_candidate_key', ['schedule_id', 'round', 'candidate_id'])
    .addUniqueConstraint('forum_meetings_pair_key', ['schedule_id', 'candidate_id', 'structure_id'])
    .execute();
  await db.schema.createIndex('forum_meetings_structure_idx').on('forum_meetings').columns(['schedule_id', 'structure_id']).execute();

  // Both sides' evaluations of a pair's meeting (a pair meets once per forum, whatever the version).
  await db.schema
    .createTable('forum_evaluations')
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('structure_id', 'uuid', (c) => c.notNull().references('structures.id'))
    .addColumn('structure_score', 'integer', (c) => c.check(sql`structure_score between 1 and 5`))
    .addColumn('would_host', 'text', (c) => c.check(sql`would_host in ('yes', 'maybe', 'no')`))
    .addColumn('structure_comment', 'text', (c) => c.check(sql`length(structure_comment) <= 2000`))
    .addColumn('structure_evaluated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('structure_evaluated_at', 'timestamptz')
    .addColumn('candidate_interest', 'integer', (c) => c.check(sql`candidate_interest between 1 and 5`))
    .addColumn('candidate_evaluated_at', 'timestamptz')
    .addPrimaryKeyConstraint('forum_evaluations_pkey', ['forum_id', 'candidate_id', 'structure_id'])
    .addCheckConstraint('forum_evaluations_structure_side', sql`(structure_score is null) = (would_host is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['forum_evaluations', 'forum_meetings', 'forum_schedules', 'meeting_requests', 'forum_candidates', 'forum_structures', 'forums']) {
    await db.schema.dropTable(table).execute();
  }
}
