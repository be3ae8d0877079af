import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';
import { endsOn } from '../missions/missions.repository.js';

/** Rule `indemnity`: the rate in force on a date (the latest effective on or before it). */
export function rateOn(db: Db, date: string) {
  return db.selectFrom('indemnity_rates').selectAll().where('effective_from', '<=', date).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
}

export function findRate(db: Db, effectiveFrom: string) {
  return db.selectFrom('indemnity_rates').select('effective_from').where('effective_from', '=', effectiveFrom).executeTakeFirst();
}

export function listRates(db: Db) {
  return db.selectFrom('indemnity_rates').selectAll().orderBy('effective_from', 'desc').execute();
}

export async function insertRate(db: Db, v: { effectiveFrom: string; stateMonthlyCents: number; hostMinMonthlyCents: number; source: string; at: Date }) {
  return db
    .insertInto('indemnity_rates')
    .values({ effective_from: v.effectiveFrom, state_monthly_cents: v.stateMonthlyCents, host_min_monthly_cents: v.hostMinMonthlyCents, source: v.source, created_at: v.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The mission a binôme is placed on, with its structures and the operator running the edition. */
export function placementFacts(db: Db, binomeId: string) {
  return db
    .selectFrom('binomes')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .innerJoin('editions', 'editions.id', 'binomes.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select([
      'missions.id as mission_id',
      'missions.starts_on',
      endsOn.as('ends_on'),
      'missions.host_structure_id',
      'missions.first_circle_structure_id',
      'host.name as host_name',
      'host.accredited as host_accredited',
      'programmes.operator_id',
    ])
    .where('binomes.id', '=', binomeId)
    .executeTakeFirstOrThrow();
}

/** Rule `tutor`: the structure's longest-standing member account, the default tutor of its volunteers. */
export function firstMemberOf(db: Db, structureId: string) {
  return db.selectFrom('users').select('id').where('structure_id', '=', structureId).where('role', '=', 'structure_member').orderBy('created_at').orderBy('id').executeTakeFirst();
}

export function firstCoordinatorOf(db: Db, operatorId: string) {
  return db.selectFrom('users').select('id').where('operator_id', '=', operatorId).where('role', '=', 'coordinator').orderBy('created_at').orderBy('id').executeTakeFirst();
}

export function userInRole(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'role', 'structure_id', 'operator_id']).where('id', '=', id).executeTakeFirst();
}

export async function insertPlacement(
  db: Db,
  v: {
    binomeId: string;
    missionId: string;
    hostStructureId: string;
    firstCircleStructureId: string;
    operatorId: string;
    hostTutorId: string;
    operatorTutorId: string;
    startsOn: string;
    endsOn: string;
    rateFrom: string;
    stateMonthlyCents: number;
    hostMonthlyCents: number;
    at: Date;
  },
) {
  const row = await db
    .insertInto('placements')
    .values({
      binome_id: v.binomeId,
      mission_id: v.missionId,
      host_structure_id: v.hostStructureId,
      first_circle_structure_id: v.firstCircleStructureId,
      operator_id: v.operatorId,
      host_tutor_id: v.hostTutorId,
      operator_tutor_id: v.operatorTutorId,
      starts_on: v.startsOn,
      ends_on: v.endsOn,
      indemnity_rate_from: v.rateFrom,
      state_monthly_cents: v.stateMonthlyCents,
      host_monthly_cents: v.hostMonthlyCents,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function placementIdOf(db: Db, binomeId: string): Promise<string | undefined> {
  return (await placementIdsOf(db, [binomeId])).get(binomeId);
}

/** Placement id by binôme id. */
export async function placementIdsOf(db: Db, binomeIds: readonly string[]): Promise<Map<string, string>> {
  if (binomeIds.length === 0) return new Map();
  const rows = await db.selectFrom('placements').select(['id', 'binome_id']).where('binome_id', 'in', binomeIds).execute();
  return new Map(rows.map((r) => [r.binome_id, r.id]));
}

/** Placements with what their sheet shows. */
function placementsWithNames(db: Db) {
  return db
    .selectFrom('placements')
    .innerJoin('binomes', 'binomes.id', 'placements.binome_id')
    .innerJoin('missions', 'missions.id', 'placements.mission_id')
    .innerJoin('editions', 'editions.id', 'binomes.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('operators', 'operators.id', 'programmes.operator_id')
    .innerJoin('structures as host', 'host.id', 'placements.host_structure_id')
    .leftJoin('communes as host_commune', 'host_commune.code', 'host.commune_code')
    .innerJoin('structures as partner', 'partner.id', 'placements.first_circle_structure_id')
    .innerJoin('communes as mission_commune', 'mission_commune.code', 'missions.commune_code')
    .innerJoin('users as host_tutor', 'host_tutor.id', 'placements.host_tutor_id')
    .innerJoin('users as operator_tutor', 'operator_tutor.id', 'placements.operator_tutor_id')
    .selectAll('placements')
    .select([
      'binomes.status as binome_status',
      'binomes.edition_id',
      'editions.label as edition_label',
      'programmes.name as programme_name',
      'missions.title as mission_title',
      'missions.theme',
      'missions.weekly_hours',
      'missions.days_per_week',
      'missions.duration_months',
      'mission_commune.name as mission_commune',
      'operators.name as operator_name',
      'operators.accreditation_number as operator_accreditation',
      'host.name as host_name',
      'host.address as host_address',
      'host_commune.name as host_commune',
      'partner.name as partner_name',
      'host_tutor.full_name as host_tutor_name',
      'host_tutor.email as host_tutor_email',
      'operator_tutor.full_name as operator_tutor_name',
      'operator_tutor.email as operator_tutor_email',
    ]);
}

/** The placements the scope may see: those of the binômes it may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return placementsWithNames(db).where(visible('placements', scope));
}

export function findPlacement(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('placements.id', '=', id).executeTakeFirst();
}

/** The edition's placements of proposed and confirmed binômes, in the scope, oldest first. */
export function editionPlacements(db: Db, editionId: string, scope: Scope) {
  return scoped(db, scope)
    .where('binomes.edition_id', '=', editionId)
    .where('binomes.status', 'in', ['proposed', 'confirmed'])
    .orderBy('placements.created_at')
    .orderBy('placements.id')
    .execute();
}

export type PlacementRow = NonNullable<Awaited<ReturnType<typeof findPlacement>>>;

/** The placement, whoever may see it: for the platform's own reads of a placement it has just written. */
export async function loadPlacement(db: Db, id: string): Promise<PlacementRow> {
  return existing(await placementsWithNames(db).where('placements.id', '=', id).executeTakeFirst(), 'placement', id);
}

/** The volunteers of a placement's binôme (those in it now, or when it ended), with the contract's personal fields. */
export function placementVolunteers(db: Db, binomeId: string) {
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('binomes', 'binomes.id', 'bm.binome_id')
    .innerJoin('users', 'users.id', 'bm.candidate_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'bm.candidate_id')
    .leftJoin('communes', 'communes.code', 'p.commune_code')
    .select([
      'bm.candidate_id',
      'bm.seat',
      'bm.accepted_at',
      'bm.parental_consent_signed_by',
      'bm.parental_consent_signed_on',
      'p.first_name',
      'p.last_name',
      'p.birth_date',
      'p.phone',
      'communes.name as commune',
      'users.email',
    ])
    .where('bm.binome_id', '=', binomeId)
    .where((eb) => eb.or([eb('bm.active', '=', true), eb('bm.left_at', '=', eb.ref('binomes.ended_at'))]))
    .orderBy('bm.seat')
    .execute();
}

export async function setTutors(db: Db, id: string, v: { hostTutorId?: string | undefined; operatorTutorId?: string | undefined; version: number; at: Date }) {
  const result = await db
    .updateTable('placements')
    .set({
      ...(v.hostTutorId ? { host_tutor_id: v.hostTutorId } : {}),
      ...(v.operatorTutorId ? { operator_tutor_id: v.operatorTutorId } : {}),
      updated_at: v.at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', v.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
