import { type Kysely, sql } from 'kysely';

/**
 * The forum's street address (« 12 rue Jean-Jaurès »), beside its venue's short name and its
 * commune: what a printed agenda and a calendar's location need to find the place. Null until
 * the coordination gives it; never an empty string (the service stores a cleared field as null).
 * Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('forums')
    .addColumn('address', 'text', (c) => c.check(sql`length(address) between 1 and 300`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forums').dropColumn('address').execute();
}
