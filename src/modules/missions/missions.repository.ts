import { sql } from 'kysely';
import type { Db, MissionStatus, Theme } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, nothing } from '../../lib/sql.js';

/** A mission with what its view needs: structure and commune names, the operator. */
export function missionsWithNames(db: Db) {
  return db
    .selectFrom('missions')
    .innerJoin('editions', 'editions.id', 'missions.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .innerJoin('structures as first_circle', 'first_circle.id', 'missions.first_circle_structure_id')
    .innerJoin('communes', 'communes.code', 'missions.commune_code')
    .select([
      'missions.id',
      'missions.edition_id',
      'missions.host_structure_id',
      'host.name as host_name',
      'missions.first_circle_structure_id',
      'first_circle.name as first_circle_name',
      'missions.title',
      'missions.description',
      'missions.theme',
      'missions.places',
      'missions.starts_on',
      'missions.duration_months',
      'missions.weekly_hours',
      'missions.weekly_hours_derogation',
      'missions.open_to_minors',
      'missions.commune_code',
      'communes.name as commune_name',
      'missions.status',
      'missions.version',
      'missions.created_at',
      'missions.updated_at',
      'missions.published_at',
      'programmes.operator_id',
      // The last day of the mission: the day before the same date `duration` months later.
      sql<string>`((missions.starts_on + make_interval(months => missions.duration_months))::date - 1)::text`.as('ends_on'),
    ]);
}

export type MissionRow = NonNullable<Awaited<ReturnType<typeof findMission>>>;

/**
 * The missions the scope may edit or review: a coordinator's operator's; a structure member's
 * own structure's, as host or as first-circle partner.
 */
function scoped(db: Db, scope: Scope) {
  const query = missionsWithNames(db);
  switch (scope.kind) {
    case 'all':
      return query;
    case 'operator':
      return query.where('programmes.operator_id', '=', scope.operatorId);
    case 'structure':
      return query.where((eb) =>
        eb.or([eb('missions.host_structure_id', '=', scope.structureId), eb('missions.first_circle_structure_id', '=', scope.structureId)]),
      );
    case 'self':
      return query.where(nothing);
  }
}

export async function findMission(db: Db, id: string, scope: Scope | 'public') {
  if (scope === 'public') {
    // Anyone sees what is published or filled; drafts and closed missions stay with their editors.
    return missionsWithNames(db).where('missions.id', '=', id).where('missions.status', 'in', ['published', 'filled']).executeTakeFirst();
  }
  return scoped(db, scope).where('missions.id', '=', id).executeTakeFirst();
}

export interface MissionValues {
  title: string;
  description: string;
  theme: Theme;
  places: number;
  startsOn: string;
  durationMonths: number;
  weeklyHours: number;
  weeklyHoursDerogation: string | null;
  openToMinors: boolean;
  communeCode: string;
  searchText: string;
}

function columns(v: MissionValues) {
  return {
    title: v.title,
    description: v.description,
    theme: v.theme,
    places: v.places,
    starts_on: v.startsOn,
    duration_months: v.durationMonths,
    weekly_hours: v.weeklyHours,
    weekly_hours_derogation: v.weeklyHoursDerogation,
    open_to_minors: v.openToMinors,
    commune_code: v.communeCode,
    search_text: v.searchText,
  };
}

export async function insertMission(
  db: Db,
  values: MissionValues & { editionId: string; hostId: string; firstCircleId: string; createdBy: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('missions')
    .values({
      ...columns(values),
      edition_id: values.editionId,
      host_structure_id: values.hostId,
      first_circle_structure_id: values.firstCircleId,
      created_by: values.createdBy,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Guarded by the version read: false when the mission changed meanwhile. */
export async function updateMission(db: Db, id: string, expectedVersion: number, values: MissionValues & { at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('missions')
    .set({ ...columns(values), updated_at: values.at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Guarded by the status read: false when another request moved the mission first. */
export async function moveMission(db: Db, id: string, from: MissionStatus, to: MissionStatus, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('missions')
    .set({
      status: to,
      updated_at: at,
      version: sql<number>`version + 1`,
      ...(to === 'published' ? { published_at: sql<Date>`coalesce(published_at, ${at})` } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function listEditionMissions(
  db: Db,
  scope: Scope,
  filter: { editionId: string; status?: MissionStatus | undefined; limit: number; after?: Position | undefined },
) {
  let query = scoped(db, scope).select(createdAtText('missions').as('cursor_at')).where('missions.edition_id', '=', filter.editionId);
  if (filter.status) query = query.where('missions.status', '=', filter.status);
  if (filter.after) query = query.where(createdBefore('missions', filter.after));
  return query.orderBy('missions.created_at', 'desc').orderBy('missions.id', 'desc').limit(filter.limit + 1).execute();
}
