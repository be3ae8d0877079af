import { type Kysely, sql } from 'kysely';

/**
 * Forgotten passwords: a one-time token sent by e-mail, valid one hour. Only its SHA-256 is
 * stored (a 256-bit random value: a fast hash is enough, and a leaked table holds nothing
 * usable). `used_at` is set once, by a guarded update: a link works once. Frozen in time: it
 * takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('password_reset_tokens_lifetime', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('password_reset_tokens_user_idx').on('password_reset_tokens').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_reset_tokens').execute();
}
