import type { Kysely } from 'kysely';

/**
 * The reminders of unanswered offers already written (the remind-offers job, issue 15): one row
 * per offer, an offer being an application and the instant it was offered (an application may
 * be offered again after a binôme that did not form). The primary key is what makes the job
 * idempotent: two runs at once insert the same row, one of them only succeeds, and only that
 * one writes the e-mail, in the same transaction. Frozen in time: it takes Kysely<any> and never
 * imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offer_reminders')
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('offer_reminders_pkey', ['application_id', 'offered_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offer_reminders').execute();
}
