import { type Kysely, sql } from 'kysely';

/**
 * One transition log for every workflow (applications, missions, editions, forums, binômes):
 * the transition engine (src/lib/workflow.ts) writes a row here in the transaction of each
 * status change. The applications' own log becomes its first rows.
 *
 * The row names its entity by kind and id, without a foreign key: the workflows' rows are never
 * deleted (personal data is anonymised in place), and one table per workflow would be five
 * copies of the same history. The checks hold what can be held: a known kind, a known actor
 * role, a platform move (`system`) without an actor. Frozen in time: it takes Kysely<any> and
 * never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('status_transitions')
    // In the order written: a history is read in this order when moves share their instant.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity', 'text', (c) => c.notNull().check(sql`entity in ('application', 'mission', 'edition', 'forum', 'binome')`))
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull().check(sql`actor_role in ('candidate', 'structure_member', 'coordinator', 'admin', 'system')`))
    .addColumn('transition', 'text', (c) => c.notNull())
    // Null for the row that records a creation (an application's `submit`).
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('reason_shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('status_transitions_system_has_no_actor', sql`(actor_role = 'system') = (actor_id is null)`)
    .execute();
  await db.schema.createIndex('status_transitions_entity_idx').on('status_transitions').columns(['entity', 'entity_id', 'at']).execute();
  await sql`insert into status_transitions (entity, entity_id, at, actor_id, actor_role, transition, from_status, to_status, reason, message, reason_shared)
            select 'application', application_id, at, actor_id, actor_role, transition, from_status, to_status, reason, message, reason_shared
            from application_transitions order by at, id`.execute(db);
  await db.schema.dropTable('application_transitions').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_transitions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
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
  await sql`insert into application_transitions (application_id, at, actor_id, actor_role, transition, from_status, to_status, reason, message, reason_shared)
            select entity_id, at, actor_id, actor_role, transition, from_status, to_status, reason, message, reason_shared
            from status_transitions where entity = 'application'`.execute(db);
  await db.schema.dropTable('status_transitions').execute();
}
