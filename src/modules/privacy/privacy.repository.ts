import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { PENDING } from '../applications/applications.statuses.js';

/** Everything stored about a user, table by table, for the export (GDPR art. 15 and 20). */
export async function collectUserData(db: Db, userId: string) {
  const [account, sessions, profile, applications, transitions, notes, emails, audit] = await Promise.all([
    db.selectFrom('users').select(['id', 'email', 'role', 'full_name', 'created_at', 'updated_at', 'last_login_at']).where('id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('sessions').select(['id', 'created_at', 'expires_at', 'revoked_at', 'revoked_reason', 'user_agent', 'ip']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('candidate_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db
      .selectFrom('applications as a')
      .innerJoin('missions as m', 'm.id', 'a.mission_id')
      .select(['a.id', 'a.mission_id', 'm.title as mission_title', 'a.motivation', 'a.status', 'a.refusal_reason', 'a.refusal_message', 'a.rating', 'a.created_at', 'a.status_changed_at'])
      .where('a.candidate_id', '=', userId)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('status_transitions as t')
      .innerJoin('applications as a', (join) => join.onRef('a.id', '=', 't.entity_id').on('t.entity', '=', 'application'))
      .select(['t.entity_id as application_id', 't.at', 't.actor_role', 't.transition', 't.from_status', 't.to_status', 't.reason', 't.message'])
      .where('a.candidate_id', '=', userId)
      .orderBy('t.at')
      .execute(),
    db
      .selectFrom('application_notes as n')
      .innerJoin('applications as a', 'a.id', 'n.application_id')
      .select(['n.application_id', 'n.body', 'n.rating', 'n.created_at'])
      .where('a.candidate_id', '=', userId)
      .orderBy('n.created_at')
      .execute(),
    db.selectFrom('outbox').select(['to_address', 'subject', 'body', 'kind', 'status', 'created_at', 'sent_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db
      .selectFrom('audit_events')
      .select(['at', 'action', 'entity_type', 'entity_id'])
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('entity_id', '=', userId)]))
      .orderBy('at')
      .execute(),
  ]);
  return { account, sessions, profile, applications, transitions, notes, emails, audit };
}

export function hasAcceptedPlacement(db: Db, userId: string) {
  return db.selectFrom('applications').select('id').where('candidate_id', '=', userId).where('status', '=', 'accepted').executeTakeFirst();
}

/** A pending or accepted application: the candidate is not an unsuccessful one. */
export async function hasOpenApplication(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('applications').select('id').where('candidate_id', '=', userId).where('status', 'in', [...PENDING, 'accepted']).executeTakeFirst();
  return row !== undefined;
}

/**
 * Erases what identifies the candidate, irreversibly. Kept: an accepted placement (the law
 * requires the record of the engagement: names, birth date, commune, the mission) and the
 * statistics (statuses, dates, missions) without the person.
 */
/** The binômes the candidate is or was in, with their mission and the candidate's own answers. */
export function binomeMemberships(db: Db, userId: string) {
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('binomes', 'binomes.id', 'bm.binome_id')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .select([
      'bm.binome_id',
      'missions.title as mission_title',
      'binomes.status',
      'bm.active',
      'bm.joined_at',
      'bm.left_at',
      'bm.accepted_at',
      'bm.parental_consent_signed_by',
      'bm.parental_consent_signed_on',
    ])
    .where('bm.candidate_id', '=', userId)
    .orderBy('bm.joined_at')
    .execute();
}

export async function eraseCandidate(db: Db, userId: string, passwordHash: string, at: Date, keepIdentity: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ email: `anonymised-${userId}@binome.invalid`, full_name: null, password_hash: passwordHash, anonymised_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
  await db.updateTable('sessions').set({ ip: null, user_agent: null }).where('user_id', '=', userId).execute();
  await db.deleteFrom('candidate_disabilities').where('user_id', '=', userId).execute();
  if (keepIdentity) {
    await db
      .updateTable('candidate_profiles')
      .set({ phone: null, presentation: '', interests: [], available_from: null, driving_licence: false, has_car: false, public_transport: false, updated_at: at })
      .where('user_id', '=', userId)
      .execute();
  } else {
    await db.deleteFrom('candidate_profiles').where('user_id', '=', userId).execute();
  }
  const unplaced = db.selectFrom('applications').select('id').where('candidate_id', '=', userId).where('status', '<>', 'accepted');
  await db.deleteFrom('application_notes').where('application_id', 'in', unplaced).execute();
  await db.updateTable('status_transitions').set({ message: null }).where('entity', '=', 'application').where('entity_id', 'in', unplaced).execute();
  await db
    .updateTable('applications')
    .set({ motivation: '', refusal_message: null, updated_at: at })
    .where('candidate_id', '=', userId)
    .where('status', '<>', 'accepted')
    .execute();
  // Messages not sent yet are dropped; those sent keep their kind and date, not their text.
  await db.deleteFrom('outbox').where('user_id', '=', userId).where('status', 'in', ['pending', 'failed']).execute();
  await db
    .updateTable('outbox')
    .set({ to_address: 'anonymised@binome.invalid', subject: '', body: '', html: null, attachments: '[]' })
    .where('user_id', '=', userId)
    .execute();
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).execute();
}

/**
 * Candidates due for anonymisation (docs/rules.md, CNIL recruitment guidance): every application
 * decided (none pending or accepted), the last decision older than `unsuccessfulBefore`, or —
 * when they agreed to stay in the pool — their last contact (decision, sign-in, profile update)
 * older than `poolBefore`.
 */
export function candidatesDueForRetention(db: Db, unsuccessfulBefore: Date, poolBefore: Date, limit: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('applications as a', 'a.candidate_id', 'u.id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'u.id')
    .select('u.id')
    .where('u.role', '=', 'candidate')
    .where('u.anonymised_at', 'is', null)
    .groupBy(['u.id', 'u.last_login_at', 'p.stay_in_pool', 'p.updated_at'])
    .having(sql<boolean>`bool_and(a.status not in (${sql.join([...PENDING, 'accepted'])}))`)
    .having(
      sql<boolean>`case when coalesce(p.stay_in_pool, false)
        then greatest(max(a.status_changed_at), u.last_login_at, p.updated_at) < ${poolBefore}
        else max(a.status_changed_at) < ${unsuccessfulBefore} end`,
    )
    .limit(limit)
    .execute();
}
