import { type Kysely, sql } from 'kysely';

/**
 * E-mails with an HTML part and attachments (issue 15): `body` stays the plain-text part, which
 * every message has; `html` is its HTML alternative (null for messages written before);
 * `attachments` the files that go with it, as JSON `[{ filename, contentType, content }]` with
 * text content (an agenda's .ics). Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('html', 'text')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_attachments_array CHECK (jsonb_typeof(attachments) = 'array')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropConstraint('outbox_attachments_array').execute();
  await db.schema.alterTable('outbox').dropColumn('html').dropColumn('attachments').execute();
}
