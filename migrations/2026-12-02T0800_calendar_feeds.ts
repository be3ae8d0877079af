import type { Kysely } from 'kysely';

/**
 * A person's calendar subscription: a secret link that a calendar application fetches without a
 * cookie (« Mon planning » in the console). One link per person: making a new one replaces the
 * row, so the old link stops working at once. Only the SHA-256 of its 256-bit secret is stored
 * (a leaked table holds nothing a calendar could be pointed at). Frozen in time: it takes
 * Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
}
