import { type Kysely, sql } from 'kysely';

/**
 * A draft submitted for publication: the host structure asks the coordination to publish it
 * (« Soumettre pour publication »). Stored on the mission, when and by whom, and cleared by any
 * status move (a publication, a withdrawal back to draft asks for a new submission), so that the
 * coordination's list and the API read the same fact. Until now it was derived from the audit
 * trail (`mission.submitted` after the last status move); the drafts submitted that way are
 * carried over. Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('missions')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await sql`
    update missions m
       set submitted_at = s.at, submitted_by = s.actor_id
      from (select entity_id, max(at) as at, (array_agg(actor_id order by at desc))[1] as actor_id
              from audit_events
             where entity_type = 'mission' and action = 'mission.submitted'
             group by entity_id) s
     where m.id::text = s.entity_id
       and m.status = 'draft'
       and s.at > coalesce((select max(st.at) from status_transitions st where st.entity = 'mission' and st.entity_id = m.id), '-infinity'::timestamptz)
  `.execute(db);
  await sql`alter table missions add constraint missions_submitted_draft check (submitted_at is null or status = 'draft')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('missions').dropConstraint('missions_submitted_draft').execute();
  await db.schema.alterTable('missions').dropColumn('submitted_by').dropColumn('submitted_at').execute();
}
