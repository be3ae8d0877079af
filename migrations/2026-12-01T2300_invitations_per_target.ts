import { type Kysely, sql } from 'kysely';

/**
 * An address may hold one open invitation per target (a structure to join as a member, an
 * operator to join as a coordinator) rather than one in all: a coordinator inviting an address
 * that another operator has invited must get the same answer as for a free address, so both
 * invitations stand and the invitee chooses. Inviting again to the same target still replaces
 * the open one. Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index invitations_open_email_key`.execute(db);
  await sql`create unique index invitations_open_target_key on invitations (email, role, coalesce(operator_id, structure_id))
            where accepted_at is null and revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index invitations_open_target_key`.execute(db);
  await sql`create unique index invitations_open_email_key on invitations (email)
            where accepted_at is null and revoked_at is null`.execute(db);
}
