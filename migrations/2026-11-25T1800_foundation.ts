import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Foundation: accounts and roles, sessions with rotating refresh tokens, invitations, the audit
 * trail, and the minimal operators and structures that memberships need (the catalogue
 * migration enriches them). Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('operators')
    .addColumn('id', 'uuid', id)
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await sql`create unique index operators_name_key on operators (lower(name))`.execute(db);

  // A structure is managed by the coordinators of one operator (object-level scope).
  await db.schema
    .createTable('structures')
    .addColumn('id', 'uuid', id)
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await sql`create unique index structures_operator_name_key on structures (operator_id, lower(name))`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull().unique().check(sql`email = lower(email) and position('@' in email) > 1`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('candidate', 'structure_member', 'coordinator', 'admin')`))
    .addColumn('full_name', 'text', (c) => c.check(sql`length(full_name) <= 200`))
    .addColumn('operator_id', 'uuid', (c) => c.references('operators.id'))
    .addColumn('structure_id', 'uuid', (c) => c.references('structures.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addColumn('last_login_at', 'timestamptz')
    // The membership a role needs, and no other: the database refuses a coordinator without
    // an operator or a candidate attached to a structure, whatever the service forgot.
    .addCheckConstraint(
      'users_role_scope',
      sql`(role = 'coordinator' and operator_id is not null and structure_id is null)
       or (role = 'structure_member' and structure_id is not null and operator_id is null)
       or (role in ('candidate', 'admin') and operator_id is null and structure_id is null)`,
    )
    .execute();
  await db.schema.createIndex('users_operator_idx').on('users').column('operator_id').execute();
  await db.schema.createIndex('users_structure_idx').on('users').column('structure_id').execute();

  // A session is one login: the family of refresh tokens that rotate from it. Access tokens
  // carry the session id, so revoking the session (logout, reuse) revokes them too.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text', (c) => c.check(sql`revoked_reason in ('logout', 'logout-all', 'refresh-token-reuse', 'password-changed')`))
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .addCheckConstraint('sessions_revocation', sql`(revoked_at is null) = (revoked_reason is null)`)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  // Refresh tokens are stored as SHA-256 hashes: they are 256-bit random values, so a slow
  // hash adds nothing, and a stolen table yields no usable token.
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'uuid', id)
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('refresh_tokens_session_idx').on('refresh_tokens').column('session_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email) and position('@' in email) > 1`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coordinator', 'structure_member')`))
    .addColumn('full_name', 'text', (c) => c.check(sql`length(full_name) <= 200`))
    .addColumn('operator_id', 'uuid', (c) => c.references('operators.id'))
    .addColumn('structure_id', 'uuid', (c) => c.references('structures.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint(
      'invitations_role_scope',
      sql`(role = 'coordinator' and operator_id is not null and structure_id is null)
       or (role = 'structure_member' and structure_id is not null and operator_id is null)`,
    )
    .addCheckConstraint('invitations_accepted', sql`(accepted_at is null) = (accepted_user_id is null)`)
    .addCheckConstraint('invitations_single_end', sql`accepted_at is null or revoked_at is null`)
    .execute();
  // At most one open invitation per e-mail: inviting again replaces the previous one.
  await sql`create unique index invitations_open_email_key on invitations (email)
            where accepted_at is null and revoked_at is null`.execute(db);
  await db.schema.createIndex('invitations_operator_idx').on('invitations').column('operator_id').execute();
  await db.schema.createIndex('invitations_structure_idx').on('invitations').column('structure_id').execute();

  // Every state change: who, when, what, before and after (docs/rules.md, "Reliability").
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', now)
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_events_entity_idx').on('audit_events').columns(['entity_type', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_events', 'invitations', 'refresh_tokens', 'sessions', 'users', 'structures', 'operators']) {
    await db.schema.dropTable(table).execute();
  }
}
