import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Candidates and applications: profiles, the disability record kept apart (health data),
 * applications with their transition log and private notes, the keys that make creations
 * idempotent, and the outbox of e-mails written in the same transaction as what they announce.
 * Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  // What the recruitment needs and nothing more (docs/rules.md, personal data): no social security
  // number, no ID document. A profile exists only complete: PUT replaces it whole.
  await db.schema
    .createTable('candidate_profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
    .addColumn('first_name', 'text', (c) => c.notNull().check(sql`length(btrim(first_name)) between 1 and 100`))
    .addColumn('last_name', 'text', (c) => c.notNull().check(sql`length(btrim(last_name)) between 1 and 100`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
    .addColumn('phone', 'text', (c) => c.check(sql`length(phone) between 6 and 30`))
    .addColumn('driving_licence', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('has_car', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('public_transport', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('interests', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(
          sql`interests <@ array['theatre', 'music', 'museums', 'visual-arts', 'dance', 'cinema', 'reading', 'heritage', 'urban-cultures',
            'digital', 'nature', 'sport', 'photography', 'writing', 'crafts', 'games', 'science', 'solidarity', 'citizenship']::text[]`,
        ),
    )
    .addColumn('available_from', 'date')
    .addColumn('presentation', 'text', (c) => c.notNull().defaultTo('').check(sql`length(presentation) <= 2000`))
    .addColumn('nationality', 'text', (c) => c.notNull().check(sql`nationality in ('french', 'eu-eea-swiss', 'residence-permit', 'other')`))
    // The sworn statement about an earlier service civique (rule `one-service-civique`).
    .addColumn('earlier_service_civique', 'text', (c) => c.notNull().check(sql`earlier_service_civique in ('none', 'interrupted', 'completed', 'ongoing')`))
    .addColumn('statement_sworn_at', 'timestamptz', (c) => c.notNull())
    // Agreed to stay in the pool: kept 2 years after the last contact instead of 3 months.
    .addColumn('stay_in_pool', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  // When the account's identifying fields were erased (DELETE /me or the retention job); its
  // sessions end with the reason `account-anonymised`.
  await db.schema.alterTable('users').addColumn('anonymised_at', 'timestamptz').execute();
  await sql`alter table sessions drop constraint sessions_revoked_reason_check,
    add constraint sessions_revoked_reason_check
    check (revoked_reason in ('logout', 'logout-all', 'refresh-token-reuse', 'password-changed', 'account-anonymised'))`.execute(db);

  // Health data (GDPR art. 9): only "recognised or not", only with the explicit consent, in
  // its own table so that no join on profiles or applications can carry it to a structure.
  await db.schema
    .createTable('candidate_disabilities')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
    .addColumn('recognised', 'boolean', (c) => c.notNull())
    .addColumn('consent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  // Places taken by accepted applications: the check makes "never more accepted than places"
  // hold whatever the order or the concurrency of the acceptances (a guarded increment).
  await db.schema
    .alterTable('missions')
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('missions').addCheckConstraint('missions_accepted_within_places', sql`accepted between 0 and places`).execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', id)
    .addColumn('mission_id', 'uuid', (c) => c.notNull().references('missions.id'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('motivation', 'text', (c) => c.notNull().check(sql`length(motivation) <= 5000`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('submitted')
        .check(sql`status in ('submitted', 'in_review', 'shortlisted', 'interview', 'offered', 'accepted', 'declined', 'refused', 'withdrawn', 'expired', 'obsolete')`),
    )
    .addColumn('status_changed_at', 'timestamptz', now)
    .addColumn('refusal_reason', 'text', (c) =>
      c.check(sql`refusal_reason in ('profile-mismatch', 'mission-filled', 'no-response', 'duplicate', 'candidate-unreachable', 'other')`),
    )
    .addColumn('refusal_message', 'text', (c) => c.check(sql`length(refusal_message) <= 2000`))
    .addColumn('refusal_reason_shared', 'boolean', (c) => c.notNull().defaultTo(false))
    // The last 1–5 rating a member of the host gave in a note (the placement reads it).
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('applications_refusal', sql`(status = 'refused') = (refusal_reason is not null)`)
    .execute();
  // One active application per candidate and mission, whatever the concurrency.
  await sql`create unique index applications_active_key on applications (candidate_id, mission_id)
    where status in ('submitted', 'in_review', 'shortlisted', 'interview', 'offered', 'accepted')`.execute(db);
  await db.schema.createIndex('applications_mission_idx').on('applications').columns(['mission_id', 'status']).execute();
  await db.schema.createIndex('applications_candidate_idx').on('applications').columns(['candidate_id', 'status']).execute();
  // The jobs look for applications left untouched in a status.
  await db.schema.createIndex('applications_status_changed_idx').on('applications').columns(['status', 'status_changed_at']).execute();

  // The history: every transition, written in the transaction that makes it.
  await db.schema
    .createTable('application_transitions')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    // Null for the platform's own jobs (expiry, no response).
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull().check(sql`actor_role in ('candidate', 'structure_member', 'coordinator', 'admin', 'system')`))
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('reason_shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('application_transitions_application_idx').on('application_transitions').columns(['application_id', 'at']).execute();

  // Private to the host structure and the coordinators; never shown to the candidate.
  await db.schema
    .createTable('application_notes')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) <= 5000`))
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('application_notes_not_empty', sql`length(btrim(body)) > 0 or rating is not null`)
    .execute();
  await db.schema.createIndex('application_notes_application_idx').on('application_notes').columns(['application_id', 'created_at']).execute();

  // Idempotency-Key: the first answer of a creating request, replayed for the same key and
  // body. The primary key makes a concurrent replay wait for the first request's transaction.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) between 1 and 255`))
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();

  // E-mails are written here in the transaction of what they announce, and sent by a worker:
  // no e-mail for a change that rolled back, none lost when the mail server is down.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.references('applications.id'))
    // pending → sending → sent; back to pending after a failure (with a later next_attempt_at),
    // failed after the last attempt. A message left in `sending` by a crash is not retried:
    // it may have gone, and a message is never sent twice.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', now)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('outbox_created_idx').on('outbox').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('outbox_user_idx').on('outbox').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'idempotency_keys', 'application_notes', 'application_transitions', 'applications', 'candidate_disabilities', 'candidate_profiles']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('missions').dropConstraint('missions_accepted_within_places').execute();
  await db.schema.alterTable('missions').dropColumn('accepted').execute();
  await db.schema.alterTable('users').dropColumn('anonymised_at').execute();
  await sql`alter table sessions drop constraint sessions_revoked_reason_check,
    add constraint sessions_revoked_reason_check check (revoked_reason in ('logout', 'logout-all', 'refresh-token-reuse', 'password-changed'))`.execute(db);
}
