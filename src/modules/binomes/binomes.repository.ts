import { sql } from 'kysely';
import type { BinomeStatus, Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** A member of an active binôme, found by the application that placed them. */
export function findActiveMemberByApplication(db: Db, applicationId: string) {
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('binomes', 'binomes.id', 'bm.binome_id')
    .select(['bm.binome_id', 'bm.candidate_id', 'bm.application_id', 'bm.seat', 'bm.accepted_at', 'binomes.mission_id', 'binomes.status'])
    .where('bm.application_id', '=', applicationId)
    .where('bm.active', '=', true)
    .executeTakeFirst();
}

export function lockBinome(db: Db, id: string) {
  return db.selectFrom('binomes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Binômes with their operator and what their views show of the mission. */
function binomesWithMission(db: Db) {
  return db
    .selectFrom('binomes')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .innerJoin('editions', 'editions.id', 'binomes.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .selectAll('binomes')
    .select([
      'programmes.operator_id',
      'missions.title as mission_title',
      'missions.starts_on as mission_starts_on',
      'missions.host_structure_id',
      'missions.first_circle_structure_id',
      createdAtText('binomes').as('cursor_at'),
    ]);
}

/** The binômes the scope may see (visibility.ts; placements are seen as their binôme). */
function scoped(db: Db, scope: Scope) {
  return binomesWithMission(db).where(visible('binomes', scope));
}

export function findBinome(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('binomes.id', '=', id).executeTakeFirst();
}

export type BinomeRow = NonNullable<Awaited<ReturnType<typeof findBinome>>>;

/** The binôme, whoever may see it: for the platform's own reads of a binôme it has just written or locked. */
export async function loadBinome(db: Db, id: string): Promise<BinomeRow> {
  return existing(await binomesWithMission(db).where('binomes.id', '=', id).executeTakeFirst(), 'binome', id);
}

/** Newest first, `limit + 1` rows (pagination.ts `toPage`). */
export function listBinomes(
  db: Db,
  scope: Scope,
  filter: { editionId: string; statuses?: readonly BinomeStatus[] | undefined; missionId?: string | undefined },
  limit: number,
  cursor?: Position,
) {
  let query = scoped(db, scope).where('binomes.edition_id', '=', filter.editionId);
  if (filter.missionId) query = query.where('binomes.mission_id', '=', filter.missionId);
  if (filter.statuses?.length) query = query.where('binomes.status', 'in', filter.statuses);
  if (cursor) query = query.where(createdBefore('binomes', cursor));
  return query.orderBy('binomes.created_at', 'desc').orderBy('binomes.id', 'desc').limit(limit + 1).execute();
}

/** The candidate's active binôme in the edition, if any. */
export function activeBinomeOf(db: Db, editionId: string, candidateId: string) {
  return db
    .selectFrom('binome_members')
    .select('binome_id')
    .where('edition_id', '=', editionId)
    .where('candidate_id', '=', candidateId)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** Members (active and former) of the binômes, with what a coordinator reads of them. */
export function membersOf(db: Db, binomeIds: readonly string[]) {
  if (binomeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('users', 'users.id', 'bm.candidate_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'bm.candidate_id')
    .innerJoin('applications', 'applications.id', 'bm.application_id')
    .select([
      'bm.binome_id',
      'bm.candidate_id',
      'bm.application_id',
      'bm.seat',
      'bm.active',
      'bm.joined_at',
      'bm.left_at',
      'bm.accepted_at',
      'bm.parental_consent_signed_by',
      'bm.parental_consent_signed_on',
      'bm.parental_consent_recorded_at',
      'p.first_name',
      'p.last_name',
      'p.birth_date',
      'users.email',
      'applications.status as application_status',
    ])
    .where('bm.binome_id', 'in', binomeIds)
    .orderBy('bm.binome_id')
    .orderBy('bm.active', 'desc')
    .orderBy('bm.seat')
    .orderBy('bm.joined_at')
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

export function activeMembers(db: Db, binomeId: string) {
  return db.selectFrom('binome_members').selectAll().where('binome_id', '=', binomeId).where('active', '=', true).orderBy('seat').forUpdate().execute();
}

export async function insertBinome(db: Db, v: { editionId: string; missionId: string; runId: string | null; createdBy: string; at: Date }) {
  const row = await db
    .insertInto('binomes')
    .values({ edition_id: v.editionId, mission_id: v.missionId, run_id: v.runId, created_by: v.createdBy, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMember(
  db: Db,
  v: { binomeId: string; editionId: string; missionId: string; candidateId: string; applicationId: string; seat: number; acceptedAt: Date | null; at: Date },
) {
  await db
    .insertInto('binome_members')
    .values({
      binome_id: v.binomeId,
      edition_id: v.editionId,
      mission_id: v.missionId,
      candidate_id: v.candidateId,
      application_id: v.applicationId,
      seat: v.seat,
      joined_at: v.at,
      accepted_at: v.acceptedAt,
    })
    .execute();
}

export async function leaveBinome(db: Db, binomeId: string, candidateId: string, at: Date) {
  await db
    .updateTable('binome_members')
    .set({ active: false, left_at: at })
    .where('binome_id', '=', binomeId)
    .where('candidate_id', '=', candidateId)
    .where('active', '=', true)
    .execute();
}

export async function markAccepted(db: Db, binomeId: string, candidateId: string, at: Date) {
  await db.updateTable('binome_members').set({ accepted_at: at }).where('binome_id', '=', binomeId).where('candidate_id', '=', candidateId).execute();
}

export async function recordConsent(db: Db, binomeId: string, candidateId: string, v: { signedBy: string; signedOn: string; recordedBy: string; at: Date }) {
  await db
    .updateTable('binome_members')
    .set({ parental_consent_signed_by: v.signedBy, parental_consent_signed_on: v.signedOn, parental_consent_recorded_by: v.recordedBy, parental_consent_recorded_at: v.at })
    .where('binome_id', '=', binomeId)
    .where('candidate_id', '=', candidateId)
    .where('active', '=', true)
    .execute();
}

export async function touchBinome(db: Db, id: string, at: Date) {
  await db.updateTable('binomes').set({ updated_at: at, version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

/** A mission of the edition that binômes may be formed on (published, or filled by acceptances). */
export function placeableMission(db: Db, editionId: string, missionId: string) {
  return db
    .selectFrom('missions')
    .select(['id', 'title'])
    .where('id', '=', missionId)
    .where('edition_id', '=', editionId)
    .where('status', 'in', ['published', 'filled'])
    .executeTakeFirst();
}

/** The candidate's current binôme, if any (at most one per edition; the latest joined). */
export function currentBinomeOf(db: Db, candidateId: string) {
  return db.selectFrom('binome_members').select('binome_id').where('candidate_id', '=', candidateId).where('active', '=', true).orderBy('joined_at', 'desc').executeTakeFirst();
}
