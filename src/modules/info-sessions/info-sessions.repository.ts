import { sql } from 'kysely';
import type { AgeBracket, Db, InfoRegistrationStatus } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/** A session with its edition, programme, operator and commune: what every view of it needs. */
function sessionsWithContext(db: Db) {
  return db
    .selectFrom('info_sessions')
    .innerJoin('editions', 'editions.id', 'info_sessions.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('operators', 'operators.id', 'programmes.operator_id')
    .innerJoin('communes', 'communes.code', 'info_sessions.commune_code')
    .selectAll('info_sessions')
    .select([
      'editions.label as edition_label',
      'editions.status as edition_status',
      'programmes.id as programme_id',
      'programmes.name as programme_name',
      'operators.id as operator_id',
      'operators.name as operator_name',
      'communes.name as commune_name',
      'communes.postal_codes',
    ])
    .select((eb) =>
      eb
        .selectFrom('info_registrations as w')
        .select((w) => w.fn.countAll<string>().as('n'))
        .whereRef('w.session_id', '=', 'info_sessions.id')
        .where('w.status', '=', 'waiting')
        .as('waiting'),
    );
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The session if the scope sees it (visibility.ts). */
export async function findSession(db: Db, id: string, scope: Scope) {
  return sessionsWithContext(db).where('info_sessions.id', '=', id).where(visible('info_sessions', scope)).executeTakeFirst();
}

/** The session as the public sees it: one of an edition that is recruiting. */
export async function findPublicSession(db: Db, id: string) {
  return sessionsWithContext(db).where('info_sessions.id', '=', id).where('editions.status', '=', 'recruiting').executeTakeFirst();
}

/** The session's row, whoever asks: the platform's own reads (a registration names it). */
export async function loadSession(db: Db, id: string) {
  return sessionsWithContext(db).where('info_sessions.id', '=', id).executeTakeFirstOrThrow();
}

/** Upcoming sessions (not cancelled, not started) of the editions that are recruiting, soonest first. */
export async function listPublicSessions(db: Db, now: Date, filter: { editionId?: string | undefined }) {
  let query = sessionsWithContext(db)
    .where('editions.status', '=', 'recruiting')
    .where('info_sessions.cancelled_at', 'is', null)
    .where('info_sessions.starts_at', '>', now);
  if (filter.editionId) query = query.where('info_sessions.edition_id', '=', filter.editionId);
  return query.orderBy('info_sessions.starts_at').orderBy('info_sessions.id').limit(500).execute();
}

/** The sessions the scope sees, of one edition or all, soonest first (the past ones after the upcoming ones is the page's choice). */
export async function listSessions(db: Db, scope: Scope, filter: { editionId?: string | undefined }) {
  let query = sessionsWithContext(db).where(visible('info_sessions', scope));
  if (filter.editionId) query = query.where('info_sessions.edition_id', '=', filter.editionId);
  return query.orderBy('info_sessions.starts_at', 'desc').orderBy('info_sessions.id').limit(500).execute();
}

/** Locks the session's row: one change of its registrations at a time, so the waiting list keeps its order. */
export async function lockSession(db: Db, id: string) {
  return db.selectFrom('info_sessions').select(['id', 'capacity', 'registered', 'starts_at', 'cancelled_at', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface SessionValues {
  starts_at: Date;
  ends_at: Date;
  venue: string;
  address: string | null;
  commune_code: string;
  capacity: number;
  online_url: string | null;
}

export async function insertSession(db: Db, values: SessionValues & { edition_id: string; created_by: string }, at: Date) {
  return db
    .insertInto('info_sessions')
    .values({ ...values, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The new values, if the version is the one read (false: someone changed it meanwhile). */
export async function updateSession(db: Db, id: string, version: number | undefined, values: SessionValues, at: Date): Promise<boolean> {
  let query = db
    .updateTable('info_sessions')
    .set({ ...values, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id);
  if (version !== undefined) query = query.where('version', '=', version);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function markSessionCancelled(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('info_sessions')
    .set({ cancelled_at: at, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Takes one place: the guarded update the database holds (`registered < capacity`, and the
 * check `info_sessions_within_capacity` behind it). False when the session is full.
 */
export async function takePlace(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .updateTable('info_sessions')
    .set({ registered: sql`registered + 1` })
    .where('id', '=', sessionId)
    .where(sql<boolean>`registered < capacity`)
    .returning('registered')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives one place back (a registered person cancelled). */
export async function releasePlace(db: Db, sessionId: string): Promise<void> {
  await db
    .updateTable('info_sessions')
    .set({ registered: sql`registered - 1` })
    .where('id', '=', sessionId)
    .where('registered', '>', 0)
    .execute();
}

/** Someone registered or waiting with this address (any case). */
export async function activeRegistrationOf(db: Db, sessionId: string, email: string) {
  return db
    .selectFrom('info_registrations')
    .select(['id', 'status'])
    .where('session_id', '=', sessionId)
    .where('status', '<>', 'cancelled')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export interface NewRegistration {
  session_id: string;
  user_id: string | null;
  full_name: string;
  email: string;
  phone: string | null;
  consent_contact: boolean;
  age_bracket: AgeBracket;
  status: Extract<InfoRegistrationStatus, 'registered' | 'waiting'>;
  cancel_token_hash: string;
}

export async function insertRegistration(db: Db, values: NewRegistration, at: Date) {
  return db
    .insertInto('info_registrations')
    .values({ ...values, queued_at: at, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The rank of a waiting registration in its line (1: the next one promoted). */
export async function waitingRank(db: Db, registration: { id: string; session_id: string; queued_at: Date }): Promise<number> {
  const row = await db
    .selectFrom('info_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('session_id', '=', registration.session_id)
    .where('status', '=', 'waiting')
    .where((eb) => eb.or([eb('queued_at', '<', registration.queued_at), eb.and([eb('queued_at', '=', registration.queued_at), eb('id', '<=', registration.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first in line (by `queued_at`), row-locked. */
export async function firstWaiting(db: Db, sessionId: string) {
  return db
    .selectFrom('info_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waiting')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function setRegistrationStatus(db: Db, id: string, from: InfoRegistrationStatus, to: InfoRegistrationStatus, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('info_registrations')
    .set({ status: to, updated_at: at, cancelled_at: to === 'cancelled' ? at : null })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function findRegistrationByToken(db: Db, tokenHash: string, options: { forUpdate?: boolean } = {}) {
  const query = db.selectFrom('info_registrations').selectAll().where('cancel_token_hash', '=', tokenHash);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** A session's registrations: the registered first, then the waiting list in its order, then the cancelled. */
export async function registrationsOf(db: Db, sessionId: string) {
  return db
    .selectFrom('info_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy(sql`case status when 'registered' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
}

export async function setAttended(db: Db, sessionId: string, id: string, attended: boolean, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('info_registrations')
    .set({ attended, updated_at: at })
    .where('id', '=', id)
    .where('session_id', '=', sessionId)
    .where('status', '=', 'registered')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Marks the attendee invited to apply, once (guarded): true only the first time. */
export async function markInvitedToApply(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('info_registrations')
    .set({ invited_to_apply_at: at })
    .where('id', '=', id)
    .where('attended', '=', true)
    .where('invited_to_apply_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Forget the reminders already sent when a session moves: the new day gets one. */
export async function clearReminders(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('info_registrations').set({ reminded_at: null }).where('session_id', '=', sessionId).execute();
}

/** The people a cancelled session's notice goes to: those registered or waiting. */
export async function activeRegistrations(db: Db, sessionId: string) {
  return db.selectFrom('info_registrations').selectAll().where('session_id', '=', sessionId).where('status', '<>', 'cancelled').execute();
}

/** Registrations due a reminder: registered, not reminded, to a session (not cancelled) starting in [from, to). */
export async function registrationsToRemind(db: Db, from: Date, to: Date, limit: number) {
  return db
    .selectFrom('info_registrations')
    .innerJoin('info_sessions', 'info_sessions.id', 'info_registrations.session_id')
    .select(['info_registrations.id', 'info_registrations.session_id'])
    .where('info_registrations.status', '=', 'registered')
    .where('info_registrations.reminded_at', 'is', null)
    .where('info_sessions.cancelled_at', 'is', null)
    .where('info_sessions.starts_at', '>=', from)
    .where('info_sessions.starts_at', '<', to)
    .orderBy('info_registrations.id')
    .limit(limit)
    .execute();
}

/** Marks the reminder sent, once (guarded): the registration when it was this call's. */
export async function markReminded(db: Db, id: string, at: Date) {
  return db
    .updateTable('info_registrations')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .where('status', '=', 'registered')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Retention: registrations without an account to sessions that ended before `before`, unless the
 * person applied to a mission of the session's edition — by the registration's account, or by an
 * account with the same e-mail (any case).
 */
export async function deleteExpiredRegistrations(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('info_registrations as r')
    .where('r.user_id', 'is', null)
    .where((eb) =>
      eb(
        'r.session_id',
        'in',
        eb.selectFrom('info_sessions as s').select('s.id').where('s.ends_at', '<', before),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('applications as a')
            .innerJoin('missions as m', 'm.id', 'a.mission_id')
            .innerJoin('info_sessions as s2', 's2.edition_id', 'm.edition_id')
            .innerJoin('users as u', 'u.id', 'a.candidate_id')
            .select('a.id')
            .whereRef('s2.id', '=', 'r.session_id')
            .where(sql<boolean>`lower(u.email) = lower(r.email)`),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A person's registrations (GDPR export): by their account. */
export async function registrationsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('info_registrations')
    .innerJoin('info_sessions', 'info_sessions.id', 'info_registrations.session_id')
    .select([
      'info_registrations.id',
      'info_registrations.session_id',
      'info_sessions.starts_at',
      'info_sessions.venue',
      'info_registrations.full_name',
      'info_registrations.email',
      'info_registrations.phone',
      'info_registrations.age_bracket',
      'info_registrations.consent_contact',
      'info_registrations.status',
      'info_registrations.attended',
      'info_registrations.created_at',
      'info_registrations.cancelled_at',
    ])
    .where('info_registrations.user_id', '=', userId)
    .orderBy('info_registrations.created_at')
    .execute();
}

/** A person's registrations lose what identifies them (GDPR erasure); statuses and attendance stay for the report's figures. */
export async function anonymiseRegistrationsOf(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('info_registrations')
    .set({ full_name: 'Personne anonymisée', email: sql`'anonymised-' || id || '@binome.invalid'`, phone: null, updated_at: at })
    .where('user_id', '=', userId)
    .execute();
}

/** The name and e-mail of an account, for a signed-in candidate's registration. */
export async function accountIdentity(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .leftJoin('candidate_profiles', 'candidate_profiles.user_id', 'users.id')
    .select(['users.email', 'users.full_name', 'candidate_profiles.first_name', 'candidate_profiles.last_name', 'candidate_profiles.birth_date'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function communeExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('communes').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}
