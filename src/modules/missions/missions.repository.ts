import { sql } from 'kysely';
import type { Db, MissionStatus, Theme } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, existing } from '../../lib/sql.js';
import { publicMission, visible } from '../../lib/visibility.js';

/** The mission's own columns that every view of it shows. */
const missionColumns = [
  'missions.id',
  'missions.edition_id',
  'missions.host_structure_id',
  'missions.first_circle_structure_id',
  'missions.title',
  'missions.description',
  'missions.theme',
  'missions.places',
  'missions.starts_on',
  'missions.duration_months',
  'missions.weekly_hours',
  'missions.days_per_week',
  'missions.weekly_hours_derogation',
  'missions.open_to_minors',
  'missions.commune_code',
  'missions.status',
  'missions.version',
  'missions.created_at',
  'missions.updated_at',
  'missions.published_at',
  'missions.submitted_at',
] as const;

/** The last day of the mission: the day before the same date `duration` months later (`missions` in the FROM). */
export const endsOn = sql<string>`((missions.starts_on + make_interval(months => missions.duration_months))::date - 1)::text`;

function missionsWithNames(db: Db) {
  return db
    .selectFrom('missions')
    .innerJoin('editions', 'editions.id', 'missions.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .innerJoin('structures as first_circle', 'first_circle.id', 'missions.first_circle_structure_id')
    .innerJoin('communes', 'communes.code', 'missions.commune_code')
    .select([
      'host.name as host_name',
      'first_circle.name as first_circle_name',
      ...missionColumns,
      'communes.name as commune_name',
      'programmes.operator_id',
      endsOn.as('ends_on'),
    ]);
}

export type MissionRow = NonNullable<Awaited<ReturnType<typeof findMission>>>;

/** The missions the scope may edit or review (visibility.ts), with their names. */
function scoped(db: Db, scope: Scope) {
  return missionsWithNames(db).where(visible('missions', scope));
}

export async function findMission(db: Db, id: string, scope: Scope | 'public') {
  return (scope === 'public' ? missionsWithNames(db).where(publicMission) : scoped(db, scope)).where('missions.id', '=', id).executeTakeFirst();
}

/** The mission, whoever may see it: for the platform's own reads of a mission it just wrote or locked. */
export async function loadMission(db: Db, id: string): Promise<MissionRow> {
  return existing(await missionsWithNames(db).where('missions.id', '=', id).executeTakeFirst(), 'mission', id);
}

export interface MissionValues {
  title: string;
  description: string;
  theme: Theme;
  places: number;
  startsOn: string;
  durationMonths: number;
  weeklyHours: number;
  daysPerWeek: number;
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
    days_per_week: v.daysPerWeek,
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

/** Marks a draft submitted for publication (once: a second submission changes nothing); true when marked. */
export async function markSubmitted(db: Db, id: string, by: { userId: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('missions')
    .set({ submitted_at: by.at, submitted_by: by.userId, updated_at: by.at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
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

export interface MissionSearch {
  /** Already reduced by `searchKey`; French full text over title and description. */
  text?: string | undefined;
  theme?: Theme | undefined;
  editionId?: string | undefined;
  structureId?: string | undefined;
  commune?: string | undefined;
  epci?: string | undefined;
  near?: readonly [number, number] | undefined;
  radiusKm: number;
  startsAfter?: string | undefined;
  startsBefore?: string | undefined;
  openToMinors?: boolean | undefined;
  sort: 'relevance' | 'startDate' | 'distance';
  limit: number;
  /** The key and id of the last row seen, in the sort's terms. */
  after?: readonly [string, string] | undefined;
}

const EARTH_RADIUS_KM = 6371;
const KM_PER_DEGREE = 111.2;

/**
 * Published missions matching the search. A mission is placed at its host structure when the
 * structure has coordinates, else at its commune's; distances are great-circle (haversine).
 * Sort keys are rounded numerics so that a cursor written as text compares exactly.
 *
 * The same rows and columns as `missionsWithNames`, built for speed: only the tables a filter
 * needs are joined, and the names come from scalar subqueries, which PostgreSQL evaluates for
 * the page's rows only (after the sort and the limit) — a six-table join costs more to plan
 * than a page of this search costs to run. Every filter can start from an index
 * (migrations 2026-11-25T2200 and T2300; bench/missions-search.ts shows the plans).
 */
export async function searchPublishedMissions(db: Db, f: MissionSearch) {
  const tsquery = f.text ? sql`websearch_to_tsquery('french', ${f.text})` : undefined;
  const rank = tsquery ? sql<string>`round(ts_rank(missions.search, ${tsquery})::numeric, 6)` : sql<string>`null::numeric`;
  // With `near`, the missions are read from those within its bounding box (cheap, and read
  // from the indexes on coordinates), each with all its columns and its place: its host's
  // coordinates when the host has some, else its commune's. The exact distance is then
  // computed on these only. The rest of the query is the same either way.
  const inBox = ([latitude, longitude]: readonly [number, number]) => {
    const dLat = f.radiusKm / KM_PER_DEGREE;
    const dLon = f.radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
    const [latMin, latMax, lonMin, lonMax] = [latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon];
    return db
      .selectFrom('structures as s')
      .innerJoin('missions as m', 'm.host_structure_id', 's.id')
      .selectAll('m')
      .select(['s.latitude as place_latitude', 's.longitude as place_longitude'])
      .where((w) => w.and([w.between('s.latitude', latMin, latMax), w.between('s.longitude', lonMin, lonMax)]))
      .unionAll(
        db
          .selectFrom('communes as c')
          .innerJoin('missions as m', 'm.commune_code', 'c.code')
          .innerJoin('structures as s', 's.id', 'm.host_structure_id')
          .selectAll('m')
          .select(['c.latitude as place_latitude', 'c.longitude as place_longitude'])
          .where((w) => w.and([w.between('c.latitude', latMin, latMax), w.between('c.longitude', lonMin, lonMax), w('s.latitude', 'is', null)])),
      )
      .as('missions');
  };
  const distance = f.near
    ? sql<string>`round((2 * ${EARTH_RADIUS_KM} * asin(sqrt(
        power(sin(radians(missions.place_latitude - ${f.near[0]}) / 2), 2) +
        cos(radians(${f.near[0]})) * cos(radians(missions.place_latitude)) * power(sin(radians(missions.place_longitude - ${f.near[1]}) / 2), 2))))::numeric, 3)`
    : sql<string>`null::numeric`;

  const allMissions = db.selectFrom('missions');
  // The missions in the box have every column of the table (and two more, used in `distance`).
  let query = (f.near ? (db.selectFrom(inBox(f.near)) as unknown as typeof allMissions) : allMissions)
    .select((eb) => [
      eb.selectFrom('structures as h').select('h.name').whereRef('h.id', '=', 'missions.host_structure_id').$asScalar().$notNull().as('host_name'),
      eb
        .selectFrom('structures as fc')
        .select('fc.name')
        .whereRef('fc.id', '=', 'missions.first_circle_structure_id')
        .$asScalar()
        .$notNull()
        .as('first_circle_name'),
      ...missionColumns,
      eb.selectFrom('communes as c').select('c.name').whereRef('c.code', '=', 'missions.commune_code').$asScalar().$notNull().as('commune_name'),
      eb
        .selectFrom('editions as e')
        .innerJoin('programmes as p', 'p.id', 'e.programme_id')
        .select('p.operator_id')
        .whereRef('e.id', '=', 'missions.edition_id')
        .$asScalar()
        .$notNull()
        .as('operator_id'),
      endsOn.as('ends_on'),
      rank.as('rank_key'),
      distance.as('distance_km'),
    ])
    .where('missions.status', '=', 'published');
  if (tsquery) query = query.where(sql<boolean>`missions.search @@ ${tsquery}`);
  if (f.theme) query = query.where('missions.theme', '=', f.theme);
  if (f.editionId) query = query.where('missions.edition_id', '=', f.editionId);
  if (f.structureId) {
    const id = f.structureId;
    query = query.where((eb) => eb.or([eb('missions.host_structure_id', '=', id), eb('missions.first_circle_structure_id', '=', id)]));
  }
  if (f.commune) query = query.where('missions.commune_code', '=', f.commune);
  if (f.epci) {
    const epci = f.epci;
    query = query.where('missions.commune_code', 'in', (eb) => eb.selectFrom('communes as ec').select('ec.code').where('ec.epci_code', '=', epci));
  }
  if (f.startsAfter) query = query.where('missions.starts_on', '>=', f.startsAfter);
  if (f.startsBefore) query = query.where('missions.starts_on', '<=', f.startsBefore);
  if (f.openToMinors !== undefined) query = query.where('missions.open_to_minors', '=', f.openToMinors);
  if (f.near) query = query.where(sql<boolean>`${distance} <= ${f.radiusKm}`);

  switch (f.sort) {
    case 'relevance':
      if (f.after) query = query.where(sql<boolean>`(${rank} < ${f.after[0]}::numeric or (${rank} = ${f.after[0]}::numeric and missions.id > ${f.after[1]}::uuid))`);
      // By the selected column, so that the rank is computed once per row.
      query = query.orderBy('rank_key', 'desc').orderBy('missions.id');
      break;
    case 'distance':
      if (f.after) query = query.where(sql<boolean>`(${distance}, missions.id) > (${f.after[0]}::numeric, ${f.after[1]}::uuid)`);
      query = query.orderBy('distance_km').orderBy('missions.id');
      break;
    case 'startDate':
      if (f.after) query = query.where(sql<boolean>`(missions.starts_on, missions.id) > (${f.after[0]}::date, ${f.after[1]}::uuid)`);
      query = query.orderBy('missions.starts_on').orderBy('missions.id');
      break;
  }
  return query.limit(f.limit + 1).execute();
}

/** Missions still open (not closed) of an edition, with their start dates. */
export async function openMissionsOfEdition(db: Db, editionId: string) {
  return db.selectFrom('missions').select(['id', 'starts_on']).where('edition_id', '=', editionId).where('status', '<>', 'closed').execute();
}

/** Whether a structure hosts or partners open missions, or is in a partnership. */
export async function structureInUse(db: Db, structureId: string): Promise<{ missions: boolean; partnerships: boolean }> {
  const mission = await db
    .selectFrom('missions')
    .select('id')
    .where((eb) => eb.or([eb('host_structure_id', '=', structureId), eb('first_circle_structure_id', '=', structureId)]))
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  const partnership = await db
    .selectFrom('partnerships')
    .select('id')
    .where((eb) => eb.or([eb('proximity_structure_id', '=', structureId), eb('first_circle_structure_id', '=', structureId)]))
    .executeTakeFirst();
  return { missions: mission !== undefined, partnerships: partnership !== undefined };
}

/** Open missions of an edition that a partnership's pair hosts. */
export async function pairHasOpenMissions(db: Db, editionId: string, hostId: string, firstCircleId: string): Promise<boolean> {
  const row = await db
    .selectFrom('missions')
    .select('id')
    .where('edition_id', '=', editionId)
    .where('host_structure_id', '=', hostId)
    .where('first_circle_structure_id', '=', firstCircleId)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  return row !== undefined;
}
