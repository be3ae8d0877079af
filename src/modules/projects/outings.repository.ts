import { sql } from 'kysely';
import type { Db, OutingKind, PublicKind, Transport } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** Outings with their venue (name, address, commune) and their project's binôme. */
function outingsWithVenue(db: Db) {
  return db
    .selectFrom('outings')
    .innerJoin('mediation_projects as mp', 'mp.id', 'outings.project_id')
    .innerJoin('structures as venue', 'venue.id', 'outings.venue_structure_id')
    .leftJoin('communes as vc', 'vc.code', 'venue.commune_code')
    .selectAll('outings')
    .select(['mp.binome_id', 'mp.title as project_title', 'mp.status as project_status', 'venue.name as venue_name', 'venue.address as venue_address', 'vc.name as venue_commune', 'vc.postal_codes as venue_postal_codes']);
}

/** An outing the scope sees (as its project), or undefined. */
export function findOuting(db: Db, id: string, scope: Scope) {
  return outingsWithVenue(db).where('outings.id', '=', id).where(visible('outings', scope)).executeTakeFirst();
}

export type OutingRow = NonNullable<Awaited<ReturnType<typeof findOuting>>>;

/** The outing found in the scope, locked for a change. */
export async function lockOuting(db: Db, id: string, scope: Scope) {
  const seen = await db.selectFrom('outings').select('id').where('id', '=', id).where(visible('outings', scope)).forUpdate().executeTakeFirst();
  if (!seen) return undefined;
  return existing(await outingsWithVenue(db).where('outings.id', '=', id).executeTakeFirst(), 'outing', id);
}

export async function loadOuting(db: Db, id: string) {
  return existing(await outingsWithVenue(db).where('outings.id', '=', id).executeTakeFirst(), 'outing', id);
}

export function outingsOfProject(db: Db, projectId: string) {
  return outingsWithVenue(db).where('outings.project_id', '=', projectId).orderBy('outings.starts_at').orderBy('outings.id').execute();
}

export function groupsOf(db: Db, outingIds: readonly string[]) {
  if (outingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outing_groups as g')
    .innerJoin('structures as s', 's.id', 'g.structure_id')
    .select(['g.outing_id', 'g.structure_id', 'g.public_kind', 'g.expected', 'g.walk_ins', 'g.present', 'g.first_time', 's.name'])
    .where('g.outing_id', 'in', outingIds)
    .orderBy('s.name')
    .orderBy('g.public_kind')
    .execute();
}

export function volunteersOf(db: Db, outingIds: readonly string[]) {
  if (outingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outing_volunteers as ov')
    .innerJoin('users as u', 'u.id', 'ov.candidate_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'ov.candidate_id')
    .select(['ov.outing_id', 'ov.candidate_id', 'p.first_name', 'p.last_name', 'u.full_name'])
    .where('ov.outing_id', 'in', outingIds)
    .orderBy('p.first_name')
    .execute();
}

/**
 * Locks the volunteers' rows (users, in id order so that two requests never wait on each other
 * crosswise): while one request checks and writes a volunteer's outings, another for the same
 * volunteer waits, then sees the first one's outing (rule `volunteer-double-booked`).
 */
export async function lockVolunteers(db: Db, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return;
  await db.selectFrom('users').select('id').where('id', 'in', [...candidateIds].sort()).orderBy('id').forUpdate().execute();
}

/** The non-cancelled outings of these volunteers that overlap [startsAt, endsAt), this one aside. */
export function overlappingOutings(db: Db, candidateIds: readonly string[], startsAt: Date, endsAt: Date, exceptOutingId?: string) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('outing_volunteers as ov')
    .innerJoin('outings as o', 'o.id', 'ov.outing_id')
    .select(['ov.candidate_id', 'o.id', 'o.starts_at', 'o.ends_at', 'o.what_title'])
    .where('ov.candidate_id', 'in', candidateIds)
    .where('o.cancelled_at', 'is', null)
    .where('o.starts_at', '<', endsAt)
    .where('o.ends_at', '>', startsAt);
  if (exceptOutingId) query = query.where('o.id', '<>', exceptOutingId);
  return query.orderBy('o.starts_at').execute();
}

export interface OutingValues {
  projectId: string;
  startsAt: Date;
  endsAt: Date;
  venueStructureId: string;
  whatKind: OutingKind;
  whatTitle: string;
  transport: Transport;
  driverName: string | null;
  createdBy: string;
  at: Date;
}

export async function insertOuting(db: Db, v: OutingValues) {
  const row = await db
    .insertInto('outings')
    .values({
      project_id: v.projectId,
      starts_at: v.startsAt,
      ends_at: v.endsAt,
      venue_structure_id: v.venueStructureId,
      what_kind: v.whatKind,
      what_title: v.whatTitle,
      transport: v.transport,
      driver_name: v.driverName,
      created_by: v.createdBy,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertGroups(db: Db, outingId: string, groups: readonly { structureId: string; publicKind: PublicKind; expected: number }[]) {
  if (groups.length === 0) return;
  await db
    .insertInto('outing_groups')
    .values(groups.map((g) => ({ outing_id: outingId, structure_id: g.structureId, public_kind: g.publicKind, expected: g.expected })))
    .execute();
}

export async function insertVolunteers(db: Db, outingId: string, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return;
  await db
    .insertInto('outing_volunteers')
    .values(candidateIds.map((c) => ({ outing_id: outingId, candidate_id: c })))
    .execute();
}

/** One group's attendance (the database checks present ≤ expected + walk-ins, first-timers ≤ present). */
export async function recordGroup(db: Db, outingId: string, g: { structureId: string; publicKind: PublicKind; present: number; firstTime: number; walkIns: number }) {
  await db
    .updateTable('outing_groups')
    .set({ present: g.present, first_time: g.firstTime, walk_ins: g.walkIns })
    .where('outing_id', '=', outingId)
    .where('structure_id', '=', g.structureId)
    .where('public_kind', '=', g.publicKind)
    .execute();
}

export async function recordAttendance(db: Db, id: string, v: { account: string | null; photosUrl: string | null; by: string; at: Date }) {
  await db
    .updateTable('outings')
    .set({ account: v.account, photos_url: v.photosUrl, attendance_recorded_at: v.at, attendance_recorded_by: v.by, updated_at: v.at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function cancelOuting(db: Db, id: string, at: Date) {
  await db.updateTable('outings').set({ cancelled_at: at, updated_at: at, version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

/** A volunteer's upcoming, non-cancelled outings with their venue: their calendar feed. */
export function upcomingOutingsOf(db: Db, candidateId: string, from: Date) {
  return outingsWithVenue(db)
    .innerJoin('outing_volunteers as ov', 'ov.outing_id', 'outings.id')
    .where('ov.candidate_id', '=', candidateId)
    .where('outings.cancelled_at', 'is', null)
    .where('outings.ends_at', '>=', from)
    .where('mp.status', 'in', ['validated', 'running'])
    .orderBy('outings.starts_at')
    .execute();
}
