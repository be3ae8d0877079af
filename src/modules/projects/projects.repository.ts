import { sql } from 'kysely';
import type { Db, ProjectStatus, PublicKind, VenueRole } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { escapeLike, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** The projects with what their views show of the binôme's mission and edition. */
function projectsWithBinome(db: Db) {
  return db
    .selectFrom('mediation_projects')
    .innerJoin('binomes', 'binomes.id', 'mediation_projects.binome_id')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .innerJoin('editions', 'editions.id', 'mediation_projects.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .selectAll('mediation_projects')
    .select(['binomes.status as binome_status', 'missions.title as mission_title', 'editions.label as edition_label', 'programmes.operator_id']);
}

/** A project the scope sees (visibility.ts), or undefined: someone else's is not found. */
export function findProject(db: Db, id: string, scope: Scope) {
  return projectsWithBinome(db).where('mediation_projects.id', '=', id).where(visible('mediation_projects', scope)).executeTakeFirst();
}

export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

/** The project, found in the scope and locked for a change (its partners and venues are written with it). */
export async function lockProject(db: Db, id: string, scope: Scope) {
  const seen = await db.selectFrom('mediation_projects').select('id').where('id', '=', id).where(visible('mediation_projects', scope)).forNoKeyUpdate().executeTakeFirst();
  if (!seen) return undefined;
  return existing(await projectsWithBinome(db).where('mediation_projects.id', '=', id).executeTakeFirst(), 'project', id);
}

export async function loadProject(db: Db, id: string) {
  return existing(await projectsWithBinome(db).where('mediation_projects.id', '=', id).executeTakeFirst(), 'project', id);
}

export type ProjectSort = 'pending' | 'title' | 'updated';

/** The projects the scope sees, with filters; « à valider » (submitted) first by default. `limit + 1` rows from `offset`. */
export function listProjects(
  db: Db,
  scope: Scope,
  filter: { editionId?: string | undefined; binomeId?: string | undefined; statuses?: readonly ProjectStatus[] | undefined; q?: string | undefined; sort: ProjectSort },
  limit: number,
  offset: number,
) {
  let query = projectsWithBinome(db).where(visible('mediation_projects', scope));
  if (filter.editionId) query = query.where('mediation_projects.edition_id', '=', filter.editionId);
  if (filter.binomeId) query = query.where('mediation_projects.binome_id', '=', filter.binomeId);
  if (filter.statuses?.length) query = query.where('mediation_projects.status', 'in', filter.statuses);
  if (filter.q) query = query.where('mediation_projects.title', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.sort === 'pending') query = query.orderBy(sql`(mediation_projects.status = 'submitted')`, 'desc').orderBy('mediation_projects.updated_at', 'desc');
  else if (filter.sort === 'title') query = query.orderBy(sql`lower(mediation_projects.title)`);
  else query = query.orderBy('mediation_projects.updated_at', 'desc');
  return query.orderBy('mediation_projects.id').limit(limit + 1).offset(offset).execute();
}

/** The binôme's facts a project needs: its status, edition, placement (dates, structures, tutors) and operator. */
export function binomeFacts(db: Db, binomeId: string, scope: Scope) {
  return db
    .selectFrom('binomes')
    .leftJoin('placements', 'placements.binome_id', 'binomes.id')
    .innerJoin('editions', 'editions.id', 'binomes.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .select([
      'binomes.id',
      'binomes.status',
      'binomes.edition_id',
      'programmes.operator_id',
      'missions.title as mission_title',
      'missions.host_structure_id',
      'missions.first_circle_structure_id',
      'placements.starts_on',
      'placements.ends_on',
      'placements.host_tutor_id',
      'placements.operator_tutor_id',
    ])
    .where('binomes.id', '=', binomeId)
    .where(visible('binomes', scope))
    .executeTakeFirst();
}

export type BinomeFacts = NonNullable<Awaited<ReturnType<typeof binomeFacts>>>;

/** The binôme's facts, whoever asks (the project was found in the caller's scope first). */
export async function loadBinomeFacts(db: Db, binomeId: string): Promise<BinomeFacts> {
  return existing(await binomeFacts(db, binomeId, { kind: 'all' }), 'binome', binomeId);
}

/** The binôme's active members, with their names. */
export function activeVolunteers(db: Db, binomeId: string) {
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('users', 'users.id', 'bm.candidate_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'bm.candidate_id')
    .leftJoin('early_ends as ee', (j) => j.onRef('ee.binome_id', '=', 'bm.binome_id').onRef('ee.candidate_id', '=', 'bm.candidate_id'))
    .select(['bm.candidate_id', 'bm.seat', 'p.first_name', 'p.last_name', 'users.full_name', 'ee.ends_on as early_end_on'])
    .where('bm.binome_id', '=', binomeId)
    .where('bm.active', '=', true)
    .orderBy('bm.seat')
    .execute();
}

/** Structures of the operator among `ids`, with their kind. */
export function operatorStructures(db: Db, operatorId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('structures').select(['id', 'kind', 'name']).where('operator_id', '=', operatorId).where('id', 'in', ids).execute();
}

/** The operator's structures of a kind (or all), by name: the choices of the pages. */
export function structuresOfOperator(db: Db, operatorId: string, kind?: 'public_partner') {
  let query = db.selectFrom('structures').select(['id', 'name', 'kind', 'public_types']).where('operator_id', '=', operatorId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('name').execute();
}

export async function insertProject(db: Db, v: { binomeId: string; editionId: string; title: string; aim: string; startsOn: string | null; endsOn: string | null; createdBy: string; at: Date }) {
  const row = await db
    .insertInto('mediation_projects')
    .values({ binome_id: v.binomeId, edition_id: v.editionId, title: v.title, aim: v.aim, starts_on: v.startsOn, ends_on: v.endsOn, created_by: v.createdBy, created_at: v.at, updated_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProject(db: Db, id: string, v: { title?: string | undefined; aim?: string | undefined; startsOn?: string | null | undefined; endsOn?: string | null | undefined; at: Date }) {
  await db
    .updateTable('mediation_projects')
    .set({
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.aim !== undefined ? { aim: v.aim } : {}),
      ...(v.startsOn !== undefined ? { starts_on: v.startsOn } : {}),
      ...(v.endsOn !== undefined ? { ends_on: v.endsOn } : {}),
      updated_at: v.at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export async function replacePartners(db: Db, projectId: string, partners: readonly { structureId: string; publics: readonly PublicKind[] }[]) {
  await db.deleteFrom('project_partners').where('project_id', '=', projectId).execute();
  if (partners.length === 0) return;
  await db
    .insertInto('project_partners')
    .values(partners.map((p) => ({ project_id: projectId, structure_id: p.structureId, publics: [...p.publics] })))
    .execute();
}

export async function replaceVenues(db: Db, projectId: string, venues: readonly { structureId: string; role: VenueRole }[]) {
  await db.deleteFrom('project_venues').where('project_id', '=', projectId).execute();
  if (venues.length === 0) return;
  await db
    .insertInto('project_venues')
    .values(venues.map((v) => ({ project_id: projectId, structure_id: v.structureId, role: v.role })))
    .execute();
}

export function partnersOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_partners as pp')
    .innerJoin('structures as s', 's.id', 'pp.structure_id')
    .select(['pp.project_id', 'pp.structure_id', 'pp.publics', 's.name'])
    .where('pp.project_id', 'in', projectIds)
    .orderBy('s.name')
    .execute();
}

export function venuesOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_venues as pv')
    .innerJoin('structures as s', 's.id', 'pv.structure_id')
    .leftJoin('communes as c', 'c.code', 's.commune_code')
    .select(['pv.project_id', 'pv.structure_id', 'pv.role', 's.name', 's.address', 'c.name as commune_name'])
    .where('pv.project_id', 'in', projectIds)
    .orderBy(sql`case pv.role when 'host' then 0 when 'first_circle' then 1 else 2 end`)
    .orderBy('s.name')
    .execute();
}

export function commentsOf(db: Db, projectId: string) {
  return db
    .selectFrom('project_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'c.author_id')
    .select(['c.id', 'c.body', 'c.created_at', 'c.author_id', 'u.role as author_role', 'u.full_name', 'p.first_name', 'p.last_name'])
    .where('c.project_id', '=', projectId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function insertComment(db: Db, v: { projectId: string; authorId: string; body: string; at: Date }) {
  const row = await db.insertInto('project_comments').values({ project_id: v.projectId, author_id: v.authorId, body: v.body, created_at: v.at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The reason given with the project's last return to draft, for the volunteers. */
export function lastReturn(db: Db, projectId: string) {
  return db
    .selectFrom('status_transitions')
    .select(['reason', 'at'])
    .where('entity', '=', 'project')
    .where('entity_id', '=', projectId)
    .where('transition', '=', 'return')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function touchProject(db: Db, id: string, at: Date) {
  return db.updateTable('mediation_projects').set({ updated_at: at, version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

