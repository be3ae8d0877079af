import type { Kysely } from 'kysely';

/**
 * The day-before reminders of a forum already written (issue 15): one row per forum and
 * person. The job inserts the row and the message in one transaction, and the primary key
 * refuses a second one, so two runs at once — or a later one — never write the same reminder
 * twice. Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forum_reminders')
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_reminders_pkey', ['forum_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forum_reminders').execute();
}
